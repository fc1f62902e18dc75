package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pacta/internal/errs"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/syncfolder"
	"pacta/translations"
)

// SyncEngine makes the sync engine of this workspace for folder ("" means the folder
// remembered from the last sync).
func (w *Workspace) SyncEngine(ctx context.Context, folder string) (*syncfolder.Engine, error) {
	if folder == "" {
		folder = w.SyncFolder(ctx)
	}
	var fsys syncfolder.FS
	if folder != "" {
		abs, err := filepath.Abs(folder)
		if err != nil {
			return nil, fmt.Errorf("sync folder %s: %w", folder, err)
		}
		folder = abs
		fsys = syncfolder.OSFS{Root: folder}
	}
	return &syncfolder.Engine{FS: fsys, Store: w.Store, Name: w.Config.DeviceName, Blobs: w.Blobs, Log: w.Log,
		ID: syncfolder.Identity{Device: w.Identity.Device, PublicKey: w.Identity.PublicKey, PrivateKey: w.Identity.PrivateKey}}, nil
}

// SyncFolder is the remembered shared folder ("" when none).
func (w *Workspace) SyncFolder(ctx context.Context) string {
	s, _ := replica.Read(w.Store.DB())
	return s.Folder
}

// ErrNoSyncFolder means no folder was given and none is remembered.
var ErrNoSyncFolder = errs.E(errs.Invalid, errs.Key("sync.error.no_folder_chosen"))

// SyncOnce runs one export and import with folder ("" = the remembered one). A folder with
// no Pacta workspace is set up as a new shared workspace when this workspace has not joined
// one yet. A cloned identity is handled by taking a new one. How it went is logged
// (logSync).
func (w *Workspace) SyncOnce(ctx context.Context, folder string, progress func(done, total int)) (syncfolder.Report, error) {
	rep, err := w.syncOnce(ctx, folder, progress)
	w.logSync("sync", rep, err)
	if rep.Applied > 0 {
		// Translations received from other laptops take effect at once.
		if terr := translations.Apply(w.Store.DB()); terr != nil {
			w.Log.Error("apply translations", "err", terr)
		}
	}
	return rep, err
}

func (w *Workspace) syncOnce(ctx context.Context, folder string, progress func(done, total int)) (syncfolder.Report, error) {
	eng, err := w.SyncEngine(ctx, folder)
	if err != nil {
		return syncfolder.Report{}, err
	}
	if eng.FS == nil {
		return syncfolder.Report{}, ErrNoSyncFolder
	}
	root := eng.FS.(syncfolder.OSFS).Root
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) && folder != "" {
		// A folder named now (not the remembered one: a drive not mounted must not get an
		// empty folder in its place) is made when the folder it goes in exists.
		if st, perr := os.Stat(filepath.Dir(root)); perr == nil && st.IsDir() {
			if merr := os.Mkdir(root, 0o755); merr != nil {
				return syncfolder.Report{}, errs.E("sync", errs.Unavailable, errs.Key("sync.error.unreachable"), map[string]any{"Folder": root}, merr)
			}
		}
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return syncfolder.Report{}, errs.E("sync", errs.Unavailable, errs.Key("sync.error.unreachable"), map[string]any{"Folder": root})
	}
	eng.Progress = progress
	var rep syncfolder.Report
	if err := w.resumeNewIdentity(ctx, eng); err != nil {
		return rep, err
	}
	if eng.Workspace(ctx) == "" {
		if ok, _ := eng.FS.Exists("pacta/workspace.json"); ok {
			return rep, errs.E("sync", errs.Conflict, errs.Key("sync.error.not_joined_here"), map[string]any{"Folder": root})
		}
		rep, err = eng.Create(ctx, w.Municipality())
	} else {
		rep, err = eng.Sync(ctx)
	}
	var clone *syncfolder.CloneError
	if errors.As(err, &clone) {
		if cerr := w.TakeNewIdentity(ctx, eng); cerr != nil {
			return rep, errors.Join(err, cerr)
		}
		return rep, err
	}
	if err == nil || eng.Workspace(ctx) != "" {
		if merr := replica.Note(ctx, w.Store, func(s *replica.State) { s.Folder = root }); merr != nil {
			w.Log.Error("sync: remember the folder", "folder", root, "err", merr)
		}
	}
	return rep, err
}

