package syncfolder

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"time"

	"pacta/internal/replica"
	"pacta/model"
)

// Engine syncs one workspace store with one shared folder.
type Engine struct {
	FS    FS
	Store *model.Store
	ID    Identity
	Name  string      // this device's display name, written in its device file
	Blobs model.Blobs // local attachment store
	// Progress, when set, is told how many incoming changes were applied out of how many.
	Progress func(done, total int)
	// Now is the wall clock for status times (time.Now when nil).
	Now func() time.Time
	// Log receives the failures that do not stop a sync (slog.Default() when nil).
	Log *slog.Logger
	// crash, when set (tests), is asked at each step of an export whether the process
	// dies there: an error stops the sync at once, as a kill or a power cut would.
	crash func(step string) error
}

// Steps of an export at which a test may stop it (Engine.crash).
const (
	stepSealed  = "sealed"  // the segments are sealed in the database
	stepFlushed = "flushed" // the database is checkpointed
	stepBlobs   = "blobs"   // a segment's attachments are in the folder
	stepWritten = "written" // a segment is in the folder, not yet marked written
	stepMarked  = "marked"  // and marked written
)

func (e *Engine) at(step string) error {
	if e.crash == nil {
		return nil
	}
	return e.crash(step)
}

// Report is what one sync did and what is left.
type Report struct {
	Exported     int      `json:"exported"`    // local changes written to the folder
	Applied      int      `json:"applied"`     // remote changes applied here
	Pending      int      `json:"pending"`     // changes waiting: PendingOut + PendingIn
	PendingOut   int      `json:"pending_out"` // local changes not yet in the folder
	PendingIn    int      `json:"pending_in"`  // incoming changes waiting (dependencies, enrolment)
	Incomplete   int      `json:"incomplete"`  // segment files still being copied
	Quarantined  int      `json:"quarantined"` // segment files shown but not applied
	Conflicts    int      `json:"conflicts"`   // open conflicts after this sync
	NewConflicts int      `json:"new_conflicts"`
	Flagged      int      `json:"flagged"` // applied changes with a clock far in the future
	Duplicates   int      `json:"duplicates"`
	MissingBlobs int      `json:"missing_blobs"`
	Clones       []string `json:"clones,omitempty"` // other devices seen writing two different segments with one number
	// Recovered counts this laptop's own changes brought back from the folder after its
	// database was restored from a backup (MarkRestored).
	Recovered int `json:"recovered,omitempty"`
	// RecoveredAll is true when a restored database has every later segment of its own
	// back, and numbers its next ones after them.
	RecoveredAll bool     `json:"recovered_all,omitempty"`
	ExportError  string   `json:"export_error,omitempty"`
	ImportError  string   `json:"import_error,omitempty"`
	WaitingEnrol bool     `json:"waiting_enrolment,omitempty"` // this device is not enrolled yet
	Revoked      bool     `json:"revoked,omitempty"`           // an administrator revoked this device
	Repaired     []string `json:"repaired,omitempty"`          // this device's segments written again (missing, cut or damaged in the folder)
	Foreign      []string `json:"foreign,omitempty"`           // files in this device's log folder that it did not write
	// WorkspaceChanged is the founding key's fingerprint that workspace.json shows when it
	// is not the one this laptop accepted: someone rewrote the file ("" when it is).
	WorkspaceChanged string `json:"workspace_changed,omitempty"`
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Engine) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.Default()
}

// note keeps the bookkeeping of a sync, outside its transactions. A failure leaves the
// value before (a status a little out of date, a check made again) and does not stop the
// sync; it is logged.
func (e *Engine) note(ctx context.Context, f func(*replica.State)) {
	switch err := replica.Note(ctx, e.Store, f); {
	case err != nil && ctx.Err() != nil:
		e.log().Debug("sync: keep local state: stopped", "err", err)
	case err != nil:
		e.log().Error("sync: keep local state", "err", err)
	}
}

// state is this laptop's sync state; one that cannot be read reads as none (a laptop not
// in a workspace), and the step that needs it says what is missing.
func (e *Engine) state() replica.State {
	s, err := replica.Read(e.Store.DB())
	if err != nil {
		e.log().Error("sync: read local state", "err", err)
	}
	return s
}

// Workspace is the shared workspace id this store belongs to ("" when it has not joined).
func (e *Engine) Workspace(context.Context) string { return e.state().Workspace }

// Sync exports local changes, then imports and applies what others wrote. A failing export
// (full disk, read-only folder) does not stop the import: both are reported.
func (e *Engine) Sync(ctx context.Context) (Report, error) {
	var rep Report
	ws, err := e.checkFolder(ctx, &rep)
	if err != nil {
		e.note(ctx, func(s *replica.State) { s.LastError = err.Error() })
		return rep, err
	}
	exported, waiting, xerr := e.export(ctx, ws, &rep)
	rep.Exported, rep.WaitingEnrol = exported, waiting
	var clone *CloneError
	if errors.As(xerr, &clone) {
		e.note(ctx, func(s *replica.State) { s.LastError = xerr.Error() })
		return rep, xerr
	}
	if xerr != nil {
		rep.ExportError = xerr.Error()
	}
	ierr := e.importAll(ctx, ws, &rep)
	if ierr != nil {
		rep.ImportError = ierr.Error()
	}
	if (waiting || rep.RecoveredAll) && ierr == nil && xerr == nil {
		// The import may have brought this device's enrolment: export at once.
		n, w, err := e.export(ctx, ws, &rep)
		rep.Exported, rep.WaitingEnrol, xerr = rep.Exported+n, w, err
		if xerr != nil {
			rep.ExportError = xerr.Error()
		}
	}
	if err := e.fillCounts(ctx, &rep); err != nil {
		return rep, err
	}
	switch {
	case ierr != nil && errors.Is(ierr, context.Canceled):
		return rep, ierr
	case ierr != nil || xerr != nil:
		err := errors.Join(xerr, ierr)
		e.note(ctx, func(s *replica.State) { s.LastError = err.Error() })
		return rep, err
	}
	e.note(ctx, func(s *replica.State) { s.LastError, s.LastSync = "", nowString(e.now()) })
	return rep, nil
}

func (e *Engine) fillCounts(ctx context.Context, rep *Report) error {
	out, err := e.pendingOut(ctx)
	if err != nil {
		return err
	}
	rep.PendingOut = out
	rep.Pending = rep.PendingOut + rep.PendingIn
	c, err := replica.ReadSyncCounts(e.Store.DB())
	if err != nil {
		return err
	}
	rep.Conflicts = c.OpenConflicts
	rep.Quarantined = c.Quarantined
	return nil
}

// pendingOut counts this device's changes not in the folder yet: still in the rows, or
// sealed into segments that wait to be written.
func (e *Engine) pendingOut(ctx context.Context) (int, error) {
	n, err := e.Store.PendingCount(ctx)
	if err != nil {
		return 0, err
	}
	out, err := replica.WaitingSegments(e.Store.DB())
	if err != nil {
		return 0, err
	}
	for _, o := range out {
		data, err := replica.SealedData(e.Store.DB(), o.Segment)
		if err != nil {
			return 0, err
		}
		// A change a line, between the header and the trailer.
		if lines := bytes.Count(data, []byte{'\n'}); lines > 2 {
			n += lines - 2
		}
	}
	return n, nil
}
