package pacts

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"pacta/model"
)

// ErrNotFound is returned by the look-up functions of this file when nothing matches.
var ErrNotFound = errors.New("not found")

const pactCols = `id, deleted, ref, title, kind, status, lang, summary, category, submitted_on, published_on,
	status_since, start_date, duration_months, extension_months, report_months, officer, immaterial, version,
	notes, source_id, document_url, renews`

// PactByID reads one live pact.
func PactByID(q model.Querier, id string) (model.Pact, error) {
	var p model.Pact
	err := q.Get(&p, "SELECT "+pactCols+" FROM pacts WHERE id = ? AND deleted = 0", id)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("pact %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("read pact %s: %w", id, err)
	}
	return p, nil
}

// PactByRef finds a live pact by its reference (or, failing that, by its id). Two laptops
// can mint the same reference offline: the oldest row wins here, and the list flags both.
func PactByRef(q model.Querier, ref string) (model.Pact, error) {
	var ps []model.Pact
	err := q.Select(&ps, "SELECT "+pactCols+" FROM pacts WHERE (ref = ? COLLATE NOCASE OR id = ?) AND deleted = 0 ORDER BY id LIMIT 1", strings.TrimSpace(ref), ref)
	if err != nil {
		return model.Pact{}, fmt.Errorf("find pact %s: %w", ref, err)
	}
	if len(ps) == 0 {
		return model.Pact{}, fmt.Errorf("pact %s: %w", ref, ErrNotFound)
	}
	return ps[0], nil
}

// PactBySourceID finds a live pact imported from a register row; ErrNotFound when none.
func PactBySourceID(q model.Querier, sourceID string) (model.Pact, error) {
	var ps []model.Pact
	if err := q.Select(&ps, "SELECT "+pactCols+" FROM pacts WHERE source_id = ? AND deleted = 0 ORDER BY id LIMIT 1", sourceID); err != nil {
		return model.Pact{}, fmt.Errorf("find pact from register %s: %w", sourceID, err)
	}
	if len(ps) == 0 {
		return model.Pact{}, fmt.Errorf("pact from register %s: %w", sourceID, ErrNotFound)
	}
	return ps[0], nil
}

// ListPacts lists the live pacts, newest reference first.
func ListPacts(q model.Querier) ([]model.Pact, error) {
	var ps []model.Pact
	if err := q.Select(&ps, "SELECT "+pactCols+" FROM pacts WHERE deleted = 0 ORDER BY ref DESC, id"); err != nil {
		return nil, fmt.Errorf("list pacts: %w", err)
	}
	return ps, nil
}

