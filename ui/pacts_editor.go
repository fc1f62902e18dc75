package ui

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/pacts"
)

// pactEditor shows one pact in tabs, with the lifecycle actions it allows now.
type pactEditor struct {
	page    *pactsPage
	sh      *Shell
	id      string
	d       *pacts.Dossier
	ws      pacts.Workspace
	outer   *fyne.Container
	tabs    *container.AppTabs
	message *widget.Label
	acts    actForm                   // the Files & acts tab's form that adds an act
	actions map[string]*widget.Button // next status → button
	blocked *widget.Label             // why the disabled actions are disabled
	signBtn *widget.Button
	amend   *widget.Button
	printed string // the last agreement saved
	openDir string // the folder of a document saved that no viewer could open ("Open folder")
	// device is this laptop's identity when the editor opened: another one when the
	// pact disappears means the workspace was set aside (vanished)
	device string
	gone   bool // the pact is no longer in the workspace: the list says so
	// adders are the buttons' actions of the forms that add support and indicators, by
	// form (saveAll)
	adders map[string]func()

	// saving names the form whose input a successful update has just written (updateForm;
	// "typed": the overview and every section draft, saveTyped): the rebuilt editor keeps
	// what was typed in every other form.
	saving string
	shown  surroundings // what around() read at the last rebuild

	// overview, and its details as the form was filled in
	base                                                                              pacts.Details
	title, summary, category, start, duration, extension, reportEvery, officer, notes *Entry
	kind, lang                                                                        *Select
	immaterial                                                                        *Check
	// sections: the one shown, its stored text, the text the editor was filled with, and
	// the sections typed in and not saved (kept when the user moves to another section, and
	// through rebuilds), by key
	sectionKey   string
	sectionBase  string
	sectionShown string
	sectionText  *Entry
	sectionList  *widget.List
	insertField  *Select
	drafts       map[string]sectionDraft
	preview      *widget.Label
	// parties
	partyName, partyRep, partyRepRole, partyFiscal, partyAddress *Entry
	partyRole, partyType, partyGender                            *Select
	// assets, support, indicators, reports
	assetRef                                   *Entry
	assetPicker                                *assetPicker
	supportKind                                *Select
	supportDetails, supportValue               *Entry
	indName, indUnit, indTarget                *Entry
	repPeriod, repHours, repResources, repText *Entry
	repValues                                  map[string]*Entry
	forms                                      map[string]*fieldSet // the inline forms, by name (inlineForm)
}

func newPactEditor(page *pactsPage, id string) *pactEditor {
	e := &pactEditor{page: page, sh: page.sh, id: id, outer: container.NewStack(), sectionKey: pacts.SectionKeys[0],
		drafts: map[string]sectionDraft{}, device: page.sh.WS.Identity.Device, adders: map[string]func(){}}
	e.reload()
	return e
}

func (e *pactEditor) db() model.Querier { return e.sh.WS.Store.DB() }

// reload reads the pact again and rebuilds the editor, keeping the open tab.
func (e *pactEditor) reload() {
	d, err := pacts.Load(e.db(), e.id)
	if errs.Is(errs.NotFound, err) {
		// Removed by a sync, or the workspace was set aside: the list says so.
		e.gone = true
		e.page.vanished(e)
		return
	}
	if err != nil {
		e.outer.Objects = []fyne.CanvasObject{widget.NewLabel(errorText(err))}
		e.outer.Refresh()
		return
	}
	e.d = d
	if e.ws, err = pacts.LoadWorkspace(e.db()); err != nil {
		e.sh.ShowError(err)
	}
	e.shown = e.around()
	sel := 0
	var before []*container.TabItem
	if e.tabs != nil {
		sel = e.tabs.SelectedIndex()
		before = e.tabs.Items
	}
	msg, imp := "", widget.DangerImportance
	if e.message != nil {
		msg, imp = e.message.Text, e.message.Importance
	}
	kept := e.typed()
	e.message = wrapped(msg)
	e.message.Importance = imp
	e.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("pact.ui.tab.overview"), e.overviewTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.parties"), e.partiesTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.assets"), e.assetsTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.sections"), e.sectionsTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.support"), e.supportTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.monitoring"), e.monitoringTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.files"), e.filesTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.history"), e.historyTab()),
	)
	e.tabs.SelectIndex(sel)
	e.outer.Objects = []fyne.CanvasObject{container.NewBorder(e.header(), nil, nil, nil, e.tabs)}
	e.outer.Refresh()
	for i, it := range before {
		if i < len(e.tabs.Items) {
			keepScroll(it.Content, e.tabs.Items[i].Content)
		}
	}
	e.retype(kept)
	e.saving = ""
	if e.d.Editable() != nil && e.unsaved() {
		// It can no longer be edited (it moved on, here or on another laptop; the header
		// says why): what was typed stays in sight, in the disabled fields, and the user is
		// told it is not saved.
		e.message.Importance = widget.WarningImportance
		e.message.SetText(i18n.T("pact.ui.unsaved_not_saved"))
	}
}

