// The council commands about selecting civil members: a reproducible draw by lot and its
// verification, and a selection by vote.

package app

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"pacta/councils"
	"pacta/model"
)

func cmdCouncilDraw(env *Env, args []string) error {
	fs, home := Flags("council draw")
	seats := fs.Int("seats", 0, "how many seats to fill")
	seed := fs.String("seed", "", "the public seed, e.g. the date and a number drawn before witnesses")
	cands := fs.String("candidates", "", "CSV of candidates: name, org and attribute columns")
	var quotas multi
	fs.Var(&quotas, "quota", "a quota FIELD=VALUE:MIN:MAX (repeatable)")
	date := fs.String("date", "", "the draw's date YYYY-MM-DD (default today)")
	verify := fs.String("verify", "", "re-run a draw record (JSON) and confirm its panel")
	asJSON := fs.Bool("json", false, "print the record as JSON")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *verify != "" {
		data, err := os.ReadFile(*verify)
		if err != nil {
			return fmt.Errorf("council draw: %w", err)
		}
		d, same, err := councils.Verify(data)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := env.JSON(map[string]any{"verified": same, "selected": d.Selected}); err != nil {
				return err
			}
		} else if same {
			env.Printf("Verified: the seed %q gives the same panel: %s\n", d.Seed, strings.Join(d.Selected, ", "))
		}
		if !same {
			return fmt.Errorf("council draw: the record does not verify: its seed gives %s", strings.Join(d.Selected, ", "))
		}
		return nil
	}
	ws, c, err := openCouncil(env, fs, home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *cands == "" {
		return Usagef("give the candidates with --candidates FILE.csv (columns name, org and any attributes)")
	}
	f, err := os.Open(*cands)
	if err != nil {
		return fmt.Errorf("council draw: %w", err)
	}
	defer f.Close()
	people, err := councils.ReadCandidates(f)
	if err != nil {
		return err
	}
	var qs []councils.Quota
	for _, s := range quotas {
		q, err := councils.ParseQuota(s)
		if err != nil {
			return err
		}
		qs = append(qs, q)
	}
	d, err := councils.RunDraw(*seed, *seats, qs, people)
	if err != nil {
		return err
	}
	if *date == "" {
		*date = councils.Day(today())
	}
	var s model.CouncilSelection
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		s, err = councils.SaveDraw(tx, c, d, *date)
		return err
	}); err != nil {
		return err
	}
	if *asJSON {
		_, err := fmt.Fprintln(env.Stdout, s.Record)
		return err
	}
	env.Printf("Drawn for %s (%d seats among %d candidates, attempt %d):\n", c.Name, d.Seats, len(d.Candidates), d.Attempts)
	for _, n := range d.Selected {
		env.Printf("  %s\n", n)
	}
	env.Printf("Record kept; print it with: pacta council pdf %q --doc draw -o draw.pdf\n", c.Name)
	return nil
}

func cmdCouncilSelectionAdd(env *Env, args []string) error {
	fs, home := Flags("council selection add")
	var orgs, cands, elected multi
	date := fs.String("date", "", "the selection's date YYYY-MM-DD")
	seats := fs.Int64("seats", 0, "seats filled (default: the number elected)")
	fs.Var(&orgs, "org", "an organisation that took part (repeatable)")
	fs.Var(&cands, "candidate", "a candidate and their votes, NAME=VOTES (repeatable)")
	fs.Var(&elected, "elected", "a person elected (repeatable)")
	notes := fs.String("notes", "", "notes")
	minutes := fs.String("minutes", "", "the minutes of the selection (a scan or a PDF), kept with the record")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	v := councils.Vote{Date: *date, Seats: *seats, Organisations: orgs, Elected: elected, Notes: *notes}
	for _, s := range cands {
		name, votes, _ := strings.Cut(s, "=")
		n, err := strconv.ParseInt(strings.TrimSpace(votes), 10, 64)
		if votes == "" {
			n, err = 0, nil
		}
		if err != nil {
			return Usagef("--candidate %q: write NAME=VOTES, e.g. \"Rosa Amato=14\"", s)
		}
		v.Candidates = append(v.Candidates, councils.VoteCount{Name: name, Votes: n})
	}
	var sel model.CouncilSelection
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		sel, err = councils.RecordVote(tx, c, v)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: selection of %s recorded\n", c.Name, *date)
	if *minutes != "" {
		att, err := councils.AttachMinutes(env.Ctx, ws.Store, ws.Blobs, sel.ID, *minutes)
		if err != nil {
			return err
		}
		env.Printf("minutes %s attached (%d bytes)\n", att.Name, att.Size)
	}
	return nil
}

// readDecisions reads a decision file: JSON (a list of {text, gov_for, …}) or plain text,
// one decision per paragraph.
func readDecisions(path string) ([]councils.NewDecision, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	if strings.HasPrefix(strings.TrimSpace(string(data)), "[") {
		var tagged []map[string]any
		if err := json.Unmarshal(data, &tagged); err != nil {
			return nil, Usagef("%s: not a JSON list of decisions: %v", path, err)
		}
		out := make([]councils.NewDecision, len(tagged))
		for i, t := range tagged {
			num := func(k string) int64 {
				if f, ok := t[k].(float64); ok {
					return int64(f)
				}
				return 0
			}
			text, _ := t["text"].(string)
			out[i] = councils.NewDecision{Text: text, GovFor: num("gov_for"), GovAgainst: num("gov_against"), GovAbstain: num("gov_abstain"),
				CivilFor: num("civil_for"), CivilAgainst: num("civil_against"), CivilAbstain: num("civil_abstain")}
		}
		return out, nil
	}
	var out []councils.NewDecision
	for _, p := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, councils.NewDecision{Text: p})
		}
	}
	return out, nil
}
