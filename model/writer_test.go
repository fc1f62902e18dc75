package model

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
)

// holdWriter holds st's writer in an Update on another goroutine, as a replay writing a
// segment does, until the returned function is called.
func holdWriter(t *testing.T, st *Store) (release func()) {
	t.Helper()
	held, done, out := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		out <- st.Update(context.Background(), func(tx *Tx) error {
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

// TestWriteWaitGivesUpWhenTheWriterIsHeld: a write whose context limits its wait (the
// window's) is refused with ErrBusy while a long transaction holds the writer, writing
// nothing; one without a limit waits and is written; once the writer is free, the limited
// write goes through.
func TestWriteWaitGivesUpWhenTheWriterIsHeld(t *testing.T) {
	st := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	window := WithWriteWait(context.Background(), 50*time.Millisecond)
	put := func(ctx context.Context, v string) error {
		return st.Update(ctx, func(tx *Tx) error { return tx.PutSetting(SettingMunicipality, v) })
	}
	stored := func() string {
		var v string
		require.NoError(t, st.DB().Get(&v, "SELECT coalesce((SELECT value FROM settings WHERE id = ?), '')", SettingMunicipality))
		return v
	}

	release := holdWriter(t, st)
	for _, c := range []struct {
		name string
		err  error
	}{
		{"update", put(window, "Comune A")},
		{"set meta", st.SetMeta(window, "k", "v")},
		{"flush", st.Flush(window)},
	} {
		require.ErrorIs(t, c.err, ErrBusy, c.name)
		require.True(t, errs.Is(errs.Unavailable, c.err), c.name)
		require.Equal(t, "sync.busy_writing", errs.Keyed(c.err).Key, c.name)
	}
	require.Empty(t, stored(), "a refused write wrote nothing")

	waited := make(chan error, 1)
	go func() { waited <- put(WithWriteWait(window, 0), "Comune B") }() // a background job's context
	select {
	case err := <-waited:
		t.Fatalf("an unlimited write did not wait for the writer: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	release()
	require.NoError(t, <-waited)
	require.Equal(t, "Comune B", stored())

	require.NoError(t, put(window, "Comune C"), "the writer is free again")
	require.Equal(t, "Comune C", stored())
	require.False(t, errors.Is(put(window, "Comune D"), ErrBusy))
}
