// The procurement commands: social procurement calls, their criteria, bids, scores,
// workflow, ranking and report.

package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/procurement"
)

func init() {
	for _, c := range []Command{
		{Name: "procurement list", Args: "[--json]", Short: "list the social procurement calls", Run: cmdProcList},
		{Name: "procurement new", Args: "--title T [--budget N] [--currency C] [--procedure open|reserved-disadvantaged|reserved-social] [--lot NAME ...] [--aggregation median|mean]",
			Short: "start a call (prints its reference)", Run: cmdProcNew},
		{Name: "procurement show", Args: "CALL [--json]", Short: "a call with its criteria, lots, bids and status", Run: cmdProcShow},
		{Name: "procurement library", Args: "[--add FILE] [--json] [--lang L]", Short: "the criteria library: the book's criteria, social-value themes, price and quality, and the workspace's own (--add)", Run: cmdProcLibrary},
		{Name: "procurement minimum", Args: "[PERCENT]", Short: "the workspace's minimum social-value share of a call's weights (default 10%)", Run: cmdProcMinimum},
		{Name: "procurement criteria", Args: "CALL --file FILE", Short: "set a draft call's criteria from CSV or JSON (key,title,kind,weight,social_value,formula,param,unit,proxy,citation)",
			Run: cmdProcCriteria},
		{Name: "procurement import-bids", Args: "CALL FILE.csv", Short: "import bids (bidder,type,lot,price,submitted_at, q:KEY, gate:KEY)", Run: cmdProcImportBids},
		{Name: "procurement scores", Args: "CALL --evaluator NAME --file FILE.csv", Short: "import one evaluator's scores (bidder,criterion,score,justification)", Run: cmdProcScores},
		{Name: "procurement open", Args: "CALL", Short: "open a call: its criteria and weights are frozen with their hash", Run: cmdProcMove("open")},
		{Name: "procurement evaluate", Args: "CALL", Short: "move an open call to evaluation", Run: cmdProcMove("evaluate")},
		{Name: "procurement award", Args: "CALL", Short: "award a call to the first of each lot's ranking", Run: cmdProcMove("award")},
		{Name: "procurement close", Args: "CALL", Short: "close an awarded call", Run: cmdProcMove("close")},
		{Name: "procurement score", Args: "CALL [--json]", Short: "the ranking: totals, criteria, exclusions, sensitivity to the weights", Run: cmdProcScore},
		{Name: "procurement report", Args: "CALL -o FILE [--lang L]", Short: "print the evaluation report (PDF)", Run: cmdProcReport},
	} {
		Register(c)
	}
	examples["procurement list"] = "pacta procurement list --json"
	examples["procurement new"] = `pacta procurement new --title "Home care for older people" --budget 120000 --currency EUR --procedure reserved-social --lot North --lot South`
	examples["procurement show"] = "pacta procurement show CALL-2026-0001 --json"
	examples["procurement library"] = "pacta procurement library --add our-criteria.csv"
	examples["procurement minimum"] = "pacta procurement minimum 20"
	examples["procurement criteria"] = "pacta procurement criteria CALL-2026-0001 --file criteria.csv"
	examples["procurement import-bids"] = "pacta procurement import-bids CALL-2026-0001 bids.csv"
	examples["procurement scores"] = `pacta procurement scores CALL-2026-0001 --evaluator "Marta Conti" --file scores-marta.csv`
	examples["procurement open"] = "pacta procurement open CALL-2026-0001"
	examples["procurement evaluate"] = "pacta procurement evaluate CALL-2026-0001"
	examples["procurement award"] = "pacta procurement award CALL-2026-0001"
	examples["procurement close"] = "pacta procurement close CALL-2026-0001"
	examples["procurement score"] = "pacta procurement score CALL-2026-0001 --json"
	examples["procurement report"] = "pacta procurement report CALL-2026-0001 -o evaluation.pdf --lang it"
	RegisterSample(SampleStep{Order: 40, Name: "procurement", Run: func(ctx context.Context, ws *Workspace) error {
		return procurement.LoadSample(ctx, ws.Store, ws.Language(), time.Now())
	}})
}

