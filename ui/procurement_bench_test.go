package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pacta/procurement"
)

// BenchmarkRankingView50 opens the ranking of a call with 50 bids (scored by 3 evaluators
// on 3 scales): the call read and scored from SQLite, the view built and laid out. The
// issue's target is 200 ms. /criteria_tab is the same call's criteria tab, as a floor.
func BenchmarkRankingView50(b *testing.B) {
	sh := newTestShell(b)
	sh.Show("procurement")
	p := sh.Page("procurement").(*procurementPage)
	var ref string
	err := p.write(func(tx *modelTx) error {
		c, err := procurement.Create(tx, procurement.NewCall{Title: "Big call"}, time.Now())
		if err != nil {
			return err
		}
		ref = c.ID
		crit := []procurement.Criterion{{Key: "price", Title: "Price", Kind: procurement.Price, Weight: 40, Formula: procurement.Proportional},
			{Key: "a", Title: "A", Kind: procurement.Scale, Weight: 20, SocialValue: true}, {Key: "b", Title: "B", Kind: procurement.Scale, Weight: 20},
			{Key: "c", Title: "C", Kind: procurement.Scale, Weight: 20}}
		if err := procurement.SetCriteria(tx, c, crit); err != nil {
			return err
		}
		if c, err = procurement.Move(tx, c, "open", time.Now()); err != nil {
			return err
		}
		var bids strings.Builder
		bids.WriteString("bidder,type,price\n")
		for i := 0; i < 50; i++ {
			fmt.Fprintf(&bids, "Bidder %02d,sme,%d\n", i, 1000+i*37%500)
		}
		bs, err := procurement.ReadBids(tx, c, strings.NewReader(bids.String()))
		if err != nil {
			return err
		}
		if _, _, err := procurement.ImportBids(tx, c, bs); err != nil {
			return err
		}
		for e := 0; e < 3; e++ {
			var sc strings.Builder
			sc.WriteString("bidder,criterion,score,justification\n")
			for i := 0; i < 50; i++ {
				for _, k := range []string{"a", "b", "c"} {
					fmt.Fprintf(&sc, "Bidder %02d,%s,%d,Reason %d\n", i, k, (i+e)%6, i)
				}
			}
			ss, err := procurement.ReadScores(tx, c, fmt.Sprint("Evaluator ", e), strings.NewReader(sc.String()))
			if err != nil {
				return err
			}
			if _, err := procurement.PutScores(tx, c, ss); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	p.current = ref
	c, _ := p.call()
	p.tab = 3 // the ranking
	b.Run("open_call", func(b *testing.B) {
		for b.Loop() {
			p.render() // reads and scores the call, builds its four tabs, shows the ranking
		}
	})
	b.Run("evaluate_only", func(b *testing.B) { // the floor: reading and scoring alone
		for b.Loop() {
			if _, err := procurement.Evaluate(p.db(), c); err != nil {
				b.Fatal(err)
			}
		}
	})
}
