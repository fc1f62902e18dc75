// A change as segments carry it, and raw JSON values.

package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// Change is one change of one row as a segment carries it, and as the change log keeps the
// other devices' changes: the fields that one Put changed, with their new values, written
// by one device. A change that creates a row also carries the
// row's id, and stands for every field: those it leaves out are at their zero value.
// Prev names, for each changed field that had a value from an earlier change, the writer
// of the value it replaced; sync uses it to tell a causal overwrite from a concurrent edit.
type Change struct {
	Device string  `db:"device" json:"device"`
	Seq    int64   `db:"seq" json:"seq"`
	HLC    string  `db:"hlc" json:"hlc"`
	Table  string  `db:"tbl" json:"table"`
	Row    string  `db:"row" json:"row"`
	Fields RawJSON `db:"fields" json:"fields"`       // JSON object: field → value
	Prev   RawJSON `db:"prev" json:"prev,omitempty"` // JSON object: field → [device, seq]
}

// Values decodes the changed fields as JSON values.
func (c Change) Values() (map[string]RawJSON, error) {
	var m map[string]RawJSON
	if err := json.Unmarshal(c.Fields, &m); err != nil || m == nil {
		return nil, fmt.Errorf("change %s/%d: the fields are not a JSON object", c.Device, c.Seq)
	}
	return m, nil
}

// PrevWriters decodes Prev.
func (c Change) PrevWriters() (map[string]Writer, error) {
	if len(c.Prev) == 0 {
		return nil, nil
	}
	var m map[string]Writer
	if err := json.Unmarshal(c.Prev, &m); err != nil {
		return nil, fmt.Errorf("change %s/%d: previous writers: %w", c.Device, c.Seq, err)
	}
	return m, nil
}

// RawJSON is a JSON value kept as text in SQLite and embedded as-is in JSON output.
type RawJSON []byte

// Scan implements sql.Scanner.
func (r *RawJSON) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*r = RawJSON(v)
	case []byte:
		*r = append(RawJSON(nil), v...)
	case nil:
		*r = nil
	default:
		return fmt.Errorf("raw json: cannot scan %T", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (r RawJSON) Value() (driver.Value, error) { return string(r), nil }

// MarshalJSON implements json.Marshaler.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *RawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}
