package syncfolder

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

func TestCreateJoinEnrolSync(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	a := newReplica(t, "Town hall", folder, nil)
	b := newReplica(t, "Laptop Maria", folder, nil)
	a.put(t, &model.Asset{Name: "Piazza Fonderia", Kind: "square"})
	_, err := a.eng.Create(ctx, "Comune di Prova")
	require.NoError(t, err)

	w, err := joinAccepting(t, b)
	require.NoError(t, err)
	require.Equal(t, "Comune di Prova", w.Name)
	// b is not enrolled: it replays what a wrote, but its own changes wait.
	b.put(t, &model.Asset{Name: "Villa Trabia", Kind: "green_area"})
	rep := b.sync(t)
	require.True(t, rep.WaitingEnrol)
	require.Equal(t, 0, rep.Exported)
	require.Equal(t, 1, rep.PendingOut, "the unexported new asset counts as pending")

	reqs, err := a.eng.Requests(ctx)
	require.NoError(t, err)
	require.Len(t, reqs, 1)
	require.Equal(t, "Laptop Maria", reqs[0].Name)
	require.ErrorIs(t, b.eng.Enrol(ctx, a.eng.ID.Device, false), ErrNotAdmin)
	require.NoError(t, a.eng.Enrol(ctx, b.eng.ID.Device, false))
	a.sync(t)
	rep = b.sync(t)
	require.False(t, rep.WaitingEnrol)
	require.Positive(t, rep.Exported)
	rep = a.sync(t)
	require.Positive(t, rep.Applied)
	require.Equal(t, 0, rep.Quarantined)
	require.Equal(t, a.canonical(t), b.canonical(t))
	reqs, err = a.eng.Requests(ctx)
	require.NoError(t, err)
	require.Empty(t, reqs)

	st, err := b.eng.Status(ctx)
	require.NoError(t, err)
	require.True(t, st.Enrolled)
	require.False(t, st.Admin)
	require.Len(t, st.Devices, 2)
	require.NotEmpty(t, st.LastSync)
}

// sharedAsset founds a workspace of two laptops, A and B, and an asset A made that both
// hold.
func sharedAsset(t *testing.T) (a, b *peer, asset *model.Asset) {
	t.Helper()
	rs := founded(t, OSFS{Root: t.TempDir()}, "A", "B")
	a, b = rs[0], rs[1]
	asset = &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	a.sync(t)
	b.sync(t)
	return a, b, asset
}

func TestConcurrentEditsMakeAConflictAndResolutionSyncs(t *testing.T) {
	ctx := context.Background()
	a, b, asset := sharedAsset(t)
	var onB model.Asset
	require.NoError(t, b.store.DB().Get(&onB, "SELECT "+strings.Join(model.TableColumns("assets"), ", ")+" FROM assets WHERE id = ?", asset.ID))
	asset.Name = "Piazza Grande"
	a.put(t, asset)
	onB.Name = "Piazza Piccola"
	b.put(t, &onB)
	a.sync(t)
	rb := b.sync(t)
	ra := a.sync(t)
	require.Equal(t, 1, ra.Conflicts)
	require.Equal(t, 1, rb.Conflicts)
	require.Equal(t, a.canonical(t), b.canonical(t))

	cs, err := replica.ListConflicts(a.store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.Equal(t, "name", cs[0].Field)
	// A keeps its own value; the decision syncs and closes B's conflict too.
	require.NoError(t, a.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, cs[0].ID, replica.KeepMine, nil) }))
	a.sync(t)
	rb = b.sync(t)
	require.Equal(t, 0, rb.Conflicts)
	require.Equal(t, a.canonical(t), b.canonical(t))
	var name string
	require.NoError(t, b.store.DB().Get(&name, "SELECT name FROM assets WHERE id = ?", asset.ID))
	require.Equal(t, "Piazza Grande", name)
}

