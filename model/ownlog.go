package model

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// This device's own changes live in the rows they change until an export seals them into
// a segment of the shared folder. A change is stamped, in the same UPDATE or INSERT as the
// values it writes, with a sequence number of this device and a hybrid logical clock: the
// field clocks of the row's clk column name it, and lseq, the highest number this device
// wrote into the row, lets an export find it. Nothing else is written, so that a person's
// edit costs what the same edit would cost without sync, give or take the clocks' bytes.
//
// An export reads the rows whose lseq is above the last sealed number and makes one entry
// per change still in place (PendingChanges); a value this device wrote over again before
// any export never leaves the laptop, as nobody could have seen it. For the entry to say
// which value it replaced as the other replicas know it, a stamp of this device that is
// not sealed yet also names its base: the writer of the value the others hold.

// reserveBlock is how many sequence numbers the store takes at a time (log_state.reserved),
// so that only one edit in so many writes the numbering down.
const reserveBlock = 1024

const (
	reservedQ = "SELECT reserved FROM log_state"
	reserveQ  = "UPDATE log_state SET reserved = ?, hlc = max(hlc, ?)"
)

// ready reads this device's numbering before the first change this transaction stamps,
// unless readRow brought it with a row already.
func (tx *Tx) ready() error {
	if tx.state {
		return nil
	}
	st, err := tx.stmt(reservedQ)
	if err != nil {
		return fmt.Errorf("read numbering: %w", err)
	}
	var reserved int64
	if err := st.QueryRowContext(tx.rowCtx).Scan(&reserved); err != nil {
		return fmt.Errorf("read numbering: %w", err)
	}
	return tx.noteState(reserved)
}

// noteState takes in log_state.reserved as this transaction found it. Every change to the
// numbering that another process must notice moves it: a block of numbers taken, and a
// seal (Seal). So when it is what this store last saw, the store's copy of the rest holds;
// otherwise (another process took numbers or sealed since, or this is the store's first
// change) the next number follows the ones reserved, the clock the clock persisted with
// them, and the last sealed number is read again: numbers and clocks then follow the order
// of commits, as the version vectors and causal delivery of sync expect.
func (tx *Tx) noteState(reserved int64) error {
	s := tx.store
	tx.state = true
	if reserved != s.limit {
		var st struct {
			Sealed int64  `db:"sealed"`
			HLC    string `db:"hlc"`
		}
		if err := tx.c.GetContext(tx.rowCtx, &st, "SELECT sealed, hlc FROM log_state"); err != nil {
			return fmt.Errorf("read numbering: %w", err)
		}
		if err := s.observeString(st.HLC); err != nil {
			return err
		}
		s.next, s.limit, s.sealed = reserved+1, reserved, st.Sealed
	}
	tx.sealed = s.sealed
	return nil
}

// nextSeq issues this device's next sequence number, reserving a new block when the last
// one is spent.
func (tx *Tx) nextSeq() (int64, error) {
	s := tx.store
	if s.next > s.limit {
		limit := s.next - 1 + reserveBlock
		st, err := tx.stmt(reserveQ)
		if err == nil {
			_, err = st.ExecContext(tx.rowCtx, limit, s.hlc.Last().String())
		}
		if err != nil {
			return 0, fmt.Errorf("reserve sequence numbers: %w", err)
		}
		s.limit, tx.reserved = limit, true
	}
	seq := s.next
	s.next++
	return seq, nil
}

// ownLog is this device and the highest of its sequence numbers that a segment holds.
type ownLog struct {
	device string
	sealed int64
}

// unsealed reports whether w is a change of this device that no segment holds yet.
func (o ownLog) unsealed(w Writer) bool { return w.Device == o.device && w.Seq > o.sealed }

// unsealed reports whether w is a change of this device that no segment holds yet.
func (tx *Tx) unsealed(w Writer) bool { return ownLog{tx.store.device, tx.sealed}.unsealed(w) }

