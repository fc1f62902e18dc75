package syncfolder

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// twoReplicas gives an enrolled pair on one folder and the path of a's first data segment.
func twoReplicas(t *testing.T) (a, b *peer, root string, segRel string) {
	root = t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b = rs[0], rs[1]
	a.put(t, &model.Asset{Name: "Piazza Magione", Kind: "square"})
	a.sync(t)
	rec, ok, err := replica.LastSegment(a.store.DB(), a.eng.ID.Device)
	require.NoError(t, err)
	require.True(t, ok)
	return a, b, root, path.Join(logDir, a.eng.ID.Device, rec.Name)
}

func assetCount(t *testing.T, r *peer) int {
	var n int
	require.NoError(t, r.store.DB().Get(&n, "SELECT count(*) FROM assets"))
	return n
}

func reasons(t *testing.T, r *peer) []string {
	qs, err := replica.ListQuarantine(r.store.DB())
	require.NoError(t, err)
	var out []string
	for _, q := range qs {
		out = append(out, q.Reason)
	}
	return out
}

func TestTamperedSegmentsAreNeverApplied(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, a *peer, root, rel string, data []byte) (restore func())
		reason string // "" means skipped as incomplete, not quarantined
	}{
		{"cut anywhere", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			p := filepath.Join(root, rel)
			require.NoError(t, os.WriteFile(p, data[:len(data)/2], 0o644))
			return func() { require.NoError(t, os.WriteFile(p, data, 0o644)) }
		}, ""},
		{"cut at a line end", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			p := filepath.Join(root, rel)
			i := len(data) - 2
			for data[i] != '\n' {
				i--
			}
			require.NoError(t, os.WriteFile(p, data[:i+1], 0o644))
			return func() { require.NoError(t, os.WriteFile(p, data, 0o644)) }
		}, ""},
		{"flipped byte", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			p := filepath.Join(root, rel)
			bad := append([]byte{}, data...)
			bad[len(bad)/3] ^= 0x01
			require.NoError(t, os.WriteFile(p, bad, 0o644))
			return func() { require.NoError(t, os.WriteFile(p, data, 0o644)) }
		}, ReasonDamaged},
		{"re-signed by another key", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			seg, err := Decode(data)
			require.NoError(t, err)
			seg.Changes[0].Fields = model.RawJSON(`{"name":"Piazza Forged"}`)
			_, other, _ := ed25519.GenerateKey(rand.Reader)
			forged, sha, err := Encode(seg.Header, seg.Changes, other)
			require.NoError(t, err)
			require.NoError(t, os.Remove(filepath.Join(root, rel)))
			require.NoError(t, os.WriteFile(filepath.Join(root, path.Dir(rel), SegmentName(seg.Segment, sha)), forged, 0o644))
			return nil
		}, ReasonSignature},
		{"replayed under the next number", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			seg, err := Decode(data)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(root, path.Dir(rel), SegmentName(seg.Segment+1, seg.SHA256)), data, 0o644))
			return nil
		}, ReasonMisplaced},
		{"from another workspace", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			seg, err := Decode(data)
			require.NoError(t, err)
			seg.Workspace = "another-workspace"
			seg.Segment++
			seg.Prev = seg.SHA256
			seg.FirstSeq, seg.LastSeq = seg.LastSeq+1, seg.LastSeq+int64(len(seg.Changes))
			for i := range seg.Changes {
				seg.Changes[i].Seq = seg.FirstSeq + int64(i)
			}
			other, sha, err := Encode(seg.Header, seg.Changes, a.eng.ID.PrivateKey)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(root, path.Dir(rel), SegmentName(seg.Segment, sha)), other, 0o644))
			return nil
		}, ReasonWorkspace},
		{"two segments with one number (a cloned device)", func(t *testing.T, a *peer, root, rel string, data []byte) func() {
			seg, err := Decode(data)
			require.NoError(t, err)
			seg.Changes[0].Fields = model.RawJSON(`{"name":"Piazza Clone"}`)
			other, sha, err := Encode(seg.Header, seg.Changes, a.eng.ID.PrivateKey)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(root, path.Dir(rel), SegmentName(seg.Segment, sha)), other, 0o644))
			return nil
		}, ReasonClone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b, root, rel := twoReplicas(t)
			data, err := os.ReadFile(filepath.Join(root, rel))
			require.NoError(t, err)
			restore := tc.tamper(t, a, root, rel, data)
			if tc.reason == ReasonClone || tc.reason == ReasonMisplaced || tc.reason == ReasonWorkspace {
				// The genuine segment must be applied exactly once; the copy never.
			} else {
				rep := b.sync(t)
				require.Equal(t, 0, assetCount(t, b), "nothing of the tampered segment is applied")
				if tc.reason == "" {
					require.Equal(t, 1, rep.Incomplete)
					require.Empty(t, reasons(t, b))
				} else {
					require.Contains(t, reasons(t, b), tc.reason)
				}
			}
			if restore != nil {
				restore()
				rep := b.sync(t)
				require.Equal(t, 0, rep.Quarantined, "the next sync recovers by itself")
				require.Equal(t, 1, assetCount(t, b))
				require.Equal(t, a.canonical(t), b.canonical(t))
				return
			}
			b.sync(t)
			require.Contains(t, reasons(t, b), tc.reason)
			var names []string
			require.NoError(t, b.store.DB().Select(&names, "SELECT name FROM assets"))
			require.NotContains(t, names, "Piazza Forged")
			require.NotContains(t, names, "Piazza Clone")
		})
	}
}

