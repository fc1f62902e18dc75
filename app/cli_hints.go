package app

import (
	"errors"
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
	"pacta/pacts"
)

// The command line's own words for going on after an error. The domain packages say what
// is wrong, in words the window can show too; how to go on with flags and other commands
// is said here, by the error's key or else by its kind.

// keyHints are the hints for the errors of one translation key.
var keyHints = map[string]func(f map[string]any) string{
	"pact.error.title_required":         fixed(`give it with --title, e.g. --title "Care of Piazza Fonderia"`),
	"pact.error.report_period_required": fixed("give it with --period, e.g. --period 2026-H1"),
	"pact.error.no_report_for_period": func(f map[string]any) string {
		return fmt.Sprintf("`pacta pact show %v` lists its reports", f["Ref"])
	},
	"pact.error.asset_not_found":           fixed("list the registry with `pacta asset list`"),
	"settings.error.municipality_required": fixed("give it with --name"),
	"asset.error.no_name_column":           fixed("map one with --map COLUMN=name"),
	"sync.error.no_folder_chosen":          fixed("give one with --folder DIR (it is remembered)"),
	"sync.error.not_joined":                fixed("join one with `pacta join --folder DIR --name NAME`, or start one with `pacta sync --folder DIR`"),
	"sync.error.fingerprint_required":      fixed("give it with --key FINGERPRINT"),
	"sync.error.revoked_needs_key":         fixed("give it with --key FINGERPRINT"),
	"sync.error.device_unknown":            fixed("list them with `pacta device list`"),
	"sync.error.not_requested":             fixed("`pacta device list` shows the requests to join"),
	"sync.error.not_joined_here": func(f map[string]any) string {
		return fmt.Sprintf("join it with `pacta join --folder %v --name NAME`", f["Folder"])
	},
}

func fixed(s string) func(map[string]any) string { return func(map[string]any) string { return s } }

// hint is what the command line adds after the message of err, a failure of cmd: "" or
// "; …" on the same line, or a usage line of its own.
func hint(cmd Command, err error) string {
	switch {
	case errors.Is(err, ErrNoWorkspace):
		return "; create one with `pacta init --name \"Comune di …\"` or start the app"
	case errors.Is(err, ErrExists):
		return "; use another --home or restore a backup with `pacta restore`"
	}
	// A language that lacks texts: the message lists them and says what to do.
	if errors.As(err, new(*pacts.MissingLangError)) {
		return ""
	}
	if e := errs.Keyed(err); e != nil {
		if h, ok := keyHints[e.Key]; ok {
			return "; " + h(e.Fields)
		}
	}
	switch errs.KindOf(err) {
	case errs.Invalid:
		return fmt.Sprintf("\nusage: pacta %s %s", cmd.Name, cmd.Args)
	case errs.NotFound:
		switch {
		case errors.Is(err, model.ErrAssetNotFound):
			return "; list the registry with `pacta asset list`"
		case errors.Is(err, pacts.ErrNotFound):
			return "; list the pacts with `pacta pact list`"
		}
		area, _, _ := strings.Cut(cmd.Name, " ")
		if _, ok := commands[area+" list"]; ok {
			return fmt.Sprintf("; list them with `pacta %s list`", area)
		}
	case errs.Unavailable:
		return "; check that the folder is reachable (mounted, connected), then run the command again"
	case errs.Internal:
		return "; run `pacta doctor` to check the workspace (pacta.log in the home has the details)"
	}
	return ""
}