// record stamps a change of this device to a row whose clocks are clocks: the fields cols
// now hold new values, or every field does when creation is set (a new row). It returns
// the row's clocks encoded for its clk column, and the change's sequence number for its
// lseq column.
//
// Each field's stamp keeps, as its base, the writer of the value the other replicas hold:
// the value this change replaces when that one has reached them (or will: the row's
// creation, which is exported first), else the base of the change it replaces. notOut
// says which writers have not reached them: this device's unsealed changes (tx.unsealed),
// and, when a new identity re-issues them, the old one's unexported changes.
func (tx *Tx) record(ti *tableInfo, clocks rowClocks, cols []column, creation bool, notOut func(Writer) bool) (string, int64, error) {
	var replaced [8]stamp
	curs := replaced[:0]
	for _, c := range cols {
		curs = append(curs, clocks.of(c.name))
	}
	seq, h, err := tx.issue(curs)
	if err != nil {
		return "", 0, err
	}
	if creation && tx.store.plainDevice {
		// Every new row of a bulk import comes here: the clocks are written in one go,
		// and the stamp's clock is a part of them.
		clk := creationClock(h, seq)
		start := len(`{"*":["`)
		tx.last = stamp{HLC: clk[start : start+strings.IndexByte(clk[start:], '"')], Seq: seq}
		return clk, seq, nil
	}
	st := stamp{HLC: h.String(), Seq: seq}
	tx.last = st
	if creation {
		return wholeRowClock(st), seq, nil
	}
	for _, c := range cols {
		cur, own := clocks[c.name]
		if !own {
			cur = clocks[wholeRow]
		}
		clocks[c.name] = stamp{HLC: st.HLC, Seq: seq, Base: baseOf(cur, own, notOut)}
	}
	return clocks.encode(), seq, nil
}

// issue takes the sequence number and the clock of a change of this device that replaces
// the values whose clocks are replaced, and notes that this transaction stamped it.
func (tx *Tx) issue(replaced []stamp) (int64, HLC, error) {
	if err := tx.ready(); err != nil {
		return 0, HLC{}, err
	}
	// The new clock follows every clock it replaces, whatever the wall clock says after a
	// restart: last writer wins only if the last writer's clock is the latest.
	for _, st := range replaced {
		tx.store.hlc.observeStamp(st.HLC)
	}
	seq, err := tx.nextSeq()
	if err != nil {
		return 0, HLC{}, err
	}
	tx.changed, tx.stamped = true, true
	return seq, tx.store.hlc.Now(), nil
}

// baseOf is the base of a new stamp of a field whose clock was cur (own: a key of its
// own, else the row's creation): see record.
func baseOf(cur stamp, own bool, notOut func(Writer) bool) Writer {
	if w := cur.writer(); !own || !notOut(w) {
		return w
	}
	return cur.Base
}

// stampText is record for an edit of a row whose clocks ct read as text: the clocks of
// the fields it does not change are copied as they are, without a map (a person's edit
// comes here).
func (tx *Tx) stampText(ct *clockText, cols []column, notOut func(Writer) bool) (string, int64, error) {
	var curs [8]stamp
	var owns [8]bool
	cur, own := curs[:0], owns[:0]
	for _, c := range cols {
		st, o := ct.of(c.name)
		cur, own = append(cur, st), append(own, o)
	}
	seq, h, err := tx.issue(cur)
	if err != nil {
		return "", 0, err
	}
	st := stamp{HLC: h.String(), Seq: seq}
	tx.last = st
	var nameBuf [8]string
	var newBuf [8]stamp
	names, news := nameBuf[:0], newBuf[:0]
	for i, c := range cols {
		names, news = append(names, c.name), append(news, stamp{HLC: st.HLC, Seq: seq, Base: baseOf(cur[i], own[i], notOut)})
		for j := i; j > 0 && names[j] < names[j-1]; j-- { // by name, as the clocks are written
			names[j], names[j-1] = names[j-1], names[j]
			news[j], news[j-1] = news[j-1], news[j]
		}
	}
	return ct.with(names, news), seq, nil
}