func TestUnenrolledDeviceIsQuarantinedUntilEnrolled(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A")
	a := rs[0]
	// c copies the founder's bookkeeping trick: it writes segments without being enrolled.
	c := newReplica(t, "Intruder", OSFS{Root: root}, nil)
	_, err := joinAccepting(t, c)
	require.NoError(t, err)
	c.put(t, &model.Asset{Name: "Not yet", Kind: "square"})
	h := Header{Workspace: a.eng.Workspace(ctx), Device: c.eng.ID.Device, Segment: 1, FirstSeq: 1, LastSeq: 1}
	chs := c.pending(t)
	data, sha, err := Encode(h, chs, c.eng.ID.PrivateKey)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(root, logDir, c.eng.ID.Device), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, logDir, c.eng.ID.Device, SegmentName(1, sha)), data, 0o644))
	rep := a.sync(t)
	require.Equal(t, 1, rep.Quarantined)
	require.Equal(t, []string{ReasonUnenrolled}, reasons(t, a))
	require.Equal(t, 0, assetCount(t, a))
	// Once enrolled, the same file is released and applied.
	require.NoError(t, a.eng.Enrol(ctx, c.eng.ID.Device, false))
	rep = a.sync(t)
	require.Equal(t, 0, rep.Quarantined)
	require.Equal(t, 1, assetCount(t, a))
}

func TestNonAdminCannotEnrol(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b := rs[0], rs[1]
	// b forges an enrolment of itself as administrator through its own log.
	require.NoError(t, b.store.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Device{Row: model.Row{ID: b.eng.ID.Device}, Name: "B", PublicKey: encodeKey(b.eng.ID.PublicKey), Admin: true, Status: model.DeviceEnrolled})
	}))
	b.sync(t)
	a.sync(t)
	d, ok, err := replica.GetDevice(a.store.DB(), b.eng.ID.Device)
	require.NoError(t, err)
	require.True(t, ok)
	require.False(t, d.Admin, "a change to devices by a non-administrator is logged but not applied")
}

func TestClonedIdentityIsDetected(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	b := rs[1]
	// A copy of b's data directory writes as b.
	dbCopy := filepath.Join(t.TempDir(), "copy.db")
	require.NoError(t, b.store.Backup(ctx, dbCopy))
	st, err := model.Open(dbCopy, model.Options{Device: b.eng.ID.Device})
	require.NoError(t, err)
	defer st.Close()
	clone := &Engine{FS: OSFS{Root: root}, Store: st, ID: b.eng.ID, Name: "B", Blobs: b.eng.Blobs}
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(&model.Asset{Name: "From the clone"}) }))
	_, err = clone.Sync(ctx)
	require.NoError(t, err)
	b.put(t, &model.Asset{Name: "From the original"})
	_, err = b.eng.Sync(ctx)
	var ce *CloneError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, b.eng.ID.Device, ce.Device)
}

