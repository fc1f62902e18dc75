package ui

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

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
		setLine(e.message, i18n.T("pact.ui.changed_elsewhere"))
	}
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

// pendingEdits reports whether the overview or a section holds typing not saved yet, in a
// pact that can still be edited.
func (e *pactEditor) pendingEdits() bool {
	return e.d.Editable() == nil && e.edited(e.typed())
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
	// The sections first: their drafts began from the texts as they were, which another
	// language changes (pacts.SetLang); a text typed in the pact's former language is then
	// marked to translate, not kept as a conflict with the new template. (From a helper's
	// branch, lang5.)
	return e.updateForm("typed", func(tx *model.Tx) error {
		for key, d := range drafts {
			if err := pacts.EditSection(tx, e.id, key, d.base, d.text); err != nil {
				return err
			}
		}
		if x != base {
			return pacts.EditDetails(tx, e.id, base, x)
		}
		return nil
	})
}

// unsavedText says what the editor holds typed and not saved, "" when nothing (or when
// the pact can no longer be edited: the header says what was not saved).
func (e *pactEditor) unsavedText() string {
	if e.d == nil || e.gone || e.d.Editable() != nil || !e.unsaved() {
		return ""
	}
	return i18n.T("pact.ui.unsaved.leave", map[string]any{"Ref": e.d.Pact.Ref, "Title": e.d.Pact.Title})
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