// change is one change of this device still in place in a row: its stamp, whether it
// created the row, and the fields that still hold its values.
type change struct {
	stamp
	creation bool
	cols     []column
}

// changes lists the changes of this device that no segment holds yet among a row's
// clocks, by sequence number.
func (o ownLog) changes(ti *tableInfo, clocks rowClocks) map[int64]*change {
	var out map[int64]*change
	add := func(st stamp, creation bool, c *column) {
		if !o.unsealed(st.writer()) {
			return
		}
		if out == nil {
			out = map[int64]*change{}
		}
		ch := out[st.Seq]
		if ch == nil {
			ch = &change{stamp: st, creation: creation}
			out[st.Seq] = ch
		}
		if c != nil {
			ch.cols = append(ch.cols, *c)
		}
	}
	// A creation creates the row even when every field was written again since.
	if st, ok := clocks[wholeRow]; ok {
		add(st, true, nil)
	}
	for i := range ti.cols[1:] {
		c := &ti.cols[1+i]
		if st, own := clocks[c.name]; own {
			add(st, false, c)
		} else if st, ok := clocks[wholeRow]; ok {
			add(st, true, c)
		}
	}
	return out
}

// PendingChanges lists the changes of this device that no segment holds yet, as the
// entries a segment carries, in the order they were made, and the first sequence number
// the segment covers (the one after the last sealed). Numbers the list skips were changes
// written over again since, by this device: their values never leave the laptop. A
// creation carries the fields that still hold its values; the others are set by the later
// entries, in the same segment (a segment is applied in one transaction, so rows referred
// to are there at its end).
func (tx *Tx) PendingChanges() ([]Change, int64, error) {
	if err := tx.ready(); err != nil {
		return nil, 0, err
	}
	var ver int64
	if err := tx.c.GetContext(tx.rowCtx, &ver, "PRAGMA data_version"); err != nil {
		return nil, 0, fmt.Errorf("read data version: %w", err)
	}
	if s := tx.store; s.quiet && ver == s.quietVer && !tx.stamped {
		return nil, tx.sealed + 1, nil
	}
	var out []Change
	for _, name := range SyncedTables() {
		ti := tables[name]
		rows, err := tx.c.QueryContext(tx.rowCtx, ti.pendingQ, tx.sealed)
		if err != nil {
			return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
		}
		for n := 0; rows.Next(); n++ {
			if n%1024 == 1023 {
				if err := tx.ctx.Err(); err != nil {
					rows.Close()
					return nil, 0, err
				}
			}
			v := reflect.New(ti.typ).Elem()
			var clk string
			err := rows.Scan(ti.dests(v, &clk)...)
			var clocks rowClocks
			if err == nil {
				clocks, err = parseClocks(clk)
			}
			var chs []Change
			if err == nil {
				chs, err = tx.entries(ti, v, clocks)
			}
			if err != nil {
				rows.Close()
				return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
			}
			out = append(out, chs...)
		}
		if err := rows.Close(); err != nil {
			return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
		}
		if err := tx.ctx.Err(); err != nil {
			return nil, 0, err
		}
	}
	out, err := tx.withLost(out)
	if err != nil {
		return nil, 0, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	tx.listed, tx.listedVer, tx.covered = tx.sealed, ver, len(out) == 0
	if len(out) > 0 {
		tx.listed = out[len(out)-1].Seq
	}
	return out, tx.sealed + 1, nil
}

// lostValue is a value of a change of this device that a concurrent change overwrote here
// before any segment held it (own_lost).
type lostValue struct {
	Seq        int64   `db:"seq"`
	HLC        string  `db:"hlc"`
	Table      string  `db:"tbl"`
	Row        string  `db:"row"`
	Field      string  `db:"field"`
	Value      RawJSON `db:"value"`
	BaseDevice string  `db:"base_device"`
	BaseSeq    int64   `db:"base_seq"`
}

// withLost adds to out (the entries of the changes still in their rows) the values of this
// device's unsealed changes that concurrent changes overwrote here: each joins the entry of
// its change, or makes one when nothing of that change is in place any more.
func (tx *Tx) withLost(out []Change) ([]Change, error) {
	var lost []lostValue
	if err := tx.c.SelectContext(tx.rowCtx, &lost, "SELECT seq, hlc, tbl, row, field, value, base_device, base_seq FROM own_lost WHERE seq > ? ORDER BY seq, tbl, row, field", tx.sealed); err != nil {
		return nil, fmt.Errorf("read overwritten changes: %w", err)
	}
	if len(lost) == 0 {
		return out, nil
	}
	bySeq := map[int64]int{}
	for i, c := range out {
		bySeq[c.Seq] = i
	}
	for _, l := range lost {
		i, ok := bySeq[l.Seq]
		if !ok {
			out = append(out, Change{Device: tx.store.device, Seq: l.Seq, HLC: l.HLC, Table: l.Table, Row: l.Row})
			i = len(out) - 1
			bySeq[l.Seq] = i
		}
		c := &out[i]
		if c.Table != l.Table || c.Row != l.Row {
			return nil, fmt.Errorf("read overwritten changes: change %d wrote two rows", l.Seq)
		}
		var err error
		if c.Fields, err = withKey(c.Fields, l.Field, json.RawMessage(l.Value)); err != nil {
			return nil, fmt.Errorf("read overwritten changes: %w", err)
		}
		if l.BaseDevice != "" {
			b, _ := json.Marshal(Writer{Device: l.BaseDevice, Seq: l.BaseSeq})
			if c.Prev, err = withKey(c.Prev, l.Field, b); err != nil {
				return nil, fmt.Errorf("read overwritten changes: %w", err)
			}
		}
	}
	return out, nil
}

// withKey adds key: value to the JSON object obj (empty: a new object).
func withKey(obj RawJSON, key string, value json.RawMessage) (RawJSON, error) {
	m := map[string]json.RawMessage{}
	if len(obj) > 0 {
		if err := json.Unmarshal(obj, &m); err != nil {
			return nil, err
		}
	}
	m[key] = value
	b, err := json.Marshal(m)
	return RawJSON(b), err
}

// entries makes the entries of the unsealed changes of row v of ti.
func (tx *Tx) entries(ti *tableInfo, v reflect.Value, clocks rowClocks) ([]Change, error) {
	id := v.FieldByIndex(ti.cols[0].index).String()
	var out []Change
	for seq, ch := range (ownLog{tx.store.device, tx.sealed}).changes(ti, clocks) {
		cols := ch.cols
		if ch.creation {
			cols = append([]column{ti.cols[0]}, cols...)
		}
		fields, err := encodeFields(v, cols, ch.creation)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", ti.name, id, err)
		}
		var prev []byte
		for _, c := range ch.cols {
			if ch.creation {
				break // a creation replaces nothing
			}
			b := clocks[c.name].Base
			if b.IsZero() {
				continue
			}
			if prev == nil {
				prev = append(prev, '{')
			} else {
				prev = append(prev, ',')
			}
			prev = appendJSONString(prev, c.name)
			prev = appendPair(append(prev, ':'), b.Device, b.Seq)
		}
		if prev != nil {
			prev = append(prev, '}')
		}
		out = append(out, Change{Device: tx.store.device, Seq: seq, HLC: ch.HLC, Table: ti.name, Row: id, Fields: fields, Prev: prev})
	}
	return out, nil
}

