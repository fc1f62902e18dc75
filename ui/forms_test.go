package ui

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

// tapMove taps the button that moves the pact to status to and confirms the move.
func tapMove(t *testing.T, sh *Shell, e *pactEditor, to string) {
	t.Helper()
	test.Tap(e.actions[to])
	tapButton(t, topDialog(t, sh), i18n.T("pact.ui.move."+to+".button"))
}

// noDialogOn fails when a dialog is open over sh.
func noDialogOn(t *testing.T, sh *Shell) {
	t.Helper()
	require.Nil(t, sh.Window.Canvas().Overlays().Top(), "no dialog")
}

// fieldMessage is the message shown under the field labelled label of a dialog.
func fieldMessage(d *formDialog, label string) string {
	for _, f := range d.fields {
		if f.label == label && f.msg.Visible() {
			return f.msg.Text
		}
	}
	return ""
}

// TestDialogsKeepTheirFieldsOnARefusal: each dialog that validates stays open when its
// input is refused, keeps every field as typed, and shows the message under the field at
// fault; nothing is written. Corrected, it does its work and closes.
func TestDialogsKeepTheirFieldsOnARefusal(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	before := len(p.items)

	// New pact: no title.
	d := p.showNew()
	f := d.fields
	proponent := f[2].widget.(*Entry)
	test.Type(proponent, "Associazione Città Più Verde")
	f[4].widget.(*Select).SetSelectedIndex(indexOf(pacts.PartyTypes, "association")) // (f[3]: the known parties offered)
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh), "the dialog stays open")
	require.Equal(t, sentence(i18n.T("pact.error.title_required")), fieldMessage(d, i18n.T("pact.ui.field.title")), "under the title")
	require.Equal(t, "Associazione Città Più Verde", proponent.Text, "what was typed stays")
	require.Equal(t, "association", keyAt(pacts.PartyTypes, f[4].widget.(*Select).SelectedIndex()))
	require.False(t, d.general.Visible(), "nothing under the form: the field says it")
	require.Len(t, p.items, before, "nothing written")
	test.Type(f[0].widget.(*Entry), "Orto di via Alloro")
	test.Tap(d.confirm)
	noDialogOn(t, sh)
	require.NotNil(t, p.editor)
	require.Equal(t, "Orto di via Alloro", p.editor.d.Pact.Title)
	p.back()

	// Deadlines: letters and an out-of-range number, each said under its field.
	dl, err := pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)
	d = p.showDeadlines()
	answer, publish := d.fields[0].widget.(*Entry), d.fields[1].widget.(*Entry)
	answer.SetText("thirty")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh))
	require.Contains(t, fieldMessage(d, i18n.T("pact.ui.deadline.ordinary_answer")), "thirty")
	require.Equal(t, "thirty", answer.Text, "the letters stay, to be corrected; they are never saved as 0")
	answer.SetText("45")
	publish.SetText("0")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh))
	require.Empty(t, fieldMessage(d, i18n.T("pact.ui.deadline.ordinary_answer")), "the field corrected says nothing")
	require.Contains(t, fieldMessage(d, i18n.T("pact.ui.deadline.complex_publish")), "3650")
	require.Equal(t, "45", answer.Text)
	got, err := pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Equal(t, dl, got, "nothing written")
	publish.SetText("20")
	test.Tap(d.confirm)
	noDialogOn(t, sh)
	got, err = pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Equal(t, 45, got.OrdinaryAnswer)
	require.Equal(t, 20, got.ComplexPublish)

	// Record signature: no signer, and a date that is not one. The sample's draft, approved.
	p.status.SetSelected(i18n.T("pact.status.draft"))
	require.NotEmpty(t, p.items)
	id := p.items[0].ID
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		by := pacts.By{Actor: "test"}
		for _, to := range []string{pacts.Submitted, pacts.InReview} {
			if err := pacts.TransitionTx(tx, id, to, "", by); err != nil {
				return err
			}
		}
		d, err := pacts.Load(tx, id)
		if err != nil {
			return err
		}
		x := pacts.DetailsOf(d.Pact)
		x.DurationMonths, x.Immaterial = 12, true
		if err := pacts.SetDetails(tx, id, x); err != nil {
			return err
		}
		return pacts.TransitionTx(tx, id, pacts.Approved, "", by)
	}))
	p.Open(id)
	e := p.editor
	require.Equal(t, pacts.Approved, e.d.Pact.Status)
	d = e.askSign()
	date := d.fields[2].widget.(*Entry)
	date.SetText("15 gennaio")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh))
	require.NotEmpty(t, fieldMessage(d, i18n.T("pact.ui.field.signer")), "the signer is missing")
	require.Equal(t, "15 gennaio", date.Text)
	signer := d.fields[1].widget.(*Entry)
	test.Type(signer, "Maria Rossi")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh))
	require.Empty(t, fieldMessage(d, i18n.T("pact.ui.field.signer")))
	require.Contains(t, fieldMessage(d, i18n.T("pact.ui.field.date")), "15 gennaio", "under the date")
	require.Equal(t, "Maria Rossi", signer.Text)
	require.Empty(t, e.d.Signatures, "nothing written")
	date.SetText(pacts.Day(e.page.today())) // neither in the future nor before the approval
	test.Tap(d.confirm)
	noDialogOn(t, sh)
	require.Len(t, e.d.Signatures, 1)
}

