// The sections of agreements from the command line: a pact's own (pact section …) and the
// workspace's list per kind of pact (pact sections …).

package app

import (
	"fmt"
	"os"
	"strings"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func init() {
	for _, c := range []Command{
		{Name: "pact section add", Args: "REF --key K --title T --text-file F [--after KEY] [--onerous]", Short: "add a section of its own to a pact not signed yet", Run: cmdPactSectionAdd},
		{Name: "pact section remove", Args: "REF --key K", Short: "take a section off a pact not signed yet", Run: cmdPactSectionRemove},
		{Name: "pact section move", Args: "REF --key K --to N", Short: "move a section of a pact not signed yet to number N", Run: cmdPactSectionMove},
		{Name: "pact sections", Args: "[--kind ordinary|complex] [--lang xx] [--json]", Short: "list the sections new pacts of a kind start with, in order", Run: cmdPactSections},
		{Name: "pact sections add", Args: "--kind K --key K --lang xx --title T [--text-file F] [--after KEY] [--onerous]", Short: "add a section to the workspace's list for a kind of pact", Run: cmdPactSectionsAdd},
		{Name: "pact sections remove", Args: "--kind K --key K", Short: "take a section off the workspace's list for a kind of pact", Run: cmdPactSectionsRemove},
		{Name: "pact sections move", Args: "--kind K --key K --to N", Short: "move a section of the workspace's list to number N", Run: cmdPactSectionsMove},
		{Name: "pact sections retitle", Args: "--lang xx --key K --title T", Short: "give a section the workspace's own title in a language (empty: the default)", Run: cmdPactSectionsRetitle},
	} {
		Register(c)
	}
	examples["pact section add"] = `pacta pact section add PACT-2026-0001 --key open_hours --title "Orari di apertura" --text-file orari.txt --after enjoyment`
	examples["pact section remove"] = "pacta pact section remove PACT-2026-0001 --key enjoyment"
	examples["pact section move"] = "pacta pact section move PACT-2026-0001 --key privacy --to 11"
	examples["pact sections"] = "pacta pact sections --kind complex --lang it"
	examples["pact sections add"] = `pacta pact sections add --kind ordinary --key insurance --lang it --title "Coperture assicurative" --text-file polizza.txt --onerous`
	examples["pact sections remove"] = "pacta pact sections remove --kind ordinary --key enjoyment"
	examples["pact sections move"] = "pacta pact sections move --kind ordinary --key privacy --to 3"
	examples["pact sections retitle"] = `pacta pact sections retitle --lang it --key final --title "Norme finali"`
}

// readText reads a --text-file, "" when none was given.
func readText(cmd, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", cmd, err)
	}
	return string(b), nil
}

func cmdPactSectionAdd(env *Env, args []string) error {
	fs, home := Flags("pact section add")
	key := fs.String("key", "", "the section's key, a short word in lower case")
	title := fs.String("title", "", "its title, in the pact's language")
	textFile := fs.String("text-file", "", "file with its text")
	after := fs.String("after", "", "the key of the section it follows (default: at the end)")
	onerous := fs.Bool("onerous", false, "approved specifically by the second signature (Art. 1341 c.c.)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *key == "" || *textFile == "" {
		return Usagef("--key and --text-file are required")
	}
	text, err := readText("pact section add", *textFile)
	if err != nil {
		return err
	}
	var added model.PactSection
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		added, err = pacts.AddSection(tx, d.Pact.ID, pacts.NewSection{Key: *key, Title: *title, Text: text, Onerous: *onerous, After: *after})
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: section %q added as number %d\n", d.Pact.Ref, *key, added.Position)
	return nil
}

func cmdPactSectionRemove(env *Env, args []string) error {
	fs, home := Flags("pact section remove")
	key := fs.String("key", "", "the section's key")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *key == "" {
		return Usagef("--key is required")
	}
	return updatePact(env, ws, d, func(tx *model.Tx) error { return pacts.RemoveSection(tx, d.Pact.ID, *key) }, "section %q removed", *key)
}

func cmdPactSectionMove(env *Env, args []string) error {
	fs, home := Flags("pact section move")
	key := fs.String("key", "", "the section's key")
	to := fs.Int("to", 0, "its new number, 1 for the first")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *key == "" || *to < 1 {
		return Usagef("--key and --to N (1 or more) are required")
	}
	return updatePact(env, ws, d, func(tx *model.Tx) error { return pacts.MoveSection(tx, d.Pact.ID, *key, *to) }, "section %q is now number %d", *key, *to)
}

// SectionView is one section of `pacta pact sections --json`.
type SectionView struct {
	Number int `json:"number"`
	pacts.Clause
	Title string `json:"title"`
}

func cmdPactSections(env *Env, args []string) error {
	fs, home := Flags("pact sections")
	kind := fs.String("kind", pacts.Ordinary, "ordinary or complex")
	lang := fs.String("lang", "", "the language of the titles (default: the window's)")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	return listClauses(env, ws, *kind, *lang, *asJSON)
}

