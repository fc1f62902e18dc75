package replica

import (
	"database/sql"
	"errors"
	"fmt"

	"pacta/model"
)

// The workspace's laptops as this replica knows them (DESIGN §5): the rows are synced
// records of model (model.Device, written through the store like any change); reading
// them for trust and enrolment is the sync's business.

// GetDevice reads a device row; ok is false when the device is unknown.
func GetDevice(q model.Querier, id string) (d model.Device, ok bool, err error) {
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
func ListDevices(q model.Querier) ([]model.Device, error) {
	var out []model.Device
	if err := q.Select(&out, "SELECT id, deleted, name, public_key, admin, enrolled_by, status FROM devices ORDER BY name, id"); err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	return out, nil
}
