package app

import "runtime/debug"

// Set at build time with -ldflags "-X pacta/app.Version=… -X pacta/app.Commit=… -X pacta/app.BuildDate=…".
var (
	Version   = "0.2.0"
	Commit    = ""
	BuildDate = ""
)

// BuildInfo returns version, commit and build date, filling what -ldflags left empty from
// the Go build information; what stays unknown reads "unknown" (the command line, the log).
func BuildInfo() (version, commit, date string) {
	version, commit, date = BuildKnown()
	if commit == "" {
		commit = "unknown"
	}
	if date == "" {
		date = "unknown"
	}
	return
}

// BuildKnown is BuildInfo with "" for what is not known: a development build (go run, a
// build outside a git checkout) knows neither its commit nor its date.
func BuildKnown() (version, commit, date string) {
	return buildKnown(Version, Commit, BuildDate, readVCS)
}

// readVCS is what the Go toolchain recorded of the checkout: its revision and commit time.
func readVCS() (revision, at string) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				at = s.Value
			}
		}
	}
	return
}

func buildKnown(version, commit, date string, vcs func() (string, string)) (string, string, string) {
	if commit == "unknown" { // the Makefile outside a git checkout
		commit = ""
	}
	if date == "unknown" {
		date = ""
	}
	rev, at := vcs()
	if commit == "" {
		commit = rev
	}
	if date == "" {
		date = at
	}
	return version, commit, date
}