// keepScroll scrolls the rebuilt tab to where the old one was, so that a rebuild does not
// take the user away from the field they were looking at.
func keepScroll(old, rebuilt fyne.CanvasObject) {
	switch o := old.(type) {
	case *container.Scroll:
		if n, ok := rebuilt.(*container.Scroll); ok {
			n.ScrollToOffset(o.Offset)
		}
	case *container.Split:
		if n, ok := rebuilt.(*container.Split); ok {
			keepScroll(o.Leading, n.Leading)
			keepScroll(o.Trailing, n.Trailing)
		}
	}
}

// sectionDraft is a section's text as typed, and the stored text it began from.
type sectionDraft struct{ base, text string }

// typedInput is what the user has typed into the editor and not saved, besides the section
// drafts: the overview fields they changed, and the forms that add parties, support,
// indicators and reports.
type typedInput struct {
	base, details pacts.Details     // the overview as filled in, and as typed
	forms         map[string]string // formEntries key → text
	choices       map[string]int    // formChoices key → selected index
	// unread are the overview's numbers and dates typed that do not read as one
	// (overviewValues key → text): details keeps the values they began from, and the
	// rebuilt editor shows the text again.
	unread map[string]string
	// focus is the entry the user was typing in (editorEntries key), with its cursor: a
	// sync's rebuild must not take the keyboard away from them.
	focus              string
	cursorRow, cursorC int
}

func (e *pactEditor) typed() typedInput {
	var in typedInput
	if e.tabs == nil {
		return in
	}
	in.base, in.details = e.base, e.details()
	switch e.saving {
	case "section":
		delete(e.drafts, e.sectionKey) // written
	case "typed":
		clear(e.drafts) // all written (saveTyped)
	default:
		e.keepDraft()
	}
	in.forms = map[string]string{}
	for k, en := range e.formEntries() {
		if strings.TrimSpace(en.Text) != "" {
			in.forms[k] = en.Text
		}
	}
	in.choices = map[string]int{}
	for k, sel := range e.formChoices() {
		in.choices[k] = sel.SelectedIndex()
	}
	in.unread = map[string]string{}
	for k, en := range e.overviewValues() {
		if en.Problem() != nil {
			in.unread[k] = en.Text
		}
	}
	if f := e.sh.Window.Canvas().Focused(); f != nil {
		for k, en := range e.editorEntries() {
			if fyne.Focusable(en) == f {
				in.focus, in.cursorRow, in.cursorC = k, en.CursorRow, en.CursorColumn
			}
		}
	}
	return in
}

// editorEntries are all the editor's text entries, by tab/field.
func (e *pactEditor) editorEntries() map[string]*Entry {
	m := e.formEntries()
	for k, en := range map[string]*Entry{"overview/title": e.title, "overview/summary": e.summary, "overview/category": e.category,
		"overview/start": e.start, "overview/duration": e.duration, "overview/extension": e.extension, "overview/report_every": e.reportEvery,
		"overview/officer": e.officer, "overview/notes": e.notes, "section/text": e.sectionText} {
		m[k] = en
	}
	return m
}

