package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// Writer names the change that wrote a value: its device and sequence number.
// In JSON it is the pair ["device", seq].
type Writer struct {
	Device string
	Seq    int64
}

// IsZero reports whether w names no entry (a field never written).
func (w Writer) IsZero() bool { return w.Device == "" && w.Seq == 0 }

// MarshalJSON implements json.Marshaler.
func (w Writer) MarshalJSON() ([]byte, error) { return json.Marshal([]any{w.Device, w.Seq}) }

// UnmarshalJSON implements json.Unmarshaler.
func (w *Writer) UnmarshalJSON(b []byte) error {
	return unmarshalPair(b, "writer: want [device, seq]", &w.Device, &w.Seq)
}

// unmarshalPair reads the JSON pair [text, number] that writers and clocks are written as.
func unmarshalPair(b []byte, want string, s *string, n *int64) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("%s, got %.40s", want, b)
	}
	if json.Unmarshal(pair[0], s) != nil || json.Unmarshal(pair[1], n) != nil {
		return fmt.Errorf("%s, got %.40s", want, b)
	}
	return nil
}

// Stamp is the clock of the value stored in a field: its writer's HLC (which ends with the
// writer's device) and sequence number. In JSON it is the pair ["hlc", seq]; a change of
// this device that no segment holds yet also names its base, ["hlc", seq, "device", seq].
type Stamp struct {
	HLC string
	Seq int64
	// Base is, for a change of this device not sealed into a segment yet, the writer of
	// the value the other replicas hold for the field: the one its entry will say it
	// replaced (a change written over by this device before any export never leaves it).
	Base Writer
}

// Writer is the change that wrote the value: the device its HLC names and its sequence number.
func (s Stamp) Writer() Writer {
	// The HLC is wall.counter.device (HLC.String); the device is what follows the second dot.
	i := strings.IndexByte(s.HLC, '.')
	if i < 0 {
		return Writer{}
	}
	j := strings.IndexByte(s.HLC[i+1:], '.')
	if j < 0 {
		return Writer{}
	}
	return Writer{Device: s.HLC[i+j+2:], Seq: s.Seq}
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Stamp) UnmarshalJSON(b []byte) error {
	var parts []json.RawMessage
	const want = "clock: want [hlc, seq] or [hlc, seq, device, seq]"
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != 2 && len(parts) != 4 {
		return fmt.Errorf("%s, got %.40s", want, b)
	}
	if json.Unmarshal(parts[0], &s.HLC) != nil || json.Unmarshal(parts[1], &s.Seq) != nil {
		return fmt.Errorf("%s, got %.40s", want, b)
	}
	s.Base = Writer{}
	if len(parts) == 4 && (json.Unmarshal(parts[2], &s.Base.Device) != nil || json.Unmarshal(parts[3], &s.Base.Seq) != nil) {
		return fmt.Errorf("%s, got %.40s", want, b)
	}
	return nil
}

// wholeRow is the key of rowClocks that stands for every field without a key of its own.
// A change that creates a row carries every field, so the row's clocks start as this one
// key; fields edited later get their own.
const wholeRow = "*"

// rowClocks are the clocks of one row's fields, kept in the row's clk column. Replicas that
// applied the same changes hold the same clocks (a base, this device's note on its own
// unsealed changes, aside); they are never synced themselves.
type rowClocks map[string]Stamp

func parseClocks(s string) (rowClocks, error) {
	if s == "" {
		return rowClocks{}, nil
	}
	if rc, ok := scanClocks(s); ok {
		return rc, nil
	}
	// Not in the form encode writes (escapes, spaces): the general decoder reads it, or
	// says what is wrong.
	var rc rowClocks
	if err := json.Unmarshal([]byte(s), &rc); err != nil {
		return nil, fmt.Errorf("field clocks: %w", err)
	}
	if rc == nil {
		rc = rowClocks{}
	}
	return rc, nil
}

