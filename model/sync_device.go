package model

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
)

// Device is a laptop of the workspace as every replica knows it. Rows are written by an
// administrator device (enrolment is a change in the log like any other); the founding
// device enrols itself.
type Device struct {
	Row
	Name       string `db:"name" json:"name"`
	PublicKey  string `db:"public_key" json:"public_key"` // base64 Ed25519 public key
	Admin      bool   `db:"admin" json:"admin"`
	EnrolledBy string `db:"enrolled_by" json:"enrolled_by"`
	Status     string `db:"status" json:"status"` // see DeviceStatuses
}

// TableName implements Entity.
func (*Device) TableName() string { return "devices" }

func init() { RegisterTable(&Device{}) }

// Device statuses.
const (
	DeviceRequested = "requested"
	DeviceEnrolled  = "enrolled"
	DeviceRejected  = "rejected"
)

// DeviceStatuses lists the statuses a device row may have.
var DeviceStatuses = []string{DeviceRequested, DeviceEnrolled, DeviceRejected}

// TrustTables are synced tables that decide who may write: only administrator devices
// may change them, and random test data must leave them alone.
var TrustTables = []string{"devices"}

// GetDevice reads a device row; ok is false when the device is unknown.
func GetDevice(q Querier, id string) (d Device, ok bool, err error) {
	err = q.Get(&d, "SELECT id, deleted, name, public_key, admin, enrolled_by, status FROM devices WHERE id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("read device %s: %w", id, err)
	}
	return d, true, nil
}

// ListDevices lists the known devices, by name.
func ListDevices(q Querier) ([]Device, error) {
	var out []Device
	if err := q.Select(&out, "SELECT id, deleted, name, public_key, admin, enrolled_by, status FROM devices ORDER BY name, id"); err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	return out, nil
}

// ColumnType is the Go type of a synced table's column, or nil when either is unknown.
// Tests and tools use it to make or check values generically.
func ColumnType(table, col string) reflect.Type {
	ti := tables[table]
	if ti == nil {
		return nil
	}
	c, ok := ti.byName[col]
	if !ok {
		return nil
	}
	return c.typ
}

// ForeignKey is one column of a synced table that refers to another table's id.
type ForeignKey struct {
	Column string `db:"from"`
	Table  string `db:"table"`
}

// ForeignKeys lists the foreign keys of a synced table (PRAGMA foreign_key_list).
func ForeignKeys(q Querier, table string) ([]ForeignKey, error) {
	if tables[table] == nil {
		return nil, fmt.Errorf("foreign keys: %s is not a synced table", table)
	}
	var out []ForeignKey
	if err := q.Select(&out, fmt.Sprintf(`SELECT "from", "table" FROM pragma_foreign_key_list(%s)`, quoteString(table))); err != nil {
		return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
	}
	return out, nil
}

func quoteString(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}
