package pacts

import (
	"context"
	"fmt"
	"time"

	"pacta/i18n"
	"pacta/model"
)

// LoadSample fills a sample workspace with pacts in several states: one fully signed and
// active with its monitoring reports, one overdue in review, a complex one published for
// observations, an immaterial draft and a rejected proposal. It links the registry's first
// assets when there are any, else creates the few it needs.
func LoadSample(ctx context.Context, st *model.Store, lang string, now time.Time) error {
	return st.Update(ctx, func(tx *model.Tx) error {
		assets, err := AssetsForPactsByRef(tx, 3)
		if err != nil {
			return err
		}
		for len(assets) < 3 {
			a := sampleAssets[len(assets)]
			ref, err := model.NextRef(tx, "assets", "ASSET-", 4)
			if err != nil {
				return err
			}
			a.Ref = ref
			if err := tx.Put(&a); err != nil {
				return err
			}
			assets = append(assets, a)
		}
		actor := i18n.In(lang).T("start.sample.title") // "Sample data", in the sample's language
		at := func(days int) By { return By{Actor: actor, Now: now.AddDate(0, 0, days)} }
		step := func(id, to, why string, days int) error { return TransitionTx(tx, id, to, why, at(days)) }

		// 1. Signed, active, with reports.
		p, err := CreateTx(tx, NewPact{Title: "Care of the fountain square", Lang: lang, Proponent: "Associazione Vicini di Piazza",
			ProponentType: "association", AssetRefs: []string{assets[0].ID},
			Summary: "Weekly cleaning, planting and a summer programme of readings around the fountain."}, at(-220))
		if err != nil {
			return err
		}
		d, err := Load(tx, p.ID)
		if err != nil {
			return err
		}
		if err := fillParties(tx, d); err != nil {
			return err
		}
		if _, err := PutParty(tx, p.ID, model.PactParty{Role: RoleCosignatory, Type: "school", Name: "Istituto Comprensivo Rita Levi-Montalcini",
			Representative: "Giulia Ferraro", RepRole: "head teacher", FiscalCode: "80012340829", Address: "Via Roma 12"}); err != nil {
			return err
		}
		x := DetailsOf(p)
		x.DurationMonths, x.ExtensionMonths, x.ReportMonths, x.Officer = 24, 6, 3, "Arch. Marco Bellini"
		x.Category = "Care of pedestrian areas and street furniture"
		if err := SetDetails(tx, p.ID, x); err != nil {
			return err
		}
		for _, s := range []model.PactSupport{{Kind: "materials", Details: "gloves, rakes, bags and plants", Value: 450}, {Kind: "ppe", Details: "high-visibility vests"},
			{Kind: "communication", Details: "posters and the municipal website"}} {
			if err := AddSupport(tx, p.ID, s); err != nil {
				return err
			}
		}
		for _, ind := range []model.PactIndicator{{Name: "Cleaning sessions", Unit: "sessions", Target: 40}, {Name: "Volunteers involved", Unit: "people", Target: 25},
			{Name: "Plants cared for", Unit: "plants", Target: 120}} {
			if err := AddIndicator(tx, p.ID, ind); err != nil {
				return err
			}
		}
		for _, s := range []struct {
			to   string
			days int
		}{{Submitted, -210}, {InReview, -205}, {Approved, -185}} {
			if err := step(p.ID, s.to, "", s.days); err != nil {
				return err
			}
		}
		signDay := Day(now.AddDate(0, 0, -180))
		for _, s := range []Signature{{Party: "Associazione Vicini di Piazza", Signer: "Lucia Amato", Date: signDay, Method: "paper"},
			{Party: "Istituto Comprensivo Rita Levi-Montalcini", Signer: "Giulia Ferraro", Date: signDay, Method: "digital"},
			{Party: d.Parties[0].Name, Signer: "Dott.ssa Paola Conti", Date: signDay, Method: "digital"}} {
			if _, err := Sign(tx, p.ID, s, at(-180)); err != nil {
				return err
			}
		}
		if err := step(p.ID, Active, "", -175); err != nil {
			return err
		}
		ind, err := IndicatorsOf(tx, p.ID)
		if err != nil {
			return err
		}
		for i, r := range []Report{
			{Period: "Q1", Hours: 96, Resources: "Materials from the municipality; 120 € of plants from a neighbourhood collection.",
				Narrative: "Twelve cleaning sessions; the flower beds around the fountain were replanted with the pupils of the school.",
				Values:    map[string]float64{ind[0].ID: 12, ind[1].ID: 18, ind[2].ID: 60}},
			{Period: "Q2", Hours: 130, Resources: "Municipal materials; a local bakery offered snacks for the summer readings.",
				Narrative: "Thirteen sessions and six summer evenings of readings. Two benches need repair: reported to the office.",
				Values:    map[string]float64{ind[0].ID: 13, ind[1].ID: 23, ind[2].ID: 95}},
		} {
			r.FiledOn = Day(now.AddDate(0, 0, -90+i*80))
			r.FiledBy = "Lucia Amato"
			if _, err := FileReport(tx, p.ID, r, at(-90+i*80)); err != nil {
				return err
			}
		}

		// 2. In review, its answer overdue.
		p2, err := CreateTx(tx, NewPact{Title: "Community garden in the former car park", Lang: lang, Proponent: "Orto Comune",
			ProponentType: "informal_group", AssetRefs: []string{assets[1].ID}}, at(-50))
		if err != nil {
			return err
		}
		if err := step(p2.ID, Submitted, "", -45); err != nil {
			return err
		}
		if err := step(p2.ID, InReview, "", -40); err != nil {
			return err
		}

		// 3. Complex, published for observations.
		p3, err := CreateTx(tx, NewPact{Title: "Neighbourhood house in the old school", Kind: Complex, Lang: lang, Proponent: "Cooperativa Sociale Il Ponte",
			ProponentType: "social_cooperative", AssetRefs: []string{assets[2].ID}}, at(-30))
		if err != nil {
			return err
		}
		for _, s := range []struct {
			to   string
			days int
		}{{Submitted, -28}, {InReview, -25}, {Published, -20}} {
			if err := step(p3.ID, s.to, "", s.days); err != nil {
				return err
			}
		}

		// 4. An immaterial draft.
		if _, err := CreateTx(tx, NewPact{Title: "Reading circle for older neighbours", Lang: lang, Proponent: "Marta Esposito",
			ProponentType: "person", Immaterial: true}, at(-3)); err != nil {
			return err
		}

		// 5. Rejected.
		p5, err := CreateTx(tx, NewPact{Title: "Kiosk on the square", Lang: lang, Proponent: "Bar Centrale S.r.l.", ProponentType: "company",
			AssetRefs: []string{assets[0].ID}}, at(-100))
		if err != nil {
			return err
		}
		for _, s := range []struct{ to, why string }{{Submitted, ""}, {InReview, ""}, {Rejected, "A commercial use is not a care of the commons under the Regulation."}} {
			if err := step(p5.ID, s.to, s.why, -95); err != nil {
				return err
			}
		}
		return nil
	})
}