// TestReasonAndStartOverDialogsKeepTheirText: the reason a move needs, and the name of a
// new workspace, stay typed with the message under them when they are refused.
func TestReasonAndStartOverDialogsKeepTheirText(t *testing.T) {
	sh, e := openDraftEditor(t)
	test.Tap(e.actions[pacts.Withdrawn])
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("pact.ui.move.withdrawn", map[string]any{"Ref": e.d.Pact.Ref})+" "+
		i18n.T("pact.ui.move.recorded", map[string]any{"Actor": app.Actor(sh.WS)})), "it says what the move does")
	tapButton(t, d, i18n.T("pact.ui.move.withdrawn.button"))
	require.Same(t, d, topDialog(t, sh), "no reason: the dialog stays")
	require.Equal(t, pacts.Draft, e.d.Pact.Status)
	reason := entryIn(t, d)
	require.True(t, hasText(d, sentence(i18n.T("pact.refuse.reason", map[string]any{"To": i18n.T("pact.status.withdrawn")}))),
		"the message under the reason")
	test.Type(reason, "The group has other plans.")
	tapButton(t, d, i18n.T("pact.ui.move.withdrawn.button"))
	noDialogOn(t, sh)
	require.Equal(t, pacts.Withdrawn, e.d.Pact.Status)

	sh2 := newTestShell(t)
	fd := sh2.askStartOver()
	name := fd.fields[0].widget.(*Entry)
	name.SetText("   ")
	test.Tap(fd.confirm)
	require.Same(t, fd.overlay, topDialog(t, sh2))
	require.Equal(t, sentence(i18n.T("settings.error.municipality_required")), fieldMessage(fd, i18n.T("settings.municipality")))
	require.Equal(t, "Comune di Prova", sh2.WS.Municipality())
	require.Empty(t, app.SetAsideFiles(sh2.WS.Home), "nothing set aside")
}

// TestLifecycleMoveAsksFirst: a move is confirmed first, the dialog naming the pact and
// what the move does; Cancel leaves the pact where it was.
func TestLifecycleMoveAsksFirst(t *testing.T) {
	sh, e := openDraftEditor(t)
	ref := e.d.Pact.Ref
	test.Tap(e.actions[pacts.Submitted])
	require.Equal(t, pacts.Draft, e.d.Pact.Status, "one click moves nothing")
	d := topDialog(t, sh)
	text := i18n.T("pact.ui.move.submitted", map[string]any{"Ref": ref})
	require.True(t, strings.HasPrefix(text, "Submit "+ref+" "), text)
	require.True(t, hasTextPrefix(d, text), "the question names the pact and the consequence")
	tapButton(t, d, i18n.T("action.cancel"))
	noDialogOn(t, sh)
	require.Equal(t, pacts.Draft, e.d.Pact.Status)

	tapMove(t, sh, e, pacts.Submitted)
	require.Equal(t, pacts.Submitted, e.d.Pact.Status)
	last := e.d.Transitions[len(e.d.Transitions)-1]
	require.Equal(t, app.Actor(sh.WS), last.Actor, "recorded with the user's name, as the dialog said")

	// Every move the lifecycle has says its consequence, in every complete language.
	for _, lang := range i18n.Complete {
		for _, s := range pacts.Statuses {
			if s == pacts.Draft {
				continue
			}
			for _, k := range []string{"pact.ui.move." + s, "pact.ui.move." + s + ".button"} {
				txt, ok := i18n.Default().Text(lang, k)
				require.True(t, ok && txt != "", "%s %s", lang, k)
			}
		}
	}
}