// retype puts back, into the rebuilt editor, what was typed and not yet written: a field
// of the overview the user changed keeps their value, any other shows the pact as it is
// now. What was typed keeps the value it began from as its base, so that saving it still
// finds an edit made elsewhere meanwhile and keeps that one as a conflict. The form just
// saved (e.saving) starts afresh. (The sections tab shows its drafts by itself.)
func (e *pactEditor) retype(in typedInput) {
	if in.forms == nil {
		return
	}
	if e.saving != "overview" && e.saving != "typed" && in.details != in.base {
		var shown pacts.Details
		shown, e.base = rebase(in.base, in.details, e.base)
		e.fillOverview(shown)
	}
	entries := e.formEntries()
	for k, text := range in.forms {
		if en, ok := entries[k]; ok && !strings.HasPrefix(k, e.saving+"/") {
			en.SetText(text)
		}
	}
	for k, text := range in.unread {
		if en, ok := e.overviewValues()[k]; ok {
			en.SetText(text)
		}
	}
	for k, sel := range e.formChoices() {
		if i, ok := in.choices[k]; ok && !strings.HasPrefix(k, e.saving+"/") && i != sel.SelectedIndex() {
			sel.SetSelectedIndex(i)
		}
	}
	if en, ok := e.editorEntries()[in.focus]; ok {
		e.sh.Window.Canvas().Focus(en)
		en.CursorRow, en.CursorColumn = in.cursorRow, in.cursorC
		en.Refresh()
	}
}

// formEntries are the entries of the forms that add to the pact, by form/field.
func (e *pactEditor) formEntries() map[string]*Entry {
	m := map[string]*Entry{
		"party/name": e.partyName, "party/rep": e.partyRep, "party/rep_role": e.partyRepRole, "party/fiscal": e.partyFiscal,
		"party/address": e.partyAddress, "asset/ref": e.assetRef, "support/details": e.supportDetails, "support/value": e.supportValue,
		"indicator/name": e.indName, "indicator/unit": e.indUnit, "indicator/target": e.indTarget,
		"report/period": e.repPeriod, "report/hours": e.repHours, "report/resources": e.repResources, "report/text": e.repText,
	}
	for id, en := range e.repValues {
		m["report/value/"+id] = en
	}
	return m
}

// formChoices are the drop-downs of the forms that add to the pact, by form/field.
func (e *pactEditor) formChoices() map[string]*Select {
	return map[string]*Select{"party/role": e.partyRole, "party/type": e.partyType, "party/gender": e.partyGender, "support/kind": e.supportKind}
}

// changedElsewhere follows a change made outside this editor (a sync, another screen). A
// change that touches nothing the editor shows (another pact, an asset not linked) leaves it
// alone, scroll position and all. Otherwise the editor is rebuilt with it, keeping what its
// user has typed and not saved, and says so. Saving that input writes what the user changed
// over the stored pact (pacts.EditDetails, pacts.EditSection).
func (e *pactEditor) changedElsewhere() {
	if d, err := pacts.Load(e.db(), e.id); err == nil && e.d != nil && reflect.DeepEqual(d, e.d) && reflect.DeepEqual(e.around(), e.shown) {
		return
	}
	unsaved := e.tabs != nil && e.unsaved()
	e.reload()
	if unsaved && e.d.Editable() == nil {
		e.message.Importance = widget.WarningImportance
		e.message.SetText(i18n.T("pact.ui.changed_elsewhere"))
	}
}

// surroundings is what the editor shows from outside the pact's own rows: the workspace's
// name and legal basis, the deadlines, the templates of the pact's language (the premises
// until the pact has its own), the files attached to its reports, and the other pacts
// that hold its reference.
type surroundings struct {
	ws          pacts.Workspace
	deadlines   pacts.Deadlines
	templates   []model.PactTemplate
	attachments map[string][]model.Attachment
	ref         model.RefCheck
}

func (e *pactEditor) around() surroundings {
	var s surroundings
	s.ws, _ = pacts.LoadWorkspace(e.db())
	s.deadlines, _ = pacts.LoadDeadlines(e.db())
	s.templates, _ = pacts.PactTemplates(e.db(), e.d.Pact.Lang)
	s.attachments = map[string][]model.Attachment{}
	for _, r := range e.d.Reports {
		s.attachments[r.ID], _ = pacts.ReportAttachments(e.db(), r.ID)
	}
	s.ref, _ = pacts.CheckRef(e.db(), e.id)
	return s
}

// unsaved reports whether any input of the editor differs from what it was filled with.
func (e *pactEditor) unsaved() bool {
	in := e.typed()
	return e.edited(in) || len(in.forms) > 0
}