// scanClocks reads clocks in the form encode writes, {"field":["hlc",seq],...} with no
// space, no escape and ASCII text only, without encoding/json: an edit reads its row's
// clocks every time, and the general decoder cost an edit a twentieth of its time. ok is
// false for anything else, which parseClocks then hands to encoding/json.
func scanClocks(s string) (rowClocks, bool) {
	rc := make(rowClocks, 4)
	ok := scanStamps(s, func(key string, st Stamp, _, _ int) bool {
		rc[key] = st
		return true
	})
	if !ok {
		return nil, false
	}
	return rc, true
}

// scanStamps reads clocks in the form encode writes (see scanClocks) and calls each with
// every key, its stamp and where the key's text starts and its value's ends (s[from:to]
// is `"key":[…]`), in the order they come; each returning false stops the reading. ok is
// false when s is not in that form, or each stopped it.
func scanStamps(s string, each func(key string, st Stamp, from, to int) bool) bool {
	i := 0
	// str reads a JSON string without escapes at i.
	str := func() (string, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", false
		}
		start := i + 1
		end := strings.IndexByte(s[start:], '"')
		// Escapes and non-ASCII text (column names and clocks are ASCII; invalid UTF-8 is
		// replaced by encoding/json) go to the general decoder.
		if end < 0 || !plainText(s[start:start+end], false) {
			return "", false
		}
		i = start + end + 1
		return s[start : start+end], true
	}
	next := func(c byte) bool {
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	// num reads a JSON integer at i.
	num := func() (int64, bool) {
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || j == i && s[j] == '-') {
			j++
		}
		digits := strings.TrimPrefix(s[i:j], "-")
		n, err := strconv.ParseInt(s[i:j], 10, 64)
		if err != nil || len(digits) > 1 && digits[0] == '0' { // JSON has no leading zeros
			return 0, false
		}
		i = j
		return n, true
	}
	if !next('{') {
		return false
	}
	if next('}') {
		return i == len(s)
	}
	for {
		from := i
		key, ok := str()
		if !ok || !next(':') || !next('[') {
			return false
		}
		hlc, ok := str()
		if !ok || !next(',') {
			return false
		}
		seq, ok := num()
		if !ok {
			return false
		}
		st := Stamp{HLC: hlc, Seq: seq}
		if next(',') {
			if st.Base.Device, ok = str(); !ok || !next(',') {
				return false
			}
			if st.Base.Seq, ok = num(); !ok {
				return false
			}
		}
		if !next(']') || !each(key, st, from, i) {
			return false
		}
		if next('}') {
			return i == len(s)
		}
		if !next(',') {
			return false
		}
	}
}

// clockText is a row's clocks as their text, read without a map: what an edit needs to
// stamp a few fields, whose other clocks it copies as they are.
type clockText struct {
	s     string
	keys  []string
	st    []Stamp
	spans [][2]int // s[from:to] is `"key":[…]`
}

// readClockText reads clk in the form encode writes, its keys in order (as encode sorts
// them), into c (whose slices it reuses); ok is false for any other clk.
func readClockText(clk string, c *clockText) bool {
	c.s, c.keys, c.st, c.spans = clk, c.keys[:0], c.st[:0], c.spans[:0]
	if clk == "" {
		return true
	}
	return scanStamps(clk, func(key string, st Stamp, from, to int) bool {
		if n := len(c.keys); n > 0 && c.keys[n-1] >= key {
			return false // not as encode writes it (unsorted, or a key twice)
		}
		c.keys, c.st, c.spans = append(c.keys, key), append(c.st, st), append(c.spans, [2]int{from, to})
		return true
	})
}

// of is the clock of field, and whether it has a key of its own (else it is the
// whole-row clock, or none).
func (c *clockText) of(field string) (Stamp, bool) {
	var whole Stamp
	for i, k := range c.keys {
		if k == field {
			return c.st[i], true
		}
		if k == wholeRow {
			whole = c.st[i]
		}
	}
	return whole, false
}