// TestUnsavedChangesPrompt: leaving the pact editor ("← Pacts"), the asset form (Close),
// the screen (sidebar, Ctrl+N) or the window with typing not saved asks Save, Discard or
// Cancel. Cancel keeps everything, Discard leaves without writing, Save writes then leaves,
// and a save refused keeps the form, with its message.
func TestUnsavedChangesPrompt(t *testing.T) {
	sh, e := openDraftEditor(t)
	p := e.page
	stored := e.d.Pact.Summary
	back := func() { tapButton(t, e.outer, i18n.T("pact.ui.back")) }

	back() // nothing typed: no question
	noDialogOn(t, sh)
	require.Nil(t, p.editor)

	p.status.SetSelected(i18n.T("pact.status.draft"))
	p.Open(p.items[0].ID)
	e = p.editor
	e.summary.SetText("Typed, not saved.")
	back()
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("pact.ui.unsaved.leave", map[string]any{"Ref": e.d.Pact.Ref, "Title": e.d.Pact.Title})))
	tapButton(t, d, i18n.T("action.cancel"))
	require.Same(t, e, p.editor, "Cancel stays")
	require.Equal(t, "Typed, not saved.", e.summary.Text)

	back()
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	require.Nil(t, p.editor, "Discard leaves")
	d0, err := pacts.Load(sh.WS.Store.DB(), e.id)
	require.NoError(t, err)
	require.Equal(t, stored, d0.Pact.Summary, "nothing written")

	p.Open(e.id)
	e = p.editor
	parties := len(e.d.Parties)
	e.summary.SetText("Saved on the way out.")
	test.Type(e.partyName, "Scuola Rita Borsellino")
	back()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.Nil(t, p.editor, "Save leaves once saved")
	d0, err = pacts.Load(sh.WS.Store.DB(), e.id)
	require.NoError(t, err)
	require.Equal(t, "Saved on the way out.", d0.Pact.Summary)
	require.Len(t, d0.Parties, parties+1, "the party typed in is added too")

	// A save refused keeps the editor, with the message.
	p.Open(e.id)
	e = p.editor
	e.title.SetText("")
	back()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.Same(t, e, p.editor, "refused: the editor stays")
	require.Contains(t, e.message.Text, sentence(i18n.T("pact.error.title_required")))
	require.Equal(t, "", e.title.Text)

	// Another screen, from the sidebar or Ctrl+N: asked first too.
	e.title.SetText("A new title")
	sh.shortcutAction(fyne.Key1)()
	require.Equal(t, "pacts", sh.CurrentID(), "it waits for the answer")
	tapButton(t, topDialog(t, sh), i18n.T("action.cancel"))
	require.Equal(t, "pacts", sh.CurrentID())
	require.Same(t, e, p.editor)
	require.Equal(t, "A new title", e.title.Text)
	sh.nav.Select(0)
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	require.Equal(t, "dashboard", sh.CurrentID())
	sh.Show("pacts")
	require.NotEqual(t, "A new title", p.editor.title.Text, "discarded: the pact as stored")
	require.Equal(t, e.id, p.editor.id, "the same pact, afresh")

	// Closing the window (or Ctrl+Q): asked first; Discard closes.
	p.editor.notes.SetText("Typed notes.")
	closed := 0
	sh.leave(func() { closed++ })
	require.Zero(t, closed)
	tapButton(t, topDialog(t, sh), i18n.T("action.cancel"))
	require.Zero(t, closed)
	sh.leave(func() { closed++ })
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	require.Equal(t, 1, closed)

	// Settings typed in and not saved: switching screens asks too.
	sh.Show("settings")
	s := sh.Page("settings").(*settingsPage)
	s.legalBasis.SetText("Regolamento, delibera 12/2026.")
	sh.Show("dashboard")
	require.Equal(t, "settings", sh.CurrentID())
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.Equal(t, "dashboard", sh.CurrentID())
	st, err := sh.WS.Settings(sh.Ctx)
	require.NoError(t, err)
	require.Equal(t, "Regolamento, delibera 12/2026.", st.LegalBasis)
}

