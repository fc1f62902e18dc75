package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"pacta/assets"
	"pacta/internal/logfile"
	"pacta/syncfolder"
)

// LogPath is the workspace's log in home: pacta.log, JSON lines, rotated at 5 MB into
// pacta.log.1 … pacta.log.3.
func LogPath(home string) string { return filepath.Join(home, logFile) }

// OpenLog returns the log of the workspace in home (LogPath), at Info and above. When also
// is not nil (the command line's -v gives standard error), every record is written there
// too, as text, Debug included.
func OpenLog(home string, also io.Writer) *slog.Logger {
	return logfile.Open(LogPath(home), also)
}

// RecentErrors returns the last n error records of the log of the workspace in home,
// oldest first (none when nothing was logged yet).
func RecentErrors(home string, n int) ([]logfile.Entry, error) {
	return logfile.Recent(LogPath(home), logfile.Keep, slog.LevelError, n)
}

// TakeVerbose takes the global flag -v (also --v, -verbose, --verbose) out of a command
// line, before the command or among its arguments (up to a "--"), and reports whether it
// was there.
func TakeVerbose(args []string) ([]string, bool) {
	out := make([]string, 0, len(args))
	verbose, rest := false, false
	for _, a := range args {
		switch {
		case rest:
		case a == "--":
			rest = true
		case a == "-v" || a == "--v" || a == "-verbose" || a == "--verbose":
			verbose = true
			continue
		}
		out = append(out, a)
	}
	return out, verbose
}

// openOptions are the options of a command's workspace in dir: its log, which the
// command's failure goes to as well (Env.run).
func (e *Env) openOptions(dir string) OpenOptions {
	var also io.Writer
	if e.verbose {
		also = e.Stderr
	}
	e.log, e.logHome = OpenLog(dir, also), dir
	return OpenOptions{Log: e.log}
}

// run runs cmd and writes a failure (not a wrongly called command) in the log of the
// workspace it opened; a directory that holds none gets no log.
func (e *Env) run(cmd Command, args []string) error {
	start := time.Now()
	err := cmd.Run(e, args)
	if e.log == nil || !Exists(e.logHome) {
		return err
	}
	var ue UsageError
	switch {
	case err == nil:
		e.log.Debug("command done", "command", cmd.Name, "took", time.Since(start).Round(time.Millisecond))
	case !errors.As(err, &ue):
		e.log.Warn("command failed", "command", cmd.Name, "err", err)
	}
	return err
}

// logSync writes how a sync (op: "sync", "join") went in the workspace's log. A failure is
// logged when it differs from the last one logged: the window syncs every few seconds, and
// a folder left unmounted for a day makes one record, then one more when syncs work again.
// A sync that moved something is logged at Info, one that found nothing to do at Debug.
func (w *Workspace) logSync(op string, rep syncfolder.Report, err error) {
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	switch {
	case errors.Is(err, context.Canceled):
		w.Log.Info(op+" cancelled", "exported", rep.Exported, "applied", rep.Applied)
	case err != nil:
		if msg := err.Error(); msg != w.syncErr {
			w.syncErr = msg
			level := slog.LevelError
			if errors.Is(err, ErrNoSyncFolder) {
				level = slog.LevelWarn
			}
			w.Log.Log(context.Background(), level, op+" failed", "err", err, "exported", rep.Exported, "applied", rep.Applied)
		}
	default:
		if w.syncErr != "" {
			w.Log.Info(op+" works again", "after", w.syncErr)
			w.syncErr = ""
		}
		level := slog.LevelDebug
		if rep.Exported > 0 || rep.Applied > 0 || rep.NewConflicts > 0 || len(rep.Repaired) > 0 || len(rep.Clones) > 0 {
			level = slog.LevelInfo
		}
		w.Log.Log(context.Background(), level, op, "exported", rep.Exported, "applied", rep.Applied,
			"pending_out", rep.PendingOut, "pending_in", rep.PendingIn, "new_conflicts", rep.NewConflicts,
			"repaired", rep.Repaired, "clones", rep.Clones)
	}
}

// LogImport writes how an import of file went in the workspace's log: a failure (nothing
// is written then) as an error, a cancellation and a finished import at Info, a validation
// (dry) at Debug.
func (w *Workspace) LogImport(file string, dry bool, rep assets.ImportReport, err error) {
	op := "import"
	if dry {
		op = "import: validate"
	}
	switch {
	case errors.Is(err, context.Canceled):
		w.Log.Info(op+" cancelled", "file", file)
	case err != nil:
		w.Log.Error(op+" failed", "file", file, "err", err)
	default:
		level := slog.LevelInfo
		if dry {
			level = slog.LevelDebug
		}
		w.Log.Log(context.Background(), level, op, "file", file, "rows", rep.Rows, "new", rep.New,
			"updated", rep.Updated, "unchanged", rep.Unchanged, "rejected", len(rep.Rejected))
	}
}
