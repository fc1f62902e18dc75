package app

import (
	"errors"
	"fmt"
	"os"
	"sort"

	"pacta/i18n"
)

func init() {
	Register(Command{Name: "i18n check", Args: "[DIR] [--json]",
		Short: "check language bundles (the shipped ones, or DIR's *.json): missing, extra and reserved keys, template fields; coverage per language", Run: cmdI18nCheck})
	examples["i18n check"] = "pacta i18n check i18n/translations --json"
}

// i18nReport is `i18n check --json`.
type i18nReport struct {
	OK           bool                `json:"ok"`
	Coverage     map[string]float64  `json:"coverage"`
	Missing      map[string][]string `json:"missing"`
	Extra        map[string][]string `json:"extra"`
	Placeholders map[string][]string `json:"placeholders"`
	Reserved     []string            `json:"reserved"`
}

func cmdI18nCheck(env *Env, args []string) error {
	fs, _ := Flags("i18n check")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return Usagef("give at most one directory of bundles")
	}
	b := i18n.Default()
	if fs.NArg() == 1 {
		dir := fs.Arg(0)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return Usagef("%s is not a directory of bundles (files like es.json or assets.es.json)", dir)
		}
		var err error
		if b, err = i18n.LoadFS(os.DirFS(dir), "."); err != nil {
			return fmt.Errorf("i18n check: %w", err) // the file and what is wrong in it
		}
	} else if err := i18n.LoadError(); err != nil {
		return fmt.Errorf("i18n check: %w", err)
	}
	r := b.Check()
	if *asJSON {
		out := i18nReport{OK: r.OK(), Coverage: r.Coverage, Missing: r.Missing, Extra: r.Extra, Placeholders: r.Placeholders, Reserved: r.Reserved}
		if out.Reserved == nil {
			out.Reserved = []string{}
		}
		if err := env.JSON(out); err != nil {
			return err
		}
	} else {
		langs := make([]string, 0, len(r.Coverage))
		for l := range r.Coverage {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			env.Printf("%s: %.0f%% translated, %d missing\n", l, 100*r.Coverage[l], len(r.Missing[l]))
		}
	}
	if !r.OK() {
		return errors.New("i18n check: " + r.String())
	}
	return nil
}
