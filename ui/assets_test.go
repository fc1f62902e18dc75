package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
)

func openAssets(t *testing.T) (*Shell, *assetsPage) {
	t.Helper()
	sh := newTestShell(t)
	sh.Show("assets")
	require.Equal(t, "assets", sh.CurrentID())
	return sh, sh.Page("assets").(*assetsPage)
}

func TestAssetsTableSearchFilterSort(t *testing.T) {
	sh, p := openAssets(t)
	require.Equal(t, 13, p.total)
	require.Equal(t, "13 assets", p.count.Text)
	require.True(t, hasText(sh.Window.Content(), "Reference"), "the header row is shown")

	p.search.SetText("misahualli")
	require.Equal(t, 1, p.total)
	it, ok := p.item(0)
	require.True(t, ok)
	require.Equal(t, "Río Misahuallí (tramo comunitario)", it.Name)
	p.search.SetText("")

	p.kind.SetSelected(assets.Label("kind", "square"))
	require.Equal(t, 3, p.total)
	p.kind.SetSelectedIndex(0)
	require.Equal(t, 13, p.total)
	p.avail.SetSelected(assets.Label("availability", "unavailable"))
	require.Equal(t, 1, p.total)
	p.avail.SetSelectedIndex(0)
	p.prot.SetSelected(assets.Label("protection", "inalienable"))
	require.Equal(t, 2, p.total)
	p.prot.SetSelectedIndex(0)
	p.district.SetSelected("Libertà")
	require.Equal(t, 2, p.total)
	p.district.SetSelectedIndex(0)

	p.sortBy("ref")
	it, _ = p.item(0)
	require.Equal(t, "ASSET-0001", it.Ref)
	p.sortBy("ref")
	it, _ = p.item(0)
	require.Equal(t, "ASSET-0013", it.Ref, "tapping the same header reverses the order")

	// Ctrl+F focuses the search box.
	sh.shortcutAction("F")()
	require.Equal(t, p.search, sh.Window.Canvas().Focused())
}

func TestAssetDetailValidatesAndSaves(t *testing.T) {
	sh, p := openAssets(t)
	p.openDetail("")
	f := p.detail
	require.Equal(t, f.entries["name"], sh.Window.Canvas().Focused(), "typing goes to the name at once")
	require.Error(t, f.save())
	require.Contains(t, f.problem.Text, i18n.T("asset.error.name_required"))
	require.Contains(t, f.problem.Text, "Choose the kind of asset.", "no list of internal codes")
	require.NotContains(t, f.problem.Text, "green_area")

	f.entries["name"].SetText("Giardino di Piazza Tasca")
	f.selects["kind"].SetSelected(assets.Label("kind", "green_area"))
	f.entries["lat"].SetText("95")
	f.entries["lon"].SetText("13,35")
	f.entries["licence"].SetText("CC BY-SA 4.0")
	err := f.save()
	require.Error(t, err)
	require.Contains(t, f.problem.Text, "between -90 and 90")
	require.Contains(t, f.problem.Text, "only to digital commons")
	require.Equal(t, 13, p.total, "nothing was saved")

	f.entries["lat"].SetText("38,1201")
	f.entries["licence"].SetText("")
	require.NoError(t, f.save())
	require.Equal(t, "ASSET-0014", f.a.Ref)
	require.Equal(t, 14, p.total)
	a, err := assets.Get(sh.WS.Store.DB(), "ASSET-0014")
	require.NoError(t, err)
	require.InDelta(t, 38.1201, *a.Lat, 1e-9)
	require.InDelta(t, 13.35, *a.Lon, 1e-9)

	// A photo becomes an attachment with a thumbnail.
	png := filepath.Join(t.TempDir(), "photo.png")
	require.NoError(t, os.WriteFile(png, AppIcon.Content(), 0o644))
	_, err = assets.AddPhotoFile(sh.Ctx, sh.WS.Store, sh.WS.Blobs, f.a.ID, png)
	require.NoError(t, err)
	f.loadLinks()
	require.Len(t, f.photos.Objects, 1)
	require.True(t, hasText(f.content(), "photo.png"))
	require.True(t, hasText(f.content(), i18n.T("asset.pacts.none")))
}

// openAssetForm opens the registry and the form of the asset ref.
func openAssetForm(t *testing.T, ref string) (*Shell, *assetForm, assets.AssetView) {
	t.Helper()
	sh, p := openAssets(t)
	a, err := assets.Get(sh.WS.Store.DB(), ref)
	require.NoError(t, err)
	p.openDetail(a.ID)
	return sh, p.detail, a
}