// Seal records that a segment holds this device's changes up to last (PendingChanges
// listed them): a later edit of a field they carry names them as the value it replaces.
func (tx *Tx) Seal(last int64) error {
	if err := tx.ready(); err != nil {
		return err
	}
	if last < tx.sealed {
		return fmt.Errorf("seal changes up to %d: changes up to %d are sealed already", last, tx.sealed)
	}
	// reserved moves by one, so that another process on this file notices (noteState).
	if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET sealed = ?, reserved = reserved + 1, hlc = max(hlc, ?)",
		last, tx.store.hlc.Last().String()); err != nil {
		return fmt.Errorf("seal changes up to %d: %w", last, err)
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "DELETE FROM own_lost WHERE seq <= ?", last); err != nil {
		return fmt.Errorf("seal changes up to %d: %w", last, err)
	}
	s := tx.store
	tx.sealed, s.sealed, tx.reserved = last, last, true
	s.limit++ // ready made it log_state's
	if tx.listed >= 0 && last >= tx.listed {
		tx.covered = true
	}
	return nil
}

// Numbering is this device's numbering of its changes as the database holds it.
type Numbering struct {
	Reserved int64 `db:"reserved"` // every number issued is at most this
	Sealed   int64 `db:"sealed"`   // segments hold the changes up to this
}

