package ui

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

func TestPactsListShowsSampleAndFilters(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	require.GreaterOrEqual(t, len(p.items), 5)
	require.True(t, hasText(sh.Window.Content(), "New pact"))

	// The overdue answer of the sample pact in review is shown in red.
	var overdue bool
	for _, it := range p.items {
		if it.Status == pacts.InReview {
			text, imp := p.cell(it, slices.IndexFunc(pactColumns, func(c pactColumn) bool { return c.key == "pact.ui.col.due" }))
			require.Contains(t, text, "overdue")
			overdue = imp == widget.DangerImportance
		}
	}
	require.True(t, overdue, "an overdue date stands out")

	p.status.SetSelected("Active")
	require.Len(t, p.items, 1)
	require.Equal(t, "Care of the fountain square", p.items[0].Title)
	p.status.SetSelectedIndex(0)
	test.Type(p.search, "garden")
	require.Len(t, p.items, 1)
	require.Equal(t, pacts.InReview, p.items[0].Status)
	p.search.SetText("")
	p.kind.SetSelected("Complex")
	require.Len(t, p.items, 1)

	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Pacts by status"))
	require.True(t, hasText(sh.Window.Content(), "Pacts: what is due"))
}

func TestPactFromProposalToPrintedAgreement(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)

	f := p.newForm()
	test.Type(f.title, "Cura del giardino di via Alloro")
	test.Type(f.proponent, "Associazione Città Più Verde")
	f.ptype.SetSelected("association")
	f.lang.SetSelected("Italiano")
	require.NoError(t, p.create(f))
	e := p.editor
	require.NotNil(t, e)
	require.Equal(t, pacts.Draft, e.d.Pact.Status)
	require.Len(t, e.d.Sections, len(pacts.SectionKeys))
	require.Equal(t, "Overview", e.tabs.Items[0].Text)
	require.True(t, hasText(e.outer, "Cura del giardino di via Alloro — "+e.d.Pact.Ref) || hasText(e.outer, e.d.Pact.Ref+" — Cura del giardino di via Alloro"))

	// Sections: the preview fills the fields; a broken text says what is wrong.
	e.showSection("risks")
	e.sectionText.SetText("Rischi valutati con {{.Proponent}}.")
	require.Equal(t, "Rischi valutati con Associazione Città Più Verde.", e.preview.Text)
	e.sectionText.SetText("{{.Nessuno}}")
	require.Contains(t, e.preview.Text, "Nessuno")
	require.False(t, e.saveSection())
	require.Contains(t, e.message.Text, "Nessuno")
	e.sectionText.SetText("Rischi valutati con {{.Proponent}} prima di ogni attività.")
	require.True(t, e.saveSection(), e.message.Text)
	s, _ := e.d.Section("risks")
	require.Equal(t, "Rischi valutati con {{.Proponent}} prima di ogni attività.", s.Text)

	// Walk it: submitted, in review; approval is disabled and says why.
	tapMove(t, sh, e, pacts.Submitted)
	require.Equal(t, pacts.Submitted, e.d.Pact.Status)
	tapMove(t, sh, e, pacts.InReview)
	require.Equal(t, pacts.InReview, e.d.Pact.Status)
	require.True(t, e.actions[pacts.Approved].Disabled())
	require.Contains(t, e.blocked.Text, "set the duration in months")
	require.Contains(t, e.blocked.Text, "link at least one commons")
	require.False(t, e.transition(pacts.Approved, ""))
	require.Contains(t, e.message.Text, "Set the duration in months", "the refusal's reasons, as a sentence")

	// Fill it: duration, a commons of the registry, a co-signatory, support, an indicator.
	e.duration.SetText("12")
	e.extension.SetText("6")
	require.True(t, e.saveOverview())
	test.Type(e.assetRef, "ASSET-0003")
	require.True(t, e.linkAsset())
	require.Len(t, e.d.Assets, 1)
	e.assetRef.SetText("asset-0003")
	require.False(t, e.linkAsset(), "linked already: said, not silently done")
	require.Contains(t, formSays(t, e, "asset", i18n.T("pact.ui.field.commons")), "is linked to this pact already")
	e.assetRef.SetText("")
	test.Type(e.partyName, "Scuola Rita Borsellino")
	e.partyRole.SetSelected("Co-signatory")
	e.partyType.SetSelected("school")
	test.Type(e.partyRep, "Dirigente scolastica")
	require.True(t, e.addParty())
	require.Len(t, e.d.Parties, 3)
	require.False(t, e.actions[pacts.Approved].Disabled())

	tapMove(t, sh, e, pacts.Approved)
	require.Equal(t, pacts.Approved, e.d.Pact.Status)
	require.False(t, e.signBtn.Disabled())
	for _, party := range []string{"Associazione Città Più Verde", "Scuola Rita Borsellino", "Comune di Prova"} {
		require.True(t, e.sign(party, "Firma di "+party, pacts.Day(e.page.today()), "paper"), e.message.Text)
	}
	require.Equal(t, pacts.Signed, e.d.Pact.Status)
	require.True(t, e.signBtn.Disabled())
	require.False(t, e.amend.Disabled())
	// What was signed can no longer be edited from the screen.
	require.True(t, e.title.Disabled())
	require.False(t, e.saveSection())
	require.Contains(t, e.message.Text, "Version 1 is signed")

	// Print: the PDF is saved in the workspace and shows the parties, no DRAFT mark.
	require.NoError(t, e.printAgreement())
	require.FileExists(t, e.printed)
	require.Contains(t, e.message.Text, "Saved to")
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", e.printed, "-").Output()
		require.NoError(t, err)
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range []string{"PATTO DI COLLABORAZIONE", "Associazione Città Più Verde", "Scuola Rita Borsellino", "Rischi valutati con Associazione Città Più Verde"} {
			require.Contains(t, text, w)
		}
		require.NotContains(t, text, "BOZZA")
	}
	b, err := os.ReadFile(e.printed)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(b), "%PDF-"))

	// History records each step.
	require.GreaterOrEqual(t, len(e.d.Transitions), 5)
	p.back()
	require.Nil(t, p.editor)
}