func TestStatusNamesDevicesWhosePactaCannotReadOurs(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "Town hall", "Laptop Maria")
	a, b := rs[0], rs[1]
	st, err := a.eng.Status(ctx)
	require.NoError(t, err)
	require.Empty(t, st.Behind, "both run this Pacta")
	files, err := ReadDeviceFiles(folder, st.Workspace)
	require.NoError(t, err)
	for _, f := range files {
		require.Equal(t, readableFormats, f.Reads)
	}

	// Laptop Maria's device file as the Pacta before format 3 wrote it: formats 1 and 2.
	path := devicePath(b.eng.ID.Device)
	raw, err := folder.ReadFile(path)
	require.NoError(t, err)
	var old DeviceFile
	require.NoError(t, json.Unmarshal(raw, &old))
	old.Reads = []string{formatV1, formatV2}
	raw, _ = json.Marshal(old)
	require.NoError(t, folder.WriteFileAtomic(path, raw))
	st, err = a.eng.Status(ctx)
	require.NoError(t, err)
	require.Len(t, st.Behind, 1, "format 2 does not read format 3")

	// And as a Pacta older than format 2 wrote it: no formats.
	old.Reads = nil
	raw, _ = json.Marshal(old)
	require.NoError(t, folder.WriteFileAtomic(path, raw))
	st, err = a.eng.Status(ctx)
	require.NoError(t, err)
	require.Len(t, st.Behind, 1)
	require.Equal(t, "Laptop Maria", st.Behind[0].Name)
	st, err = b.eng.Status(ctx)
	require.NoError(t, err)
	require.Empty(t, st.Behind, "a device does not ask itself for an upgrade")

	// Upgraded, Laptop Maria syncs once: its file says what it reads, and keeps the date
	// of its request.
	b.sync(t)
	st, err = a.eng.Status(ctx)
	require.NoError(t, err)
	require.Empty(t, st.Behind)
	raw, err = folder.ReadFile(path)
	require.NoError(t, err)
	var now DeviceFile
	require.NoError(t, json.Unmarshal(raw, &now))
	require.Equal(t, readableFormats, now.Reads)
	require.Equal(t, old.Requested, now.Requested)
}

// TestPowerCutAfterExportForgetsNothingExported cuts the power on a laptop just after a
// sync: what is left of its database is the main file, without the write-ahead log's
// unsynced tail. Every change the folder holds from it must still be in that file;
// otherwise the laptop would number its next changes as the ones it forgot and be taken
// for a copied identity.
func TestPowerCutAfterExportForgetsNothingExported(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "Town hall", "Laptop Maria")
	a, b := rs[0], rs[1]
	for i := 0; i < 5; i++ {
		a.put(t, &model.Asset{Ref: fmt.Sprintf("ASSET-%04d", i), Name: fmt.Sprintf("Piazza %d", i), Kind: "square"})
	}
	require.Positive(t, a.sync(t).Exported)
	exported, err := model.ReadNumbering(a.store.DB())
	require.NoError(t, err)
	require.Positive(t, exported.Sealed)

	// The cut: only the database file survives (its -wal and -shm are gone).
	data, err := os.ReadFile(filepath.Join(a.dir, "pacta.db"))
	require.NoError(t, err)
	cut := filepath.Join(t.TempDir(), "pacta.db")
	require.NoError(t, os.WriteFile(cut, data, 0o600))
	st, err := model.Open(cut, model.Options{Device: a.eng.ID.Device})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	kept, err := model.ReadNumbering(st.DB())
	require.NoError(t, err)
	require.Equal(t, exported.Sealed, kept.Sealed, "the database file knows every change it exported")
	require.GreaterOrEqual(t, kept.Reserved, kept.Sealed, "and numbers none of them again")
	ka, err := model.CanonicalExport(st.DB())
	require.NoError(t, err)
	require.Equal(t, a.canonical(t), string(ka), "with every value")

	after := *a.eng
	after.Store = st
	rep, err := after.Sync(ctx)
	require.NoError(t, err, "no copied identity after the cut")
	require.Empty(t, rep.Clones)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Asset{Ref: "ASSET-0099", Name: "Villa Trabia", Kind: "green_area"})
	}))
	rep, err = after.Sync(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Exported)
	rep = b.sync(t)
	require.Equal(t, 0, rep.Quarantined)
	bc, err := model.CanonicalExport(st.DB())
	require.NoError(t, err)
	require.Equal(t, string(bc), b.canonical(t))
}

// TestEditsBeforeAnExportLeaveAsOne: a field written three times between two syncs leaves
// the laptop once, with its last value; an edit made meanwhile on another laptop makes one
// conflict, not three, whose two sides are the values the people saw last.
func TestEditsBeforeAnExportLeaveAsOne(t *testing.T) {
	a, b, asset := sharedAsset(t)
	for _, n := range []string{"Piazza 1", "Piazza 2", "Piazza Grande"} {
		asset.Name = n
		a.put(t, asset)
	}
	asset.District = "Kalsa"
	a.put(t, asset)
	onB, err := model.LoadAsset(b.store.DB(), asset.ID)
	require.NoError(t, err)
	onB.Name = "Piazza Piccola"
	b.put(t, &onB)
	chs := a.pending(t)
	require.Len(t, chs, 2, "the name once, the district once")
	require.Equal(t, 2, a.sync(t).Exported)
	rb := b.sync(t)
	require.Equal(t, 2, rb.Applied)
	require.Equal(t, 1, rb.NewConflicts)
	a.sync(t)
	for _, r := range []*peer{a, b} {
		cs, err := replica.ListConflicts(r.store.DB(), true)
		require.NoError(t, err)
		require.Len(t, cs, 1, r.name)
		vals := []string{string(cs[0].LocalValue), string(cs[0].IncomingValue)}
		require.ElementsMatch(t, []string{`"Piazza Grande"`, `"Piazza Piccola"`}, vals, r.name)
	}
	require.Equal(t, a.canonical(t), b.canonical(t))
}

