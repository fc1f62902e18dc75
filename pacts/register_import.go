// Importing a register's rows as pacts: one transaction, each row a pact created, updated
// or left as it is, and the commons it names.

package pacts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pacta/model"
)

// ImportResult says what an import did.
type ImportResult struct {
	Created       int       `json:"created"`
	Updated       int       `json:"updated"`
	Unchanged     int       `json:"unchanged"`
	AssetsCreated int       `json:"assets_created"`
	Skipped       []Skipped `json:"skipped"`
}

// Imported is the number of rows that became or updated a pact.
func (r ImportResult) Imported() int { return r.Created + r.Updated + r.Unchanged }

// ImportRegister writes register rows as pacts, each with its proponent party and its place
// as a linked asset. A row already imported (same register Id) is updated, never
// duplicated; its asset is found again by source_id. Municipal buildings make complex
// pacts (valuable assets, long terms); "Azioni immateriali" makes an immaterial scope.
func ImportRegister(ctx context.Context, st *model.Store, rows []RegisterRow, by By) (ImportResult, error) {
	res := ImportResult{Skipped: []Skipped{}}
	now := by.now()
	err := st.Update(ctx, func(tx *model.Tx) error {
		ws, err := LoadWorkspace(tx)
		if err != nil {
			return err
		}
		for _, row := range rows {
			if err := ctx.Err(); err != nil {
				return err
			}
			outcome, newAsset, err := importRow(tx, ws, row, by.Actor, now)
			if err != nil {
				return fmt.Errorf("register row %s (line %d): %w", row.ID, row.Line, err)
			}
			switch outcome {
			case "created":
				res.Created++
			case "updated":
				res.Updated++
			default:
				res.Unchanged++
			}
			if newAsset {
				res.AssetsCreated++
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{Skipped: []Skipped{}}, fmt.Errorf("import register: %w", err)
	}
	return res, nil
}

func importRow(tx *model.Tx, ws Workspace, row RegisterRow, actor string, now time.Time) (string, bool, error) {
	// The place, as a registry asset.
	newAsset := false
	assetID, err := AssetIDBySourceID(tx, row.ID)
	if err != nil {
		return "", false, err
	}
	if assetID == "" && row.Address != "" {
		// Another row on the same place (Piazza Magione has three pacts): one asset.
		if assetID, err = AssetIDByPlace(tx, row.Address, row.Address); err != nil {
			return "", false, err
		}
	}
	if assetID == "" && (row.Address != "" || row.Lat != nil) {
		ref, err := model.NextRef(tx, "assets", "ASSET-", 4)
		if err != nil {
			return "", false, err
		}
		var tags []string
		for _, t := range []string{row.UPL, row.Circoscrizione} {
			if t != "" {
				tags = append(tags, t)
			}
		}
		if row.Circoscrizione != "" {
			tags[len(tags)-1] = "Circoscrizione " + row.Circoscrizione
		}
		name := row.Address
		if name == "" {
			name = row.Title
		}
		a := model.Asset{Ref: ref, Kind: assetKind(row.Category), Name: name, Address: row.Address, District: row.District,
			Municipality: ws.Municipality, Lat: row.Lat, Lon: row.Lon, Ownership: "municipal", Designated: true,
			Tags: strings.Join(tags, ", "), SourceID: row.ID}
		if err := tx.Put(&a); err != nil {
			return "", false, err
		}
		assetID, newAsset = a.ID, true
	}

	// The pact.
	outcome := "unchanged"
	p, err := PactBySourceID(tx, row.ID)
	if errors.Is(err, ErrNotFound) {
		ref, err := model.NextRef(tx, "pacts", fmt.Sprintf("PACT-%d-", now.Year()), 4)
		if err != nil {
			return "", false, err
		}
		p = model.Pact{Ref: ref, Lang: "it", Version: 1, ReportMonths: 6, SourceID: row.ID}
		outcome = "created"
	} else if err != nil {
		return "", false, err
	}
	before := p
	kind := Ordinary
	if strings.Contains(strings.ToLower(row.Category), "immobili") {
		kind = Complex
	}
	p.Title, p.Kind, p.Category, p.Notes, p.DocumentURL = row.Title, kind, row.Category, row.Notes, row.DocumentURL
	p.Immaterial = strings.EqualFold(row.Category, "Azioni immateriali")
	if termed[row.Status] {
		// What the register says of the term fills what the pact does not have yet: a
		// re-import changes nothing, and a date an officer corrected here stays.
		if p.StartDate == "" {
			p.StartDate = row.Term.StartDate
		}
		if p.DurationMonths == 0 {
			p.DurationMonths = row.Term.DurationMonths
		}
		if p.ExtensionMonths == 0 {
			p.ExtensionMonths = row.Term.ExtensionMonths
		}
	}
	statusChanged := p.Status != row.Status
	if statusChanged {
		p.Status, p.StatusSince = row.Status, Day(now)
	}
	if outcome == "unchanged" && p != before {
		outcome = "updated"
	}
	if err := tx.Put(&p); err != nil {
		return "", false, err
	}
	if statusChanged {
		if err := tx.Put(&model.PactTransition{PactID: p.ID, FromStatus: before.Status, ToStatus: p.Status, At: now.UTC().Format(time.RFC3339),
			Actor: actor, Device: tx.Device(), Reason: "imported from the register, row " + row.ID, Version: p.Version}); err != nil {
			return "", false, err
		}
	}

	// The proponent party: one per imported pact, kept up to date.
	parties, err := PartiesOf(tx, p.ID)
	if err != nil {
		return "", false, err
	}
	name := row.Proponent
	if name == "" {
		name = "Proponente " + row.ID // the register withholds the names of private persons
	}
	var party model.PactParty
	hasMunicipality := false
	for _, x := range parties {
		if x.Role == RoleProponent && party.ID == "" {
			party = x
		}
		hasMunicipality = hasMunicipality || x.Role == RoleMunicipality
	}
	if !hasMunicipality {
		// The municipality, from the workspace's profile, as a new pact has it.
		pr := ws.Profile
		if err := tx.Put(&model.PactParty{PactID: p.ID, Position: 1, Role: RoleMunicipality, Type: "public_body", Name: ws.NameIn(p.Lang),
			Representative: pr.Officer, Powers: pr.OfficerPowers, FiscalCode: pr.FiscalCode, VAT: pr.VAT, Address: pr.Seat}); err != nil {
			return "", false, err
		}
		if outcome == "unchanged" {
			outcome = "updated"
		}
	}
	prev := party
	party.PactID, party.Role, party.Name, party.Type = p.ID, RoleProponent, name, row.ProponentType
	party.SocialEconomy = SocialEconomyTypes[row.ProponentType]
	if party.Position == 0 {
		party.Position = 2
	}
	if party != prev {
		if err := tx.Put(&party); err != nil {
			return "", false, err
		}
		if outcome == "unchanged" {
			outcome = "updated"
		}
	}
	if assetID != "" {
		links, err := PactAssetLinks(tx, p.ID)
		if err != nil {
			return "", false, err
		}
		if len(links) == 0 {
			if err := linkAssetID(tx, p.ID, assetID); err != nil {
				return "", false, err
			}
		}
	}
	return outcome, newAsset, nil
}
