package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	partyKnown                                                   *suggestions // the known parties offered as a name is typed
	partyRole, partyType, partyGender                            *Select
	partyBase                                                    *model.PactParty // the party being edited in the form; nil: a new one
	partyAdd, partyCancel                                        *Button
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
	e.message = wrapped("")
	e.message.Importance = imp
	setLine(e.message, msg) // hidden while empty: no blank band above the tabs
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
		setLine(e.message, i18n.T("pact.ui.unsaved_not_saved"))
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
	case *fyne.Container: // a tab with a bar beside its scrolled part
		if n, ok := rebuilt.(*fyne.Container); ok && len(n.Objects) == len(o.Objects) {
			for i := range o.Objects {
				keepScroll(o.Objects[i], n.Objects[i])
			}
		}
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

// fail shows an error under the header, in the user's language (reportError).
func (e *pactEditor) fail(err error) bool {
	e.openDir = ""
	if err == nil {
		setLine(e.message, "")
		return false
	}
	e.message.Importance = widget.DangerImportance
	setLine(e.message, e.errorSentence(err))
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

// openURL opens u with the system's viewer (tests stand in for it).
var openURL = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// leave returns to the list ("← Pacts"), asking first what to do with what was typed and
// not saved.
func (e *pactEditor) leave() {
	if text := e.unsavedText(); text != "" {
		askUnsaved(e.sh.Window, text, e.saveAll, func() {}, e.page.back)
		return
	}
	e.page.back()
}
