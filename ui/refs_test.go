package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// labelWith is the label under o that shows text, or nil.
func labelWith(o fyne.CanvasObject, text string) *widget.Label {
	var l *widget.Label
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Label); ok && x.Text == text {
			l = x
		}
	})
	return l
}

// hasButton reports whether a button labelled text is under o.
func hasButton(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			found = true
		}
	})
	return found
}

// offlineAsset puts in the registry an asset with the reference ref, as another laptop
// that gave out the same number offline would bring it.
func offlineAsset(t *testing.T, sh *Shell, ref, name, district string) model.Asset {
	t.Helper()
	a := model.Asset{Ref: ref, Name: name, Kind: "green_area", District: district, Municipality: "Palermo"}
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.Put(&a) }))
	sh.Changed()
	return a
}

func TestRegistryMarksADuplicateAndTheFormRenumbersIt(t *testing.T) {
	sh, p := openAssets(t)
	sample, err := assets.Get(sh.WS.Store.DB(), "ASSET-0005")
	require.NoError(t, err)
	mine := offlineAsset(t, sh, "ASSET-0005", "Orto offline", "Zisa")
	p.sortBy("ref")

	// Both rows carry the mark, in the warning colour; the others do not.
	marked := 0
	for i := 0; i < p.total; i++ {
		it, ok := p.item(i)
		require.True(t, ok)
		l := widget.NewLabel("")
		p.updateCell(widget.TableCellID{Row: i, Col: 0}, l)
		if it.Ref == "ASSET-0005" {
			marked++
			require.Equal(t, "ASSET-0005"+dupMark, l.Text)
			require.Equal(t, widget.WarningImportance, l.Importance)
		} else {
			require.Equal(t, it.Ref, l.Text)
			require.Equal(t, widget.MediumImportance, l.Importance, "a reused cell loses the colour")
		}
	}
	require.Equal(t, 2, marked)
	require.NotNil(t, labelWith(sh.Window.Content(), "ASSET-0005"+dupMark), "the table shows the mark")

	// The form of either says which other asset holds the number, with the button.
	p.openDetail(mine.ID)
	f := p.detail
	warning := i18n.N("asset.ref.duplicate", 1, map[string]any{"Ref": "ASSET-0005", "Others": sample.Name + " (" + sample.District + ")"})
	l := labelWith(f.refBox, warning)
	require.NotNil(t, l, "the form says: %s", warning)
	require.Equal(t, widget.WarningImportance, l.Importance)
	button := i18n.T("asset.ref.renumber")

	// It asks first; Cancel changes nothing.
	tapButton(t, f.refBox, button)
	d := topDialog(t, sh)
	require.NotNil(t, labelWith(d, i18n.N("asset.ref.renumber.confirm", 1, map[string]any{"Ref": "ASSET-0005", "Name": "Orto offline",
		"Others": sample.Name + " (" + sample.District + ")"})))
	tapButton(t, d, i18n.T("action.cancel"))
	got, err := model.LoadAsset(sh.WS.Store.DB(), mine.ID)
	require.NoError(t, err)
	require.Equal(t, "ASSET-0005", got.Ref)

	// What is typed stays through the renumbering, and saves afterwards.
	f.entries["owner"].SetText("Comune")
	tapButton(t, f.refBox, button)
	tapButton(t, topDialog(t, sh), button)
	require.Equal(t, "ASSET-0014", f.header.Text, "the next free number of the registry")
	require.Nil(t, labelWith(f.refBox, warning), "no warning left")
	require.False(t, hasButton(f.refBox, button))
	done := labelWith(f.refBox, i18n.T("asset.ref.renumbered", map[string]any{"Ref": "ASSET-0005", "New": "ASSET-0014"}))
	require.NotNil(t, done, "it says what it did where the warning was")
	require.Equal(t, widget.MediumImportance, done.Importance)
	require.Equal(t, "Comune", f.entries["owner"].Text)
	require.NoError(t, f.save())
	got, err = model.LoadAsset(sh.WS.Store.DB(), mine.ID)
	require.NoError(t, err)
	require.Equal(t, "ASSET-0014", got.Ref)
	require.Equal(t, "Comune", got.Owner)
	kept, err := assets.Get(sh.WS.Store.DB(), "ASSET-0005")
	require.NoError(t, err)
	require.Equal(t, sample.ID, kept.ID, "the other keeps its number")
	require.Nil(t, labelWith(sh.Window.Content(), "ASSET-0005"+dupMark), "the mark is gone")
	require.NotNil(t, labelWith(sh.Window.Content(), "ASSET-0005"))
}

// An asset named in a signed pact keeps its number: its form says so and has no button;
// the other one's form has it.
func TestAssetInASignedPactKeepsItsNumber(t *testing.T) {
	sh, p := openAssets(t)
	active, err := pacts.LoadRef(sh.WS.Store.DB(), "PACT-2026-0001")
	require.NoError(t, err)
	require.NotEmpty(t, active.Versions, "the sample's active pact was signed")
	require.NotEmpty(t, active.Assets)
	signed := active.Assets[0]
	other := offlineAsset(t, sh, signed.Ref, "Orto offline", "Zisa")

	p.openDetail(signed.ID)
	require.NotNil(t, labelWith(p.detail.refBox, i18n.T("asset.ref.keeps_signed", map[string]any{"Ref": signed.Ref})))
	require.False(t, hasButton(p.detail.refBox, i18n.T("asset.ref.renumber")))
	p.openDetail(other.ID)
	require.True(t, hasButton(p.detail.refBox, i18n.T("asset.ref.renumber")))
}

