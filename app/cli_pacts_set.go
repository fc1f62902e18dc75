// pacta pact set: changing a pact's details from the command line.

package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func cmdPactSet(env *Env, args []string) error {
	fs, home := Flags("pact set")
	section := fs.String("section", "", "premises or a section key: "+strings.Join(pacts.SectionKeys, ", "))
	textFile := fs.String("text-file", "", "file with the section's text (UTF-8)")
	start := fs.String("start", "", "start date YYYY-MM-DD (\"\": none)")
	duration := fs.Int64("duration", 0, "duration in months")
	extension := fs.Int64("extension", 0, "extension the pact allows, in months")
	reportEvery := fs.Int64("report-every", 0, "a monitoring report every N months")
	officer := fs.String("officer", "", "referent municipal officer")
	title := fs.String("title", "", "title")
	kind := fs.String("kind", "", "ordinary or complex")
	summary := fs.String("summary", "", "summary")
	category := fs.String("category", "", "field of action")
	lang := fs.String("lang", "", "the agreement's language ("+i18n.Codes()+"): sections from the templates take that language's; the pact's own texts are kept and marked to translate")
	var immaterial optBool
	fs.Var(&immaterial, "immaterial", "true when the pact covers no physical commons")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if (*section == "") != (*textFile == "") {
		return Usagef("--section and --text-file go together")
	}
	var text string
	if *textFile != "" {
		b, err := os.ReadFile(*textFile)
		if err != nil {
			return fmt.Errorf("pact set: %w", err)
		}
		text = string(b)
	}
	// Only the fields given on the command line are written, over the pact as the write
	// transaction reads it (pacts.PatchDetails): what another process or a sync changed
	// since this command started stays.
	set := given(fs)
	x := pacts.DetailsPatch{StartDate: ifGiven(set, "start", start), DurationMonths: ifGiven(set, "duration", duration),
		ExtensionMonths: ifGiven(set, "extension", extension), ReportMonths: ifGiven(set, "report-every", reportEvery),
		Officer: ifGiven(set, "officer", officer), Title: ifGiven(set, "title", title), Kind: ifGiven(set, "kind", kind),
		Summary: ifGiven(set, "summary", summary), Category: ifGiven(set, "category", category)}
	if immaterial.set {
		x.Immaterial = &immaterial.v
	}
	var flagged []string
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		if *lang != "" {
			var err error
			if flagged, err = pacts.SetLang(tx, d.Pact.ID, *lang); err != nil {
				return err
			}
		}
		if *section != "" {
			if err := pacts.SetSection(tx, d.Pact.ID, *section, text); err != nil {
				return err
			}
		}
		return pacts.PatchDetails(tx, d.Pact.ID, x)
	})
	if err != nil {
		return err
	}
	env.Printf("%s updated\n", d.Pact.Ref)
	if len(flagged) > 0 {
		env.Printf("kept in the former language, to translate (pacta pact set %s --section KEY --text-file FILE): %s\n", d.Pact.Ref, strings.Join(flagged, ", "))
	}
	return nil
}

// optBool is a bool flag that knows whether it was given.
type optBool struct{ v, set bool }

func (o *optBool) String() string { return strconv.FormatBool(o.v) }

func (o *optBool) IsBoolFlag() bool { return true }

func (o *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	o.v, o.set = v, true
	return nil
}
