package model

import (
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
