package syncfolder

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// restoredFrom is r's laptop after its database was replaced by the backup file.
func restoredFrom(t *testing.T, r *peer, backup string) *peer {
	t.Helper()
	st, err := model.Open(backup, model.Options{Device: r.eng.ID.Device})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	eng := *r.eng
	eng.Store = st
	return &peer{name: r.name + " restored", dir: filepath.Dir(backup), store: st, eng: &eng, fault: r.fault}
}

// TestARestoredBackupRecoversItsOwnLaterWork: a laptop restored from a backup finds its
// own segments written after the backup in the folder. It applies them (after the other
// laptop's work they depended on), numbers on after them with the same identity, and its
// edit made after the restore reaches the other laptop; nothing is quarantined. A forged
// segment under its name, signed by another key, is never applied. Without being told of
// the restore, the same folder means a copied identity, as before.
func TestARestoredBackupRecoversItsOwnLaterWork(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A", "B")
	a, b := rs[0], rs[1]
	x := &model.Asset{Name: "Giardino", Kind: "green_area"}
	a.put(t, x)
	a.sync(t)
	backup := filepath.Join(t.TempDir(), "pacta.db")
	require.NoError(t, a.store.Backup(ctx, backup))
	backup2 := filepath.Join(t.TempDir(), "pacta.db")
	require.NoError(t, a.store.Backup(ctx, backup2))

	// Work after the backup, shared, some of it over the other laptop's.
	b.sync(t)
	onB, err := model.LoadAsset(b.store.DB(), x.ID)
	require.NoError(t, err)
	onB.District = "Kalsa"
	b.put(t, &onB)
	b.sync(t)
	a.sync(t)
	x.Name, x.District = "Giardino dei Giusti", "Kalsa"
	a.put(t, x)
	a.put(t, &model.Asset{Name: "Piazza Magione", Kind: "square"})
	a.sync(t)
	require.Equal(t, 2, b.sync(t).Applied)
	want := ownSegments(t, a, folder)

	// The copy that is not told: the folder shows a copied identity.
	copied := restoredFrom(t, a, backup2)
	_, err = copied.eng.Sync(ctx)
	var clone *CloneError
	require.ErrorAs(t, err, &clone)

	// The restored laptop, told; a forgery waits in its log, numbered next.
	r := restoredFrom(t, a, backup)
	ok, err := MarkRestored(ctx, r.store)
	require.NoError(t, err)
	require.True(t, ok)
	r.put(t, &model.Asset{Name: "Orto di via Roma", Kind: "green_area"})
	_, forger, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	last := want[len(want)-1]
	forged := []model.Change{{Device: a.eng.ID.Device, Seq: last.LastSeq + 1, HLC: last.Changes[0].HLC, Table: "assets", Row: x.ID,
		Fields: model.RawJSON(`{"name":"Forged"}`)}}
	data, sha, err := Encode(Header{Workspace: last.Workspace, Device: a.eng.ID.Device, Segment: last.Segment + 1,
		FirstSeq: last.LastSeq + 1, LastSeq: last.LastSeq + 1, Prev: last.SHA256}, forged, forger)
	require.NoError(t, err)
	require.NoError(t, folder.WriteFileAtomic(path.Join(logDir, a.eng.ID.Device, SegmentName(last.Segment+1, sha)), data))

	rep, err := r.eng.Sync(ctx)
	require.NoError(t, err, "no copied identity")
	require.Empty(t, rep.Clones)
	require.Positive(t, rep.Recovered)
	require.True(t, rep.RecoveredAll)
	require.Equal(t, 1, rep.Exported, "the edit made after the restore leaves at once")
	got, err := model.LoadAsset(r.store.DB(), x.ID)
	require.NoError(t, err)
	require.Equal(t, "Giardino dei Giusti", got.Name, "its own later work is back, not the forgery")
	require.Equal(t, "Kalsa", got.District)
	segs := ownSegments(t, r, folder)
	require.Equal(t, last.Segment+1, segs[len(segs)-1].Segment, "numbered on after its later segments")
	require.Equal(t, last.SHA256, segs[len(segs)-1].Prev)
	require.Equal(t, r.eng.ID.Device, a.eng.ID.Device, "same identity")

	rb := b.sync(t)
	require.Equal(t, 1, rb.Applied)
	require.Empty(t, rb.Clones)
	require.Equal(t, r.canonical(t), b.canonical(t))
	// And on: an edit on each side reaches the other.
	r.put(t, &model.Asset{Name: "Villa Trabia", Kind: "green_area"})
	rep = r.sync(t)
	require.Empty(t, rep.Clones)
	require.False(t, rep.RecoveredAll, "recovered once")
	b.put(t, &model.Asset{Name: "Foro Italico", Kind: "green_area"})
	b.sync(t)
	r.sync(t)
	require.Equal(t, r.canonical(t), b.canonical(t))
	q, err := replica.ListQuarantine(r.store.DB())
	require.NoError(t, err)
	require.Len(t, q, 1, "the forgery, shown")
	require.Equal(t, ReasonForeign, q[0].Reason, "a file in its own log it did not write")
	q, err = replica.ListQuarantine(b.store.DB())
	require.NoError(t, err)
	require.Len(t, q, 1)
	require.Equal(t, ReasonSignature, q[0].Reason, "and a forgery to the other laptop")
}