func TestFolderFailuresLoseNothing(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b := rs[0], rs[1]
	for _, fault := range []struct {
		name string
		set  func(f *FaultFS)
	}{
		{"full disk", func(f *FaultFS) { f.FailWrites = syscall.ENOSPC }},
		{"read-only folder", func(f *FaultFS) { f.ReadOnly = true }},
		{"folder gone", func(f *FaultFS) { f.Gone = true }},
	} {
		t.Run(fault.name, func(t *testing.T) {
			a.put(t, &model.Asset{Name: fault.name, Kind: "square"})
			a.fault.Set(fault.set)
			rep, err := a.eng.Sync(ctx)
			require.Error(t, err)
			require.Equal(t, 0, rep.Exported)
			st, err2 := a.eng.Status(ctx)
			require.NoError(t, err2)
			require.NotEmpty(t, st.LastError)
			require.Equal(t, 1, st.PendingOut, "the change waits, nothing is lost")
			a.fault.Clear()
			rep = a.sync(t)
			require.Equal(t, 1, rep.Exported)
			b.sync(t)
			require.Equal(t, a.canonical(t), b.canonical(t))
		})
	}
}

func TestFutureClockIsFlagged(t *testing.T) {
	root := t.TempDir()
	a := newReplica(t, "A", OSFS{Root: root}, &skewClock{base: time.Now().Add(3 * time.Hour)})
	b := newReplica(t, "B", OSFS{Root: root}, nil)
	ctx := context.Background()
	_, err := a.eng.Create(ctx, "X")
	require.NoError(t, err)
	_, err = joinAccepting(t, b)
	require.NoError(t, err)
	rep := b.sync(t)
	require.Positive(t, rep.Flagged)
	require.Equal(t, a.canonical(t), b.canonical(t), "flagged changes are still applied")
}

func TestIgnoredNames(t *testing.T) {
	for name, want := range map[string]bool{
		".pacta-tmp-abc": true, "00000001-0123456789abcdef.jsonl.sync-conflict-20260101-120000-ABC": true,
		"x (conflicted copy 2026-01-01).jsonl": true, "x (Case Conflict).jsonl": true, ".~lock.x#": true,
		"desktop.ini": true, ".DS_Store": true, "00000001-0123456789abcdef.jsonl": false, "dev.json": false,
	} {
		require.Equal(t, want, Ignored(name), name)
	}
}

// TestOnlyTheLaptopWhoseClockRunsAheadIsFlagged: B's changes take clocks after A's (which
// run three hours ahead) once B has seen them, but B's own clock is right: only A is
// flagged, on C, and named.
func TestOnlyTheLaptopWhoseClockRunsAheadIsFlagged(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	a := newReplica(t, "A", OSFS{Root: root}, &skewClock{base: time.Now().Add(3 * time.Hour), step: time.Millisecond})
	b := newReplica(t, "B", OSFS{Root: root}, nil)
	c := newReplica(t, "C", OSFS{Root: root}, nil)
	_, err := a.eng.Create(ctx, "X")
	require.NoError(t, err)
	for _, r := range []*peer{b, c} {
		_, err := joinAccepting(t, r)
		require.NoError(t, err)
		require.NoError(t, a.eng.Enrol(ctx, r.eng.ID.Device, false))
	}
	a.sync(t)
	b.sync(t)
	b.put(t, &model.Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square"})
	b.sync(t)
	c.sync(t)
	flagged, err := replica.FlaggedDevices(c.store.DB())
	require.NoError(t, err)
	assert.Equal(t, []string{a.eng.ID.Device}, flagged, "B's changes carry clocks ahead too, but B's own clock is right")
	st, err := c.eng.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{a.eng.ID.Device}, st.FlaggedDevices)
}