// edited reports whether the overview (as in holds it) or a section holds typing not saved
// yet.
func (e *pactEditor) edited(in typedInput) bool {
	return in.details != in.base || len(e.drafts) > 0 || len(in.unread) > 0
}

// fail shows an error under the header, in the user's language (reportError).
func (e *pactEditor) fail(err error) bool {
	e.openDir = ""
	if err == nil {
		e.message.SetText("")
		return false
	}
	e.message.Importance = widget.DangerImportance
	e.message.SetText(e.errorSentence(err))
	return true
}

// updateForm is update for the input of one form (see saving).
func (e *pactEditor) updateForm(form string, f func(tx *model.Tx) error) bool {
	e.saving = form
	defer func() { e.saving = "" }()
	if e.forms[form] == nil {
		return e.update(f)
	}
	if e.failForm(form, e.sh.WS.Store.Update(e.sh.Ctx, f)) {
		return false
	}
	e.reload()
	e.page.Reload()
	return true
}

// write is update for a dialog: a refusal is returned, for the dialog to show under its
// fields, and the editor says nothing of it.
func (e *pactEditor) write(f func(tx *model.Tx) error) error {
	if err := e.sh.WS.Store.Update(e.sh.Ctx, f); err != nil {
		return err
	}
	e.fail(nil)
	e.reload()
	e.page.Reload()
	return nil
}

// update runs a change and reloads; it reports whether the change was made.
func (e *pactEditor) update(f func(tx *model.Tx) error) bool {
	err := e.sh.WS.Store.Update(e.sh.Ctx, f)
	if e.fail(err) {
		return false
	}
	e.reload()
	e.page.Reload() // the list; the editor, rebuilt already, finds nothing changed
	return true
}

func (e *pactEditor) by() pacts.By { return pacts.By{Actor: app.Actor(e.sh.WS), Now: e.page.today()} }

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
		container.NewBorder(nil, nil, nil, notice, state)}
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
	e.message.SetText(i18n.T("pact.ui.ref.renumbered", map[string]any{"Ref": ref, "New": after.Ref}))
	return true
}

// pendingEdits reports whether the overview or a section holds typing not saved yet, in a
// pact that can still be edited.
func (e *pactEditor) pendingEdits() bool {
	return e.d.Editable() == nil && e.edited(e.typed())
}

// beforeMove runs next (a new status, a signature, a print) after offering to save what was
// typed in the overview and the sections and not saved: the agreement signed or printed
// must not lack what the screen shows without the user knowing.
func (e *pactEditor) beforeMove(next func()) {
	if !e.pendingEdits() {
		next()
		return
	}
	askSaveFirst(e.sh.Window, i18n.T("pact.ui.unsaved.title"), i18n.T("pact.ui.unsaved.text"), i18n.T("pact.ui.unsaved.save"),
		i18n.T("pact.ui.unsaved.discard"), func() {
			if e.saveTyped() {
				next()
			}
		}, next)
}

// saveTyped writes, in one change, the overview as typed and every section draft.
func (e *pactEditor) saveTyped() bool {
	if e.failBoth("overview", e.checkOverview()) {
		return false
	}
	base, x := e.base, e.details()
	drafts := make(map[string]sectionDraft, len(e.drafts))
	for k, v := range e.drafts {
		drafts[k] = v
	}
	return e.updateForm("typed", func(tx *model.Tx) error {
		if x != base {
			if err := pacts.EditDetails(tx, e.id, base, x); err != nil {
				return err
			}
		}
		for key, d := range drafts {
			if err := pacts.EditSection(tx, e.id, key, d.base, d.text); err != nil {
				return err
			}
		}
		return nil
	})
}

// endingMoves are the moves that end a pact or turn it down: their button is red.
var endingMoves = map[string]bool{pacts.Rejected: true, pacts.Withdrawn: true, pacts.Terminated: true, pacts.Revoked: true}

