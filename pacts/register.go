package pacts

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"pacta/model"
)

// RegisterRow is one row of a municipal register of pacts (the Palermo monitoring CSV).
type RegisterRow struct {
	Line           int
	ID             string
	Lat, Lon       *float64
	Address        string
	UPL            string
	District       string
	Circoscrizione string
	Category       string
	ProponentType  string // mapped to PartyTypes; "" when the register does not say
	Title          string
	Proponent      string
	Status         string // mapped to Statuses
	Notes          string
	DocumentURL    string
	Term           registerTerm // from the date columns and the notes
}

// Skipped is a register row that was not imported, and why.
type Skipped struct {
	Line   int    `json:"line"`
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// registerStatuses maps the register's status words to the lifecycle.
var registerStatuses = map[string]string{
	"istruttoria in corso":      InReview,
	"in attesa di integrazione": AwaitingInfo,
	"respinta":                  Rejected,
	"patto stipulato":           Signed,
	"proroga e/o monitoraggio":  Extended,
	"archiviata":                Archived,
}

// termed are the statuses in which a pact has a term: the register's dates count for them.
var termed = map[string]bool{Signed: true, Active: true, Extended: true, Suspended: true, Concluded: true, Terminated: true, Revoked: true}

// registerTypes maps the register's proponent types to party types.
var registerTypes = map[string]string{
	"persona fisica":      "person",
	"gruppo informale":    "informal_group",
	"associazione":        "association",
	"comitato":            "committee",
	"comitato civico":     "committee",
	"cooperativa sociale": "social_cooperative",
	"cooperativa":         "cooperative",
	"impresa sociale":     "social_enterprise",
	"fondazione":          "foundation",
	"istituto":            "school",
	"scuola":              "school",
	"società":             "company",
	"impresa":             "company",
	"ente pubblico":       "public_body",
}

// norm trims a register value and collapses its inner spaces.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// normCategory gives one spelling to values that differ only by case and spaces
// ("Gruppo Informale " and "Gruppo informale"): first letter upper, the rest lower.
func normCategory(s string) string {
	s = strings.ToLower(norm(s))
	if s == "" {
		return ""
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// ReadRegister reads a register CSV: UTF-8 with or without BOM, quoted fields, a quoted
// "lat, long" cell, header names with stray spaces. Rows it cannot use are returned as
// skipped with the reason; a file it cannot read at all is an error.
func ReadRegister(r io.Reader) ([]RegisterRow, []Skipped, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read register: the file has no header row (%v); export the register as CSV with its header", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(norm(h))] = i
	}
	for _, need := range []string{"id", "titolo proposta", "stato di avanzamento"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("read register: column %q is missing; the header has: %s", need, strings.Join(head, ", "))
		}
	}
	heads := map[string]string{}
	for _, h := range head {
		heads[strings.ToLower(norm(h))] = norm(h)
	}
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var rows []RegisterRow
	var skipped []Skipped
	seen := map[string]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				skipped = append(skipped, Skipped{Line: pe.Line, Reason: pe.Err.Error()})
				continue
			}
			return rows, skipped, fmt.Errorf("read register: %w", err)
		}
		if len(strings.Join(rec, "")) == 0 {
			continue
		}
		row := RegisterRow{Line: line, ID: get(rec, "id"), Address: norm(get(rec, "indirizzo")), UPL: norm(get(rec, "upl")),
			District: norm(get(rec, "quartiere")), Circoscrizione: norm(get(rec, "circoscrizione")),
			Category: normCategory(get(rec, "ambiti di azione")), Title: norm(get(rec, "titolo proposta")),
			Proponent: norm(get(rec, "rappresentante")), Notes: norm(get(rec, "nota per attività conclusive")),
			DocumentURL: get(rec, "scarica il patto")}
		switch {
		case row.ID == "":
			skipped = append(skipped, Skipped{Line: line, Reason: "the Id cell is empty"})
			continue
		case seen[row.ID]:
			skipped = append(skipped, Skipped{Line: line, ID: row.ID, Reason: "the Id appears twice in the file"})
			continue
		case row.Title == "":
			skipped = append(skipped, Skipped{Line: line, ID: row.ID, Reason: "the title (Titolo proposta) is empty"})
			continue
		}
		cols, err := termFromColumns(func(name string) (string, string) { return heads[name], norm(get(rec, name)) })
		if err != nil {
			skipped = append(skipped, Skipped{Line: line, ID: row.ID, Reason: err.Error()})
			continue
		}
		row.Term = cols.merge(termFromNotes(row.Notes))
		st, ok := registerStatuses[strings.ToLower(norm(get(rec, "stato di avanzamento")))]
		if !ok {
			skipped = append(skipped, Skipped{Line: line, ID: row.ID, Reason: fmt.Sprintf("status %q is not one the register uses", get(rec, "stato di avanzamento"))})
			continue
		}
		row.Status = st
		if t := strings.ToLower(norm(get(rec, "proponente"))); t != "" {
			pt, ok := registerTypes[t]
			if !ok {
				skipped = append(skipped, Skipped{Line: line, ID: row.ID, Reason: fmt.Sprintf("proponent type %q is unknown", get(rec, "proponente"))})
				continue
			}
			row.ProponentType = pt
		}
		row.Lat, row.Lon = coords(get(rec, "lat."), get(rec, "long."), get(rec, "coordinate"))
		seen[row.ID] = true
		rows = append(rows, row)
	}
	return rows, skipped, nil
}

// coords takes the two coordinate columns, or else the quoted "lat, long" cell.
func coords(lat, lon, both string) (*float64, *float64) {
	if la, err1 := strconv.ParseFloat(lat, 64); err1 == nil {
		if lo, err2 := strconv.ParseFloat(lon, 64); err2 == nil && validCoords(la, lo) {
			return &la, &lo
		}
	}
	if parts := strings.Split(both, ","); len(parts) == 2 {
		la, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		if err1 == nil && err2 == nil && validCoords(la, lo) {
			return &la, &lo
		}
	}
	return nil, nil
}

func validCoords(la, lo float64) bool { return la >= -90 && la <= 90 && lo >= -180 && lo <= 180 }

// assetKind guesses the registry kind of the place from the pact's field of action.
func assetKind(category string) string {
	c := strings.ToLower(category)
	switch {
	case strings.Contains(c, "immobili"):
		return "building"
	case strings.Contains(c, "verdi"):
		return "green_area"
	case strings.Contains(c, "pedonalizzazione"):
		return "street"
	case strings.Contains(c, "aree pedonali"), strings.Contains(c, "spazi urbani"):
		return "square"
	}
	return "other"
}

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

// LooksLikeRegister reports whether a file's header is that of a register of pacts (the
// columns ReadRegister needs), so that a window importing commons can say so and offer
// the register import instead.
func LooksLikeRegister(header []string) bool {
	col := map[string]bool{}
	for _, h := range header {
		col[strings.ToLower(norm(strings.TrimPrefix(h, "\ufeff")))] = true
	}
	return col["id"] && col["titolo proposta"] && col["stato di avanzamento"]
}
