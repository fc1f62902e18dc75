package model

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A panic inside Update comes back as an internal error, and the store's log has the
// panic's value and the stack where it happened.
func TestUpdatePanicIsLogged(t *testing.T) {
	var buf bytes.Buffer
	s, err := Open(filepath.Join(t.TempDir(), "w.db"), Options{Device: "dev-a",
		Log: slog.New(slog.NewJSONHandler(&buf, nil))})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })

	err = s.Update(context.Background(), func(tx *Tx) error {
		require.NoError(t, tx.Put(&Asset{Name: "Y"}))
		var m map[string]int
		m["boom"]++ //lint:ignore SA5000 a nil map on purpose: the runtime panic Update must turn into an error
		return nil
	})
	require.ErrorContains(t, err, "update: internal error: assignment to entry in nil map")
	require.Zero(t, countChanges(t, s), "nothing is written")

	var rec struct {
		Level, Msg, Panic, Stack string
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec), buf.String())
	require.Equal(t, "ERROR", rec.Level)
	require.Equal(t, "update: internal error", rec.Msg)
	require.Equal(t, "assignment to entry in nil map", rec.Panic)
	require.Contains(t, rec.Stack, "TestUpdatePanicIsLogged", "the stack reaches the function that panicked")
	require.Contains(t, rec.Stack, "store_log_test.go")

	// The store goes on working.
	require.NoError(t, s.Update(context.Background(), func(tx *Tx) error { return tx.Put(&Asset{Name: "Z"}) }))
}