func TestPactMonitoringReportFromScreen(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	p.status.SetSelected("Active")
	require.Len(t, p.items, 1)
	p.Open(p.items[0].ID)
	e := p.editor
	require.Len(t, e.d.Reports, 2)
	test.Type(e.repPeriod, "Q3")
	test.Type(e.repHours, "48")
	test.Type(e.repText, "Dieci sessioni di pulizia.")
	for _, en := range e.repValues {
		test.Type(en, "10")
	}
	require.True(t, e.fileReport(), e.message.Text)
	require.Len(t, e.d.Reports, 3)
	test.Type(e.repPeriod, "Q3")
	require.False(t, e.fileReport(), "the same period twice is refused")
	require.Contains(t, formSays(t, e, "report", i18n.T("pact.report.period")), "already has a report")

	// A photo attached to the new report shows under it in the monitoring tab.
	var q3 string
	for _, r := range e.d.Reports {
		if r.Period == "Q3" {
			q3 = r.ID
		}
	}
	_, err := pacts.AttachToReport(sh.Ctx, sh.WS.Store, sh.WS.Blobs, q3, "pulizia.jpg", strings.NewReader("jpeg"))
	require.NoError(t, err)
	e.reload()
	for i, it := range e.tabs.Items {
		if it.Text == "Monitoring" {
			e.tabs.SelectIndex(i)
		}
	}
	require.True(t, hasTextPrefix(e.tabs.Selected().Content, "Attached: pulizia.jpg"))
}

// hasTextPrefix reports whether a label under o has a line starting with prefix.
func hasTextPrefix(o fyne.CanvasObject, prefix string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok {
			for _, line := range strings.Split(l.Text, "\n") {
				found = found || strings.HasPrefix(line, prefix)
			}
		}
	})
	return found
}