// ReadNumbering reads this device's numbering.
func ReadNumbering(q Querier) (Numbering, error) {
	var n Numbering
	if err := q.Get(&n, "SELECT reserved, sealed FROM log_state"); err != nil {
		return n, fmt.Errorf("read numbering: %w", err)
	}
	return n, nil
}

// PendingCount counts the changes of this device that no segment holds yet (what
// PendingChanges would list), for the status of sync.
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	if s.isQuiet(ctx) {
		return 0, nil
	}
	num, err := ReadNumbering(s.r)
	if err != nil {
		return 0, err
	}
	o := ownLog{s.device, num.Sealed}
	n := 0
	for _, name := range SyncedTables() {
		ti := tables[name]
		var clks []string
		if err := s.r.SelectContext(ctx, &clks, fmt.Sprintf("SELECT clk FROM %s WHERE lseq > ?", quoteIdent(name)), o.sealed); err != nil {
			return 0, fmt.Errorf("count changes of %s: %w", name, err)
		}
		for _, clk := range clks {
			clocks, err := parseClocks(clk)
			if err != nil {
				return 0, fmt.Errorf("count changes of %s: %w", name, err)
			}
			n += len(o.changes(ti, clocks))
		}
	}
	var lost int
	if err := s.r.GetContext(ctx, &lost, "SELECT count(DISTINCT seq) FROM own_lost WHERE seq > ?", o.sealed); err != nil {
		return 0, fmt.Errorf("count overwritten changes: %w", err)
	}
	return n + lost, nil
}

// isQuiet reports whether no change of this device can be waiting in the rows (quiet).
func (s *Store) isQuiet(ctx context.Context) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.quiet {
		return false
	}
	var ver int64
	err := s.wc.QueryRowContext(ctx, "PRAGMA data_version").Scan(&ver)
	return err == nil && ver == s.quietVer
}

// OutboxSegment is a segment sealed here. Its bytes are kept after they were written to
// the shared folder (Written), so that a segment deleted, cut or damaged there can be
// written again as it was sealed.
type OutboxSegment struct {
	Segment int64  `db:"segment"`
	Name    string `db:"name"`
	Data    []byte `db:"data"`
	Written bool   `db:"written"`
	Seen    string `db:"seen"`
}

// AddOutbox keeps a sealed segment's bytes.
func (tx *Tx) AddOutbox(o OutboxSegment) error {
	if _, err := tx.c.ExecContext(tx.rowCtx, "INSERT INTO sync_outbox(segment, name, data) VALUES(?, ?, ?)", o.Segment, o.Name, o.Data); err != nil {
		return fmt.Errorf("keep segment %d: %w", o.Segment, err)
	}
	return nil
}

// MarkWritten records that a sealed segment is in the shared folder, whole, with the file
// stamp seen (see WrittenSegment).
func (tx *Tx) MarkWritten(segment int64, seen string) error {
	if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE sync_outbox SET written = 1, seen = ? WHERE segment = ?", seen, segment); err != nil {
		return fmt.Errorf("mark segment %d written: %w", segment, err)
	}
	return nil
}

