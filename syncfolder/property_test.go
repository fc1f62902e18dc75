package syncfolder

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// network is a sync tool between replicas' copies of the shared folder: each file a
// replica writes reaches the others late, in any order, sometimes twice, sometimes first
// cut short, sometimes beside a "sync-conflict" copy.
type network struct {
	rng       *rand.Rand
	dirs      []string
	sent      []map[string]string // per source: path → hash of the content sent
	delivered []map[string]bool   // per target: paths the network wrote there
	full      []map[string]bool   // per target: paths delivered whole
	version   []map[string]int    // per target: the newest version of each path delivered
	versions  int                 // versions collected so far
	queue     []delivery
	step      int
}

type delivery struct {
	to   int
	rel  string
	data []byte
	due  int
	cut  bool
	ver  int // a later content of a path has a higher version
}

func newNetwork(rng *rand.Rand, dirs []string) *network {
	n := &network{rng: rng, dirs: dirs}
	for range dirs {
		n.sent = append(n.sent, map[string]string{})
		n.delivered = append(n.delivered, map[string]bool{})
		n.full = append(n.full, map[string]bool{})
		n.version = append(n.version, map[string]int{})
	}
	return n
}

// collect enqueues what replica i wrote since the last look.
func (n *network) collect(t testing.TB, i int, maxDelay int) {
	root := n.dirs[i]
	err := filepath.WalkDir(filepath.Join(root, Root), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || Ignored(d.Name()) {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if n.delivered[i][rel] {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])
		if n.sent[i][rel] == h {
			return nil
		}
		n.sent[i][rel] = h
		n.versions++
		ver := n.versions
		for j := range n.dirs {
			if j == i {
				continue
			}
			due := n.step + n.rng.Intn(maxDelay+1)
			segment := strings.HasSuffix(rel, ".jsonl") || strings.Contains(rel, "blobs")
			switch r := n.rng.Intn(10); {
			case r == 0 && segment: // cut short first, whole later
				n.queue = append(n.queue, delivery{to: j, rel: rel, data: b[:n.rng.Intn(len(b))], due: due, cut: true, ver: ver},
					delivery{to: j, rel: rel, data: b, due: due + 1 + n.rng.Intn(maxDelay+1), ver: ver})
			case r == 1: // twice
				n.queue = append(n.queue, delivery{to: j, rel: rel, data: b, due: due, ver: ver}, delivery{to: j, rel: rel, data: b, due: due + n.rng.Intn(maxDelay+1), ver: ver})
			case r == 2: // with a conflict copy beside it (whole or cut)
				cp := rel + fmt.Sprintf(".sync-conflict-20260101-%06d-ABCDEFG", n.rng.Intn(1e6))
				n.queue = append(n.queue, delivery{to: j, rel: cp, data: b[:n.rng.Intn(len(b)+1)], due: due, ver: ver}, delivery{to: j, rel: rel, data: b, due: due, ver: ver})
			default:
				n.queue = append(n.queue, delivery{to: j, rel: rel, data: b, due: due, ver: ver})
			}
		}
		return nil
	})
	require.NoError(t, err)
}

