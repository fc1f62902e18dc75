package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

// anotherProcess opens a second store on the window's workspace file, as a command run
// beside the window (or a sync in another process) does. What it writes, the window has
// not been told about (no sh.Changed): its forms still show what they were filled with.
func anotherProcess(t *testing.T, sh *Shell) *model.Store {
	t.Helper()
	o, err := model.Open(sh.WS.Store.Path(), model.Options{Device: "dev-other-process"})
	require.NoError(t, err)
	t.Cleanup(func() { o.Close() })
	return o
}

// TestFormsWriteOnlyWhatTheUserChanged: each form of the window is filled in; another
// process then changes one field of the same record; the user changes another field and
// saves. The other process's change stays (the form writes only what its user changed),
// and nothing is a conflict.
func TestFormsWriteOnlyWhatTheUserChanged(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, sh *Shell, other *model.Store)
	}{
		{"settings", func(t *testing.T, sh *Shell, other *model.Store) {
			sh.Show("settings")
			p := sh.Page("settings").(*settingsPage)
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
			}))
			require.Equal(t, "Comune di Prova", p.municipality.Text, "the form has not seen it")
			p.legalBasis.SetText("Regolamento sui beni comuni, delibera 12/2026.")
			p.save()
			require.Equal(t, i18n.T("settings.saved"), p.status.Text)
			s, err := sh.WS.Settings(sh.Ctx)
			require.NoError(t, err)
			require.Equal(t, "Comune di Palermo", s.Municipality)
			require.Equal(t, "Regolamento sui beni comuni, delibera 12/2026.", s.LegalBasis)
			require.Equal(t, "Comune di Palermo", p.municipality.Text, "after saving, the form shows what is stored")
		}},
		{"pact overview", func(t *testing.T, sh *Shell, other *model.Store) {
			e := openEditorOf(t, sh)
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				d, err := pacts.Load(tx, e.id)
				if err != nil {
					return err
				}
				p := d.Pact
				p.Title, p.Officer = "Titolo arrivato altrove", "Ufficio Beni Comuni"
				return tx.Put(&p)
			}))
			e.summary.SetText("Cura condivisa, con la scuola.")
			e.duration.SetText("18")
			require.True(t, e.saveOverview(), e.message.Text)
			require.Equal(t, "Titolo arrivato altrove", e.d.Pact.Title)
			require.Equal(t, "Ufficio Beni Comuni", e.d.Pact.Officer)
			require.Equal(t, "Cura condivisa, con la scuola.", e.d.Pact.Summary)
			require.EqualValues(t, 18, e.d.Pact.DurationMonths)
			require.Equal(t, "Titolo arrivato altrove", e.title.Text)
		}},
		{"pact section", func(t *testing.T, sh *Shell, other *model.Store) {
			e := openEditorOf(t, sh)
			e.showSection("risks")
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				return pacts.SetSection(tx, e.id, "liability", "Responsabilità scritta altrove.")
			}))
			e.sectionText.SetText("Rischi valutati con la scuola.")
			require.True(t, e.saveSection(), e.message.Text)
			risks, _ := e.d.Section("risks")
			liability, _ := e.d.Section("liability")
			require.Equal(t, "Rischi valutati con la scuola.", risks.Text)
			require.Equal(t, "Responsabilità scritta altrove.", liability.Text)
		}},
		{"asset form over an imported asset", func(t *testing.T, sh *Shell, other *model.Store) {
			// A register import writes assets with no protection or availability: the form
			// shows them as "none" and "available", which the user did not choose.
			a := model.Asset{Ref: "ASSET-0900", Kind: "square", Name: "Piazza Magione", Address: "Piazza Magione", Tags: "Kalsa,UPL 1"}
			require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.Put(&a) }))
			sh, f, _ := openAssetFormIn(t, sh, "ASSET-0900")
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				x, err := model.LoadAsset(tx, a.ID)
				if err != nil {
					return err
				}
				x.Protection, x.District = "protected", "Kalsa"
				return tx.Put(&x)
			}))
			f.entries["owner"].SetText("Comune di Palermo")
			require.NoError(t, f.save())
			got, err := assets.Get(sh.WS.Store.DB(), "ASSET-0900")
			require.NoError(t, err)
			require.Equal(t, "Comune di Palermo", got.Owner)
			require.Equal(t, "protected", got.Protection, "the form's \"none\" was the empty value it showed, not a choice")
			require.Equal(t, "Kalsa", got.District)
			require.Equal(t, "available", got.Availability)
		}},
		{"deadlines dialog", func(t *testing.T, sh *Shell, other *model.Store) {
			sh.Show("pacts")
			sh.Page("pacts").(*pactsPage).showDeadlines()
			entries, save := dialogEntries(t, sh)
			require.Len(t, entries, 5) // four terms and the interruption's days
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				d := pacts.DefaultDeadlines
				d.OrdinaryAnswer = 45
				return pacts.SaveDeadlines(tx, d)
			}))
			require.Equal(t, "30", entries[0].Text, "the dialog has not seen it")
			entries[3].SetText("90")
			test.Tap(save)
			dl, err := pacts.LoadDeadlines(sh.WS.Store.DB())
			require.NoError(t, err)
			require.Equal(t, pacts.Deadlines{OrdinaryAnswer: 45, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 90}, dl)
		}},
		{"template editor", func(t *testing.T, sh *Shell, other *model.Store) {
			te := newTemplateEditor(sh)
			te.lang.SetSelected(langName("it"))
			te.key.SetSelectedIndex(indexOf(pacts.TemplateKeys, "risks"))
			require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
				return pacts.SetTemplate(tx, "it", "liability", "Responsabilità del modello, altrove.")
			}))
			require.True(t, te.save("Rischi del modello, qui."))
			for key, want := range map[string]string{"risks": "Rischi del modello, qui.", "liability": "Responsabilità del modello, altrove."} {
				text, err := pacts.TemplateText(sh.WS.Store.DB(), "it", key)
				require.NoError(t, err)
				require.Equal(t, want, text, key)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := newTestShell(t)
			c.run(t, sh, anotherProcess(t, sh))
			cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
			require.NoError(t, err)
			require.Empty(t, cs, "the form wrote nothing its user had not changed")
		})
	}
}

