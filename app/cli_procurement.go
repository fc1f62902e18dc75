// The procurement commands: social procurement calls, their criteria, bids, scores,
// workflow, ranking and report.

package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

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
	fs.StringVar(&n.Currency, "currency", "", "the budget's currency, e.g. EUR (default: the municipality's)")
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
