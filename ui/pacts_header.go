package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func (e *pactEditor) header() fyne.CanvasObject {
	p := e.d.Pact
	back := widget.NewButtonWithIcon(i18n.T("pact.ui.back"), theme.NavigateBackIcon(), e.leave)
	title := widget.NewLabelWithStyle(p.Ref+" — "+p.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	info := i18n.T("pact.ui.header", map[string]any{"Status": i18n.T("pact.status." + p.Status), "Kind": i18n.T("pact.kind." + p.Kind), "Version": p.Version})
	state := widget.NewLabel(info)

	dl, _ := pacts.LoadDeadlines(e.db())
	allowed := pacts.Allowed(e.d, dl, e.page.today())
	e.actions = map[string]*widget.Button{}
	var buttons []fyne.CanvasObject
	var why []string
	for _, to := range pacts.Next(p.Status) {
		to := to
		b := widget.NewButtonWithIcon(i18n.T("pact.status."+to), theme.NavigateNextIcon(), func() { e.beforeMove(func() { e.askTransition(to) }) })
		if rs := allowed[to]; len(rs) > 0 {
			b.Disable()
			parts := make([]string, len(rs))
			for i, r := range rs {
				parts[i] = r.Text(i18n.Current())
			}
			why = append(why, i18n.T("pact.status."+to)+": "+strings.Join(parts, "; "))
		}
		e.actions[to] = b
		buttons = append(buttons, b)
	}
	e.signBtn = widget.NewButtonWithIcon(i18n.T("pact.ui.sign"), theme.ConfirmIcon(), func() { e.beforeMove(func() { e.askSign() }) })
	if !e.d.CanSign() {
		e.signBtn.Disable()
	}
	e.amend = widget.NewButton(i18n.T("pact.ui.amend"), func() { e.askAmend() })
	if !e.d.CanAmend() {
		e.amend.Disable()
	}
	print := widget.NewButtonWithIcon(i18n.T("pact.ui.print"), theme.DocumentPrintIcon(), func() {
		e.beforeMove(func() {
			if err := e.printAgreement(); err != nil {
				e.fail(err)
			}
		})
	})
	notice := widget.NewButtonWithIcon(i18n.T("pact.notice.button"), theme.MailSendIcon(), func() { e.beforeMove(func() { e.askNotice() }) })
	langs := widget.NewButtonWithIcon(i18n.T("pact.ui.print_langs"), theme.DocumentPrintIcon(), func() { e.beforeMove(func() { e.askBilingual() }) })
	e.blocked = wrapped("")
	setLine(e.blocked, strings.Join(why, "\n")) // an empty line takes room at 700 pixels high
	e.blocked.Importance = widget.LowImportance
	var frozen fyne.CanvasObject = container.NewWithoutLayout()
	if r := e.d.Editable(); r != nil {
		l := wrapped(r.Localized(i18n.Current()))
		l.Importance = widget.WarningImportance
		frozen = l
	}
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, back, container.NewHBox(e.signBtn, e.amend, print), title),
		container.NewBorder(nil, nil, nil, container.NewHBox(langs, notice), state)}
	if w := e.refWarning(); w != nil {
		rows = append(rows, w)
	}
	var message fyne.CanvasObject = e.message
	if e.openDir != "" {
		dir := e.openDir
		open := widget.NewButtonWithIcon(i18n.T("action.open_folder"), theme.FolderOpenIcon(), func() { e.openFolder(dir) })
		message = container.NewBorder(nil, nil, nil, container.NewVBox(open), e.message)
	}
	return container.NewVBox(append(rows, container.NewHScroll(container.NewHBox(buttons...)), e.blocked, frozen, message)...)
}

// refWarning is the header's line about a reference another pact holds too (two laptops
// gave out the same number offline), with the button that gives this one a new number;
// nil when no other pact holds it.
func (e *pactEditor) refWarning() fyne.CanvasObject {
	c, err := pacts.CheckRef(e.db(), e.id)
	if err != nil || !c.Duplicate() {
		return nil
	}
	others := holderNames(c.Others, func(s string) string { return i18n.T("pact.status." + s) })
	t := refText{
		warning: i18n.N("pact.ui.ref.duplicate", len(c.Others), map[string]any{"Ref": c.Ref, "Others": others}),
		keeps:   i18n.T("pact.ui.ref.keeps_signed", map[string]any{"Ref": c.Ref}),
	}
	return refWarning(c, t, i18n.T("pact.ui.ref.renumber"), func() {
		text := i18n.N("pact.ui.ref.renumber.confirm", len(c.Others), map[string]any{"Ref": c.Ref, "Title": e.d.Pact.Title, "Others": others})
		confirmRenumber(e.sh.Window, i18n.T("pact.ui.ref.renumber.title", map[string]any{"Ref": c.Ref}), text,
			i18n.T("pact.ui.ref.renumber"), i18n.T("action.cancel"), func() { e.renumber(c.Ref) })
	})
}

// renumber gives the pact the next free number of its year; the others keep ref.
func (e *pactEditor) renumber(ref string) bool {
	var after model.Pact
	err := e.sh.WS.Store.Update(e.sh.Ctx, func(tx *model.Tx) error {
		var err error
		after, err = pacts.RenumberTx(tx, ref, e.id, e.page.today())
		return err
	})
	if key := renumberRefused(err, "pact.ui.ref.not_duplicated", "pact.ui.ref.keeps_signed"); key != "" {
		err = errors.New(i18n.T(key, map[string]any{"Ref": ref}))
	}
	if e.fail(err) {
		e.reload()
		return false
	}
	e.reload()
	e.page.Reload()
	e.message.Importance = widget.MediumImportance
	setLine(e.message, i18n.T("pact.ui.ref.renumbered", map[string]any{"Ref": ref, "New": after.Ref}))
	return true
}