// deliver performs the deliveries that are due (all of them with all), in random order.
func (n *network) deliver(t testing.TB, all bool) {
	n.rng.Shuffle(len(n.queue), func(a, b int) { n.queue[a], n.queue[b] = n.queue[b], n.queue[a] })
	var keep []delivery
	for _, d := range n.queue {
		if !all && d.due > n.step {
			keep = append(keep, d)
			continue
		}
		// A sync tool never replaces a file by an older content, nor a whole file by a
		// partial copy of the same content.
		switch cur := n.version[d.to][d.rel]; {
		case d.ver < cur:
			continue
		case d.ver > cur:
			n.full[d.to][d.rel] = false
			n.version[d.to][d.rel] = d.ver
		case d.cut && n.full[d.to][d.rel]:
			continue
		}
		if !d.cut {
			n.full[d.to][d.rel] = true
		}
		p := filepath.Join(n.dirs[d.to], d.rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		// A plain write: a reader may see it half done, as with a real sync tool.
		require.NoError(t, os.WriteFile(p, d.data, 0o644))
		n.delivered[d.to][d.rel] = true
	}
	n.queue = keep
	n.step++
}

// gen makes random changes on every synced table, generically.
type gen struct {
	rng  *rand.Rand
	fks  map[string]map[string]string // table → column → referenced table
	strs []string
}

func newGen(t testing.TB, rng *rand.Rand, q model.Querier) *gen {
	g := &gen{rng: rng, fks: map[string]map[string]string{}, strs: []string{"", "a", "b", "Piazza", "Via Roma", "ñandú", "città", "x\ny", `"q"`}}
	for _, tbl := range model.SyncedTables() {
		fks, err := model.ForeignKeys(q, tbl)
		require.NoError(t, err)
		g.fks[tbl] = map[string]string{}
		for _, fk := range fks {
			g.fks[tbl][fk.Column] = fk.Table
		}
	}
	return g
}

func (g *gen) tables() []string {
	var out []string
	for _, t := range model.SyncedTables() {
		if !slices.Contains(model.TrustTables, t) {
			out = append(out, t)
		}
	}
	return out
}

// value makes a random value of a column's Go type (ok false: no valid value now).
func (g *gen) value(tx *model.Tx, r *peer, table, col string) (any, bool) {
	if ref, ok := g.fks[table][col]; ok {
		ids, err := model.RowIDs(tx, ref)
		if err != nil || len(ids) == 0 {
			return nil, false
		}
		return ids[g.rng.Intn(len(ids))], true
	}
	if col == "sha256" {
		sha, _, err := r.eng.Blobs.Put(bytes.NewReader([]byte(fmt.Sprintf("blob %d", g.rng.Intn(50)))))
		if err != nil {
			return nil, false
		}
		return sha, true
	}
	typ := model.ColumnType(table, col)
	switch typ.Kind() {
	case reflect.String:
		return g.strs[g.rng.Intn(len(g.strs))], true
	case reflect.Bool:
		return g.rng.Intn(2) == 0, true
	case reflect.Int64:
		return int64(g.rng.Intn(5)), true
	case reflect.Float64:
		return float64(g.rng.Intn(5)) / 4, true
	case reflect.Pointer:
		if g.rng.Intn(3) == 0 {
			return reflect.Zero(typ).Interface(), true
		}
		f := float64(g.rng.Intn(5)) / 8
		return &f, true
	}
	return nil, false
}

// change makes one random create, edit or tombstone in tx.
func (g *gen) change(tx *model.Tx, r *peer) error {
	ts := g.tables()
	table := ts[g.rng.Intn(len(ts))]
	cols := model.TableColumns(table)
	ids, err := model.RowIDs(tx, table)
	if err != nil {
		return err
	}
	var e model.Entity
	switch op := g.rng.Intn(10); {
	case op < 4 || len(ids) == 0: // create (sometimes with an id another replica may also use)
		e = model.NewEntity(table)
		id := model.NewID()
		if g.rng.Intn(6) == 0 {
			id = fmt.Sprintf("shared-%d", g.rng.Intn(4))
			if slices.Contains(ids, id) {
				return nil
			}
		}
		model.SetEntityField(e, "id", id)
		for _, c := range cols {
			if c == "id" || c == "deleted" {
				continue
			}
			_, fk := g.fks[table][c]
			if fk || g.rng.Intn(3) > 0 {
				v, ok := g.value(tx, r, table, c)
				if !ok {
					return nil // a required reference has nothing to point to yet
				}
				model.SetEntityField(e, c, v)
			}
		}
	case op < 9: // edit one to three fields
		if e, err = model.LoadEntity(tx, table, ids[g.rng.Intn(len(ids))]); err != nil {
			return err
		}
		for k := 0; k < 1+g.rng.Intn(3); k++ {
			c := cols[1+g.rng.Intn(len(cols)-1)]
			if c == "deleted" {
				continue
			}
			if v, ok := g.value(tx, r, table, c); ok {
				model.SetEntityField(e, c, v)
			}
		}
	default: // tombstone or revive
		if e, err = model.LoadEntity(tx, table, ids[g.rng.Intn(len(ids))]); err != nil {
			return err
		}
		model.SetEntityField(e, "deleted", g.rng.Intn(4) > 0)
	}
	return tx.Put(e)
}

type propConfig struct {
	seed     int64
	steps    int
	replicas int
	// stranger adds someone with write access to the folder and no laptop, who writes
	// forged, damaged and junk files between the replicas' steps (see stranger).
	stranger bool
}

func runProperty(t testing.TB, cfg propConfig) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(cfg.seed))
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var rs []*peer
	var dirs []string
	for i := 0; i < cfg.replicas; i++ {
		dir := t.TempDir()
		dirs = append(dirs, dir)
		clock := &skewClock{base: base, skew: time.Duration(rng.Int63n(int64(2*time.Hour))) - time.Hour, step: time.Millisecond}
		r := newReplica(t, fmt.Sprintf("R%d", i), OSFS{Root: dir}, clock)
		r.fault.Rand = rand.New(rand.NewSource(cfg.seed + int64(i)))
		rs = append(rs, r)
	}
	net := newNetwork(rng, dirs)
	settle := func() {
		for round := 0; round < 6; round++ {
			for i, r := range rs {
				_, _ = r.eng.Sync(ctx)
				net.collect(t, i, 0)
			}
			net.deliver(t, true)
		}
	}
	// Founding and enrolment, through the same network.
	_, err := rs[0].eng.Create(ctx, "Comune di Prova")
	require.NoError(t, err)
	net.collect(t, 0, 0)
	net.deliver(t, true)
	for i, r := range rs[1:] {
		_, err := joinAccepting(t, r)
		require.NoError(t, err)
		net.collect(t, i+1, 0)
	}
	net.deliver(t, true)
	for i, r := range rs[1:] {
		require.NoError(t, rs[0].eng.Enrol(ctx, r.eng.ID.Device, i%2 == 0))
	}
	settle()

	g := newGen(t, rng, rs[0].store.DB())
	for _, r := range rs {
		r.fault.Set(func(f *FaultFS) { f.CrashRate = 0.1 })
	}
	// forms[i] are rows replica i has opened in a form and not saved yet: by the time one
	// is saved, syncs may have changed (or deleted) the row beneath it.
	forms := make([][]model.Entity, len(rs))
	var str *stranger
	if cfg.stranger {
		// Its own random source, so that the replicas' steps stay those of the seed.
		str = newStranger(t, rand.New(rand.NewSource(cfg.seed+1000)), rs, dirs)
	}
	// A person on a random laptop now and then settles an open conflict, keeping a random
	// side: possibly one that another laptop has moved on meanwhile (its own random source,
	// so that the replicas' steps stay those of the seed).
	prng := rand.New(rand.NewSource(cfg.seed + 2000))
	resolved := 0
	for step := 0; step < cfg.steps; step++ {
		if str != nil {
			str.act(t)
		}
		if prng.Intn(10) == 0 {
			r := rs[prng.Intn(len(rs))]
			cs, err := replica.ListConflicts(r.store.DB(), true)
			require.NoError(t, err)
			if len(cs) > 0 {
				c := cs[prng.Intn(len(cs))]
				keep := c.LocalDevice
				if prng.Intn(2) == 0 {
					keep = c.IncomingDevice
				}
				err := r.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, c.ID, keep, nil) })
				if !errors.Is(err, replica.ErrStaleConflict) {
					require.NoError(t, err)
					resolved++
				}
			}
		}
		i := rng.Intn(len(rs))
		r := rs[i]
		switch op := rng.Intn(12); {
		case op == 10: // open a form
			ts := g.tables()
			table := ts[rng.Intn(len(ts))]
			ids, err := model.RowIDs(r.store.DB(), table)
			require.NoError(t, err)
			if len(ids) > 0 {
				base, err := model.LoadEntity(r.store.DB(), table, ids[rng.Intn(len(ids))])
				require.NoError(t, err)
				forms[i] = append(forms[i], base)
			}
		case op == 11 && len(forms[i]) > 0: // save a form: what its user changed
			k := rng.Intn(len(forms[i]))
			base := forms[i][k]
			forms[i] = slices.Delete(forms[i], k, k+1)
			err := r.store.Update(ctx, func(tx *model.Tx) error {
				edited := model.NewEntity(base.TableName())
				reflect.ValueOf(edited).Elem().Set(reflect.ValueOf(base).Elem())
				cols := model.TableColumns(base.TableName())
				for k := 0; k < 1+rng.Intn(3); k++ {
					if c := cols[1+rng.Intn(len(cols)-1)]; c != "deleted" {
						if v, ok := g.value(tx, r, base.TableName(), c); ok {
							model.SetEntityField(edited, c, v)
						}
					}
				}
				return tx.PutEdit(base, edited)
			})
			require.NoError(t, err)
		case op < 6:
			err := r.store.Update(ctx, func(tx *model.Tx) error {
				for k := 0; k < 1+rng.Intn(4); k++ {
					if err := g.change(tx, r); err != nil {
						return err
					}
				}
				return nil
			})
			require.NoError(t, err)
		case op < 9:
			_, _ = r.eng.Sync(ctx) // crashes and partial files may fail it: the next one recovers
			net.collect(t, i, 8)
		default:
			net.deliver(t, false)
		}
	}
	for _, r := range rs {
		r.fault.Set(func(f *FaultFS) { f.CrashRate = 0 })
	}
	settle()
	for _, r := range rs {
		rep, err := r.eng.Sync(ctx)
		require.NoError(t, err, r.name)
		qs, _ := replica.ListQuarantine(r.store.DB())
		require.Zero(t, rep.Pending, "%s: %+v %+v", r.name, rep, qs)
		require.Zero(t, rep.MissingBlobs, r.name)
		require.Empty(t, rep.Clones, "%s: a forgery never counts as a clone", r.name)
		if str == nil {
			require.Zero(t, rep.Quarantined, "%s: %+v %+v", r.name, rep, qs)
			continue
		}
		for _, q := range qs {
			require.Contains(t, []string{ReasonSignature, ReasonDamaged, ReasonMisplaced, ReasonUnenrolled, ReasonForeign}, q.Reason, "%s: %+v", r.name, q)
		}
	}
	want := rs[0].canonical(t)
	for _, r := range rs[1:] {
		require.Equal(t, want, r.canonical(t), "replica %s differs from %s (seed %d)", r.name, rs[0].name, cfg.seed)
	}
	t.Logf("seed %d: %d conflicts resolved by hand during the run", cfg.seed, resolved)
	// An open conflict offers the value in place, or (when three or more laptops wrote the
	// field unseen, and both its values were changed since) keeping the value in place
	// settles it; keeping either side of a stale one is refused.
	stale := 0
	for _, r := range rs {
		cs, err := replica.ListConflicts(r.store.DB(), true)
		require.NoError(t, err)
		for _, c := range cs {
			if c, err = replica.GetConflict(r.store.DB(), c.ID); err != nil || c.Resolved != "" {
				require.NoError(t, err)
				continue // settled with another one of its field
			}
			w, err := model.FieldWriter(r.store.DB(), c.Table, c.Row, c.Field)
			require.NoError(t, err)
			if w == (model.Writer{Device: c.LocalDevice, Seq: c.LocalSeq}) || w == (model.Writer{Device: c.IncomingDevice, Seq: c.IncomingSeq}) {
				continue
			}
			stale++
			err = r.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, c.ID, c.LocalDevice, nil) })
			require.ErrorIs(t, err, replica.ErrStaleConflict, "%s: %+v", r.name, c)
			require.NoError(t, r.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, c.ID, replica.KeepInPlace, nil) }))
		}
	}
	t.Logf("seed %d: %d stale conflicts settled by keeping the value in place", cfg.seed, stale)
	if str != nil {
		require.Positive(t, str.forged, "the stranger wrote forged segments")
		require.NotContains(t, want, forgedMark, "no forged byte is ever applied")
		t.Logf("stranger: %d forged segments, %d junk files, %d damaged segments, %d edited device files", str.forged, str.junk, str.damaged, str.devices)
	}
	checkNothingLost(t, rs)
	rep, err := rs[0].store.Check(ctx)
	require.NoError(t, err)
	require.Empty(t, rep.ForeignKeys)
	t.Logf("seed %d: %v", cfg.seed, rep.Counts)
}