func TestPactTemplatesEditor(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	te := newTemplateEditor(sh)
	te.lang.SetSelected("Italiano")
	te.key.SetSelectedIndex(5) // risks
	require.Contains(t, te.text.Text, "sicurezza sul lavoro")
	require.False(t, te.save("{{.Sbagliato}}"))
	require.Contains(t, te.status.Text, "Sbagliato")
	require.True(t, te.save("Rischi discussi con {{.Proponent}}."))
	got, err := pacts.TemplateText(sh.WS.Store.DB(), "it", "risks")
	require.NoError(t, err)
	require.Equal(t, "Rischi discussi con {{.Proponent}}.", got)
	require.True(t, te.save(""))
	require.Contains(t, te.text.Text, "sicurezza sul lavoro", "back to the default")
	require.NotNil(t, te.content())

	// Another officer sets the same text while this editor shows the default: saving writes
	// this one and keeps theirs as a conflict.
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		return pacts.SetTemplate(tx, "it", "risks", "Rischi valutati dal Comune.")
	}))
	shareAll(t, sh.WS.Store)
	require.True(t, te.save("Rischi valutati con {{.Proponent}}."), te.status.Text)
	got, err = pacts.TemplateText(sh.WS.Store.DB(), "it", "risks")
	require.NoError(t, err)
	require.Equal(t, "Rischi valutati con {{.Proponent}}.", got)
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.JSONEq(t, `"Rischi valutati dal Comune."`, string(cs[0].IncomingValue))
	what, field := app.ConflictSubject(sh.WS.Store.DB(), cs[0])
	require.Equal(t, i18n.T("pact.ui.templates")+" · Italiano", what)
	require.Equal(t, app.SectionTitle("risks"), field)
}

// openDraftEditor opens the editor of the sample's draft pact.
func openDraftEditor(t *testing.T) (*Shell, *pactEditor) {
	t.Helper()
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	p.status.SetSelected("Draft")
	require.NotEmpty(t, p.items)
	p.Open(p.items[0].ID)
	return sh, p.editor
}

// TestPactEditorKeepsTypingThroughASync: the user is typing in a draft pact's overview,
// in a section and in the form that adds a party, when a sync brings another laptop's
// edits of the same pact. The editor shows the new version, keeps the typing and says why.
// Saving one form keeps the typing in the others; what the user changed is written and the
// rest of the other edit stays; the section both changed keeps the user's text, and the
// other in a conflict.
func TestPactEditorKeepsTypingThroughASync(t *testing.T) {
	sh, e := openDraftEditor(t)
	require.False(t, e.unsaved(), "a freshly filled editor holds nothing unsaved")
	id := e.d.Pact.ID

	other := func(f func(tx *model.Tx, x *pacts.Details) error) {
		require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
			d, err := pacts.Load(tx, id)
			if err != nil {
				return err
			}
			x := pacts.DetailsOf(d.Pact)
			if err := f(tx, &x); err != nil {
				return err
			}
			return pacts.SetDetails(tx, id, x)
		}))
		shareAll(t, sh.WS.Store) // as another laptop's edit would be
		sh.Changed()
	}
	// Nothing typed: the editor shows the change, and says nothing.
	other(func(_ *model.Tx, x *pacts.Details) error { x.Officer = "Ufficio Beni Comuni"; return nil })
	require.Equal(t, "Ufficio Beni Comuni", e.officer.Text)
	require.Empty(t, e.message.Text)

	e.showSection("risks")
	e.summary.SetText("Cura condivisa del giardino, con la scuola.")
	e.sectionText.SetText("Rischi valutati con la scuola.")
	test.Type(e.partyName, "Scuola Rita Borsellino")
	e.partyType.SetSelectedIndex(indexOf(pacts.PartyTypes, "association"))
	sh.Window.Canvas().Focus(e.summary)
	other(func(tx *model.Tx, x *pacts.Details) error {
		x.Notes = "Sopralluogo il 3 dicembre."
		return pacts.SetSection(tx, id, "risks", "Rischi valutati dal Comune.")
	})
	require.Equal(t, "Cura condivisa del giardino, con la scuola.", e.summary.Text, "the typing is kept")
	require.Equal(t, "Sopralluogo il 3 dicembre.", e.notes.Text, "a field not typed in shows the new version")
	require.Equal(t, "Rischi valutati con la scuola.", e.sectionText.Text)
	require.Equal(t, "Scuola Rita Borsellino", e.partyName.Text)
	require.Equal(t, "association", keyAt(pacts.PartyTypes, e.partyType.SelectedIndex()), "the drop-downs of a form are kept too")
	require.Equal(t, i18n.T("pact.ui.changed_elsewhere"), e.message.Text)
	require.Equal(t, fyne.Focusable(e.summary), sh.Window.Canvas().Focused(), "the rebuilt editor keeps the keyboard where the user was typing")

	require.True(t, e.saveOverview(), e.message.Text)
	require.Empty(t, e.message.Text)
	require.Equal(t, "Cura condivisa del giardino, con la scuola.", e.d.Pact.Summary)
	require.Equal(t, "Sopralluogo il 3 dicembre.", e.d.Pact.Notes, "the other laptop's notes are kept")
	require.Equal(t, "Ufficio Beni Comuni", e.d.Pact.Officer)
	require.Equal(t, "Rischi valutati con la scuola.", e.sectionText.Text, "saving the overview keeps the typing elsewhere")
	require.Equal(t, "Scuola Rita Borsellino", e.partyName.Text)

	require.True(t, e.saveSection(), e.message.Text)
	s, _ := e.d.Section("risks")
	require.Equal(t, "Rischi valutati con la scuola.", s.Text)
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1, "the other laptop's text, which the user had not seen, is kept")
	require.Equal(t, "text", cs[0].Field)
	require.JSONEq(t, `"Rischi valutati dal Comune."`, string(cs[0].IncomingValue))

	require.True(t, e.addParty(), e.message.Text)
	require.Empty(t, e.partyName.Text, "the form just saved starts afresh")
	require.False(t, e.unsaved())
}

