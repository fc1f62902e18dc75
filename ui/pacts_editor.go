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
	actions map[string]*widget.Button // next status → button
	blocked *widget.Label             // why the disabled actions are disabled
	signBtn *widget.Button
	amend   *widget.Button
	printed string // the last agreement saved

	// saving names the form whose input a successful update has just written (updateForm;
	// "typed": the overview and every section draft, saveTyped): the rebuilt editor keeps
	// what was typed in every other form.
	saving string
	shown  surroundings // what around() read at the last rebuild

	// overview, and its details as the form was filled in
	base                                                                              pacts.Details
	title, summary, category, start, duration, extension, reportEvery, officer, notes *widget.Entry
	kind, lang                                                                        *widget.Select
	immaterial                                                                        *widget.Check
	// sections: the one shown, its stored text, the text the editor was filled with, and
	// the sections typed in and not saved (kept when the user moves to another section, and
	// through rebuilds), by key
	sectionKey   string
	sectionBase  string
	sectionShown string
	sectionText  *widget.Entry
	sectionList  *widget.List
	drafts       map[string]sectionDraft
	preview      *widget.Label
	// parties
	partyName, partyRep, partyRepRole, partyFiscal, partyAddress *widget.Entry
	partyRole, partyType                                         *widget.Select
	// assets, support, indicators, reports
	assetRef                                   *widget.Entry
	supportKind                                *widget.Select
	supportDetails, supportValue               *widget.Entry
	indName, indUnit, indTarget                *widget.Entry
	repPeriod, repHours, repResources, repText *widget.Entry
	repValues                                  map[string]*widget.Entry
}

func newPactEditor(page *pactsPage, id string) *pactEditor {
	e := &pactEditor{page: page, sh: page.sh, id: id, outer: container.NewStack(), sectionKey: pacts.SectionKeys[0],
		drafts: map[string]sectionDraft{}}
	e.reload()
	return e
}

func (e *pactEditor) db() model.Querier { return e.sh.WS.Store.DB() }

