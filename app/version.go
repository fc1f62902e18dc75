package app

import "runtime/debug"

// Set at build time with -ldflags "-X pacta/app.Version=… -X pacta/app.Commit=… -X pacta/app.BuildDate=…".
var (
	Version   = "0.1.0"
	Commit    = ""
	BuildDate = ""
)

// BuildInfo returns version, commit and build date, filling what -ldflags left empty from
// the Go build information.
func BuildInfo() (version, commit, date string) {
	version, commit, date = Version, Commit, BuildDate
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			}
		}
	}
	if commit == "" {
		commit = "unknown"
	}
	if date == "" {
		date = "unknown"
	}
	return
}