// TestFormEditOfAFieldChangedElsewhereKeepsBoth: the user and another process change the
// same setting; the user's value, saved last, is in place and the other one is kept as a
// conflict for the Sync screen.
func TestFormEditOfAFieldChangedElsewhereKeepsBoth(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("settings")
	p := sh.Page("settings").(*settingsPage)
	other := anotherProcess(t, sh)
	require.NoError(t, other.Update(sh.Ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
	}))
	p.municipality.SetText("Comune di Monreale")
	p.save()
	require.Equal(t, i18n.T("settings.saved"), p.status.Text)
	require.Equal(t, "Comune di Monreale", sh.WS.Municipality())
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.Equal(t, model.SettingMunicipality, cs[0].Row)
	require.JSONEq(t, `"Comune di Palermo"`, string(cs[0].IncomingValue))
}

// openEditorOf opens the editor of the first draft pact of sh.
func openEditorOf(t *testing.T, sh *Shell) *pactEditor {
	t.Helper()
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	p.status.SetSelected("Draft")
	require.NotEmpty(t, p.items)
	p.Open(p.items[0].ID)
	return p.editor
}

// openAssetFormIn opens the form of the asset ref in sh's registry.
func openAssetFormIn(t *testing.T, sh *Shell, ref string) (*Shell, *assetForm, assets.AssetView) {
	t.Helper()
	sh.Show("assets")
	p := sh.Page("assets").(*assetsPage)
	a, err := assets.Get(sh.WS.Store.DB(), ref)
	require.NoError(t, err)
	p.openDetail(a.ID)
	return sh, p.detail, a
}

// dialogEntries finds the entries of the dialog on top of the window, in order, and its
// save button.
func dialogEntries(t *testing.T, sh *Shell) ([]*Entry, *widget.Button) {
	t.Helper()
	top := sh.Window.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog is open")
	var entries []*Entry
	var save *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *Entry:
			entries = append(entries, w)
		case *widget.Button:
			if w.Text == i18n.T("action.save") {
				save = w
			}
		}
	})
	require.NotNil(t, save, fmt.Sprintf("the dialog has a %q button", i18n.T("action.save")))
	return entries, save
}
