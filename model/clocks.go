package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Writer names the change-log entry that wrote a value: its device and sequence number.
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

// stamp is the clock of the value stored in a field: its writer's HLC (which ends with the
// writer's device) and sequence number. In JSON it is the pair ["hlc", seq].
type stamp struct {
	HLC string
	Seq int64
}

func (s stamp) writer() Writer {
	if s.HLC == "" {
		return Writer{}
	}
	parts := strings.SplitN(s.HLC, ".", 3)
	if len(parts) != 3 {
		return Writer{}
	}
	return Writer{Device: parts[2], Seq: s.Seq}
}

func (s stamp) MarshalJSON() ([]byte, error) { return json.Marshal([]any{s.HLC, s.Seq}) }

func (s *stamp) UnmarshalJSON(b []byte) error {
	return unmarshalPair(b, "clock: want [hlc, seq]", &s.HLC, &s.Seq)
}

// wholeRow is the key of rowClocks that stands for every field without a key of its own.
// A change that creates a row carries every field, so the row's clocks start as this one
// key; fields edited later get their own.
const wholeRow = "*"

// rowClocks are the clocks of one row's fields, kept in the row's clk column. They are
// derived from the change log (every replica that applied the same changes holds the
// same clocks) and never synced themselves.
type rowClocks map[string]stamp

func parseClocks(s string) (rowClocks, error) {
	if s == "" {
		return rowClocks{}, nil
	}
	var rc rowClocks
	if err := json.Unmarshal([]byte(s), &rc); err != nil {
		return nil, fmt.Errorf("field clocks: %w", err)
	}
	if rc == nil {
		rc = rowClocks{}
	}
	return rc, nil
}

// of is the clock of field (the zero stamp when it was never written).
func (rc rowClocks) of(field string) stamp {
	if s, ok := rc[field]; ok {
		return s
	}
	return rc[wholeRow]
}

// set records that st wrote fields. When every field then shares one clock, the clocks
// fold back into the whole-row key.
func (rc rowClocks) set(st stamp, fields []string, ti *tableInfo) {
	if len(fields) == len(ti.cols)-1 {
		clear(rc)
		rc[wholeRow] = st
		return
	}
	for _, f := range fields {
		rc[f] = st
	}
}

func (rc rowClocks) encode() string {
	if len(rc) == 0 {
		return ""
	}
	if st, ok := rc[wholeRow]; ok && len(rc) == 1 {
		return wholeRowClock(st)
	}
	b, _ := json.Marshal(map[string]stamp(rc)) // keys sorted
	return string(b)
}

// wholeRowClock encodes the clocks of a row whose every field st wrote (every new row),
// as encode would, without a map or reflection.
func wholeRowClock(st stamp) string {
	b := make([]byte, 0, 16+len(st.HLC)+20)
	b = append(b, `{"*":[`...)
	b = appendJSONString(b, st.HLC)
	b = append(b, ',')
	b = strconv.AppendInt(b, st.Seq, 10)
	return string(append(b, "]}"...))
}

// writtenBy lists the columns of ti, in the table's order, whose value device wrote after
// seq after, and the earliest such seq (for ReissueChanges).
func (rc rowClocks) writtenBy(device string, after int64, ti *tableInfo) (cols []column, first int64) {
	for _, c := range ti.cols[1:] {
		st := rc.of(c.name)
		if w := st.writer(); w.Device == device && w.Seq > after {
			cols = append(cols, c)
			if first == 0 || w.Seq < first {
				first = w.Seq
			}
		}
	}
	return cols, first
}