// with writes the clocks with each of fields (sorted, none twice) stamped news[i], as
// encode would write rowClocks holding them.
func (c *clockText) with(fields []string, news []Stamp) string {
	b := make([]byte, 0, len(c.s)+len(fields)*(len(news[0].HLC)+len(news[0].Base.Device)+64))
	b = append(b, '{')
	i, j := 0, 0
	for i < len(c.keys) || j < len(fields) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		switch {
		case j == len(fields) || i < len(c.keys) && c.keys[i] < fields[j]:
			b = append(b, c.s[c.spans[i][0]:c.spans[i][1]]...)
			i++
		default:
			if i < len(c.keys) && c.keys[i] == fields[j] {
				i++
			}
			b = appendStamp(append(appendJSONString(b, fields[j]), ':'), news[j])
			j++
		}
	}
	b = append(b, '}')
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}

// of is the clock of field (the zero stamp when it was never written).
func (rc rowClocks) of(field string) Stamp {
	if s, ok := rc[field]; ok {
		return s
	}
	return rc[wholeRow]
}

// set records that st, a change of another device, wrote fields. When every field then
// shares one clock, the clocks fold back into the whole-row key. (This device's own
// changes are stamped by Tx.record, which keeps a base for each field.)
func (rc rowClocks) set(st Stamp, fields []string, ti *tableInfo) {
	if len(fields) == len(ti.cols)-1 {
		clear(rc)
		rc[wholeRow] = st
		return
	}
	for _, f := range fields {
		rc[f] = st
	}
}

// encode writes the clocks as encoding/json would write the map of their pairs (keys
// sorted), without reflection: every edit writes its row's clocks.
func (rc rowClocks) encode() string {
	if len(rc) == 0 {
		return ""
	}
	if st, ok := rc[wholeRow]; ok && len(rc) == 1 && st.Base.IsZero() {
		return wholeRowClock(st)
	}
	var kb [8]string
	keys := kb[:0]
	n := 2
	for k, st := range rc {
		keys = append(keys, k)
		n += len(k) + len(st.HLC) + len(st.Base.Device) + 48
	}
	// A row has a few clocks: insertion sort, without sort's interface.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	b := make([]byte, 0, n)
	for i, k := range keys {
		if i == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = appendStamp(append(b, ':'), rc[k])
	}
	return string(append(b, '}'))
}

// appendStamp appends a stamp's JSON array: the pair [hlc, seq], and its base when it has one.
func appendStamp(b []byte, st Stamp) []byte {
	if st.Base.IsZero() {
		return appendPair(b, st.HLC, st.Seq)
	}
	b = appendJSONString(append(b, '['), st.HLC)
	b = strconv.AppendInt(append(b, ','), st.Seq, 10)
	b = appendJSONString(append(b, ','), st.Base.Device)
	b = strconv.AppendInt(append(b, ','), st.Base.Seq, 10)
	return append(b, ']')
}

// appendPair appends the JSON pair [text, number] that clocks and writers are written as.
func appendPair(b []byte, s string, n int64) []byte {
	b = appendJSONString(append(b, '['), s)
	b = strconv.AppendInt(append(b, ','), n, 10)
	return append(b, ']')
}

// wholeRowClock encodes the clocks of a row whose every field st wrote (every new row),
// as encode would, without a map or reflection.
func wholeRowClock(st Stamp) string {
	b := make([]byte, 0, 16+len(st.HLC)+20)
	b = appendPair(append(b, `{"*":`...), st.HLC, st.Seq)
	return string(append(b, '}'))
}

// creationClock is wholeRowClock of a new row created by the change numbered seq at clock
// h, written straight from the clock (whose String form needs no escaping).
func creationClock(h HLC, seq int64) string {
	var buf [128]byte
	b := h.append(append(buf[:0], `{"*":["`...))
	b = strconv.AppendInt(append(b, '"', ','), seq, 10)
	return string(append(b, ']', '}'))
}

// writtenBy lists the columns of ti, in the table's order, whose value device wrote after
// seq after, and the earliest such seq (for ReissueChanges).
func (rc rowClocks) writtenBy(device string, after int64, ti *tableInfo) (cols []column, first int64) {
	for _, c := range ti.cols[1:] {
		st := rc.of(c.name)
		if w := st.Writer(); w.Device == device && w.Seq > after {
			cols = append(cols, c)
			if first == 0 || w.Seq < first {
				first = w.Seq
			}
		}
	}
	return cols, first
}
