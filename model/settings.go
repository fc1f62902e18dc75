package model

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Setting is one workspace-wide setting; its id is the setting's name.
type Setting struct {
	Row
	Value string `db:"value" json:"value"`
}

// TableName implements Entity.
func (*Setting) TableName() string { return "settings" }

// Attachment is a file (photo, scan) attached to a row of another table.
type Attachment struct {
	Row
	OwnerTable string `db:"owner_table" json:"owner_table"`
	OwnerID    string `db:"owner_id" json:"owner_id"`
	SHA256     string `db:"sha256" json:"sha256"`
	Name       string `db:"name" json:"name"`
	Mime       string `db:"mime" json:"mime"`
	Size       int64  `db:"size" json:"size"`
	Caption    string `db:"caption" json:"caption"`
}

// TableName implements Entity.
func (*Attachment) TableName() string { return "attachments" }

func init() {
	RegisterTable(&Setting{})
	RegisterTable(&Attachment{})
}

// Workspace setting names.
const (
	SettingMunicipality = "municipality"
	SettingLegalBasis   = "legal_basis"
	SettingCurrency     = "currency" // ISO 4217: agreements' amounts and new calls' budgets; EUR when unset
)

// DefaultCurrency is the workspace's currency when its profile names none.
const DefaultCurrency = "EUR"

// Currency is the workspace's currency, as its profile says (DefaultCurrency when unset).
func Currency(q Querier) (string, error) {
	c, err := GetSetting(q, SettingCurrency, "")
	if c = strings.TrimSpace(c); c == "" {
		c = DefaultCurrency
	}
	return c, err
}

// GetSetting returns a workspace setting, or def when it was never set.
func GetSetting(q Querier, name, def string) (string, error) {
	var s Setting
	err := q.Get(&s, "SELECT id, deleted, value FROM settings WHERE id = ? AND deleted = 0", name)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", name, err)
	}
	return s.Value, nil
}

// PutSetting writes a workspace setting inside an Update.
func (tx *Tx) PutSetting(name, value string) error {
	return tx.Put(&Setting{Row: Row{ID: name}, Value: value})
}

// EditSetting writes a setting as a form or a command changed it: base is the value it
// showed (began from), value the one given. A setting not changed (value == base) is not
// written. Otherwise it is an edit like PutEdit's: written over the row as stored now; had
// it been changed elsewhere meanwhile to another value, that value is kept as a conflict.
func (tx *Tx) EditSetting(name, base, value string) error {
	if base == value {
		return nil
	}
	var cur Setting
	err := tx.Get(&cur, "SELECT id, deleted, value FROM settings WHERE id = ?", name)
	if errors.Is(err, sql.ErrNoRows) {
		return tx.Put(&Setting{Row: Row{ID: name}, Value: value})
	}
	if err != nil {
		return fmt.Errorf("edit setting %s: %w", name, err)
	}
	before, after := cur, cur
	before.Value = base
	after.Value, after.Deleted = value, false
	return tx.PutEdit(&before, &after)
}

// AttachmentsOf lists the live attachments of a row.
func AttachmentsOf(q Querier, table, id string) ([]Attachment, error) {
	var out []Attachment
	err := q.Select(&out, `SELECT id, deleted, owner_table, owner_id, sha256, name, mime, size, caption
		FROM attachments WHERE owner_table = ? AND owner_id = ? AND deleted = 0 ORDER BY id`, table, id)
	if err != nil {
		return nil, fmt.Errorf("list attachments of %s %s: %w", table, id, err)
	}
	return out, nil
}
