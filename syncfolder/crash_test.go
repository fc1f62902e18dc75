package syncfolder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

var errKilled = errors.New("killed")

// afterCrash is r as it starts again after its process died: from the database file and,
// unless the power was cut, its write-ahead log (a power cut takes back every commit that
// was not checkpointed). The files are copied while r's store is open, as a dead process
// leaves them: nothing is given back or checkpointed at a close.
func afterCrash(t *testing.T, r *peer, powerCut bool) *peer {
	t.Helper()
	dir := t.TempDir()
	files := []string{"pacta.db"}
	if !powerCut {
		files = append(files, "pacta.db-wal")
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(r.dir, f))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o600))
	}
	st, err := model.Open(filepath.Join(dir, "pacta.db"), model.Options{Device: r.eng.ID.Device})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	eng := *r.eng
	eng.Store, eng.crash = st, nil
	return &peer{name: r.name + " again", dir: dir, store: st, eng: &eng, fault: r.fault}
}

// TestAnExportKilledAtAnyStepLosesNothingItShared stops an export of several segments at
// each of its steps, at its first and second occurrence, by a kill (the write-ahead log
// survives) or a power cut (it does not). The laptop starts again, syncs, works on: it is
// never taken for a copy of itself, the other laptop quarantines nothing, and both end
// with the same data, whatever the folder held when it stopped.
func TestAnExportKilledAtAnyStepLosesNothingItShared(t *testing.T) {
	smallSegments(t, 2048)
	ctx := context.Background()
	for _, step := range []string{stepSealed, stepFlushed, stepBlobs, stepWritten, stepMarked} {
		for _, nth := range []int{1, 2} {
			for _, cut := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s-%d-powercut-%v", step, nth, cut), func(t *testing.T) {
					folder := OSFS{Root: t.TempDir()}
					rs := founded(t, folder, "A", "B")
					a, b := rs[0], rs[1]
					for i := 0; i < 12; i++ {
						a.put(t, &model.Asset{Name: fmt.Sprintf("Giardino %d", i), Kind: "green_area", Description: strings.Repeat("curato dai residenti; ", 30)})
					}
					seen := 0
					a.eng.crash = func(s string) error {
						if s == step {
							if seen++; seen == nth {
								return errKilled
							}
						}
						return nil
					}
					_, err := a.eng.Sync(ctx)
					if (step == stepSealed || step == stepFlushed) && nth == 2 {
						require.NoError(t, err, "once a sync")
						a.put(t, &model.Asset{Name: "Piazza", Kind: "square"})
						_, err = a.eng.Sync(ctx)
					}
					require.ErrorIs(t, err, errKilled)

					a2 := afterCrash(t, a, cut)
					rep, err := a2.eng.Sync(ctx)
					require.NoError(t, err, "not taken for a copy")
					require.Empty(t, rep.Clones)
					a2.put(t, &model.Asset{Name: "Villa Trabia", Kind: "green_area"})
					a2.sync(t)
					rb := b.sync(t)
					require.Zero(t, rb.Quarantined)
					require.Empty(t, rb.Clones)
					require.Equal(t, a2.canonical(t), b.canonical(t))
					// The other laptop's work reaches the one that crashed too.
					b.put(t, &model.Asset{Name: "Orto urbano", Kind: "green_area"})
					b.sync(t)
					require.Zero(t, a2.sync(t).Quarantined)
					require.Equal(t, a2.canonical(t), b.canonical(t))
				})
			}
		}
	}
}

// TestNoSegmentLeavesBeforeTheCheckpoint: while another reader holds an old snapshot of
// the database, the checkpoint cannot finish, and no sealed segment may go to the folder
// (a power cut could take it back from this laptop, which would then number other changes
// as those the folder holds). Once the reader is gone the next sync writes it; a power
// cut then loses none of it.
func TestNoSegmentLeavesBeforeTheCheckpoint(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A", "B")
	a, b := rs[0], rs[1]
	before := len(ownSegments(t, a, folder))

	// Another Pacta reading the file (a window beside a command).
	other, err := sqlx.Open("sqlite3", "file:"+filepath.Join(a.dir, "pacta.db")+"?_busy_timeout=100&_query_only=true")
	require.NoError(t, err)
	defer other.Close()
	rtx, err := other.Beginx()
	require.NoError(t, err)
	var n int
	require.NoError(t, rtx.Get(&n, "SELECT count(*) FROM assets"))

	a.put(t, &model.Asset{Name: "Giardino", Kind: "green_area"})
	_, err = a.eng.Sync(ctx)
	require.ErrorIs(t, err, model.ErrFlushBusy)
	out, err := replica.WaitingSegments(a.store.DB())
	require.NoError(t, err)
	require.Len(t, out, 1, "sealed")
	require.Len(t, ownSegments(t, a, folder), before, "and kept here")
	// Again, with the segment waiting in the outbox.
	_, err = a.eng.Sync(ctx)
	require.ErrorIs(t, err, model.ErrFlushBusy)
	require.Len(t, ownSegments(t, a, folder), before, "still kept here")

	require.NoError(t, rtx.Rollback())
	require.Positive(t, a.sync(t).Exported)
	require.Len(t, ownSegments(t, a, folder), before+1)
	a2 := afterCrash(t, a, true)
	rep, err := a2.eng.Sync(ctx)
	require.NoError(t, err)
	require.Empty(t, rep.Clones)
	require.Zero(t, b.sync(t).Quarantined)
	require.Equal(t, a2.canonical(t), b.canonical(t))
}
