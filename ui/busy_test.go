package ui

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

// holdWriterOf holds the window's store writer in an Update on another goroutine, as a
// sync replaying a received segment does, until the returned function is called.
func holdWriterOf(t *testing.T, sh *Shell) (release func()) {
	t.Helper()
	held, done, out := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		out <- sh.WS.Store.Update(context.Background(), func(tx *model.Tx) error {
			close(held)
			<-done
			return nil
		})
	}()
	<-held
	var once sync.Once
	release = func() {
		once.Do(func() {
			close(done)
			require.NoError(t, <-out)
		})
	}
	t.Cleanup(release) // a failed test gives the writer back too, for Close
	return release
}

// TestSaveDuringAReplaySaysSoAndKeepsTheTyping: while a sync holds the store's writer (a
// segment being written), a save in the window does not freeze it waiting: after a moment
// it says, under the form, that received changes are being written and that nothing typed
// is lost; the typing stays, nothing is written; saving again once the segment is in
// writes it. Without the window's limited wait, Save would block until the writer was given
// back, which here is only after it returned: the test would hang.
func TestSaveDuringAReplaySaysSoAndKeepsTheTyping(t *testing.T) {
	busy := i18n.T("sync.busy_writing")
	cases := []struct {
		name string
		run  func(t *testing.T, sh *Shell)
	}{
		{"pact overview", func(t *testing.T, sh *Shell) {
			e := openEditorOf(t, sh)
			e.summary.SetText("Cura condivisa, con la scuola.")
			release := holdWriterOf(t, sh)
			require.False(t, e.saveOverview())
			require.Equal(t, busy, formSays(t, e, "overview", ""), "said under the form")
			require.Equal(t, "Cura condivisa, con la scuola.", e.summary.Text, "the typing stays")
			require.NotEqual(t, "Cura condivisa, con la scuola.", e.d.Pact.Summary)
			release()
			require.True(t, e.saveOverview(), e.message.Text)
			require.Equal(t, "Cura condivisa, con la scuola.", e.d.Pact.Summary)
		}},
		{"settings", func(t *testing.T, sh *Shell) {
			sh.Show("settings")
			p := sh.Page("settings").(*settingsPage)
			p.legalBasis.SetText("Regolamento sui beni comuni, delibera 12/2026.")
			release := holdWriterOf(t, sh)
			require.False(t, p.SaveTyped())
			require.Equal(t, busy, p.status.Text)
			require.Equal(t, "Regolamento sui beni comuni, delibera 12/2026.", p.legalBasis.Text)
			release()
			require.True(t, p.SaveTyped(), p.status.Text)
			s, err := sh.WS.Settings(sh.Ctx)
			require.NoError(t, err)
			require.Equal(t, "Regolamento sui beni comuni, delibera 12/2026.", s.LegalBasis)
		}},
		{"asset form", func(t *testing.T, sh *Shell) {
			_, f, a := openAssetFormIn(t, sh, "ASSET-0001")
			f.entries["name"].SetText(a.Name + " (restaurato)")
			release := holdWriterOf(t, sh)
			require.Error(t, f.save())
			require.Equal(t, busy, f.problem.Text)
			require.Equal(t, a.Name+" (restaurato)", f.entries["name"].Text)
			release()
			require.NoError(t, f.save(), f.problem.Text)
			require.Equal(t, a.Name+" (restaurato)", f.a.Name)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, newTestShell(t)) })
	}
}