func TestAssetFormWarnsInItalian(t *testing.T) {
	sh, p := openAssets(t)
	mine := offlineAsset(t, sh, "ASSET-0005", "Orto offline", "Zisa")
	i18n.SetCurrent("it")
	p.openDetail(mine.ID)
	require.True(t, hasButton(p.detail.refBox, "Assegna un nuovo numero"))
	var text string
	walk(p.detail.refBox, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && l.Importance == widget.WarningImportance {
			text = l.Text
		}
	})
	require.Contains(t, text, "ASSET-0005 è anche il numero di un altro bene")
}

// offlinePact puts in the workspace a draft with the reference ref, as another laptop that
// gave out the same number offline would bring it.
func offlinePact(t *testing.T, sh *Shell, ref string) model.Pact {
	t.Helper()
	x := model.Pact{Ref: ref, Title: "Started offline", Kind: pacts.Ordinary, Status: pacts.Draft, Lang: "en", Version: 1, ReportMonths: 6}
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.Put(&x) }))
	sh.Changed()
	return x
}

func TestPactsListMarksADuplicateAndTheEditorRenumbersIt(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	sample, err := pacts.LoadRef(sh.WS.Store.DB(), "PACT-2026-0004")
	require.NoError(t, err)
	mine := offlinePact(t, sh, "PACT-2026-0004")

	marked := 0
	for _, it := range p.items {
		text, imp := p.cell(it, 0)
		if it.Ref == "PACT-2026-0004" {
			marked++
			require.Equal(t, "PACT-2026-0004"+dupMark, text)
			require.Equal(t, widget.WarningImportance, imp)
		} else {
			require.Equal(t, it.Ref, text)
		}
	}
	require.Equal(t, 2, marked)
	require.NotNil(t, labelWith(sh.Window.Content(), "PACT-2026-0004"+dupMark), "the list shows the mark")

	p.Open(mine.ID)
	e := p.editor
	others := sample.Pact.Title + " (" + i18n.T("pact.status."+sample.Pact.Status) + ")"
	require.NotNil(t, labelWith(e.outer, i18n.N("pact.ui.ref.duplicate", 1, map[string]any{"Ref": "PACT-2026-0004", "Others": others})))
	button := i18n.T("pact.ui.ref.renumber")
	tapButton(t, e.outer, button)
	d := topDialog(t, sh)
	require.NotNil(t, labelWith(d, i18n.N("pact.ui.ref.renumber.confirm", 1, map[string]any{"Ref": "PACT-2026-0004", "Title": "Started offline", "Others": others})))
	tapButton(t, d, button)

	require.Equal(t, "PACT-2026-0006", e.d.Pact.Ref, "the next free number of its year")
	require.True(t, hasText(e.outer, "PACT-2026-0006 — Started offline"), "the header shows it")
	require.False(t, hasButton(e.outer, button), "no warning left")
	require.Equal(t, i18n.T("pact.ui.ref.renumbered", map[string]any{"Ref": "PACT-2026-0004", "New": "PACT-2026-0006"}), e.message.Text)
	kept, err := pacts.LoadRef(sh.WS.Store.DB(), "PACT-2026-0004")
	require.NoError(t, err)
	require.Equal(t, sample.Pact.ID, kept.Pact.ID, "the other keeps its number")
	e.page.back()
	for _, it := range p.items {
		require.False(t, it.DuplicateRef, it.Ref)
	}
}

// A pact signed under its number keeps it; the editor says so, without the button.
func TestSignedPactKeepsItsNumberInTheEditor(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	signed, err := pacts.LoadRef(sh.WS.Store.DB(), "PACT-2026-0001")
	require.NoError(t, err)
	mine := offlinePact(t, sh, "PACT-2026-0001")
	p.Open(signed.Pact.ID)
	require.NotNil(t, labelWith(p.editor.outer, i18n.T("pact.ui.ref.keeps_signed", map[string]any{"Ref": "PACT-2026-0001"})))
	require.False(t, hasButton(p.editor.outer, i18n.T("pact.ui.ref.renumber")))
	p.Open(mine.ID)
	require.True(t, hasButton(p.editor.outer, i18n.T("pact.ui.ref.renumber")))

	// Linking an asset by a number two assets hold names them, in words, without ids.
	a := offlineAsset(t, sh, "ASSET-0005", "Orto offline", "Zisa")
	p.editor.assetRef.SetText("ASSET-0005")
	require.False(t, p.editor.linkAsset())
	said := formSays(t, p.editor, "asset", "")
	require.Contains(t, said, "ASSET-0005 is the number of 2 assets")
	require.Contains(t, said, "Orto offline (Zisa)")
	require.NotContains(t, said, a.ID)
}
