package ui

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestMain(m *testing.M) {
	backgroundSync = false // tests run syncs themselves (see backgroundSync)
	inBackground = func(f func()) { f() }
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// shareAll seals this laptop's pending changes into a segment, as a sync would: tests that
// play another laptop with this one's store use it, since a value this laptop never shared
// leaves no conflict anywhere (model.Tx.PutEdit).
func shareAll(t *testing.T, st *model.Store) {
	t.Helper()
	require.NoError(t, st.Update(context.Background(), func(tx *model.Tx) error {
		chs, _, err := tx.PendingChanges()
		if err != nil || len(chs) == 0 {
			return err
		}
		return tx.Seal(chs[len(chs)-1].Seq)
	}))
}