// DeleteOutbox forgets every sealed segment: those not written are given up with a copied
// identity (the copy may have written others with their numbers), and those written belong
// to the old identity.
func (tx *Tx) DeleteOutbox() error {
	if _, err := tx.c.ExecContext(tx.rowCtx, "DELETE FROM sync_outbox"); err != nil {
		return fmt.Errorf("forget sealed segments: %w", err)
	}
	return nil
}

// Outbox lists the segments sealed and not yet written to the shared folder, in order.
func Outbox(q Querier) ([]OutboxSegment, error) {
	var out []OutboxSegment
	if err := q.Select(&out, "SELECT segment, name, data, written, seen FROM sync_outbox WHERE written = 0 ORDER BY segment"); err != nil {
		return nil, fmt.Errorf("read sealed segments: %w", err)
	}
	return out, nil
}

// WrittenSegment names a sealed segment that was written to the shared folder.
type WrittenSegment struct {
	Segment int64  `db:"segment"`
	Name    string `db:"name"`
	// Seen is the file's stamp (size and modification time) when it was last found whole in
	// the folder; a file with the same stamp need not be read again.
	Seen string `db:"seen"`
}

// WrittenSegments lists the segments this device wrote to the shared folder whose bytes
// it keeps, in order (without the bytes: SealedData reads one).
func WrittenSegments(q Querier) ([]WrittenSegment, error) {
	var out []WrittenSegment
	if err := q.Select(&out, "SELECT segment, name, seen FROM sync_outbox WHERE written = 1 ORDER BY segment"); err != nil {
		return nil, fmt.Errorf("read written segments: %w", err)
	}
	return out, nil
}

// SealedData reads the bytes of one sealed segment.
func SealedData(q Querier, segment int64) ([]byte, error) {
	var b []byte
	if err := q.Get(&b, "SELECT data FROM sync_outbox WHERE segment = ?", segment); err != nil {
		return nil, fmt.Errorf("read sealed segment %d: %w", segment, err)
	}
	return b, nil
}

// HasWritten reports whether this device has stamped any change here (a fresh workspace
// made for joining has not).
func (s *Store) HasWritten(ctx context.Context) (bool, error) {
	n, err := ReadNumbering(s.r)
	return n.Reserved > 0 || n.Sealed > 0, err
}

// legacyExportedKey is where Pacta kept the last sequence number it had exported before
// the numbering moved into log_state (migration 6).
const legacyExportedKey = "sync.exported_seq"

// claimLog makes the numbering in log_state this device's, at open. After migration 6 it
// moves this device's changes that no segment held yet out of the change log into the
// rows they changed (see upgradeLog). When the workspace was this device's under another
// identity (a copied data folder takes a new one), the new identity numbers its changes
// from one again.
func (s *Store) claimLog(ctx context.Context) error {
	var owner string
	if err := s.wc.GetContext(ctx, &owner, "SELECT device FROM log_state"); err != nil {
		return fmt.Errorf("read numbering: %w", err)
	}
	if owner == s.device {
		return nil
	}
	return s.Update(ctx, func(tx *Tx) error {
		if owner == "" {
			if err := tx.upgradeLog(); err != nil {
				return fmt.Errorf("move this device's changes into their rows: %w", err)
			}
		} else {
			for _, name := range SyncedTables() {
				if _, err := tx.c.ExecContext(tx.rowCtx, fmt.Sprintf("UPDATE %s SET lseq = 0 WHERE lseq <> 0", quoteIdent(name))); err != nil {
					return fmt.Errorf("start a new numbering: %w", err)
				}
			}
			if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET reserved = 0, sealed = 0"); err != nil {
				return fmt.Errorf("start a new numbering: %w", err)
			}
		}
		_, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET device = ?", s.device)
		return err
	})
}

