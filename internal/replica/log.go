// The log of the other devices' changes applied here (the changes table): what makes
// applying idempotent, and what this laptop has seen of each device.

package replica

import (
	"fmt"

	"pacta/model"
)

// VersionVector gives, for every other device whose changes were applied here, the
// highest seq applied. Segments are applied whole and in order per device, so every change
// of that device up to it that exists is applied. (This device's own changes are in the
// rows, not in the change log: see ownlog.go.)
func VersionVector(q model.Querier) (map[string]int64, error) {
	var rows []struct {
		Device string `db:"device"`
		Seq    int64  `db:"seq"`
	}
	if err := q.Select(&rows, "SELECT device, max(seq) AS seq FROM changes GROUP BY device"); err != nil {
		return nil, fmt.Errorf("read version vector: %w", err)
	}
	vv := make(map[string]int64, len(rows))
	for _, r := range rows {
		vv[r.Device] = r.Seq
	}
	return vv, nil
}