// oneCall parses a command taking one CALL (its reference or id) and opens the workspace.
func oneCall(env *Env, fs *flag.FlagSet, home *string, args []string, extra int) (*Workspace, model.ProcurementCall, error) {
	if err := Parse(fs, args); err != nil {
		return nil, model.ProcurementCall{}, err
	}
	if fs.NArg() != 1+extra {
		return nil, model.ProcurementCall{}, Usagef("give the call's reference, e.g. CALL-2026-0001 (pacta procurement list shows them)")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return nil, model.ProcurementCall{}, err
	}
	c, err := procurement.FindCall(ws.Store.DB(), fs.Arg(0))
	if err != nil {
		ws.Close()
		return nil, model.ProcurementCall{}, err
	}
	return ws, c, nil
}

// callRow is a call in `procurement list --json`.
type callRow struct {
	ID          string  `json:"id"`
	Ref         string  `json:"ref"`
	Title       string  `json:"title"`
	Status      string  `json:"status"`
	Procedure   string  `json:"procedure"`
	Budget      float64 `json:"budget"`
	Currency    string  `json:"currency"`
	Bids        int     `json:"bids"`
	FrozenHash  string  `json:"frozen_hash"`
	SocialShare float64 `json:"social_value_share"`
}

func cmdProcList(env *Env, args []string) error {
	fs, home := Flags("procurement list")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	q := ws.Store.DB()
	cs, err := procurement.Calls(q)
	if err != nil {
		return err
	}
	rows := []callRow{}
	for _, c := range cs {
		bids, err := procurement.BidRows(q, c.ID)
		if err != nil {
			return err
		}
		s, err := procurement.SnapshotOf(q, c)
		if err != nil {
			return err
		}
		rows = append(rows, callRow{ID: c.ID, Ref: c.Ref, Title: c.Title, Status: c.Status, Procedure: c.Procedure, Budget: c.Budget, Currency: c.Currency,
			Bids: len(bids), FrozenHash: c.FrozenHash, SocialShare: procurement.SocialShare(s.Criteria)})
	}
	if *asJSON {
		return env.JSON(rows)
	}
	if len(rows) == 0 {
		env.Printf("No calls yet: pacta procurement new --title T starts one.\n")
	}
	for _, r := range rows {
		env.Printf("%-15s %-11s %3d bid(s)  %s\n", r.Ref, r.Status, r.Bids, r.Title)
	}
	return nil
}

func cmdProcNew(env *Env, args []string) error {
	fs, home := Flags("procurement new")
	var n procurement.NewCall
	fs.StringVar(&n.Title, "title", "", "the call's title")
	fs.StringVar(&n.Description, "description", "", "what is bought")
	fs.Float64Var(&n.Budget, "budget", 0, "the budget")
	fs.StringVar(&n.Currency, "currency", "", "the budget's currency, e.g. EUR")
	fs.StringVar(&n.Procedure, "procedure", "open", "open, reserved-disadvantaged (at least 30% disadvantaged workers) or reserved-social")
	fs.StringVar(&n.Aggregation, "aggregation", "median", "how evaluators' scores combine: median or mean")
	var lots multi
	fs.Var(&lots, "lot", "a lot's name (repeatable)")
	asJSON := fs.Bool("json", false, "print the call as JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	n.Lots = lots
	var c model.ProcurementCall
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		c, err = procurement.Create(tx, n, time.Now())
		return err
	}); err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(c)
	}
	env.Printf("%s\n", c.Ref)
	return nil
}

// callView is `procurement show --json`.
type callView struct {
	model.ProcurementCall
	Lots        []model.ProcurementLot       `json:"lots"`
	Criteria    []model.ProcurementCriterion `json:"criteria"`
	Bids        []model.ProcurementBid       `json:"bids"`
	WeightSum   float64                      `json:"weight_sum"`
	SocialShare float64                      `json:"social_value_share"`
	Drift       []string                     `json:"drift"`
}

