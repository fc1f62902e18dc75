package pacts

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
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