// PactCountsByStatus counts live pacts per status.
func PactCountsByStatus(q model.Querier) (map[string]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	if err := q.Select(&rows, "SELECT status, count(*) AS n FROM pacts WHERE deleted = 0 GROUP BY status"); err != nil {
		return nil, fmt.Errorf("count pacts: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// PartiesOf lists a pact's live parties in order.
func PartiesOf(q model.Querier, pactID string) ([]model.PactParty, error) {
	var out []model.PactParty
	err := q.Select(&out, `SELECT id, deleted, pact_id, position, role, type, name, representative, rep_role, fiscal_code,
		address, email, social_economy, vat, powers, gender, plural FROM pact_parties WHERE pact_id = ? AND deleted = 0 ORDER BY position, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list parties of pact %s: %w", pactID, err)
	}
	return out, nil
}

// AllPactParties lists every live party of every live pact (for lists and search).
func AllPactParties(q model.Querier) ([]model.PactParty, error) {
	var out []model.PactParty
	err := q.Select(&out, `SELECT pp.id, pp.deleted, pp.pact_id, pp.position, pp.role, pp.type, pp.name, pp.representative,
		pp.rep_role, pp.fiscal_code, pp.address, pp.email, pp.social_economy
		FROM pact_parties pp JOIN pacts p ON p.id = pp.pact_id
		WHERE pp.deleted = 0 AND p.deleted = 0 ORDER BY pp.pact_id, pp.position, pp.id`)
	if err != nil {
		return nil, fmt.Errorf("list parties: %w", err)
	}
	return out, nil
}

// SectionsOf lists a pact's live sections in order.
func SectionsOf(q model.Querier, pactID string) ([]model.PactSection, error) {
	var out []model.PactSection
	err := q.Select(&out, `SELECT id, deleted, pact_id, key, position, text, title, onerous, translate FROM pact_sections
		WHERE pact_id = ? AND deleted = 0 ORDER BY position, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list sections of pact %s: %w", pactID, err)
	}
	return out, nil
}

// SupportOf lists a pact's live forms of support.
func SupportOf(q model.Querier, pactID string) ([]model.PactSupport, error) {
	var out []model.PactSupport
	err := q.Select(&out, `SELECT id, deleted, pact_id, position, kind, details, value FROM pact_support
		WHERE pact_id = ? AND deleted = 0 ORDER BY position, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list support of pact %s: %w", pactID, err)
	}
	return out, nil
}

// IndicatorsOf lists a pact's live indicators.
func IndicatorsOf(q model.Querier, pactID string) ([]model.PactIndicator, error) {
	var out []model.PactIndicator
	err := q.Select(&out, `SELECT id, deleted, pact_id, position, name, unit, target FROM pact_indicators
		WHERE pact_id = ? AND deleted = 0 ORDER BY position, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list indicators of pact %s: %w", pactID, err)
	}
	return out, nil
}

const reportCols = "id, deleted, pact_id, period, filed_on, hours, resources, narrative, filed_by"

// ReportsOf lists a pact's live monitoring reports, oldest first.
func ReportsOf(q model.Querier, pactID string) ([]model.PactReport, error) {
	var out []model.PactReport
	err := q.Select(&out, "SELECT "+reportCols+" FROM pact_reports WHERE pact_id = ? AND deleted = 0 ORDER BY filed_on, period, id", pactID)
	if err != nil {
		return nil, fmt.Errorf("list reports of pact %s: %w", pactID, err)
	}
	return out, nil
}

// ReportByID reads one live report.
func ReportByID(q model.Querier, id string) (model.PactReport, error) {
	var r model.PactReport
	err := q.Get(&r, "SELECT "+reportCols+" FROM pact_reports WHERE id = ? AND deleted = 0", id)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("report %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read report %s: %w", id, err)
	}
	return r, nil
}

// ReportValuesOf lists the indicator values of a report.
func ReportValuesOf(q model.Querier, reportID string) ([]model.PactReportValue, error) {
	var out []model.PactReportValue
	err := q.Select(&out, `SELECT id, deleted, report_id, indicator_id, value FROM pact_report_values
		WHERE report_id = ? AND deleted = 0 ORDER BY indicator_id, id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("list values of report %s: %w", reportID, err)
	}
	return out, nil
}

// LastReportDates gives, per live pact, the filing date of its latest live report.
func LastReportDates(q model.Querier) (map[string]string, error) {
	var rows []struct {
		PactID string `db:"pact_id"`
		Last   string `db:"last"`
	}
	if err := q.Select(&rows, "SELECT pact_id, max(filed_on) AS last FROM pact_reports WHERE deleted = 0 GROUP BY pact_id"); err != nil {
		return nil, fmt.Errorf("last reports: %w", err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.PactID] = r.Last
	}
	return out, nil
}

// TransitionsOf lists a pact's status history, oldest first.
func TransitionsOf(q model.Querier, pactID string) ([]model.PactTransition, error) {
	var out []model.PactTransition
	err := q.Select(&out, `SELECT id, deleted, pact_id, from_status, to_status, at, actor, device, reason, version
		FROM pact_transitions WHERE pact_id = ? AND deleted = 0 ORDER BY at, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list history of pact %s: %w", pactID, err)
	}
	return out, nil
}

// VersionsOf lists a pact's frozen versions.
func VersionsOf(q model.Querier, pactID string) ([]model.PactVersion, error) {
	var out []model.PactVersion
	err := q.Select(&out, `SELECT id, deleted, pact_id, number, content, sha256, frozen_at, note
		FROM pact_versions WHERE pact_id = ? AND deleted = 0 ORDER BY number, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list versions of pact %s: %w", pactID, err)
	}
	return out, nil
}

// SignaturesOf lists a pact's signatures, all versions.
func SignaturesOf(q model.Querier, pactID string) ([]model.PactSignature, error) {
	var out []model.PactSignature
	err := q.Select(&out, `SELECT id, deleted, pact_id, version_id, version, party_id, party_name, role, signer,
		signed_on, method, sha256, device, corrects, reason, actor FROM pact_signatures WHERE pact_id = ? AND deleted = 0
		ORDER BY version, signed_on, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list signatures of pact %s: %w", pactID, err)
	}
	return out, nil
}

// PactAssetLinks lists the live links of a pact to assets.
func PactAssetLinks(q model.Querier, pactID string) ([]model.PactAsset, error) {
	var out []model.PactAsset
	err := q.Select(&out, "SELECT id, deleted, pact_id, asset_id FROM pact_assets WHERE pact_id = ? AND deleted = 0 ORDER BY id", pactID)
	if err != nil {
		return nil, fmt.Errorf("list asset links of pact %s: %w", pactID, err)
	}
	return out, nil
}

const assetColsForPacts = `a.id, a.deleted, a.ref, a.kind, a.name, a.description, a.address, a.district, a.municipality,
	a.region, a.territory, a.lat, a.lon, a.owner, a.ownership, a.protection, a.designated, a.reserved, a.availability,
	a.control_rights, a.community, a.licence, a.heritage, a.tags, a.source_id`

// AssetsOfPact lists the live assets linked to a pact, by reference.
func AssetsOfPact(q model.Querier, pactID string) ([]model.Asset, error) {
	var out []model.Asset
	err := q.Select(&out, `SELECT DISTINCT `+assetColsForPacts+` FROM pact_assets pa JOIN assets a ON a.id = pa.asset_id
		WHERE pa.pact_id = ? AND pa.deleted = 0 AND a.deleted = 0 ORDER BY a.ref, a.id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("list assets of pact %s: %w", pactID, err)
	}
	return out, nil
}

// PactAssetRow pairs a pact with one of its live assets (for lists and filters).
type PactAssetRow struct {
	PactID   string `db:"pact_id"`
	Ref      string `db:"ref"`
	Name     string `db:"name"`
	District string `db:"district"`
}

// AllPactAssets lists every live link of a live pact to a live asset.
func AllPactAssets(q model.Querier) ([]PactAssetRow, error) {
	var out []PactAssetRow
	err := q.Select(&out, `SELECT pa.pact_id, a.ref, a.name, a.district FROM pact_assets pa
		JOIN assets a ON a.id = pa.asset_id JOIN pacts p ON p.id = pa.pact_id
		WHERE pa.deleted = 0 AND a.deleted = 0 AND p.deleted = 0 ORDER BY pa.pact_id, a.ref`)
	if err != nil {
		return nil, fmt.Errorf("list pact assets: %w", err)
	}
	return out, nil
}

// FindAssetForPact finds a live asset by reference or id, for linking it to a pact.
func FindAssetForPact(q model.Querier, refOrID string) (model.Asset, error) {
	var out []model.Asset
	err := q.Select(&out, `SELECT `+assetColsForPacts+` FROM assets a WHERE (a.ref = ? COLLATE NOCASE OR a.id = ?) AND a.deleted = 0
		ORDER BY a.id LIMIT 1`, strings.TrimSpace(refOrID), refOrID)
	if err != nil {
		return model.Asset{}, fmt.Errorf("find asset %s: %w", refOrID, err)
	}
	if len(out) == 0 {
		return model.Asset{}, fmt.Errorf("asset %s: %w", refOrID, ErrNotFound)
	}
	return out[0], nil
}

// AssetIDBySourceID finds the live asset imported from a register row; "" when none.
func AssetIDBySourceID(q model.Querier, sourceID string) (string, error) {
	var ids []string
	if sourceID == "" {
		return "", nil
	}
	// "source_id <> ''" lets SQLite use the partial index on source_id (without it, every
	// look-up read the whole registry: 20 ms at 100,000 assets).
	if err := q.Select(&ids, "SELECT id FROM assets WHERE source_id = ? AND source_id <> '' AND deleted = 0 ORDER BY id LIMIT 1", sourceID); err != nil {
		return "", fmt.Errorf("find asset from register %s: %w", sourceID, err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
}

// AssetIDByPlace finds a live asset by its name and address (case and spaces aside):
// the place of a register row that another row brought already. "" when none.
func AssetIDByPlace(q model.Querier, name, address string) (string, error) {
	name, address = norm(name), norm(address)
	if name == "" || address == "" {
		return "", nil
	}
	var ids []string
	if err := q.Select(&ids, "SELECT id FROM assets WHERE name = ? COLLATE NOCASE AND address = ? COLLATE NOCASE AND deleted = 0 ORDER BY id LIMIT 1", name, address); err != nil {
		return "", fmt.Errorf("find asset %s, %s: %w", name, address, err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
}

// AssetsForPactsByRef lists up to limit live assets ordered by reference (sample data links
// to the registry's first ones).
func AssetsForPactsByRef(q model.Querier, limit int) ([]model.Asset, error) {
	var out []model.Asset
	if err := q.Select(&out, `SELECT `+assetColsForPacts+` FROM assets a WHERE a.deleted = 0 ORDER BY a.ref, a.id LIMIT ?`, limit); err != nil {
		return nil, fmt.Errorf("list assets: %w", err)
	}
	return out, nil
}

// PactTemplates lists the workspace's live template overrides in one language.
func PactTemplates(q model.Querier, lang string) ([]model.PactTemplate, error) {
	var out []model.PactTemplate
	if err := q.Select(&out, "SELECT id, deleted, lang, key, text, title FROM pact_templates WHERE lang = ? AND deleted = 0 ORDER BY key", lang); err != nil {
		return nil, fmt.Errorf("list templates %s: %w", lang, err)
	}
	return out, nil
}

// PactTemplateID is the id of a workspace's override of one section in one language.
func PactTemplateID(lang, key string) string { return "tpl-" + lang + "-" + key }