// TakeNewIdentity gives this laptop a new device identity after a clone of its data folder
// was detected: new key pair, store reopened under the new id, unexported work re-logged,
// and a new join request written. An administrator must enrol the laptop again.
func (w *Workspace) TakeNewIdentity(ctx context.Context, eng *syncfolder.Engine) error {
	old := w.Identity.Device
	// Written before the new identity is: a crash from here until the old identity's work
	// is stamped again under the new one is resumed by the next sync (resumeNewIdentity).
	err := w.Store.Update(ctx, func(tx *model.Tx) error {
		return replica.Change(tx, func(s *replica.State) { s.RenewFrom = old })
	})
	if err != nil {
		return fmt.Errorf("new identity: %w", err)
	}
	id, err := NewIdentity(w.Home)
	if err != nil {
		return err
	}
	path := w.Store.Path()
	if err := w.Store.Close(); err != nil {
		return fmt.Errorf("new identity: %w", err)
	}
	st, err := model.Open(path, model.Options{Device: id.Device, Log: w.Log})
	if err != nil {
		return fmt.Errorf("new identity: %w", err)
	}
	w.Log.Warn("took a new identity: this laptop's data folder was copied", "old_device", old, "device", id.Device)
	w.Identity = id
	w.replaceStore(st)
	eng.Store = st
	eng.ID = syncfolder.Identity{Device: id.Device, PublicKey: id.PublicKey, PrivateKey: id.PrivateKey}
	if _, err := eng.TakeNewIdentity(ctx, old); err != nil {
		return err
	}
	if eng.FS != nil {
		if _, err := eng.Join(ctx, ""); err != nil { // joined already: the accepted founder stays
			return err
		}
	}
	return nil
}

// resumeNewIdentity finishes a new identity that a crash interrupted: the identity files
// were written, but the old identity's unexported work was not stamped again under the new
// one, nor its segment numbering started over. Before the files were written the old
// identity is still this laptop's, and the copy is detected again.
func (w *Workspace) resumeNewIdentity(ctx context.Context, eng *syncfolder.Engine) error {
	local, err := replica.Read(w.Store.DB())
	old := local.RenewFrom
	if err != nil || old == "" || old == w.Identity.Device {
		return err
	}
	w.Log.Warn("finishing a new identity that was interrupted", "old_device", old, "device", w.Identity.Device)
	if _, err := eng.TakeNewIdentity(ctx, old); err != nil {
		return err
	}
	if eng.Workspace(ctx) != "" {
		if _, err := eng.Join(ctx, ""); err != nil {
			return err
		}
	}
	return nil
}

// PeekFolder reads the shared workspace in folder without joining it or trusting
// anything, for a person to compare its fingerprint (WorkspaceFingerprint) with the one the
// founder's laptop shows.
func (w *Workspace) PeekFolder(ctx context.Context, folder string) (syncfolder.WorkspaceFile, error) {
	eng, err := w.SyncEngine(ctx, folder)
	if err != nil {
		return syncfolder.WorkspaceFile{}, err
	}
	if eng.FS == nil {
		return syncfolder.WorkspaceFile{}, ErrNoSyncFolder
	}
	return eng.Peek(ctx)
}

// JoinFolder makes this workspace a replica of the shared workspace in folder, whose
// fingerprint a person accepted (expect), writes the join request, then syncs once
// (replaying what is there). Nothing is applied when the fingerprint is not expect. How it
// went is logged (logSync).
func (w *Workspace) JoinFolder(ctx context.Context, folder, name, expect string) (syncfolder.WorkspaceFile, syncfolder.Report, error) {
	wf, rep, err := w.joinFolder(ctx, folder, name, expect)
	w.logSync("join", rep, err)
	return wf, rep, err
}

func (w *Workspace) joinFolder(ctx context.Context, folder, name, expect string) (syncfolder.WorkspaceFile, syncfolder.Report, error) {
	var rep syncfolder.Report
	eng, err := w.SyncEngine(ctx, folder)
	if err != nil {
		return syncfolder.WorkspaceFile{}, rep, err
	}
	if eng.FS == nil {
		return syncfolder.WorkspaceFile{}, rep, ErrNoSyncFolder
	}
	if name != "" && name != w.Config.DeviceName {
		w.Config.DeviceName = name
		if err := SaveConfig(w.Home, w.Config); err != nil {
			return syncfolder.WorkspaceFile{}, rep, err
		}
		eng.Name = name
	}
	wf, err := eng.Join(ctx, expect)
	if err != nil {
		return wf, rep, err
	}
	root := eng.FS.(syncfolder.OSFS).Root
	if merr := replica.Note(ctx, w.Store, func(s *replica.State) { s.Folder = root }); merr != nil {
		w.Log.Error("join: remember the folder", "folder", eng.FS.(syncfolder.OSFS).Root, "err", merr)
	}
	rep, err = eng.Sync(ctx)
	return wf, rep, err
}

// HasOwnChanges reports whether this laptop has written anything (a fresh workspace made
// for joining has not).
func (w *Workspace) HasOwnChanges() (bool, error) {
	return w.Store.HasWritten(context.Background())
}

// OpenForJoin opens the workspace in home, creating an empty one (no sample, no settings:
// they come from the shared folder) when there is none.
func OpenForJoin(home string, opts ...OpenOptions) (*Workspace, error) {
	return open(home, opts...)
}

// SyncStatus is the state of sync with the remembered folder (or none).
func (w *Workspace) SyncStatus(ctx context.Context) (syncfolder.Status, error) {
	eng, err := w.SyncEngine(ctx, "")
	if err != nil {
		return syncfolder.Status{}, err
	}
	return eng.Status(ctx)
}
