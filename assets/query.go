package assets

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"pacta/model"
)

// effectiveAvailability is the SQL for an asset's availability as shown: "under_pact" when
// a live pact in a status that holds its assets is linked to it, else the stored value
// ("available" when never set). The stored value keeps what a person decided (an asset
// can be unavailable for works); the pact link is a fact that overrides it.
func effectiveAvailability(alias string) string {
	marks := make([]string, len(model.PactStatusesHoldingAssets))
	for i, s := range model.PactStatusesHoldingAssets {
		marks[i] = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return fmt.Sprintf(`CASE WHEN EXISTS (SELECT 1 FROM pact_assets pa JOIN pacts p ON p.id = pa.pact_id
		WHERE pa.asset_id = %[1]s.id AND pa.deleted = 0 AND p.deleted = 0 AND p.status IN (%[2]s))
		THEN 'under_pact' WHEN %[1]s.availability = '' THEN 'available' ELSE %[1]s.availability END`, alias, strings.Join(marks, ", "))
}

// AssetListItem is one row of the registry table and of `pacta asset list --json`.
type AssetListItem struct {
	ID           string   `db:"id" json:"id"`
	Ref          string   `db:"ref" json:"ref"`
	Name         string   `db:"name" json:"name"`
	Kind         string   `db:"kind" json:"kind"`
	District     string   `db:"district" json:"district"`
	Address      string   `db:"address" json:"address"`
	Lat          *float64 `db:"lat" json:"lat"`
	Lon          *float64 `db:"lon" json:"lon"`
	Availability string   `db:"availability" json:"availability"` // effective: under_pact when an active pact holds it
	Protection   string   `db:"protection" json:"protection"`
	Designated   bool     `db:"designated" json:"designated"`
	DuplicateRef bool     `db:"-" json:"duplicate_ref"` // another live asset holds Ref (set by markDuplicates)
}

// AssetView is a full asset with its effective availability.
type AssetView struct {
	model.Asset
	Effective string `db:"effective" json:"effective_availability"`
}

// AssetFilter selects and orders registry rows. Zero values mean "any".
type AssetFilter struct {
	Kind         string
	District     string
	Availability string // effective availability
	Protection   string
	Designated   bool   // only assets designated as commons
	Match        string // an FTS4 MATCH expression over assets_fts (built by Query.Filter)
	Sort         string // one of AssetSortColumns; default name
	Desc         bool
	Limit        int // 0 = no limit
	Offset       int
}

// AssetSortColumns are the columns the registry may be sorted by.
var AssetSortColumns = []string{"ref", "name", "kind", "district", "availability", "protection"}

func (f AssetFilter) where() (string, []any) {
	conds := []string{"a.deleted = 0"}
	var args []any
	if f.Kind != "" {
		conds = append(conds, "a.kind = ?")
		args = append(args, f.Kind)
	}
	if f.District != "" {
		conds = append(conds, "a.district = ?")
		args = append(args, f.District)
	}
	if f.Protection != "" {
		if f.Protection == "none" {
			conds = append(conds, "a.protection IN ('', 'none')")
		} else {
			conds = append(conds, "a.protection = ?")
			args = append(args, f.Protection)
		}
	}
	if f.Designated {
		conds = append(conds, "a.designated = 1")
	}
	if f.Availability != "" {
		conds = append(conds, "("+effectiveAvailability("a")+") = ?")
		args = append(args, f.Availability)
	}
	if f.Match != "" {
		conds = append(conds, "a.rowid IN (SELECT docid FROM assets_fts WHERE assets_fts MATCH ?)")
		args = append(args, f.Match)
	}
	return strings.Join(conds, " AND "), args
}

func (f AssetFilter) order() string {
	col := "name"
	for _, c := range AssetSortColumns {
		if c == f.Sort {
			col = c
		}
	}
	expr := "a." + col
	switch col {
	case "name", "district":
		expr += " COLLATE NOCASE"
	case "availability":
		// Sorting by the derived value would evaluate the pact lookup for every row of
		// the registry on every page (half a second at 100 000 rows); the stored value
		// is indexed. Rows held by a pact show "under pact" but sort by what was stored.
		expr = "a.availability"
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	return expr + dir + ", a.id" + dir
}

// ListAssets returns one page of the registry.
func ListAssets(q model.Querier, f AssetFilter) ([]AssetListItem, error) {
	where, args := f.where()
	query := `SELECT a.id, a.ref, a.name, a.kind, a.district, a.address, a.lat, a.lon, (` + effectiveAvailability("a") + `) AS availability,
		a.protection, a.designated FROM assets a WHERE ` + where + ` ORDER BY ` + f.order()
	if f.Limit > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	out := []AssetListItem{}
	if err := q.Select(&out, query, args...); err != nil {
		return nil, fmt.Errorf("list assets: %w", err)
	}
	return out, nil
}

// CountAssets counts the rows a filter selects (Limit and Offset are ignored).
func CountAssets(q model.Querier, f AssetFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := q.Get(&n, "SELECT count(*) FROM assets a WHERE "+where, args...); err != nil {
		return 0, fmt.Errorf("count assets: %w", err)
	}
	return n, nil
}

const assetViewCols = `a.id, a.deleted, a.ref, a.kind, a.name, a.description, a.address, a.district, a.municipality,
	a.region, a.territory, a.lat, a.lon, a.owner, a.ownership, a.protection, a.designated, a.reserved, a.availability,
	a.control_rights, a.community, a.licence, a.heritage, a.tags, a.source_id`

// GetAsset reads one live asset by id or by reference (the oldest when a reference was
// minted twice offline).
func GetAsset(q model.Querier, idOrRef string) (AssetView, error) {
	var v AssetView
	err := q.Get(&v, `SELECT `+assetViewCols+`, (`+effectiveAvailability("a")+`) AS effective
		FROM assets a WHERE a.deleted = 0 AND (a.id = ? OR a.ref = ? COLLATE NOCASE) ORDER BY a.id = ? DESC, a.id LIMIT 1`, idOrRef, idOrRef, idOrRef)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%w: %s", model.ErrAssetNotFound, idOrRef)
	}
	if err != nil {
		return v, fmt.Errorf("read asset %s: %w", idOrRef, err)
	}
	return v, nil
}

// AssetsPage reads full assets in id order after the id `after`, at most limit of them:
// export walks the whole registry this way without holding it in memory.
func AssetsPage(q model.Querier, f AssetFilter, after string, limit int) ([]AssetView, error) {
	where, args := f.where()
	args = append(args, after, limit)
	var out []AssetView
	err := q.Select(&out, `SELECT `+assetViewCols+`, (`+effectiveAvailability("a")+`) AS effective
		FROM assets a WHERE `+where+` AND a.id > ? ORDER BY a.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("read assets: %w", err)
	}
	return out, nil
}

// AssetKey is what an import matches existing rows on.
type AssetKey struct {
	ID       string `db:"id"`
	SourceID string `db:"source_id"`
	Name     string `db:"name"`
	Address  string `db:"address"`
}

// AssetKeys lists the identity of every live asset.
func AssetKeys(q model.Querier) ([]AssetKey, error) {
	var out []AssetKey
	if err := q.Select(&out, "SELECT id, source_id, name, address FROM assets WHERE deleted = 0 ORDER BY id"); err != nil {
		return nil, fmt.Errorf("read asset keys: %w", err)
	}
	return out, nil
}

// PactLink is a pact linked to an asset.
type PactLink struct {
	ID     string `db:"id" json:"id"`
	Ref    string `db:"ref" json:"ref"`
	Title  string `db:"title" json:"title"`
	Status string `db:"status" json:"status"`
}

// PactsOfAsset lists the live pacts linked to an asset through pact_assets.
func PactsOfAsset(q model.Querier, assetID string) ([]PactLink, error) {
	out := []PactLink{}
	err := q.Select(&out, `SELECT DISTINCT p.id, p.ref, p.title, p.status FROM pact_assets pa JOIN pacts p ON p.id = pa.pact_id
		WHERE pa.asset_id = ? AND pa.deleted = 0 AND p.deleted = 0 ORDER BY p.ref, p.id`, assetID)
	if err != nil {
		return nil, fmt.Errorf("pacts of asset %s: %w", assetID, err)
	}
	return out, nil
}

// AssetCount is one bucket of a breakdown.
type AssetCount struct {
	Key string `db:"k" json:"key"`
	N   int    `db:"n" json:"count"`
}

// AssetCountsByKind counts live assets per kind.
func AssetCountsByKind(q model.Querier) ([]AssetCount, error) {
	var out []AssetCount
	if err := q.Select(&out, "SELECT kind AS k, count(*) AS n FROM assets WHERE deleted = 0 GROUP BY kind ORDER BY n DESC, kind"); err != nil {
		return nil, fmt.Errorf("count assets by kind: %w", err)
	}
	return out, nil
}

// AssetCountsByAvailability counts live assets per effective availability.
func AssetCountsByAvailability(q model.Querier) ([]AssetCount, error) {
	var out []AssetCount
	if err := q.Select(&out, "SELECT ("+effectiveAvailability("a")+") AS k, count(*) AS n FROM assets a WHERE a.deleted = 0 GROUP BY k ORDER BY n DESC, k"); err != nil {
		return nil, fmt.Errorf("count assets by availability: %w", err)
	}
	return out, nil
}

// AssetDistricts lists the districts in use, sorted.
func AssetDistricts(q model.Querier) ([]string, error) {
	var out []string
	if err := q.Select(&out, "SELECT DISTINCT district FROM assets WHERE deleted = 0 AND district <> '' ORDER BY district COLLATE NOCASE"); err != nil {
		return nil, fmt.Errorf("list districts: %w", err)
	}
	return out, nil
}

// AssetKeysOf lists the ids a filter selects, in its order (Limit and Offset are ignored).
// The registry's table keeps them and reads each page by key (AssetsByKeys), so that a
// page deep in a sorted registry costs what the first one does: OFFSET would make SQLite
// sort and skip every row before it, for every page scrolled.
func AssetKeysOf(q model.Querier, f AssetFilter) ([]string, error) {
	where, args := f.where()
	out := []string{}
	if err := q.Select(&out, `SELECT a.id FROM assets a WHERE `+where+` ORDER BY `+f.order(), args...); err != nil {
		return nil, fmt.Errorf("list asset keys: %w", err)
	}
	return out, nil
}

// AssetsByKeys reads the listed assets as the registry's table shows them, in the order
// of ids (an id no longer there is left out).
func AssetsByKeys(q model.Querier, ids []string) ([]AssetListItem, error) {
	if len(ids) == 0 {
		return []AssetListItem{}, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var rows []AssetListItem
	query := `SELECT a.id, a.ref, a.name, a.kind, a.district, a.address, a.lat, a.lon, (` + effectiveAvailability("a") + `) AS availability,
		a.protection, a.designated FROM assets a WHERE a.id IN (` + marks + `)`
	if err := q.Select(&rows, query, args...); err != nil {
		return nil, fmt.Errorf("read assets: %w", err)
	}
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	sort.Slice(rows, func(i, j int) bool { return at[rows[i].ID] < at[rows[j].ID] })
	return rows, nil
}
