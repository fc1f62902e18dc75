// The commands for the workspace's deadlines and section texts, and the register import.

package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"pacta/model"
	"pacta/pacts"
)

func cmdPactDeadlines(env *Env, args []string) error {
	fs, home := Flags("pact deadlines")
	oa := fs.Int("ordinary-answer", 0, "days to answer an ordinary proposal")
	cp := fs.Int("complex-publish", 0, "days to publish a complex proposal")
	co := fs.Int("complex-observations", 0, "days open for observations")
	cd := fs.Int("complex-decision", 0, "days to decide after the observations")
	id := fs.Int("interruption-days", 0, "the single interruption of the answer term the regulation allows, in days (0: none)")
	exec := fs.String("executive-step", "", "on or off: complex pacts go to the executive (Giunta) for its decision before approval")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	dl, err := pacts.LoadDeadlines(ws.Store.DB())
	if err != nil {
		return err
	}
	set := given(fs)
	terms := []struct {
		name   string
		v, dst *int
	}{{"ordinary-answer", oa, &dl.OrdinaryAnswer}, {"complex-publish", cp, &dl.ComplexPublish},
		{"complex-observations", co, &dl.ComplexObservations}, {"complex-decision", cd, &dl.ComplexDecision}}
	if set["ordinary-answer"] || set["complex-publish"] || set["complex-observations"] || set["complex-decision"] {
		// The terms given, and only those, are written over the terms as the write
		// transaction reads them: one another process or a sync changed meanwhile stays.
		err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
			var err error
			if dl, err = pacts.LoadDeadlines(tx); err != nil {
				return err
			}
			base := dl
			for _, s := range terms {
				if set[s.name] {
					*s.dst = *s.v
				}
			}
			return pacts.EditDeadlines(tx, base, dl)
		})
		if err != nil {
			return err
		}
	}
	if set["interruption-days"] || set["executive-step"] {
		if set["executive-step"] && *exec != "on" && *exec != "off" {
			return Usagef("--executive-step is on or off, not %q", *exec)
		}
		err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
			var err error
			if dl, err = pacts.LoadDeadlines(tx); err != nil {
				return err
			}
			base := dl
			if set["interruption-days"] {
				dl.InterruptionDays = *id
			}
			if set["executive-step"] {
				dl.ExecutiveStep = *exec == "on"
			}
			return pacts.EditProcedure(tx, base, dl)
		})
		if err != nil {
			return err
		}
	}
	env.Printf("ordinary answer: %d days\ncomplex published within: %d days\ncomplex observations: %d days\ncomplex decision within: %d days\n",
		dl.OrdinaryAnswer, dl.ComplexPublish, dl.ComplexObservations, dl.ComplexDecision)
	env.Printf("%s", procedureLine(dl))
	return nil
}

func cmdPactTemplateSet(env *Env, args []string) error {
	fs, home := Flags("pact template set")
	lang := fs.String("lang", "", "language en, es, it or qu")
	section := fs.String("section", "", "premises or a section: "+strings.Join(pacts.SectionKeys, ", "))
	textFile := fs.String("text-file", "", "file with the text")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *lang == "" || *section == "" || *textFile == "" {
		return Usagef("--lang, --section and --text-file are required")
	}
	b, err := os.ReadFile(*textFile)
	if err != nil {
		return fmt.Errorf("pact template set: %w", err)
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return pacts.SetTemplate(tx, *lang, *section, string(b)) }); err != nil {
		return err
	}
	env.Printf("template %s/%s saved; new pacts in that language start from it\n", *lang, *section)
	return nil
}

func cmdImportRegister(env *Env, args []string) error {
	fs, home := Flags("import register")
	asJSON := fs.Bool("json", false, "JSON output")
	by := fs.String("by", "", "who imports")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give the register's CSV file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("import register: %w", err)
	}
	defer f.Close()
	rows, skipped, err := pacts.ReadRegister(f)
	if err != nil {
		return err
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := pacts.ImportRegister(env.Ctx, ws.Store, rows, pacts.By{Actor: actor(ws, *by)})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("import register: cancelled; nothing was imported")
		}
		return err
	}
	res.Skipped = append(res.Skipped, skipped...)
	if *asJSON {
		return env.JSON(map[string]any{"imported": res.Imported(), "created": res.Created, "updated": res.Updated,
			"unchanged": res.Unchanged, "assets_created": res.AssetsCreated, "skipped": res.Skipped})
	}
	env.Printf("imported %d rows: %d new pacts, %d updated, %d unchanged; %d new assets\n", res.Imported(), res.Created, res.Updated, res.Unchanged, res.AssetsCreated)
	if len(res.Skipped) > 0 {
		env.Printf("skipped %d rows:\n", len(res.Skipped))
		for _, s := range res.Skipped {
			env.Printf("  line %d (Id %s): %s\n", s.Line, s.ID, s.Reason)
		}
	}
	return nil
}
