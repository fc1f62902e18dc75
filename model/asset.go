package model

import (
	"database/sql"
	"errors"
	"fmt"
)

// Asset is one commons in the registry: a square, a building, a park, a waterway, a
// digital platform… The human reference (ASSET-0042) is not the key: two laptops may mint
// the same one offline, and a duplicate is flagged rather than refused.
type Asset struct {
	Row
	Ref           string   `db:"ref" json:"ref"`
	Kind          string   `db:"kind" json:"kind"`
	Name          string   `db:"name" json:"name"`
	Description   string   `db:"description" json:"description"`
	Address       string   `db:"address" json:"address"`
	District      string   `db:"district" json:"district"`
	Municipality  string   `db:"municipality" json:"municipality"`
	Region        string   `db:"region" json:"region"`
	Territory     string   `db:"territory" json:"territory"` // indigenous territory or comuna
	Lat           *float64 `db:"lat" json:"lat"`
	Lon           *float64 `db:"lon" json:"lon"`
	Owner         string   `db:"owner" json:"owner"`
	Ownership     string   `db:"ownership" json:"ownership"`       // municipal, public_other, collective, private
	Protection    string   `db:"protection" json:"protection"`     // none, protected, inalienable
	Designated    bool     `db:"designated" json:"designated"`     // designated as commons
	Reserved      bool     `db:"reserved" json:"reserved"`         // reserved for social innovation
	Availability  string   `db:"availability" json:"availability"` // available, under_pact, unavailable (stored; under_pact is also derived from active pacts)
	ControlRights string   `db:"control_rights" json:"control_rights"`
	Community     string   `db:"community" json:"community"` // use-rights community
	Licence       string   `db:"licence" json:"licence"`     // digital commons only
	Heritage      string   `db:"heritage" json:"heritage"`   // heritage constraint
	Tags          string   `db:"tags" json:"tags"`           // comma-separated
	SourceID      string   `db:"source_id" json:"source_id"` // id in the register it was imported from
}

// TableName implements Entity.
func (*Asset) TableName() string { return "assets" }

func init() { RegisterTable(&Asset{}) }

// Asset kinds.
var AssetKinds = []string{"square", "street", "green_area", "building", "digital", "waterway", "forest", "land", "knowledge", "infrastructure", "other"}

// Asset availability, protection and ownership values.
var (
	Availabilities = []string{"available", "under_pact", "unavailable"}
	Protections    = []string{"none", "protected", "inalienable"}
	Ownerships     = []string{"municipal", "public_other", "collective", "private"}
)

// ErrAssetNotFound is returned when no live asset has the given reference or id.
var ErrAssetNotFound = errors.New("asset not found")

const assetCols = `id, deleted, ref, kind, name, description, address, district, municipality,
	region, territory, lat, lon, owner, ownership, protection, designated, reserved, availability,
	control_rights, community, licence, heritage, tags, source_id`

// LoadAsset reads the stored row of an asset by id, live or not, for an update.
func LoadAsset(q Querier, id string) (Asset, error) {
	var a Asset
	err := q.Get(&a, `SELECT `+assetCols+` FROM assets WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("%w: %s", ErrAssetNotFound, id)
	}
	if err != nil {
		return a, fmt.Errorf("read asset %s: %w", id, err)
	}
	return a, nil
}