// TestPactEditorKeepsSectionDrafts: text typed in one section survives moving to another
// section, a rebuild and a save of another section; the list marks it until it is saved.
func TestPactEditorKeepsSectionDrafts(t *testing.T) {
	sh, e := openDraftEditor(t)
	stored, _ := e.d.Section("duration")

	e.showSection("risks")
	e.sectionText.SetText("Rischi: draft one.")
	e.showSection("duration")
	require.Equal(t, pacts.Tokens(stored.Text), e.sectionText.Text, "shown with [Title]-style fields")
	require.True(t, e.unsaved())
	require.Contains(t, listText(e, "risks"), "•", "the list marks a section with a draft")
	e.sectionText.SetText("Durata: draft two.")
	sh.Changed() // a sync
	require.Equal(t, "Durata: draft two.", e.sectionText.Text)
	require.True(t, e.saveSection(), e.message.Text)
	s, _ := e.d.Section("duration")
	require.Equal(t, "Durata: draft two.", s.Text)
	require.NotContains(t, listText(e, "duration"), "•")

	e.showSection("risks")
	require.Equal(t, "Rischi: draft one.", e.sectionText.Text, "the other draft is still there")
	require.True(t, e.saveSection(), e.message.Text)
	require.False(t, e.unsaved())
	s, _ = e.d.Section("risks")
	require.Equal(t, "Rischi: draft one.", s.Text)
}

// listText is the line the sections list shows for key.
func listText(e *pactEditor, key string) string {
	l := widget.NewLabel("")
	e.sectionList.UpdateItem(indexOf(e.sectionKeys(), key), l)
	return l.Text
}

// overviewScroll is the scrolled part of the editor's Overview tab (its Save bar stays).
func overviewScroll(e *pactEditor) *container.Scroll {
	var s *container.Scroll
	walk(e.tabs.Items[0].Content, func(o fyne.CanvasObject) {
		if x, ok := o.(*container.Scroll); ok && s == nil {
			s = x
		}
	})
	return s
}