// TestAssetDetailKeepsWhatASyncBrought: while the form is open, a sync (here, another
// Pacta on the same file) changes the district and the name. Saving the form writes the
// description the user typed and their name, keeps the new district, and keeps the other
// name in a conflict for the Sync screen.
func TestAssetDetailKeepsWhatASyncBrought(t *testing.T) {
	sh, f, a := openAssetForm(t, "ASSET-0001")
	lat := fmtCoord(a.Lat)

	other := a.Asset
	other.District, other.Name = "Kalsa", "Piazza (renamed elsewhere)"
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.Put(&other) }))
	shareAll(t, sh.WS.Store)

	f.entries["description"].SetText("Restored by the neighbourhood in 2026.")
	f.entries["name"].SetText("Piazza (renamed here)")
	require.NoError(t, f.save())
	got, err := assets.Get(sh.WS.Store.DB(), "ASSET-0001")
	require.NoError(t, err)
	require.Equal(t, "Restored by the neighbourhood in 2026.", got.Description)
	require.Equal(t, "Piazza (renamed here)", got.Name)
	require.Equal(t, "Kalsa", got.District, "the synced district is kept")
	require.Equal(t, a.Lat, got.Lat, "coordinates left as shown keep all their digits")
	require.Equal(t, "Kalsa", f.entries["district"].Text, "the form shows the asset as written")
	require.Equal(t, lat, f.entries["lat"].Text)
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.Equal(t, "name", cs[0].Field)
	require.JSONEq(t, `"Piazza (renamed elsewhere)"`, string(cs[0].IncomingValue))
}

// TestAssetDetailFollowsASync: a sync while the form is open shows the new district in
// the field the user did not touch and keeps what they are typing; with nothing typed it
// says nothing.
func TestAssetDetailFollowsASync(t *testing.T) {
	sh, f, a := openAssetForm(t, "ASSET-0002")
	elsewhere := func(change func(x *model.Asset)) {
		x, err := model.LoadAsset(sh.WS.Store.DB(), a.ID)
		require.NoError(t, err)
		change(&x)
		require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.Put(&x) }))
		shareAll(t, sh.WS.Store) // as another laptop's edit would be
		sh.Changed()
	}
	elsewhere(func(x *model.Asset) { x.Owner = "Città Metropolitana" })
	require.Equal(t, "Città Metropolitana", f.entries["owner"].Text)
	require.Empty(t, f.problem.Text, "nothing typed: nothing to say")

	f.entries["name"].SetText("Typed here")
	elsewhere(func(x *model.Asset) { x.District = "Kalsa"; x.Name = "Renamed there" })
	require.Equal(t, "Kalsa", f.entries["district"].Text)
	require.Equal(t, "Typed here", f.entries["name"].Text)
	require.Equal(t, i18n.T("asset.changed_elsewhere"), f.problem.Text)
	require.NoError(t, f.save())
	got, err := assets.Get(sh.WS.Store.DB(), "ASSET-0002")
	require.NoError(t, err)
	require.Equal(t, "Typed here", got.Name)
	require.Equal(t, "Kalsa", got.District)
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1, "the name typed over the other one, unseen, keeps it as a conflict")
	require.JSONEq(t, `"Renamed there"`, string(cs[0].IncomingValue))
}

func TestAssetImportWizardAndExport(t *testing.T) {
	sh, p := openAssets(t)
	csv := "\ufeffCodice;Nome;Indirizzo;Quartiere;Coordinate\r\n" +
		"A1;Piazza Nuova;Via Roma 1;Centro;\"38,11; 13,36\"\r\n" +
		"A2;;Via Roma 2;Centro;\r\n" +
		"A3;Giardino Nuovo;Via Roma 3;Zisa;38.12, 13.34\r\n"
	path := filepath.Join(t.TempDir(), "beni.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o644))
	w := p.startImport(path)
	require.NotNil(t, w)
	require.Equal(t, "name", w.mapping()[1])
	require.Equal(t, "latlon", w.mapping()[4])
	// The choices and the preview stand above the status line, not under it (a grid of
	// height 0 once cut them away).
	d := fyne.CurrentApp().Driver()
	sel := w.selects[0]
	require.GreaterOrEqual(t, d.AbsolutePositionForObject(w.status).Y, d.AbsolutePositionForObject(sel).Y+sel.Size().Height*3,
		"the column choices and the preview rows are shown above the status")
	w.startValidate()
	w.wait()
	require.Contains(t, w.status.Text, "2 new")
	require.Contains(t, w.rejects.Text, "Line 3")
	require.False(t, w.run.Disabled())
	w.startImport()
	w.wait()
	require.Contains(t, w.status.Text, "Imported")
	require.Equal(t, 15, p.total)

	var buf bytes.Buffer
	n, err := p.exportTo("csv", &buf)
	require.NoError(t, err)
	require.Equal(t, 15, n)
	require.True(t, strings.HasPrefix(buf.String(), "\ufeffref,name,kind"))
	require.Contains(t, buf.String(), "\r\n")

	var pdf bytes.Buffer
	require.NoError(t, p.writeAvailablePDF(&pdf))
	require.True(t, bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")))

	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Commons registry"))
	require.True(t, hasText(sh.Window.Content(), "Square"))
}

// TestAssetImportWizardCancel: Cancel while a large file is being written stops the import
// and leaves the registry as it was.
func TestAssetImportWizardCancel(t *testing.T) {
	_, p := openAssets(t)
	before := p.total
	var b strings.Builder
	b.WriteString("Codice;Nome;Indirizzo;Quartiere\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "C%05d;Piazza %d;Via Roma %d;Centro\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "grande.csv")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	w := p.startImport(path)
	require.NotNil(t, w)
	w.startImport()
	w.cancelOrClose() // at once: the import is running, so this cancels it
	w.wait()
	require.Equal(t, i18n.T("asset.import.cancelled"), w.status.Text)
	p.refresh()
	require.Equal(t, before, p.total, "nothing was imported")
}