func cmdProcShow(env *Env, args []string) error {
	fs, home := Flags("procurement show")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, c, err := oneCall(env, fs, home, args, 0)
	if err != nil {
		return err
	}
	defer ws.Close()
	q := ws.Store.DB()
	v := callView{ProcurementCall: c}
	if v.Lots, err = procurement.Lots(q, c.ID); err != nil {
		return err
	}
	if v.Criteria, err = procurement.CriteriaRows(q, c.ID); err != nil {
		return err
	}
	if v.Bids, err = procurement.BidRows(q, c.ID); err != nil {
		return err
	}
	s, err := procurement.SnapshotOf(q, c)
	if err != nil {
		return err
	}
	v.WeightSum, v.SocialShare = procurement.WeightSum(s.Criteria), procurement.SocialShare(s.Criteria)
	if v.Drift, err = procurement.Drift(q, c); err != nil {
		return err
	}
	if v.Drift == nil {
		v.Drift = []string{}
	}
	if *asJSON {
		return env.JSON(v)
	}
	env.Printf("%s %s (%s, %s)\n", c.Ref, c.Title, c.Status, c.Procedure)
	if c.FrozenHash != "" {
		env.Printf("  criteria frozen on %s, SHA-256 %s\n", c.OpenedOn, c.FrozenHash)
	}
	env.Printf("  weights sum to %g%%, social value %g%% (minimum %g%%)\n", v.WeightSum, v.SocialShare, c.SocialMin)
	for _, k := range s.Criteria {
		env.Printf("  %-18s %-9s %5g%%  %s\n", k.Key, k.Kind, k.Weight, k.Title)
	}
	for _, d := range v.Drift {
		env.Printf("  warning: criterion %s was changed after the call opened (by a laptop that had not seen it open); the frozen one counts\n", d)
	}
	for _, b := range v.Bids {
		env.Printf("  bid: %-30s %-10s %12.2f  %s\n", b.Bidder, b.Lot, b.Price, b.SubmittedAt)
	}
	return nil
}

func cmdProcLibrary(env *Env, args []string) error {
	fs, home := Flags("procurement library")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "", "language of the titles (default the workspace's)")
	add := fs.String("add", "", "add the criteria of a CSV or JSON file to the workspace's library")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *lang == "" {
		*lang = ws.Language()
	}
	if *add != "" {
		f, err := os.Open(*add)
		if err != nil {
			return fmt.Errorf("procurement library: %w", err)
		}
		defer f.Close()
		cs, err := procurement.ReadCriteria(f)
		if err != nil {
			return err
		}
		if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
			for _, c := range cs {
				if err := procurement.AddToLibrary(tx, c); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		env.Printf("%d criteria added to the workspace's library\n", len(cs))
		return nil
	}
	lib, err := procurement.Library(ws.Store.DB(), *lang)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(lib)
	}
	for _, t := range lib {
		env.Printf("%-18s %-9s %-9s %s — %s\n", t.Key, t.Kind, t.Source, t.Title, t.Citation)
	}
	return nil
}

func cmdProcMinimum(env *Env, args []string) error {
	fs, home := Flags("procurement minimum")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if fs.NArg() > 1 {
		return Usagef("give one percentage, e.g. 20")
	}
	if fs.NArg() == 1 {
		if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return procurement.SetSocialMin(tx, fs.Arg(0)) }); err != nil {
			return err
		}
	}
	env.Printf("a call opens when its social-value criteria weigh at least %g%%\n", procurement.SocialMinOf(ws.Store.DB()))
	return nil
}

func cmdProcCriteria(env *Env, args []string) error {
	fs, home := Flags("procurement criteria")
	file := fs.String("file", "", "CSV or JSON of criteria")
	ws, c, err := oneCall(env, fs, home, args, 0)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *file == "" {
		return Usagef("give the criteria with --file FILE (CSV or JSON)")
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("procurement criteria: %w", err)
	}
	defer f.Close()
	cs, err := procurement.ReadCriteria(f)
	if err != nil {
		return err
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return procurement.SetCriteria(tx, c, cs) }); err != nil {
		return err
	}
	env.Printf("%s: %d criteria; weights sum to %g%%, social value %g%%\n", c.Ref, len(cs), procurement.WeightSum(cs), procurement.SocialShare(cs))
	return nil
}

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
