package model

import (
	"fmt"
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
	var replaced [8]Stamp
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
		tx.last = Stamp{HLC: clk[start : start+strings.IndexByte(clk[start:], '"')], Seq: seq}
		return clk, seq, nil
	}
	st := Stamp{HLC: h.String(), Seq: seq}
	tx.last = st
	if creation {
		return wholeRowClock(st), seq, nil
	}
	for _, c := range cols {
		cur, own := clocks[c.name]
		if !own {
			cur = clocks[wholeRow]
		}
		clocks[c.name] = Stamp{HLC: st.HLC, Seq: seq, Base: baseOf(cur, own, notOut)}
	}
	return clocks.encode(), seq, nil
}

// issue takes the sequence number and the clock of a change of this device that replaces
// the values whose clocks are replaced, and notes that this transaction stamped it.
func (tx *Tx) issue(replaced []Stamp) (int64, HLC, error) {
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
func baseOf(cur Stamp, own bool, notOut func(Writer) bool) Writer {
	if w := cur.Writer(); !own || !notOut(w) {
		return w
	}
	return cur.Base
}

// stampText is record for an edit of a row whose clocks ct read as text: the clocks of
// the fields it does not change are copied as they are, without a map (a person's edit
// comes here).
func (tx *Tx) stampText(ct *clockText, cols []column, notOut func(Writer) bool) (string, int64, error) {
	var curs [8]Stamp
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
	st := Stamp{HLC: h.String(), Seq: seq}
	tx.last = st
	var nameBuf [8]string
	var newBuf [8]Stamp
	names, news := nameBuf[:0], newBuf[:0]
	for i, c := range cols {
		names, news = append(names, c.name), append(news, Stamp{HLC: st.HLC, Seq: seq, Base: baseOf(cur[i], own[i], notOut)})
		for j := i; j > 0 && names[j] < names[j-1]; j-- { // by name, as the clocks are written
			names[j], names[j-1] = names[j-1], names[j]
			news[j], news[j-1] = news[j-1], news[j]
		}
	}
	return ct.with(names, news), seq, nil
}