// TestAssetFormCloseAsks: the asset form's Close asks about typing not saved.
func TestAssetFormCloseAsks(t *testing.T) {
	sh, f, a := openAssetForm(t, "ASSET-0001")
	closeBtn := func() { tapButton(t, topDialog(t, sh), i18n.T("action.close")) }
	require.Empty(t, f.unsavedText(), "a form just opened holds nothing unsaved")
	f.entries["owner"].SetText("Fondazione Orto Zisa")
	closeBtn()
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("asset.unsaved", map[string]any{"Ref": a.Ref, "Name": a.Name})))
	tapButton(t, d, i18n.T("action.cancel"))
	require.NotNil(t, sh.Page("assets").(*assetsPage).detail, "Cancel keeps the form")
	require.Equal(t, "Fondazione Orto Zisa", f.entries["owner"].Text)

	// Save refused (no name): the form stays, with the message under the field.
	f.entries["name"].SetText("")
	closeBtn()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.NotNil(t, sh.Page("assets").(*assetsPage).detail)
	require.NotEmpty(t, f.problem.Text)
	require.Equal(t, "Fondazione Orto Zisa", f.entries["owner"].Text)

	f.entries["name"].SetText(a.Name)
	closeBtn()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	noDialogOn(t, sh)
	stored, err := model.LoadAsset(sh.WS.Store.DB(), a.ID)
	require.NoError(t, err)
	require.Equal(t, "Fondazione Orto Zisa", stored.Owner)

	// Discard closes without writing.
	sh.Page("assets").(*assetsPage).openDetail(a.ID)
	f = sh.Page("assets").(*assetsPage).detail
	f.entries["owner"].SetText("Someone else")
	closeBtn()
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	noDialogOn(t, sh)
	stored, err = model.LoadAsset(sh.WS.Store.DB(), a.ID)
	require.NoError(t, err)
	require.Equal(t, "Fondazione Orto Zisa", stored.Owner)
}

// TestPactsListAfterTheWorkspaceIsSetAside is the blocker the issue found: a pact open,
// then "Join a shared workspace" → "Set aside and join". The Pacts screen, reached from the
// sidebar, Ctrl+3 or the Dashboard, shows its list with a sentence that says what became of
// the pact, never "not found".
func TestPactsListAfterTheWorkspaceIsSetAside(t *testing.T) {
	ctx := context.Background()
	founder, err := app.Init(ctx, filepath.Join(t.TempDir(), "founder"), "Comune di Bari", false)
	require.NoError(t, err)
	defer founder.Close()
	folder := t.TempDir()
	_, err = founder.SyncOnce(ctx, folder, nil)
	require.NoError(t, err)

	sh, e := openDraftEditor(t)
	p := e.page
	ref, title := e.d.Pact.Ref, e.d.Pact.Title

	// The Join flow of the Sync screen, as a person goes through it.
	sh.Show("sync")
	sp := sh.Page("sync").(*syncPage)
	sp.folder.SetText(folder)
	sp.joinFolder()
	tapButton(t, topDialog(t, sh), i18n.T("sync.join.confirm.same"))
	tapButton(t, topDialog(t, sh), i18n.T("sync.join.replace"))
	noDialogOn(t, sh)
	aside := app.SetAsideFiles(sh.WS.Home)
	require.Len(t, aside, 1)

	want := i18n.T("pact.ui.gone.set_aside", map[string]any{"Ref": ref, "Title": title}) + " " +
		i18n.T("pact.ui.gone.kept_in", map[string]any{"File": aside[0]})
	check := func(how string) {
		t.Helper()
		require.Equal(t, "pacts", sh.CurrentID(), how)
		require.Nil(t, p.editor, how)
		require.Same(t, p.list, p.stack.Objects[0], "%s: the list, not the editor", how)
		require.Equal(t, want, p.notice.Text, how)
		require.True(t, p.notice.Visible(), how)
		require.False(t, hasTextPrefix(sh.Window.Content(), "pact "), "%s: no “pact …: not found”", how)
		walk(sh.Window.Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				require.NotContains(t, l.Text, "not found", how)
			}
		})
	}
	sh.nav.Select(2) // the sidebar
	check("sidebar")
	sh.Show("sync")
	sh.shortcutAction(fyne.Key3)()
	check("Ctrl+3")
	sh.Show("dashboard")
	tapButton(t, sh.Window.Content(), i18n.T("pact.ui.open_list"))
	check("Dashboard")

	// Opening a pact of the new workspace clears the sentence.
	f := p.newForm()
	test.Type(f.title, "Orto nuovo")
	require.NoError(t, p.create(f))
	require.False(t, p.notice.Visible(), "opening a pact clears it")
}