// askTransition asks before moving the pact to status to, saying what the move does and
// that it is recorded with the user's name; when the parties must be told why, the same
// dialog asks for the reason (and keeps it, with the message, when the move is refused).
func (e *pactEditor) askTransition(to string) dialog.Dialog {
	p := e.d.Pact
	data := map[string]any{"Ref": p.Ref, "Title": p.Title, "Actor": app.Actor(e.sh.WS)}
	text := i18n.T("pact.ui.move."+to, data) + " " + i18n.T("pact.ui.move.recorded", data)
	title := i18n.T("pact.ui.move.title", map[string]any{"Ref": p.Ref, "Status": i18n.T("pact.status." + to)})
	button := i18n.T("pact.ui.move." + to + ".button")
	if !pacts.NeedsReason(to) {
		return confirmAction(e.sh.Window, title, text, button, endingMoves[to], func() { e.transition(to, "") })
	}
	d := askText(e.sh, title, text, i18n.T("pact.ui.reason"), button, "", []string{"pact.refuse.reason"}, func(why string) error {
		return e.write(func(tx *model.Tx) error { return pacts.TransitionTx(tx, e.id, to, why, e.by()) })
	})
	if endingMoves[to] {
		d.confirm.Importance = widget.DangerImportance
		d.confirm.Refresh()
	}
	return d.dlg
}

func (e *pactEditor) transition(to, why string) bool {
	return e.update(func(tx *model.Tx) error { return pacts.TransitionTx(tx, e.id, to, why, e.by()) })
}

// askSign asks for a party's signature of the current version, saying what it does; a
// refusal keeps the dialog open with what was typed, the message under the field at fault.
func (e *pactEditor) askSign() *formDialog {
	un := e.d.Unsigned()
	names := make([]string, len(un))
	for i, x := range un {
		names[i] = x.Name
	}
	party := newSelect(names, nil)
	if len(names) > 0 {
		party.SetSelectedIndex(0)
	}
	signer := newEntry()
	date := newDateEntry("pact.ui.field.date")
	date.SetText(pacts.Day(e.page.today()))
	method := newSelect(translated("pact.sign_method.", pacts.SignMethods), nil)
	method.SetSelectedIndex(0)
	fields := []*formField{
		newField(i18n.T("pact.ui.field.party"), party, "pact.refuse.already_signed", "pact.error.no_party", "pact.error.party_not_found"),
		newField(i18n.T("pact.ui.field.signer"), signer, "pact.refuse.no_signer"),
		newField(i18n.T("pact.ui.field.date"), date, "pact.error.not_a_date", "form.error.date", "pact.ui.field.date"),
		newField(i18n.T("pact.ui.field.method"), method, "pact.error.sign_method_unknown"),
	}
	fields[2].hint = i18n.T("date.input_formats")
	d := newFormDialog(e.sh, i18n.T("pact.ui.sign.button"), i18n.T("pact.ui.sign.button"), e.signConsequence(), fields, func() error {
		day, ok := date.Date()
		if !ok {
			day = date.Text // the rules refuse it, with whatever else they refuse
		}
		s := pacts.Signature{Party: party.Selected, Signer: signer.Text, Date: day, Method: keyAt(pacts.SignMethods, method.SelectedIndex())}
		return e.write(func(tx *model.Tx) error { _, err := pacts.Sign(tx, e.id, s, e.by()); return err })
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// signConsequence says what recording a signature does to the pact: the first freezes
// the version's text, the last makes an approved pact signed.
func (e *pactEditor) signConsequence() string {
	p := e.d.Pact
	data := map[string]any{"Ref": p.Ref, "Version": p.Version}
	var parts []string
	if _, frozen := e.d.FrozenVersion(); !frozen {
		parts = append(parts, i18n.T("pact.ui.sign.freezes", data))
	}
	if p.Status == pacts.Approved && len(e.d.Unsigned()) == 1 {
		parts = append(parts, i18n.T("pact.ui.sign.last", data))
	}
	return strings.Join(append(parts, i18n.T("pact.ui.sign.recorded", data)), " ")
}

func (e *pactEditor) sign(party, signer, date, method string) bool {
	return e.update(func(tx *model.Tx) error {
		_, err := pacts.Sign(tx, e.id, pacts.Signature{Party: party, Signer: signer, Date: date, Method: method}, e.by())
		return err
	})
}

// askAmend asks for what an amendment changes, saying what opening it does.
func (e *pactEditor) askAmend() *formDialog {
	p := e.d.Pact
	intro := i18n.T("pact.ui.amend.intro", map[string]any{"Ref": p.Ref, "Version": p.Version, "Next": p.Version + 1})
	return askText(e.sh, i18n.T("pact.ui.amend"), intro, i18n.T("pact.ui.amend_note"), i18n.T("pact.ui.amend.button"), "",
		[]string{"pact.refuse.amend_note"}, func(note string) error {
			return e.write(func(tx *model.Tx) error { _, err := pacts.Amend(tx, e.id, note, e.by()); return err })
		})
}

// printAgreement saves the agreement PDF in the workspace's documents folder and opens it
// with the system viewer.
func (e *pactEditor) printAgreement() error {
	b, err := pacts.AgreementPDF(e.db(), e.d, "", e.page.today())
	if err != nil {
		return err
	}
	return e.saveAndOpen(fmt.Sprintf("%s-v%d.pdf", e.d.Pact.Ref, e.d.Pact.Version), b)
}

func (e *pactEditor) saveAndOpen(name string, b []byte) error {
	dir := filepath.Join(e.sh.WS.Home, "documents")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err)
	}
	e.printed = path
	// Saved: that is what the message says, in the normal colour. A laptop without a PDF
	// viewer (no xdg-open) gets a button that opens the folder instead; the log says why.
	had := e.openDir
	e.fail(nil)
	if err := openURL(e.sh.App, fileURL(path)); err != nil {
		e.sh.WS.Log.Warn("open with the system viewer", "file", path, "err", err)
		e.openDir = dir
	}
	e.message.Importance = widget.MediumImportance
	e.message.SetText(i18n.T("pact.ui.saved_to", map[string]any{"Path": path}))
	if e.openDir != had {
		e.reload() // the header shows "Open folder", or no longer does
	}
	return nil
}

// openURL opens u with the system's viewer (tests stand in for it).
var openURL = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// fileURL is the file: URL of a path.
func fileURL(path string) *url.URL {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	}
	return u
}