func listClauses(env *Env, ws *Workspace, kind, lang string, asJSON bool) error {
	if lang == "" {
		lang = ws.Language()
	}
	lang = i18n.Normalize(lang)
	cs, err := pacts.Clauses(ws.Store.DB(), kind)
	if err != nil {
		return err
	}
	out := make([]SectionView, len(cs))
	for i, c := range cs {
		out[i] = SectionView{Number: i + 1, Clause: c, Title: pacts.SectionTitle(ws.Store.DB(), lang, c.Key)}
	}
	if asJSON {
		return env.JSON(out)
	}
	for _, s := range out {
		var marks []string
		if s.Required {
			marks = append(marks, "required")
		}
		if s.Onerous {
			marks = append(marks, "Art. 1341")
		}
		m := ""
		if len(marks) > 0 {
			m = " [" + strings.Join(marks, ", ") + "]"
		}
		env.Printf("%2d. %-12s %s%s\n", s.Number, s.Key, s.Title, m)
	}
	return nil
}

func cmdPactSectionsAdd(env *Env, args []string) error {
	fs, home := Flags("pact sections add")
	kind := fs.String("kind", "", "ordinary or complex")
	key := fs.String("key", "", "the section's key, a short word in lower case")
	lang := fs.String("lang", "", "the language of the title and text")
	title := fs.String("title", "", "its title")
	textFile := fs.String("text-file", "", "file with its text")
	after := fs.String("after", "", "the key of the section it follows (default: at the end)")
	onerous := fs.Bool("onerous", false, "approved specifically by the second signature (Art. 1341 c.c.)")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *key == "" || *lang == "" {
		return Usagef("--kind, --key and --lang are required")
	}
	text, err := readText("pact sections add", *textFile)
	if err != nil {
		return err
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		return pacts.AddClause(tx, pacts.NewClause{Kind: *kind, Key: *key, Lang: *lang, Title: *title, Text: text, Onerous: *onerous, After: *after})
	}); err != nil {
		return err
	}
	return listClauses(env, ws, *kind, *lang, false)
}

func cmdPactSectionsRemove(env *Env, args []string) error {
	fs, home := Flags("pact sections remove")
	kind := fs.String("kind", "", "ordinary or complex")
	key := fs.String("key", "", "the section's key")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *key == "" {
		return Usagef("--kind and --key are required")
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return pacts.RemoveClause(tx, *kind, *key) }); err != nil {
		return err
	}
	return listClauses(env, ws, *kind, "", false)
}

func cmdPactSectionsMove(env *Env, args []string) error {
	fs, home := Flags("pact sections move")
	kind := fs.String("kind", "", "ordinary or complex")
	key := fs.String("key", "", "the section's key")
	to := fs.Int("to", 0, "its new number, 1 for the first")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *key == "" || *to < 1 {
		return Usagef("--kind, --key and --to N (1 or more) are required")
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return pacts.MoveClause(tx, *kind, *key, *to) }); err != nil {
		return err
	}
	return listClauses(env, ws, *kind, "", false)
}

func cmdPactSectionsRetitle(env *Env, args []string) error {
	fs, home := Flags("pact sections retitle")
	lang := fs.String("lang", "", "the language of the title")
	key := fs.String("key", "", "the section's key")
	title := fs.String("title", "", "its title (empty: the default one)")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *lang == "" || *key == "" {
		return Usagef("--lang and --key are required")
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return pacts.RetitleClause(tx, *lang, *key, *title) }); err != nil {
		return err
	}
	env.Printf("section %s in %s: %s\n", *key, *lang, pacts.SectionTitle(ws.Store.DB(), *lang, *key))
	return nil
}

func init() {
	Register(Command{Name: "pact sign correct", Args: "REF --party NAME [--signer NAME] [--date YYYY-MM-DD] [--method paper|digital] --reason TEXT [--by NAME]",
		Short: "correct a wrong signature record: a new record over the same signed content, the wrong one kept in the history", Run: cmdPactSignCorrect})
	examples["pact sign correct"] = `pacta pact sign correct PACT-2026-0001 --party "Comune di Palermo" --date 2026-04-03 --reason "the digital signature bears 3 April" --by "Paola Di Trapani"`
}

func cmdPactSignCorrect(env *Env, args []string) error {
	fs, home := Flags("pact sign correct")
	party := fs.String("party", "", "the party whose signature record is wrong")
	signer := fs.String("signer", "", "the right signer")
	date := fs.String("date", "", "the right date YYYY-MM-DD")
	method := fs.String("method", "", "the right method: paper or digital")
	reason := fs.String("reason", "", "why the record is corrected")
	by := fs.String("by", "", "who corrects it")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *party == "" || *reason == "" {
		return Usagef("--party and --reason are required")
	}
	var sig model.PactSignature
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		sig, err = pacts.CorrectSignature(tx, d.Pact.ID, pacts.Correction{Party: *party, Signer: *signer, Date: *date, Method: *method, Reason: *reason},
			pacts.By{Actor: actor(ws, *by)})
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: the signature of %s is now %s on %s (%s); the content signed is unchanged (sha256 %s)\n",
		d.Pact.Ref, sig.PartyName, sig.Signer, sig.SignedOn, sig.Method, sig.SHA256)
	return nil
}