// TestPactRemovedBySyncReturnsToTheList: a sync removes the pact on display; the editor
// gives way to the list, which says so.
func TestPactRemovedBySyncReturnsToTheList(t *testing.T) {
	sh, e := openDraftEditor(t)
	p := e.page
	ref, title := e.d.Pact.Ref, e.d.Pact.Title
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		pact := e.d.Pact
		return tx.Delete(&pact)
	}))
	sh.Changed() // as a sync does
	require.Nil(t, p.editor)
	require.Same(t, p.list, p.stack.Objects[0])
	require.Equal(t, i18n.T("pact.ui.gone.removed", map[string]any{"Ref": ref, "Title": title}), p.notice.Text)
	p.status.SetSelectedIndex(0)
	p.Open(p.items[0].ID)
	require.False(t, p.notice.Visible(), "opening another pact clears it")
}

// TestPrintSavesInTheNormalColour: the agreement printed on a laptop without a PDF viewer
// says where it was saved, in the normal colour, with "Open folder"; the viewer's error
// goes to the log.
func TestPrintSavesInTheNormalColour(t *testing.T) {
	sh, e := openDraftEditor(t)
	defer func(f func(fyne.App, *url.URL) error) { openURL = f }(openURL)
	var opened []string
	openURL = func(_ fyne.App, u *url.URL) error {
		opened = append(opened, u.Path)
		return errors.New(`exec: "xdg-open": executable file not found in $PATH`)
	}
	test.Tap(buttonIn(t, e.outer, i18n.T("pact.ui.print")))
	require.FileExists(t, e.printed)
	require.Equal(t, i18n.T("pact.ui.saved_to", map[string]any{"Path": e.printed}), e.message.Text)
	require.Equal(t, widget.MediumImportance, e.message.Importance, "success is not an error")
	require.NotContains(t, e.message.Text, "xdg-open")
	open := buttonIn(t, e.outer, i18n.T("action.open_folder"))
	test.Tap(open)
	require.Equal(t, []string{filepath.ToSlash(e.printed), filepath.ToSlash(filepath.Dir(e.printed))}, opened)
	require.Equal(t, i18n.T("pact.ui.folder_not_opened", map[string]any{"Dir": filepath.Dir(e.printed)}), e.message.Text)
	require.Equal(t, widget.MediumImportance, e.message.Importance)

	// With a viewer: the same sentence, no button.
	openURL = func(fyne.App, *url.URL) error { return nil }
	require.NoError(t, e.printAgreement())
	require.Equal(t, widget.MediumImportance, e.message.Importance)
	require.False(t, hasButton(e.outer, i18n.T("action.open_folder")))
	_ = sh
}

// TestResolvingAConflictAsksFirst: keeping a side of a conflict is confirmed, the dialog
// saying which value stays and that the other laptops follow.
func TestResolvingAConflictAsksFirst(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("settings")
	s := sh.Page("settings").(*settingsPage)
	other := anotherProcess(t, sh)
	require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
	}))
	s.municipality.SetText("Comune di Monreale")
	s.save()
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	p.Reload()
	tapButton(t, p.conflict, i18n.T("sync.keep_this"))
	d := topDialog(t, sh)
	require.True(t, hasTextPrefix(d, strings.SplitN(i18n.T("sync.resolve.keep", map[string]any{"Value": "Comune di Monreale", "Subject": "§"}), "§", 2)[0]))
	tapButton(t, d, i18n.T("action.cancel"))
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1, "Cancel settles nothing")
	tapButton(t, p.conflict, i18n.T("sync.keep_this"))
	tapButton(t, topDialog(t, sh), i18n.T("sync.resolve.button"))
	cs, err = replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Empty(t, cs)
	require.Equal(t, "Comune di Monreale", sh.WS.Municipality())
}

// buttonIn is the button labelled text under o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	require.NotNil(t, b, "button %q", text)
	return b
}

