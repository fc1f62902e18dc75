package procurement

import (
	"context"
	"strings"
	"time"

	"pacta/model"
)

// LoadSample adds a scored call: home care with four bids, one excluded by the insurance
// gate, scored by two evaluators (one disagreement among them), ready to award. Its texts
// are the sample's content, in English like the sample pacts; the criteria's titles are
// the library's, in lang.
func LoadSample(ctx context.Context, st *model.Store, lang string, now time.Time) error {
	lib, err := Library(st.DB(), lang)
	if err != nil {
		return err
	}
	pick := func(key string, weight float64) Criterion {
		for _, t := range lib {
			if t.Key == key {
				c := t.Criterion
				c.Weight = weight
				return c
			}
		}
		panic("procurement: no template " + key)
	}
	return st.Update(ctx, func(tx *model.Tx) error {
		c, err := Create(tx, NewCall{Title: "Home care for older people in the Fountain District", Budget: 120000, Currency: "EUR",
			Description: "Two years of home care for about forty older people living alone: visits, shopping, accompaniment.",
			Procedure:   Open}, now.AddDate(0, -2, 0))
		if err != nil {
			return err
		}
		crit := []Criterion{pick("insurance", 0), pick("price", 35), pick("quality", 25), pick("delivery_plan", 15),
			pick("social_objectives", 10), pick("carbon", 15)}
		if err := SetCriteria(tx, c, crit); err != nil {
			return err
		}
		if c, err = Move(tx, c, "open", now.AddDate(0, -2, 0)); err != nil {
			return err
		}
		day := now.AddDate(0, -1, 0).UTC().Format("2006-01-02")
		csv := "bidder,type,price,submitted_at,q:carbon,gate:insurance,social_economy,local\n" +
			"Social Co-operative La Fontana,social_cooperative,112000," + day + " 09:12,6,yes,yes,yes\n" +
			"Cura Insieme,association,104500," + day + " 11:40,2,yes,yes,yes\n" +
			"Assistenza Plus,sme,98000," + day + " 16:05,1,yes,no,yes\n" +
			"Servizi Rapidi,company,79000," + day + " 17:55,0,no,no,no\n"
		bids, err := ReadBids(tx, c, strings.NewReader(csv))
		if err != nil {
			return err
		}
		if _, _, err := ImportBids(tx, c, bids); err != nil {
			return err
		}
		scores := map[string]string{
			"Marta Conti": "bidder,criterion,score,justification\n" +
				"Social Co-operative La Fontana,quality,4,Trained staff with ten years in the district; a named coordinator.\n" +
				"Social Co-operative La Fontana,delivery_plan,4,A visit plan per person and cover for holidays.\n" +
				"Social Co-operative La Fontana,social_objectives,5,Hires from the district's job centre; users sit on its board.\n" +
				"Cura Insieme,quality,4,Good training record; few staff for forty people.\n" +
				"Cura Insieme,delivery_plan,3,Plan is clear but has no cover for holidays.\n" +
				"Cura Insieme,social_objectives,4,Volunteers from the parish complement paid staff.\n" +
				"Assistenza Plus,quality,3,Standard service; no local knowledge.\n" +
				"Assistenza Plus,delivery_plan,4,Detailed rota and a call centre.\n" +
				"Assistenza Plus,social_objectives,1,No social commitments beyond the law.\n" +
				"Servizi Rapidi,quality,2,Staff turnover is high.\n",
			"Enzo Lombardi": "bidder,criterion,score,justification\n" +
				"Social Co-operative La Fontana,quality,4,Convincing references from the social services.\n" +
				"Social Co-operative La Fontana,delivery_plan,5,The best plan: a weekly call to each family.\n" +
				"Social Co-operative La Fontana,social_objectives,4,Good; reports to the district council every six months.\n" +
				"Cura Insieme,quality,3,Qualified but stretched.\n" +
				"Cura Insieme,delivery_plan,3,No holiday cover.\n" +
				"Cura Insieme,social_objectives,4,Strong volunteer network.\n" +
				"Assistenza Plus,quality,4,Efficient organisation.\n" +
				"Assistenza Plus,delivery_plan,4,Rota and call centre.\n" +
				"Assistenza Plus,social_objectives,4,Promises two local hires (no evidence attached).\n" +
				"Servizi Rapidi,quality,2,Thin proposal.\n",
		}
		for _, ev := range []string{"Marta Conti", "Enzo Lombardi"} {
			ss, err := ReadScores(tx, c, ev, strings.NewReader(scores[ev]))
			if err != nil {
				return err
			}
			if _, err := PutScores(tx, c, ss); err != nil {
				return err
			}
		}
		_, err = Move(tx, c, "evaluate", now.AddDate(0, 0, -7))
		return err
	})
}