// openFolder opens the folder of a saved document in the file manager; when that fails
// too, it says where the folder is.
func (e *pactEditor) openFolder(dir string) {
	if err := openURL(e.sh.App, fileURL(dir)); err != nil {
		e.sh.WS.Log.Warn("open the folder", "dir", dir, "err", err)
		e.message.Importance = widget.MediumImportance
		e.message.SetText(i18n.T("pact.ui.folder_not_opened", map[string]any{"Dir": dir}))
	}
}

// unsavedText says what the editor holds typed and not saved, "" when nothing (or when
// the pact can no longer be edited: the header says what was not saved).
func (e *pactEditor) unsavedText() string {
	if e.d == nil || e.gone || e.d.Editable() != nil || !e.unsaved() {
		return ""
	}
	return i18n.T("pact.ui.unsaved.leave", map[string]any{"Ref": e.d.Pact.Ref, "Title": e.d.Pact.Title})
}

// leave returns to the list ("← Pacts"), asking first what to do with what was typed and
// not saved.
func (e *pactEditor) leave() {
	if text := e.unsavedText(); text != "" {
		askUnsaved(e.sh.Window, text, e.saveAll, func() {}, e.page.back)
		return
	}
	e.page.back()
}

// saveAll writes everything typed and not saved: the overview and the sections, then each
// form that adds to the pact and holds typing. It stops at the first refusal, which the
// editor shows; what was not written stays typed.
func (e *pactEditor) saveAll() bool {
	if e.edited(e.typed()) && !e.saveTyped() {
		return false
	}
	for _, f := range []struct {
		form string
		save func() bool
	}{{"party", e.addParty}, {"asset", e.linkAsset}, {"support", e.tapAdder("support")}, {"indicator", e.tapAdder("indicator")},
		{"report", e.fileReport}} {
		if e.holdsTyping(f.form) && !f.save() {
			return false
		}
	}
	return true
}

// holdsTyping reports whether the form that adds to the pact holds typing.
func (e *pactEditor) holdsTyping(form string) bool {
	for k := range e.typed().forms {
		if strings.HasPrefix(k, form+"/") {
			return true
		}
	}
	return false
}

// tapAdder is the action of a form's add button as saveAll runs it: it reports whether
// the form was written (it starts afresh then; a refusal leaves it typed).
func (e *pactEditor) tapAdder(form string) func() bool {
	return func() bool {
		if f := e.adders[form]; f != nil {
			f()
		}
		return !e.holdsTyping(form)
	}
}