// TestAssetRemovedBySyncWhileOpen: the asset on display is removed by a sync. With nothing
// typed the form closes and the registry says why; with typing it stays open, says so, and
// Save keeps what was typed as a new asset.
func TestAssetRemovedBySyncWhileOpen(t *testing.T) {
	sh, f, a := openAssetForm(t, "ASSET-0001")
	p := sh.Page("assets").(*assetsPage)
	remove := func(id string) {
		t.Helper()
		require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
			x, err := model.LoadAsset(tx, id)
			if err != nil {
				return err
			}
			return tx.Delete(&x)
		}))
		sh.Changed() // as a sync does
	}
	remove(a.ID)
	noDialogOn(t, sh)
	require.Equal(t, i18n.T("asset.gone", map[string]any{"Ref": a.Ref, "Name": a.Name}), p.notice.Text)
	require.True(t, p.notice.Visible())
	_ = f

	_, f, b := openAssetFormIn(t, sh, "ASSET-0002")
	require.False(t, p.notice.Visible(), "opening another asset clears it")
	f.entries["owner"].SetText("Fondazione Orto Zisa")
	remove(b.ID)
	require.NotNil(t, sh.Window.Canvas().Overlays().Top(), "the typing keeps the form open")
	require.Equal(t, i18n.T("asset.gone.typed", map[string]any{"Ref": b.Ref, "Name": b.Name}), f.problem.Text)
	require.NoError(t, f.save())
	require.NotEmpty(t, f.a.ID)
	require.NotEqual(t, b.ID, f.a.ID, "kept as a new asset")
	kept, err := model.LoadAsset(sh.WS.Store.DB(), f.a.ID)
	require.NoError(t, err)
	require.Equal(t, "Fondazione Orto Zisa", kept.Owner)
	require.Equal(t, b.Name, kept.Name)
}

// TestLeavingAsksAboutADialogsTyping: closing the window or quitting while a dialog holds
// typing asks first, as a form on a screen does: Cancel keeps the dialog as typed, Save
// does the dialog's action (a refusal keeps everything), Discard closes it.
func TestLeavingAsksAboutADialogsTyping(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	before := len(p.items)
	left := false
	leave := func() { left = false; sh.leave(func() { left = true }) }

	// Nothing typed: nothing is asked.
	d := p.showNew()
	leave()
	require.True(t, left)
	d.Cancel()

	d = p.showNew()
	proponent := d.fields[2].widget.(*Entry)
	test.Type(proponent, "Associazione Città Più Verde")
	leave()
	require.False(t, left)
	q := topDialog(t, sh)
	require.True(t, hasText(q, i18n.T("unsaved.dialog", map[string]any{"Title": i18n.T("pact.ui.new")})))
	tapButton(t, q, i18n.T("action.cancel"))
	require.False(t, left)
	require.Equal(t, d.overlay, topDialog(t, sh), "the dialog stays")
	require.Equal(t, "Associazione Città Più Verde", proponent.Text)

	// Save with no title: refused, the dialog stays with its message.
	leave()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.False(t, left)
	require.Equal(t, d.overlay, topDialog(t, sh))
	require.NotEmpty(t, fieldMessage(d, i18n.T("pact.ui.field.title")))
	require.Len(t, p.items, before)

	// Save with a title: the pact is made, then the window goes.
	test.Type(d.fields[0].widget.(*Entry), "Orto di via Libertà")
	leave()
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.True(t, left)
	require.Len(t, p.items, before+1)

	// Discard: the dialog closes, nothing is written.
	d = p.showNew()
	test.Type(d.fields[0].widget.(*Entry), "Another")
	leave()
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	require.True(t, left)
	require.Nil(t, sh.Window.Canvas().Overlays().Top())
	require.Len(t, p.items, before+1)
}

// TestLeavingAsksAboutAKeyTyped: the key typed into the dialog that accepts a laptop's new
// key counts as typing too; Save tries the dialog's Accept, which keeps it open when the
// key cannot be accepted.
func TestLeavingAsksAboutAKeyTyped(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	p.acceptKey("no-such-device", "Laptop di Anna", false)
	dlg := topDialog(t, sh)
	left := false
	leave := func() { left = false; sh.leave(func() { left = true }) }
	leave()
	require.True(t, left, "nothing typed, nothing asked")

	kb := keyboard{t: t, c: sh.Window.Canvas()}
	kb.typeText("ABCD-EFGH")
	leave()
	require.False(t, left)
	tapButton(t, topDialog(t, sh), i18n.T("action.save"))
	require.False(t, left, "the key was not accepted")
	require.Equal(t, dlg, topDialog(t, sh), "the dialog stays, with the key typed")
	leave()
	tapButton(t, topDialog(t, sh), i18n.T("unsaved.discard"))
	require.True(t, left)
	require.Nil(t, sh.Window.Canvas().Overlays().Top())
}
