package syncfolder

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// skewClock is a wall clock shifted by a fixed offset (clock skew between laptops).
type skewClock struct {
	mu   sync.Mutex
	base time.Time
	skew time.Duration
	step time.Duration
	n    int64
}

func (c *skewClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.base.Add(c.skew + time.Duration(c.n)*c.step)
}

type peer struct {
	name  string
	dir   string
	store *model.Store
	eng   *Engine
	fault *FaultFS
}

// newReplica opens a fresh store with its own identity, syncing through fsys.
func newReplica(t testing.TB, name string, fsys FS, clock model.Clock) *peer {
	t.Helper()
	dir := t.TempDir()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	dev := model.NewID()
	st, err := model.Open(filepath.Join(dir, "pacta.db"), model.Options{Device: dev, Clock: clock})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ff := &FaultFS{FS: fsys}
	eng := &Engine{FS: ff, Store: st, ID: Identity{Device: dev, PublicKey: pub, PrivateKey: priv}, Name: name,
		Blobs: model.Blobs{Dir: filepath.Join(dir, "blobs")}}
	return &peer{name: name, dir: dir, store: st, eng: eng, fault: ff}
}

func (r *peer) sync(t testing.TB) Report {
	t.Helper()
	rep, err := r.eng.Sync(context.Background())
	require.NoError(t, err, r.name)
	return rep
}

func (r *peer) canonical(t testing.TB) string {
	t.Helper()
	b, err := model.CanonicalExport(r.store.DB())
	require.NoError(t, err)
	return string(b)
}

// pending lists r's changes that its next export would seal.
func (r *peer) pending(t testing.TB) []model.Change {
	t.Helper()
	var chs []model.Change
	require.NoError(t, r.store.Update(context.Background(), func(tx *model.Tx) error {
		var err error
		chs, _, err = tx.PendingChanges()
		return err
	}))
	return chs
}

func (r *peer) put(t testing.TB, e model.Entity) {
	t.Helper()
	require.NoError(t, r.store.Update(context.Background(), func(tx *model.Tx) error { return tx.Put(e) }))
}

// founded makes a founder replica and n joined, enrolled replicas on one folder.
func founded(t testing.TB, fsys FS, names ...string) []*peer {
	t.Helper()
	ctx := context.Background()
	var rs []*peer
	for _, n := range names {
		rs = append(rs, newReplica(t, n, fsys, nil))
	}
	_, err := rs[0].eng.Create(ctx, "Comune di Prova")
	require.NoError(t, err)
	for _, r := range rs[1:] {
		_, err := joinAccepting(t, r)
		require.NoError(t, err)
		require.NoError(t, rs[0].eng.Enrol(ctx, r.eng.ID.Device, false))
	}
	rs[0].sync(t)
	for _, r := range rs[1:] {
		r.sync(t)
	}
	return rs
}

// joinAccepting joins r to the workspace in its folder, accepting the fingerprint the
// folder shows (as a person who compared it with the founder's would).
func joinAccepting(t testing.TB, r *peer) (WorkspaceFile, error) {
	t.Helper()
	ctx := context.Background()
	w, err := r.eng.Peek(ctx)
	if err != nil {
		return w, err
	}
	return r.eng.Join(ctx, WorkspaceFingerprint(w))
}
