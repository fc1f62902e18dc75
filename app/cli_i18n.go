package app

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"pacta/i18n"
	"pacta/model"
	"pacta/translations"
)

func init() {
	Register(Command{Name: "i18n check", Args: "[DIR] [--json]",
		Short: "check language bundles (the shipped ones, or DIR's *.json): syntax, missing, extra, stale and reserved keys, template fields, plural forms; coverage per language", Run: cmdI18nCheck})
	Register(Command{Name: "i18n export", Args: "--lang xx -o FILE",
		Short: "write one go-i18n bundle of a language (every area, and the workspace's own translations) for Weblate or a translator", Run: cmdI18nExport})
	Register(Command{Name: "i18n import", Args: "FILE [--lang xx] [--dry-run] [--dir DIR]",
		Short: "show what a translated bundle changes and apply it: to the workspace (synced to every laptop), or with --dir to the area files of a bundles directory", Run: cmdI18nImport})
	examples["i18n check"] = "pacta i18n check i18n/translations --json"
	examples["i18n export"] = "pacta i18n export --lang qu -o qu.json"
	examples["i18n import"] = "pacta i18n import qu.json --dry-run"
}

// i18nReport is `i18n check --json`.
type i18nReport struct {
	OK           bool                `json:"ok"`
	Coverage     map[string]float64  `json:"coverage"`
	Missing      map[string][]string `json:"missing"`
	Extra        map[string][]string `json:"extra"`
	Stale        map[string][]string `json:"stale"`
	Placeholders map[string][]string `json:"placeholders"`
	Reserved     []string            `json:"reserved"`
	Errors       i18n.FileErrors     `json:"errors"`
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
	var r i18n.Report
	if fs.NArg() == 1 {
		dir := fs.Arg(0)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return Usagef("%s is not a directory of bundles (files like es.json or assets.es.json)", dir)
		}
		var err error
		if r, err = i18n.CheckDir(os.DirFS(dir), "."); err != nil {
			return fmt.Errorf("i18n check: %w", err)
		}
	} else {
		r = i18n.Default().Check()
		if err := i18n.LoadError(); err != nil {
			var fe i18n.FileErrors
			if !errors.As(err, &fe) {
				return fmt.Errorf("i18n check: %w", err)
			}
			r.Errors = fe
		}
	}
	if *asJSON {
		out := i18nReport{OK: r.OK(), Coverage: r.Coverage, Missing: r.Missing, Extra: r.Extra, Stale: r.Stale,
			Placeholders: r.Placeholders, Reserved: r.Reserved, Errors: r.Errors}
		if out.Reserved == nil {
			out.Reserved = []string{}
		}
		if out.Errors == nil {
			out.Errors = i18n.FileErrors{}
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
			env.Printf("%s: %.0f%% translated, %d missing", l, 100*r.Coverage[l], len(r.Missing[l]))
			if n := len(r.Stale[l]); n > 0 {
				env.Printf(", %d stale (the English changed since): %s", n, strings.Join(r.Stale[l], ", "))
			}
			env.Printf("\n")
		}
	}
	if !r.OK() {
		return errors.New("i18n check: " + r.String())
	}
	return nil
}

func cmdI18nExport(env *Env, args []string) error {
	fs, home := Flags("i18n export")
	lang := fs.String("lang", "", "the language: "+i18n.Codes())
	out := fs.String("o", "", "the file to write")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *lang == "" || *out == "" {
		return Usagef("--lang and -o are required")
	}
	if i18n.Normalize(*lang) != *lang && *lang != i18n.Pseudo {
		return Usagef("%q is not one of Pacta's languages (%s)", *lang, i18n.Codes())
	}
	// The workspace's own translations are part of the export when there is a workspace.
	if ws, err := env.OpenHome(*home); err == nil {
		defer ws.Close()
	} else if !errors.Is(err, ErrNoWorkspace) {
		return err
	}
	data, err := i18n.Default().Export(*lang)
	if err != nil {
		return fmt.Errorf("i18n export: %w", err)
	}
	if err := writeFileAtomic(*out, data, 0o644); err != nil {
		return fmt.Errorf("i18n export: %w", err)
	}
	env.Printf("%s: %s, %.0f%% translated\n", *out, *lang, 100*i18n.Default().Coverage(*lang))
	return nil
}

func cmdI18nImport(env *Env, args []string) error {
	fs, home := Flags("i18n import")
	lang := fs.String("lang", "", "the language of the file (default: from its name, like qu.json)")
	dryRun := fs.Bool("dry-run", false, "only show what would change")
	dir := fs.String("dir", "", "write into the area files of this bundles directory (the repository's i18n/translations) instead of the workspace")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give the bundle file to import")
	}
	name := fs.Arg(0)
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("i18n import: %w", err)
	}
	b := i18n.Default()
	var ws *Workspace
	if *dir != "" {
		// Against the directory's own bundles, not the ones built into this program.
		if b, err = i18n.LoadFS(os.DirFS(*dir), "."); err != nil {
			return fmt.Errorf("i18n import: %s: %w", *dir, err)
		}
	} else {
		if ws, err = env.OpenHome(*home); err != nil {
			return err
		}
		defer ws.Close()
	}
	l, changes, err := b.ReadImport(name, data, *lang)
	if err != nil {
		return fmt.Errorf("i18n import: nothing was written:\n%w", err)
	}
	for _, c := range changes {
		mark := "changed"
		if c.Old == "" {
			mark = "new"
		}
		if c.Stale {
			mark += ", stale (translated from an older English text)"
		}
		env.Printf("%s (%s): %q → %q\n", c.Key, mark, c.Old, c.New)
	}
	verb := "would change"
	if !*dryRun {
		verb = "changed"
	}
	env.Printf("%s: %d keys %s\n", l, len(changes), verb)
	if *dryRun || len(changes) == 0 {
		return nil
	}
	if *dir != "" {
		files, err := b.WriteDir(*dir, l, changes)
		if err != nil {
			return fmt.Errorf("i18n import: %w", err)
		}
		env.Printf("written: %s\n", strings.Join(files, ", "))
		return nil
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return translations.Import(tx, l, changes) }); err != nil {
		return fmt.Errorf("i18n import: %w", err)
	}
	return translations.Apply(ws.Store.DB())
}
