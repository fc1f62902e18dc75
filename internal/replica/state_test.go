package replica

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func openStore(t *testing.T) *model.Store {
	t.Helper()
	st, err := model.Open(filepath.Join(t.TempDir(), "pacta.db"), model.Options{Device: "dev-a"})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// TestStateRoundTrip: every field written in a transaction reads back typed; a state that
// an earlier version left as loose keys ("0" for no segment) reads the same.
func TestStateRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	empty, err := Read(st.DB())
	require.NoError(t, err)
	require.Equal(t, State{}, empty, "a laptop not in a workspace")

	want := State{Workspace: "ws-1", WorkspaceName: "Comune di Prova", Founder: "dev-f", FounderKey: "a2V5",
		Created: "2026-12-01T10:00:00Z", Segment: 7, SegmentHash: "ab12", Exported: 420, Restored: true,
		RenewFrom: "dev-old", Folder: "/srv/pacta", LastSync: "2026-12-02T10:00:00Z", LastError: "folder gone",
		PendingIn: 3, FullCheck: "2026-12-02T09:00:00Z", WorkspaceChanged: "1234-5678"}
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return Change(tx, func(s *State) { *s = want })
	}))
	got, err := Read(st.DB())
	require.NoError(t, err)
	require.Equal(t, want, got)

	for k, v := range map[string]string{"sync.segment": "0", "sync.exported_seq": "0", "sync.restored": ""} {
		require.NoError(t, st.SetMeta(ctx, k, v)) // as an earlier version wrote them
	}
	got, err = Read(st.DB())
	require.NoError(t, err)
	require.Zero(t, got.Segment)
	require.Zero(t, got.Exported)
	require.False(t, got.Restored)

	require.NoError(t, st.SetMeta(ctx, "sync.segment", "seven"))
	_, err = Read(st.DB())
	require.ErrorContains(t, err, "sync.segment", "a damaged value is named, not read as zero")
}

// TestChangeIsPartOfItsTransaction: a change of the state made in a transaction that then
// fails (a crash before the commit) leaves the state as it was, with the rows.
func TestChangeIsPartOfItsTransaction(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return Change(tx, func(s *State) { s.Segment, s.SegmentHash = 1, "h1" })
	}))
	boom := errors.New("power cut before the commit")
	err := st.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, "Comune di Palermo"); err != nil {
			return err
		}
		if err := Change(tx, func(s *State) { s.Segment, s.SegmentHash = 2, "h2" }); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, err := Read(st.DB())
	require.NoError(t, err)
	require.EqualValues(t, 1, got.Segment)
	require.Equal(t, "h1", got.SegmentHash)
}

// TestNoteChangesOnlyBookkeeping: Note keeps when the last sync ended and its error, but
// refuses to move the chain of segments, the workspace or a restore outside the
// transaction of what they describe, and writes nothing then.
func TestNoteChangesOnlyBookkeeping(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	require.NoError(t, Note(ctx, st, func(s *State) { s.LastError, s.PendingIn, s.Folder = "no folder", 4, "/srv/x" }))
	got, err := Read(st.DB())
	require.NoError(t, err)
	require.Equal(t, State{LastError: "no folder", PendingIn: 4, Folder: "/srv/x"}, got)

	cases := []struct {
		name string
		f    func(*State)
	}{
		{"segment", func(s *State) { s.Segment = 3 }},
		{"hash", func(s *State) { s.SegmentHash = "h" }},
		{"exported", func(s *State) { s.Exported = 9 }},
		{"workspace", func(s *State) { s.Workspace = "ws-2" }},
		{"founder key", func(s *State) { s.FounderKey = "k" }},
		{"restored", func(s *State) { s.Restored = true }},
		{"renewal", func(s *State) { s.RenewFrom = "dev-old" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Note(ctx, st, func(s *State) { s.LastError = ""; c.f(s) })
			require.Error(t, err)
			after, rerr := Read(st.DB())
			require.NoError(t, rerr)
			require.Equal(t, got, after, "nothing written")
		})
	}
}