// fieldChange is one field of a change-log entry.
type fieldChange struct {
	dev        string
	seq        int64
	hlc        string
	table, row string
	field      string
	value      json.RawMessage
	prev       model.Writer
}

func flatten(t testing.TB, c model.Change) []fieldChange {
	vals, err := c.Values()
	require.NoError(t, err)
	prev, err := c.PrevWriters()
	require.NoError(t, err)
	out := make([]fieldChange, 0, len(vals))
	for f, v := range vals {
		out = append(out, fieldChange{dev: c.Device, seq: c.Seq, hlc: c.HLC, table: c.Table, row: c.Row, field: f, value: json.RawMessage(v), prev: prev[f]})
	}
	return out
}

// checkNothingLost: every field of every change is the value in place, or was knowingly
// overwritten (a later change names it as the value it replaced), or is kept in a
// conflict record.
func checkNothingLost(t testing.TB, rs []*peer) {
	type key struct {
		dev   string
		seq   int64
		field string
	}
	all := map[key]fieldChange{}
	replaced := map[key]bool{}
	kept := map[key]int{} // on how many replicas a conflict record keeps the value
	for _, r := range rs {
		var chs []model.Change
		require.NoError(t, r.store.DB().Select(&chs, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes"))
		for _, c := range chs {
			for _, f := range flatten(t, c) {
				all[key{f.dev, f.seq, f.field}] = f
				replaced[key{f.prev.Device, f.prev.Seq, f.field}] = true
			}
		}
		cs, err := replica.ListConflicts(r.store.DB(), false)
		require.NoError(t, err)
		here := map[key]bool{}
		for _, c := range cs {
			here[key{c.LocalDevice, c.LocalSeq, c.Field}] = true
			here[key{c.IncomingDevice, c.IncomingSeq, c.Field}] = true
		}
		for k := range here {
			kept[k]++
		}
	}
	// A value is safe when some change carrying it is in place, was knowingly replaced,
	// or is kept in a conflict record: two writers may have set the same value.
	type fieldKey struct{ tbl, row, field, val string }
	safe := map[fieldKey]bool{}
	// A value written over unseen must be kept in a conflict on every replica, not on the
	// one that happened to see it arrive.
	for k, c := range all {
		if replaced[k] || kept[k] == len(rs) {
			safe[fieldKey{c.table, c.row, c.field, string(c.value)}] = true
		}
	}
	db := rs[0].store.DB()
	n := 0
	for _, c := range all {
		if slices.Contains(model.TrustTables, c.table) {
			continue
		}
		var cur []byte
		e, err := model.LoadEntity(db, c.table, c.row)
		require.NoError(t, err)
		m := map[string]json.RawMessage{}
		b, _ := json.Marshal(e)
		require.NoError(t, json.Unmarshal(b, &m))
		cur = m[c.field]
		if c.field == "deleted" && cur == nil {
			cur = []byte("false") // omitempty
		}
		if bytes.Equal(cur, c.value) || safe[fieldKey{c.table, c.row, c.field, string(c.value)}] {
			n++
			continue
		}
		var hist []string
		for _, o := range all {
			if o.table == c.table && o.row == c.row && o.field == c.field {
				hist = append(hist, fmt.Sprintf("%s/%d hlc=%s val=%s prev=%s/%d", short(o.dev), o.seq, o.hlc, o.value, short(o.prev.Device), o.prev.Seq))
			}
		}
		for _, r := range rs {
			cs, _ := replica.ListConflicts(r.store.DB(), false)
			for _, x := range cs {
				if x.Row == c.row && x.Field == c.field {
					hist = append(hist, fmt.Sprintf("conflict@%s: local %s/%d %s incoming %s/%d %s", r.name, short(x.LocalDevice), x.LocalSeq, x.LocalValue, short(x.IncomingDevice), x.IncomingSeq, x.IncomingValue))
				}
			}
		}
		sort.Strings(hist)
		t.Fatalf("change %s/%d (%s.%s of %s = %s) was lost: in place is %s\n%s", c.dev, c.seq, c.table, c.field, c.row, c.value, cur, strings.Join(hist, "\n"))
	}
	require.Positive(t, n)
}

// forgedMark is in every value a stranger forges: no replica may ever hold it.
const forgedMark = "FORGED-by-a-stranger"

// stranger has write access to every laptop's copy of the shared folder and no enrolled
// key. It writes segments in the name of real devices (signed with its own key, or with a
// zero signature), segments of a device of its own that nobody enrolled, junk under
// segment names, damages real segments in their author's folder (which the author must
// repair), and puts its key into device files.
type stranger struct {
	rng                            *rand.Rand
	rs                             []*peer
	dirs                           []string
	priv                           ed25519.PrivateKey
	self                           string
	forged, junk, damaged, devices int
}

func newStranger(t testing.TB, rng *rand.Rand, rs []*peer, dirs []string) *stranger {
	pub, priv, err := ed25519.GenerateKey(rng)
	require.NoError(t, err)
	_ = pub
	return &stranger{rng: rng, rs: rs, dirs: dirs, priv: priv, self: model.NewID()}
}

func (s *stranger) act(t testing.TB) {
	if s.rng.Intn(6) != 0 {
		return
	}
	ctx := context.Background()
	ws := s.rs[0].eng.Workspace(ctx)
	victim := s.rs[s.rng.Intn(len(s.rs))]
	dir := s.dirs[s.rng.Intn(len(s.dirs))]
	dev := victim.eng.ID.Device
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	switch op := s.rng.Intn(6); op {
	case 0, 1, 2: // a segment in a real device's name, or in its own device's
		rec, _, err := replica.LastSegment(victim.store.DB(), dev)
		require.NoError(t, err)
		num, first, prev := rec.Segment+1+int64(s.rng.Intn(2)), rec.LastSeq+1, rec.SHA256
		key := s.priv
		if op == 2 {
			dev, num, first, prev = s.self, 1+int64(s.rng.Intn(3)), 1, ""
		}
		row := model.NewID()
		chs := []model.Change{{Device: dev, Seq: first, HLC: model.HLC{Wall: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC).UnixMilli(), Device: dev}.String(), Table: "assets", Row: row,
			Fields: model.RawJSON(fmt.Sprintf(`{"name":"%s %d","kind":"square"}`, forgedMark, s.forged))}}
		data, sha, err := Encode(Header{Workspace: ws, Device: dev, Segment: num, FirstSeq: first, LastSeq: first, Prev: prev}, chs, key)
		require.NoError(t, err)
		if op == 1 { // no valid signature at all
			i := bytes.LastIndex(data[:len(data)-1], []byte(`"sig":"`)) + len(`"sig":"`)
			copy(data[i:], bytes.Repeat([]byte("A"), 86))
		}
		write(path.Join(logDir, dev, SegmentName(num, sha)), data)
		s.forged++
	case 3: // junk under a segment name
		junk := make([]byte, 1+s.rng.Intn(300))
		s.rng.Read(junk)
		if s.rng.Intn(2) == 0 {
			junk = append(junk, '\n')
		}
		name := SegmentName(1+int64(s.rng.Intn(5)), fmt.Sprintf("%016x", s.rng.Uint64()))
		write(path.Join(logDir, dev, name), junk)
		s.junk++
	case 4: // damage one of the victim's segments in its own folder
		segs, err := replica.WrittenSegments(victim.store.DB())
		require.NoError(t, err)
		if len(segs) == 0 {
			return
		}
		ws := segs[s.rng.Intn(len(segs))]
		i := slices.Index(s.rs, victim)
		p := filepath.Join(s.dirs[i], logDir, dev, ws.Name)
		b, err := os.ReadFile(p)
		if err != nil || len(b) == 0 {
			return
		}
		if s.rng.Intn(2) == 0 {
			b = b[:s.rng.Intn(len(b))]
		} else {
			b[s.rng.Intn(len(b))] ^= 0x20
		}
		require.NoError(t, os.WriteFile(p, b, 0o644))
		s.damaged++
	case 5: // its own key in a device file
		p := filepath.Join(dir, filepath.FromSlash(devicePath(dev)))
		b, err := os.ReadFile(p)
		if err != nil {
			return
		}
		var df DeviceFile
		if json.Unmarshal(b, &df) != nil {
			return
		}
		df.PublicKey = encodeKey(s.priv.Public().(ed25519.PublicKey))
		nb, _ := json.Marshal(df)
		require.NoError(t, os.WriteFile(p, nb, 0o644))
		s.devices++
	}
}

func TestPropertyStrangerIsNeverApplied(t *testing.T) {
	seeds, steps := []int64{11, 12}, 500
	if testing.Short() {
		seeds, steps = seeds[:1], 150
	}
	if os.Getenv("PACTA_LONG") != "" {
		seeds, steps = []int64{11, 12, 13, 14, 15, 16}, 2500
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			runProperty(t, propConfig{seed: seed, steps: steps, replicas: 4, stranger: true})
		})
	}
}

func TestPropertyReplicasConverge(t *testing.T) {
	seeds, steps := []int64{1, 2, 3, 4}, 600
	if testing.Short() {
		seeds, steps = seeds[:1], 150
	}
	if os.Getenv("PACTA_LONG") != "" {
		seeds, steps = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2500
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			runProperty(t, propConfig{seed: seed, steps: steps, replicas: 5})
		})
	}
}