// TestASealedSegmentWaitsInTheOutbox: a segment sealed while the folder is out of reach is
// written as it was sealed when the folder is back, before the changes made since; and
// one that reached the folder just before a crash is not written twice or taken for a
// copied identity.
func TestASealedSegmentWaitsInTheOutbox(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A", "B")
	a, b := rs[0], rs[1]
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	a.fault.Set(func(f *FaultFS) { f.FailWrites = syscall.ENOSPC })
	_, err := a.eng.Sync(ctx)
	require.Error(t, err)
	out, err := replica.WaitingSegments(a.store.DB())
	require.NoError(t, err)
	require.Len(t, out, 1, "sealed, not written")
	sealed, err := replica.SealedData(a.store.DB(), out[0].Segment)
	require.NoError(t, err)
	st, err := a.eng.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, st.PendingOut)

	// Edits made meanwhile go into the next segment; the sealed one is not changed.
	asset.Name = "Piazza Grande"
	a.put(t, asset)
	a.fault.Clear()
	rep := a.sync(t)
	require.Equal(t, 2, rep.Exported)
	names, err := folder.ReadDir(path.Join(logDir, a.eng.ID.Device))
	require.NoError(t, err)
	require.Contains(t, names, out[0].Name)
	written, err := folder.ReadFile(path.Join(logDir, a.eng.ID.Device, out[0].Name))
	require.NoError(t, err)
	require.Equal(t, sealed, written)
	out, err = replica.WaitingSegments(a.store.DB())
	require.NoError(t, err)
	require.Empty(t, out)
	require.Equal(t, 2, b.sync(t).Applied)
	require.Equal(t, a.canonical(t), b.canonical(t))

	// A crash after the file reached the folder, before the outbox forgot it: the next
	// sync finds its own file and goes on.
	asset.Name = "Piazza Piccola"
	a.put(t, asset)
	a.fault.Set(func(f *FaultFS) { f.FailWrites = syscall.ENOSPC })
	_, err = a.eng.Sync(ctx)
	require.Error(t, err)
	out, err = replica.WaitingSegments(a.store.DB())
	require.NoError(t, err)
	require.Len(t, out, 1)
	sealed, err = replica.SealedData(a.store.DB(), out[0].Segment)
	require.NoError(t, err)
	require.NoError(t, folder.WriteFileAtomic(path.Join(logDir, a.eng.ID.Device, out[0].Name), sealed))
	a.fault.Clear()
	rep = a.sync(t)
	require.Empty(t, rep.Clones)
	require.Equal(t, 1, rep.Exported)
	require.Equal(t, 1, b.sync(t).Applied)
	require.Equal(t, a.canonical(t), b.canonical(t))
}

// TestReplayReportsItsProgress: a laptop that joins replays one large segment, and hears
// how far it got as it goes, not only at its end.
func TestReplayReportsItsProgress(t *testing.T) {
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A")
	a := rs[0]
	require.NoError(t, a.store.Update(ctx, func(tx *model.Tx) error {
		for i := 0; i < 700; i++ {
			if err := tx.Put(&model.Asset{Name: fmt.Sprintf("Piazza %d", i), Kind: "square"}); err != nil {
				return err
			}
		}
		return nil
	}))
	a.sync(t)
	c := newReplica(t, "C", folder, nil)
	_, err := joinAccepting(t, c)
	require.NoError(t, err)
	require.NoError(t, a.eng.Enrol(ctx, c.eng.ID.Device, false))
	a.sync(t)
	var seen [][2]int
	c.eng.Progress = func(done, total int) { seen = append(seen, [2]int{done, total}) }
	rep := c.sync(t)
	require.GreaterOrEqual(t, rep.Applied, 700)
	require.GreaterOrEqual(t, len(seen), 4, "%v", seen)
	total := seen[0][1]
	require.Equal(t, [2]int{0, total}, seen[0])
	require.Equal(t, [2]int{total, total}, seen[len(seen)-1])
	for i := 1; i < len(seen); i++ {
		require.Greater(t, seen[i][0], seen[i-1][0])
	}
	require.Equal(t, a.canonical(t), c.canonical(t))
}