// fillParties gives the sample's municipality and proponent their representatives.
func fillParties(tx *model.Tx, d *Dossier) error {
	for _, x := range d.Parties {
		switch x.Role {
		case RoleMunicipality:
			x.Representative, x.RepRole, x.FiscalCode, x.Address = "Dott.ssa Paola Conti", "head of the Urban Regeneration Office", "80016350821", "Piazza del Municipio 1"
		case RoleProponent:
			x.Representative, x.RepRole, x.FiscalCode, x.Address = "Lucia Amato", "president", "97265890828", "Via della Fontana 9"
		}
		if _, err := PutParty(tx, d.Pact.ID, x); err != nil {
			return fmt.Errorf("sample parties: %w", err)
		}
	}
	return nil
}

func ptr(f float64) *float64 { return &f }

var sampleAssets = []model.Asset{
	{Kind: "square", Name: "Fountain square", Address: "Piazza della Fontana", District: "Centro storico", Lat: ptr(38.11930), Lon: ptr(13.36625), Ownership: "municipal", Designated: true},
	{Kind: "land", Name: "Former car park", Address: "Via dei Mille 40", District: "Borgo Nuovo", Lat: ptr(38.12950), Lon: ptr(13.33410), Ownership: "municipal", Designated: true},
	{Kind: "building", Name: "Old primary school", Address: "Via Alloro 95", District: "Kalsa", Lat: ptr(38.11700), Lon: ptr(13.36950), Ownership: "municipal", Designated: true},
}