// TestPactEditorIgnoresChangesElsewhere: a sync that changes another pact, or an asset the
// pact does not link, leaves the editor as it is (no rebuild: the scroll position and the
// cursor stay); one that changes the workspace's name rebuilds it.
func TestPactEditorIgnoresChangesElsewhere(t *testing.T) {
	sh, e := openDraftEditor(t)
	tabs := e.tabs
	other, err := pacts.LoadRef(sh.WS.Store.DB(), "PACT-2026-0001")
	require.NoError(t, err)
	require.NotEqual(t, other.Pact.ID, e.id)
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		o := other.Pact
		o.Notes = "Changed on another laptop."
		return tx.Put(&o)
	}))
	sh.Changed()
	require.Same(t, tabs, e.tabs, "another pact's change does not rebuild the editor")

	overview := overviewScroll(e)
	overview.ScrollToOffset(fyne.NewPos(0, 60))
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
	}))
	sh.Changed()
	require.NotSame(t, tabs, e.tabs, "the workspace's name is part of what the editor shows")
	require.Equal(t, float32(60), overviewScroll(e).Offset.Y, "the rebuilt tab is scrolled where the old one was")
}

// TestPactEditorSaysWhatCouldNotBeSaved: the draft is withdrawn while the user has
// typed in its overview. The editor, frozen now, still shows the typing and says it was not
// saved.
func TestPactEditorSaysWhatCouldNotBeSaved(t *testing.T) {
	sh, e := openDraftEditor(t)
	stored := e.d.Pact.Summary
	e.summary.SetText("Typed, not saved.")
	require.True(t, e.transition(pacts.Withdrawn, "The group has other plans."), e.message.Text)
	require.Equal(t, pacts.Withdrawn, e.d.Pact.Status)
	require.NotNil(t, e.d.Editable())
	require.Equal(t, "Typed, not saved.", e.summary.Text)
	require.True(t, e.summary.Disabled())
	require.Equal(t, i18n.T("pact.ui.unsaved_not_saved"), e.message.Text, "said once: the header already says why it is frozen")
	d, err := pacts.Load(sh.WS.Store.DB(), e.id)
	require.NoError(t, err)
	require.Equal(t, stored, d.Pact.Summary)
}

// TestPactEditorOffersToSaveBeforeMoving: with the overview and a section typed in and not
// saved, moving the pact on asks first; "Save and continue" writes both, then moves.
func TestPactEditorOffersToSaveBeforeMoving(t *testing.T) {
	sh, e := openDraftEditor(t)
	moved := 0
	e.beforeMove(func() { moved++ })
	require.Equal(t, 1, moved, "nothing typed: no question")

	e.summary.SetText("Typed summary.")
	e.showSection("risks")
	e.sectionText.SetText("Typed risks.")
	e.showSection("duration")
	require.True(t, e.pendingEdits())
	e.beforeMove(func() { moved++ })
	require.Equal(t, 1, moved, "it asks first")
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("pact.ui.unsaved.text")))
	tapButton(t, d, i18n.T("pact.ui.unsaved.save"))
	require.Equal(t, 2, moved)
	require.Equal(t, "Typed summary.", e.d.Pact.Summary)
	s, _ := e.d.Section("risks")
	require.Equal(t, "Typed risks.", s.Text)
	require.False(t, e.unsaved())
}

// topDialog is the dialog on top of the window.
func topDialog(t *testing.T, sh *Shell) fyne.CanvasObject {
	t.Helper()
	ov := sh.Window.Canvas().Overlays().Top()
	require.NotNil(t, ov, "a dialog is shown")
	return ov
}

// tapButton taps the button labelled text inside o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var b *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	require.NotNil(t, b, "button %q", text)
	test.Tap(b)
}

// TestEnterOpensAPactFromTheList: from the keyboard, the list's focused row opens with
// Enter as with Space.
func TestEnterOpensAPactFromTheList(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	var lt *listTable
	walk(p.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*listTable); ok {
			lt = x
		}
	})
	require.NotNil(t, lt, "the list is a listTable in the window")
	sh.Window.Canvas().Focus(lt)
	lt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the first row is highlighted
	lt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	lt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	require.NotNil(t, p.editor, "Enter opened the highlighted pact")
}
