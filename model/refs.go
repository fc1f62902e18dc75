package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// NextRef mints the next human reference with the given prefix (e.g. "ASSET-" or
// "PACT-2026-") in a table's ref column, from a counter per table and prefix that it
// writes in tx (ref_counters): the counter's next number whose reference no row holds.
// The first time a prefix is used, and whenever the next number turns out to be held
// (a row another laptop brought, a reference typed or imported), the highest number of
// the table is read once (a scan) and the counting goes on from there. Two offline
// laptops can mint the same reference; that is flagged, not refused.
func NextRef(tx *Tx, table, prefix string, width int) (string, error) {
	if _, ok := tables[table]; !ok {
		return "", fmt.Errorf("next ref: unknown table %s", table)
	}
	var ns []int64
	if err := tx.Select(&ns, `SELECT n FROM ref_counters WHERE tbl = ? AND prefix = ?`, table, prefix); err != nil {
		return "", fmt.Errorf("next ref %s: %w", prefix, err)
	}
	var n int64
	if len(ns) == 1 {
		n = ns[0]
	} else {
		m, err := HighestRef(tx, table, prefix)
		if err != nil {
			return "", err
		}
		n = m
	}
	var ref string
	for scanned := false; ; {
		n++
		ref = fmt.Sprintf("%s%0*d", prefix, width, n)
		var held []int
		if err := tx.Select(&held, fmt.Sprintf(`SELECT 1 FROM %s WHERE ref = ? LIMIT 1`, quoteIdent(table)), ref); err != nil {
			return "", fmt.Errorf("next ref %s: %w", prefix, err)
		}
		if len(held) == 0 {
			break
		}
		if !scanned { // jump past whatever was written around the counter, once
			m, err := HighestRef(tx, table, prefix)
			if err != nil {
				return "", err
			}
			n, scanned = max(n, m), true
		}
	}
	if err := KeepRefCounter(tx, table, prefix, n); err != nil {
		return "", err
	}
	return ref, nil
}

// KeepRefCounter records n as the last number given out with prefix in table, in tx: an
// import that numbered its rows itself (from HighestRef on) says where it stopped.
func KeepRefCounter(tx *Tx, table, prefix string, n int64) error {
	if _, err := tx.ExecLocal(`INSERT INTO ref_counters (tbl, prefix, n) VALUES (?, ?, ?)
		ON CONFLICT (tbl, prefix) DO UPDATE SET n = excluded.n`, table, prefix, n); err != nil {
		return fmt.Errorf("keep the reference counter %s: %w", prefix, err)
	}
	return nil
}

// highestRef is the highest number after prefix among a table's references (0 if none):
// a scan of every reference with the prefix, which NextRef does only when its counter
// cannot be trusted.
func HighestRef(q Querier, table, prefix string) (int64, error) {
	var refs []string
	// Order by length then value so that 10000 sorts after 9999.
	err := q.Select(&refs, fmt.Sprintf(`SELECT ref FROM %s WHERE ref LIKE ? ESCAPE '\' ORDER BY length(ref) DESC, ref DESC LIMIT 1`, quoteIdent(table)),
		strings.ReplaceAll(strings.ReplaceAll(prefix, "%", `\%`), "_", `\_`)+"%")
	if err != nil {
		return 0, fmt.Errorf("next ref %s: %w", prefix, err)
	}
	if len(refs) == 0 {
		return 0, nil
	}
	n, _ := strconv.ParseInt(strings.TrimPrefix(refs[0], prefix), 10, 64)
	return n, nil
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