// reload reads the pact again and rebuilds the editor, keeping the open tab.
func (e *pactEditor) reload() {
	d, err := pacts.Load(e.db(), e.id)
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
	msg := ""
	if e.message != nil {
		msg = e.message.Text
	}
	kept := e.typed()
	e.message = wrapped(msg)
	e.message.Importance = widget.DangerImportance
	e.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("pact.ui.tab.overview"), e.overviewTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.parties"), e.partiesTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.assets"), e.assetsTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.sections"), e.sectionsTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.support"), e.supportTab()),
		container.NewTabItem(i18n.T("pact.ui.tab.monitoring"), e.monitoringTab()),
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
func (e *pactEditor) editorEntries() map[string]*widget.Entry {
	m := e.formEntries()
	for k, en := range map[string]*widget.Entry{"overview/title": e.title, "overview/summary": e.summary, "overview/category": e.category,
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
func (e *pactEditor) formEntries() map[string]*widget.Entry {
	m := map[string]*widget.Entry{
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
func (e *pactEditor) formChoices() map[string]*widget.Select {
	return map[string]*widget.Select{"party/role": e.partyRole, "party/type": e.partyType, "support/kind": e.supportKind}
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
	return in.details != in.base || len(e.drafts) > 0
}

// fail shows an error under the header, in the user's language (reportError).
func (e *pactEditor) fail(err error) bool {
	if err == nil {
		e.message.SetText("")
		return false
	}
	e.message.Importance = widget.DangerImportance
	var amb *model.AmbiguousRefError
	if errors.As(err, &amb) { // an asset's number that two laptops gave out
		e.message.SetText(i18n.T("pact.ui.asset_ref_ambiguous", map[string]any{"Ref": amb.Ref, "Count": len(amb.Holders),
			"Others": holderNames(amb.Holders, func(d string) string { return d })}))
	} else {
		e.message.SetText(e.sh.reportError(err))
	}
	return true
}

// updateForm is update for the input of one form (see saving).
func (e *pactEditor) updateForm(form string, f func(tx *model.Tx) error) bool {
	e.saving = form
	defer func() { e.saving = "" }()
	return e.update(f)
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
	back := widget.NewButtonWithIcon(i18n.T("pact.ui.back"), theme.NavigateBackIcon(), e.page.back)
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
	e.signBtn = widget.NewButtonWithIcon(i18n.T("pact.ui.sign"), theme.ConfirmIcon(), func() { e.beforeMove(e.askSign) })
	if !e.d.CanSign() {
		e.signBtn.Disable()
	}
	e.amend = widget.NewButton(i18n.T("pact.ui.amend"), e.askAmend)
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
	e.blocked = wrapped(strings.Join(why, "\n"))
	e.blocked.Importance = widget.LowImportance
	var frozen fyne.CanvasObject = widget.NewLabel("")
	if r := e.d.Editable(); r != nil {
		l := wrapped(r.Localized(i18n.Current()))
		l.Importance = widget.WarningImportance
		frozen = l
	}
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, back, container.NewHBox(e.signBtn, e.amend, print), title), state}
	if w := e.refWarning(); w != nil {
		rows = append(rows, w)
	}
	return container.NewVBox(append(rows, container.NewHScroll(container.NewHBox(buttons...)), e.blocked, frozen, e.message)...)
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
	e.message.Importance = widget.SuccessImportance
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
	var d *dialog.CustomDialog
	save := widget.NewButton(i18n.T("pact.ui.unsaved.save"), func() {
		d.Hide()
		if e.saveTyped() {
			next()
		}
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton(i18n.T("pact.ui.unsaved.discard"), func() { d.Hide(); next() })
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(i18n.T("pact.ui.unsaved.title"), wrapped(i18n.T("pact.ui.unsaved.text")), e.sh.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

// saveTyped writes, in one change, the overview as typed and every section draft.
func (e *pactEditor) saveTyped() bool {
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

// askTransition moves the pact, asking for the reason when the parties must be told one.
func (e *pactEditor) askTransition(to string) {
	if !pacts.NeedsReason(to) {
		e.transition(to, "")
		return
	}
	askText(e.sh.Window, i18n.T("pact.status."+to), i18n.T("pact.ui.reason"), i18n.T("action.save"), "",
		func(why string) { e.transition(to, why) })
}

func (e *pactEditor) transition(to, why string) bool {
	return e.update(func(tx *model.Tx) error { return pacts.TransitionTx(tx, e.id, to, why, e.by()) })
}

func (e *pactEditor) askSign() {
	un := e.d.Unsigned()
	names := make([]string, len(un))
	for i, x := range un {
		names[i] = x.Name
	}
	party := widget.NewSelect(names, nil)
	if len(names) > 0 {
		party.SetSelectedIndex(0)
	}
	signer := widget.NewEntry()
	date := widget.NewEntry()
	date.SetText(pacts.Day(e.page.today()))
	method := widget.NewSelect(translated("pact.sign_method.", pacts.SignMethods), nil)
	method.SetSelectedIndex(0)
	dialog.ShowForm(i18n.T("pact.ui.sign"), i18n.T("pact.ui.sign"), i18n.T("action.cancel"), []*widget.FormItem{
		{Text: i18n.T("pact.ui.field.party"), Widget: party},
		{Text: i18n.T("pact.ui.field.signer"), Widget: signer},
		{Text: i18n.T("pact.ui.field.date"), Widget: date, HintText: "YYYY-MM-DD"},
		{Text: i18n.T("pact.ui.field.method"), Widget: method},
	}, func(ok bool) {
		if ok {
			e.sign(party.Selected, signer.Text, date.Text, keyAt(pacts.SignMethods, method.SelectedIndex()))
		}
	}, e.sh.Window)
}

func (e *pactEditor) sign(party, signer, date, method string) bool {
	return e.update(func(tx *model.Tx) error {
		_, err := pacts.Sign(tx, e.id, pacts.Signature{Party: party, Signer: signer, Date: date, Method: method}, e.by())
		return err
	})
}

func (e *pactEditor) askAmend() {
	askText(e.sh.Window, i18n.T("pact.ui.amend"), i18n.T("pact.ui.amend_note"), i18n.T("action.save"), "", func(note string) {
		e.update(func(tx *model.Tx) error { _, err := pacts.Amend(tx, e.id, note, e.by()); return err })
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
		return fmt.Errorf("save %s: %w", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	e.printed = path
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	if err := e.sh.App.OpenURL(u); err != nil {
		e.sh.WS.Log.Error("open with the system viewer", "file", path, "err", err)
		return fmt.Errorf("%s was saved but could not be opened (%v); open it from the folder", path, err)
	}
	e.message.Importance = widget.SuccessImportance
	e.message.SetText(i18n.T("pact.ui.saved_to", map[string]any{"Path": path}))
	return nil
}
