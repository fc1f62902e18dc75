// The pact commands for monitoring reports and what is due.

package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"pacta/model"
	"pacta/pacts"
)

func cmdPactReport(env *Env, args []string) error {
	fs, home := Flags("pact report")
	period := fs.String("period", "", "the period covered, e.g. 2026-H1")
	hours := fs.Float64("hours", 0, "volunteer hours")
	textFile := fs.String("text-file", "", "file with what was done")
	resources := fs.String("resources", "", "resources used")
	date := fs.String("date", "", "filing date YYYY-MM-DD (default today)")
	by := fs.String("by", "", "who files it")
	var values, attach multi
	fs.Var(&values, "value", "indicator value NAME=N (repeatable)")
	fs.Var(&attach, "attach", "a photo or scan to attach (repeatable)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *textFile == "" {
		return Usagef("--text-file is required")
	}
	b, err := os.ReadFile(*textFile)
	if err != nil {
		return fmt.Errorf("pact report: %w", err)
	}
	vals := map[string]float64{}
	for _, v := range values {
		k, n, ok := strings.Cut(v, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if !ok || err != nil {
			return Usagef("--value %q: write NAME=NUMBER", v)
		}
		vals[strings.TrimSpace(k)] = f
	}
	var rep model.PactReport
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		rep, err = pacts.FileReport(tx, d.Pact.ID, pacts.Report{Period: *period, FiledOn: *date, Hours: *hours, Resources: *resources,
			Narrative: string(b), FiledBy: actor(ws, *by), Values: vals}, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s: report %s filed on %s\n", d.Pact.Ref, rep.Period, rep.FiledOn)
	return attachFiles(env, ws, d, rep, attach)
}

// attachFiles stores files with a report, one by one, saying which were attached.
func attachFiles(env *Env, ws *Workspace, d *pacts.Dossier, rep model.PactReport, files []string) error {
	for _, f := range files {
		att, err := pacts.AttachFileToReport(env.Ctx, ws.Store, ws.Blobs, rep.ID, f)
		if err != nil {
			return err
		}
		env.Printf("%s: %s attached to report %s\n", d.Pact.Ref, att.Name, rep.Period)
	}
	return nil
}

func cmdPactReportAttach(env *Env, args []string) error {
	fs, home := Flags("pact report attach")
	period := fs.String("period", "", "the report's period")
	var files multi
	fs.Var(&files, "file", "a photo or scan (repeatable)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *period == "" || len(files) == 0 {
		return Usagef("--period and at least one --file are required")
	}
	rep, err := pacts.FindReport(d, *period)
	if err != nil {
		return err
	}
	return attachFiles(env, ws, d, rep, files)
}

func cmdPactReportPDF(env *Env, args []string) error {
	fs, home := Flags("pact report pdf")
	period := fs.String("period", "", "the report's period")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *period == "" || *out == "" {
		return Usagef("--period and -o are required")
	}
	var day time.Time
	for _, r := range d.Reports {
		if r.Period == *period {
			day, _ = pacts.ParseDate(r.FiledOn)
		}
	}
	b, err := pacts.ReportPDF(ws.Store.DB(), d, *period, *lang, day)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("pact report pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}

func cmdPactDue(env *Env, args []string) error {
	fs, home := Flags("pact due")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	s, err := pacts.Summarise(ws.Store.DB(), time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(s)
	}
	for _, g := range []struct {
		name  string
		items []pacts.Item
	}{{"reviews overdue", s.ReviewsOverdue}, {"reports due", s.ReportsDue}, {"ending within 60 days", s.Ending}} {
		env.Printf("%s: %d\n", g.name, len(g.items))
		for _, it := range g.items {
			for _, d := range it.Due {
				env.Printf("  %-15s %-40s %-13s %s (%+d days)\n", it.Ref, clip(it.Title, 40), d.Kind, d.Date, d.DaysLeft)
			}
		}
	}
	return nil
}