// upgradeLog moves this device's entries of the change log into the rows (migration 6):
// the numbering continues after them, segments hold those up to the last exported, and
// the ones after it become stamps with their bases, which the next export finds. The
// entries leave the change log, which keeps the other devices' changes.
func (tx *Tx) upgradeLog() error {
	me := tx.store.device
	var own []Change
	if err := tx.Select(&own, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes WHERE device = ? ORDER BY seq", me); err != nil {
		return err
	}
	var exported string
	err := tx.Get(&exported, "SELECT value FROM meta WHERE key = ?", legacyExportedKey)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var sealed int64
	fmt.Sscan(exported, &sealed)
	type entry struct {
		creation bool
		hlc      string
		prev     map[string]Writer
	}
	bySeq := map[int64]entry{}
	type rowKey struct{ tbl, row string }
	var rows []rowKey
	seen := map[rowKey]bool{}
	created := map[rowKey]int64{} // the rows this device created and never exported
	var reserved int64
	for _, c := range own {
		reserved = c.Seq
		if err := tx.store.observeString(c.HLC); err != nil {
			return err
		}
		if c.Seq <= sealed || tables[c.Table] == nil {
			continue
		}
		vals, err := c.Values()
		if err != nil {
			return err
		}
		prev, err := c.PrevWriters()
		if err != nil {
			return err
		}
		_, creation := vals["id"]
		bySeq[c.Seq] = entry{creation: creation, hlc: c.HLC, prev: prev}
		k := rowKey{c.Table, c.Row}
		if !seen[k] {
			seen[k] = true
			rows = append(rows, k)
		}
		if creation {
			created[k] = c.Seq
		}
	}
	// base follows the writers a field's value replaced back through this device's
	// unsealed changes, to the value the other replicas hold (or to a creation, which
	// reaches them first).
	base := func(field string, w Writer) Writer {
		for w.Device == me && w.Seq > sealed {
			e, ok := bySeq[w.Seq]
			if !ok || e.creation {
				break
			}
			w = e.prev[field]
		}
		return w
	}
	for _, k := range rows {
		ti := tables[k.tbl]
		var clk string
		if err := tx.Get(&clk, fmt.Sprintf("SELECT clk FROM %s WHERE id = ?", quoteIdent(k.tbl)), k.row); err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
		clocks, err := parseClocks(clk)
		if err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
		var lseq int64
		for _, c := range ti.cols[1:] {
			cur, own := clocks[c.name]
			if !own {
				cur = clocks[wholeRow]
			}
			w := cur.writer()
			if w.Device != me || w.Seq <= sealed {
				continue
			}
			lseq = max(lseq, w.Seq)
			e := bySeq[w.Seq]
			if !own && e.creation {
				continue // still the row's creation
			}
			// An edit of this device: stamped field by field (an edit of every field was
			// folded into the whole-row clock), each with its base.
			cur.Base = base(c.name, e.prev[c.name])
			clocks[c.name] = cur
		}
		if st, ok := clocks[wholeRow]; ok {
			if w := st.writer(); w.Device == me && w.Seq > sealed && !bySeq[w.Seq].creation {
				delete(clocks, wholeRow) // every field has its own clock now
			}
		}
		if seq, ok := created[k]; ok {
			if _, ok := clocks[wholeRow]; !ok {
				// The creation's clock had been folded away by an edit of every field: it
				// comes back, so that the export still creates the row.
				clocks[wholeRow] = stamp{HLC: bySeq[seq].hlc, Seq: seq}
			}
			lseq = max(lseq, seq)
		}
		if _, err := tx.c.ExecContext(tx.rowCtx, fmt.Sprintf("UPDATE %s SET clk = ?, lseq = ? WHERE id = ?", quoteIdent(k.tbl)), clocks.encode(), lseq, k.row); err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "DELETE FROM changes WHERE device = ?", me); err != nil {
		return err
	}
	_, err = tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET reserved = ?, sealed = ?, hlc = max(hlc, ?)",
		reserved, min(sealed, reserved), tx.store.hlc.Last().String())
	return err
}

// observeString moves the clock past a persisted clock.
func (s *Store) observeString(h string) error {
	if h == "" {
		return nil
	}
	last, err := ParseHLC(h)
	if err != nil {
		return fmt.Errorf("read clock: %w", err)
	}
	s.hlc.Observe(last)
	return nil
}
