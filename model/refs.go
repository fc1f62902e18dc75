package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// NextRef mints the next human reference with the given prefix (e.g. "ASSET-" or
// "PACT-2026-") in a table's ref column: one more than the highest number seen locally.
// Two offline laptops can mint the same reference; that is flagged, not refused.
func NextRef(q Querier, table, prefix string, width int) (string, error) {
	if _, ok := tables[table]; !ok {
		return "", fmt.Errorf("next ref: unknown table %s", table)
	}
	var refs []string
	// Only the highest few matter; order by length then value so that 10000 sorts after 9999.
	err := q.Select(&refs, fmt.Sprintf(`SELECT ref FROM %s WHERE ref LIKE ? ESCAPE '\' ORDER BY length(ref) DESC, ref DESC LIMIT 1`, quoteIdent(table)),
		strings.ReplaceAll(strings.ReplaceAll(prefix, "%", `\%`), "_", `\_`)+"%")
	if err != nil {
		return "", fmt.Errorf("next ref %s: %w", prefix, err)
	}
	n := 0
	if len(refs) == 1 {
		n, _ = strconv.Atoi(strings.TrimPrefix(refs[0], prefix))
	}
	return fmt.Sprintf("%s%0*d", prefix, width, n+1), nil
}

// RefHolder is one of the live rows that hold the same human reference: what a person
// needs to tell them apart.
type RefHolder struct {
	ID     string `db:"id" json:"id"`
	Ref    string `db:"ref" json:"ref"`
	Name   string `db:"name" json:"name"`     // an asset's name, a pact's title
	Detail string `db:"detail" json:"detail"` // an asset's district, a pact's status
}

// AmbiguousRefError is a reference that more than one live row of a table holds (two
// laptops minted it offline). Whoever is given it must not pick one of them: it lists them
// and asks which, by id.
type AmbiguousRefError struct {
	Table   string // "assets", "pacts"
	Ref     string
	Holders []RefHolder
}

func (e *AmbiguousRefError) Error() string {
	ids := make([]string, len(e.Holders))
	for i, h := range e.Holders {
		ids[i] = h.ID
	}
	return fmt.Sprintf("%s is the reference of %d %s (ids %s); choose one by its id", e.Ref, len(e.Holders), e.Table, strings.Join(ids, ", "))
}

// RefCheck is what the rules say about one row's reference: which other live rows hold it
// too, and whether a signed agreement names it (then it keeps its number).
type RefCheck struct {
	Ref          string
	Others       []RefHolder // the other live rows holding Ref, oldest first
	Signed       bool        // a signed agreement names this row by Ref
	OthersSigned bool        // and every other holder too
}

// Duplicate reports whether another live row holds the same reference.
func (c RefCheck) Duplicate() bool { return len(c.Others) > 0 }

// Renumberable reports whether the row may take a new number: it shares its reference,
// and no signed agreement names it by that reference unless every other holder is named
// in one too (then one of them has to move all the same).
func (c RefCheck) Renumberable() bool { return c.Duplicate() && (!c.Signed || c.OthersSigned) }

// Why renumbering a reference is refused.
var (
	ErrNotDuplicated = errors.New("no other record holds this reference: it keeps its number")
	ErrRefSigned     = errors.New("a signed agreement names it by this reference: it keeps its number")
)
