package pacts

import (
	"fmt"
	"sort"
	"strings"

	"pacta/internal/fold"
	"pacta/model"
)

// KnownParties are the parties of the workspace's pacts that match what a person typed
// (every word, in the name, the representative, the fiscal code, the VAT number, the
// address or the e-mail; case and accents aside), each once: a party named again in
// another pact is the same party when its name and fiscal code are. The details of the pact with
// the highest reference win. At most limit (0: all), by name.
func KnownParties(q model.Querier, text string, limit int) ([]model.PactParty, error) {
	var all []model.PactParty
	err := q.Select(&all, `SELECT pp.id, pp.deleted, pp.pact_id, pp.position, pp.role, pp.type, pp.name, pp.representative,
		pp.rep_role, pp.fiscal_code, pp.address, pp.email, pp.social_economy, pp.vat, pp.powers, pp.gender, pp.plural
		FROM pact_parties pp JOIN pacts p ON p.id = pp.pact_id
		WHERE pp.deleted = 0 AND p.deleted = 0 ORDER BY p.ref DESC, p.id DESC, pp.position`)
	if err != nil {
		return nil, fmt.Errorf("known parties: %w", err)
	}
	seen := map[string]bool{}
	var out []model.PactParty
	for _, x := range all {
		key := fold.Name(x.Name) + "\x00" + strings.ToUpper(strings.TrimSpace(x.FiscalCode))
		if seen[key] || !fold.Match(text, x.Name, x.Representative, x.FiscalCode, x.VAT, x.Address, x.Email) {
			continue
		}
		seen[key] = true
		out = append(out, x)
	}
	sort.SliceStable(out, func(i, j int) bool { return fold.Name(out[i].Name) < fold.Name(out[j].Name) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
