// The procurement commands that score a call: bids and scores from CSV, the steps of its workflow,
// the ranking with its sensitivity, and the evaluation report.

package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/procurement"
)

func cmdProcImportBids(env *Env, args []string) error {
	fs, home := Flags("procurement import-bids")
	ws, c, err := oneCall(env, fs, home, args, 1)
	if err != nil {
		return err
	}
	defer ws.Close()
	f, err := os.Open(fs.Arg(1))
	if err != nil {
		return fmt.Errorf("procurement import-bids: %w", err)
	}
	defer f.Close()
	var added, updated int
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		bids, err := procurement.ReadBids(tx, c, f)
		if err != nil {
			return err
		}
		added, updated, err = procurement.ImportBids(tx, c, bids)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: %d bid(s) added, %d updated\n", c.Ref, added, updated)
	return nil
}

func cmdProcScores(env *Env, args []string) error {
	fs, home := Flags("procurement scores")
	evaluator := fs.String("evaluator", "", "the evaluator's name")
	file := fs.String("file", "", "CSV of scores: bidder,criterion,score,justification")
	ws, c, err := oneCall(env, fs, home, args, 0)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *file == "" {
		return Usagef("give the scores with --file FILE.csv")
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("procurement scores: %w", err)
	}
	defer f.Close()
	var n int
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		ss, err := procurement.ReadScores(tx, c, *evaluator, f)
		if err != nil {
			return err
		}
		n, err = procurement.PutScores(tx, c, ss)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: %d score(s) by %s\n", c.Ref, n, strings.TrimSpace(*evaluator))
	return nil
}

func cmdProcMove(move string) func(env *Env, args []string) error {
	return func(env *Env, args []string) error {
		fs, home := Flags("procurement " + move)
		ws, c, err := oneCall(env, fs, home, args, 0)
		if err != nil {
			return err
		}
		defer ws.Close()
		if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
			c, err = procurement.Move(tx, c, move, time.Now())
			return err
		}); err != nil {
			return err
		}
		env.Printf("%s is now %s\n", c.Ref, c.Status)
		if move == "open" {
			env.Printf("criteria and weights frozen: SHA-256 %s\n", c.FrozenHash)
		}
		return nil
	}
}

// scoreRow is a bid in `procurement score --json`.
type scoreRow struct {
	Bidder      string                        `json:"bidder"`
	Lot         string                        `json:"lot"`
	Total       float64                       `json:"total"`
	Rank        int                           `json:"rank"`
	Excluded    bool                          `json:"excluded"`
	Reason      string                        `json:"reason"`
	SocialValue float64                       `json:"social_value_points"`
	Scores      map[string]float64            `json:"scores"` // points by criterion
	Criteria    []procurement.CriterionResult `json:"criteria"`
}

func cmdProcScore(env *Env, args []string) error {
	fs, home := Flags("procurement score")
	asJSON := fs.Bool("json", false, "print JSON: the bids, then the sensitivity with --sensitivity")
	sens := fs.Bool("sensitivity", false, "print the sensitivity to the weights (with --json: an object with results and sensitivity)")
	ws, c, err := oneCall(env, fs, home, args, 0)
	if err != nil {
		return err
	}
	defer ws.Close()
	r, err := procurement.Evaluate(ws.Store.DB(), c)
	if err != nil {
		return err
	}
	loc := i18n.In("en")
	rows := []scoreRow{}
	for _, b := range r.Results {
		sc := map[string]float64{}
		for _, cr := range b.Criteria {
			sc[cr.Key] = cr.Points
		}
		rows = append(rows, scoreRow{Bidder: b.Bidder, Lot: b.Lot, Total: b.Total, Rank: b.Rank, Excluded: b.Excluded,
			Reason: procurement.ExclusionText(loc, b, r.Snapshot.Procedure), SocialValue: b.SocialValue, Scores: sc, Criteria: b.Criteria})
	}
	if *asJSON {
		if *sens {
			return env.JSON(map[string]any{"results": rows, "sensitivity": r.Sensitivity, "hash": r.Hash, "drift": r.Drift})
		}
		return env.JSON(rows)
	}
	if c.Frozen == "" {
		env.Printf("(a preview: the call is a draft, its weights are not frozen yet)\n")
	}
	for _, d := range r.Drift {
		env.Printf("warning: criterion %s was changed after the call opened; the frozen one counts\n", d)
	}
	for _, b := range rows {
		if b.Excluded {
			env.Printf("  –  %-32s excluded: %s\n", b.Bidder, b.Reason)
			continue
		}
		lot := ""
		if b.Lot != "" {
			lot = " [" + b.Lot + "]"
		}
		env.Printf("%3d  %-32s %7.2f  (social value %.2f)%s\n", b.Rank, b.Bidder, b.Total, b.SocialValue, lot)
	}
	for _, s := range r.Sensitivity {
		env.Printf("sensitivity%s: winner %s\n", map[bool]string{true: " [" + s.Lot + "]", false: ""}[s.Lot != ""], s.Winner)
		for _, w := range s.Weights {
			if w.Changes {
				env.Printf("  %-18s %5g%%: %+.2f points of weight make %s the winner\n", w.Key, w.Weight, w.Delta, w.NewWinner)
			} else {
				env.Printf("  %-18s %5g%%: no weight from 0 to 100 changes the winner\n", w.Key, w.Weight)
			}
		}
		for _, st := range s.Stability {
			env.Printf("  rank %d %s kept its rank in %s%% of %d random weightings (±10%%)\n", st.Rank, st.Bidder, strconv.FormatFloat(100*st.Kept, 'f', 1, 64), s.Draws)
		}
	}
	return nil
}

func cmdProcReport(env *Env, args []string) error {
	fs, home := Flags("procurement report")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the report (default the workspace's)")
	ws, c, err := oneCall(env, fs, home, args, 0)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	if *lang == "" {
		*lang = ws.Language()
	}
	b, err := procurement.ReportPDF(ws.Store.DB(), c, *lang, time.Now().UTC())
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("procurement report: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}
