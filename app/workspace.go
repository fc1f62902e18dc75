package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/pacts"
	"pacta/syncfolder"
	"pacta/translations"
)

// Workspace is one open workspace: its directory, database, device identity, local
// configuration and attachment store.
type Workspace struct {
	Home     string
	Store    *model.Store
	Identity Identity
	Config   Config
	Log      *slog.Logger // pacta.log in Home (OpenLog): what fails where nobody waits for an answer
	Blobs    model.Blobs
	hooks    []func() // commit hooks, kept when the store is replaced
	// syncErr is the last sync failure logged (logSync), guarded by syncMu.
	syncMu  sync.Mutex
	syncErr string
}

// ErrNoWorkspace means the directory holds no workspace yet.
var ErrNoWorkspace = errs.E(errs.NotFound, errors.New("no workspace here"))

// ErrExists means init was asked to overwrite a workspace.
var ErrExists = errs.E(errs.Conflict, errors.New("a workspace already exists here"))

// Exists reports whether home holds a workspace database.
func Exists(home string) bool {
	_, err := os.Stat(filepath.Join(home, dbFile))
	return err == nil
}

// OpenOptions tunes Open (tests inject a clock).
type OpenOptions struct {
	Clock model.Clock
	Log   *slog.Logger // nil: OpenLog(home, nil)
}

// Open opens the workspace in home; ErrNoWorkspace when there is none.
func Open(home string, opts ...OpenOptions) (*Workspace, error) {
	if !Exists(home) {
		return nil, fmt.Errorf("open workspace %s: %w", home, ErrNoWorkspace)
	}
	return open(home, opts...)
}

func open(home string, opts ...OpenOptions) (*Workspace, error) {
	var o OpenOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	id, err := LoadOrCreateIdentity(home)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	cfg, err := LoadConfig(home)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	log := o.Log
	if log == nil {
		log = OpenLog(home, nil)
	}
	st, err := model.Open(filepath.Join(home, dbFile), model.Options{Device: id.Device, Clock: o.Clock, Log: log})
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	log.Debug("open workspace", "home", home, "device", id.Device)
	// The workspace's own translations are the ones in use, for the window and for what
	// the commands print.
	if err := translations.Apply(st.DB()); err != nil {
		log.Error("apply translations", "err", err)
	}
	return &Workspace{Home: home, Store: st, Identity: id, Config: cfg, Blobs: model.Blobs{Dir: filepath.Join(home, blobDir)}, Log: log}, nil
}

// Init creates a new workspace named name in home and, with sample, fills it with the
// sample data. It refuses to overwrite an existing workspace.
func Init(ctx context.Context, home, name string, sample bool, opts ...OpenOptions) (*Workspace, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, errs.E("init", errs.Invalid, errs.Key("settings.error.municipality_required"))
	}
	if Exists(home) {
		return nil, fmt.Errorf("init %s: %w", home, ErrExists)
	}
	ws, err := open(home, opts...)
	if err != nil {
		return nil, err
	}
	if ws.Config.DeviceName == "" {
		ws.Config.DeviceName = DefaultDeviceName()
	}
	if err := SaveConfig(home, ws.Config); err != nil {
		ws.Close()
		return nil, err
	}
	err = ws.Store.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, name); err != nil {
			return err
		}
		// The language the workspace is made in: Italian ones print the second signature
		// of Art. 1341 c.c. unless told otherwise (pacts.Workspace.Art1341In).
		if err := tx.PutSetting(pacts.SettingWorkspaceLang, ws.Language()); err != nil {
			return err
		}
		return tx.PutSetting(model.SettingLegalBasis, i18n.In(ws.Language()).T("settings.legal_basis.default"))
	})
	if err == nil && sample {
		err = LoadSample(ctx, ws)
	}
	if err != nil {
		ws.Close()
		return nil, fmt.Errorf("init: %w", err)
	}
	return ws, nil
}

// Close closes the database.
func (w *Workspace) Close() error { return w.Store.Close() }

// Language is the language in use on this laptop: PACTA_LANG when set (a tester's
// override, the pseudo-locale among others), the setting, else the system locale.
func (w *Workspace) Language() string {
	if l := i18n.Override(); l != "" {
		return l
	}
	if w.Config.Language != "" {
		return i18n.Normalize(w.Config.Language)
	}
	return i18n.FromEnvironment()
}

// Settings reads the current settings.
func (w *Workspace) Settings(ctx context.Context) (Settings, error) {
	db := w.Store.DB()
	mun, err := model.GetSetting(db, model.SettingMunicipality, "")
	if err != nil {
		return Settings{}, err
	}
	lb, err := model.GetSetting(db, model.SettingLegalBasis, "")
	if err != nil {
		return Settings{}, err
	}
	return Settings{Municipality: mun, LegalBasis: lb, Language: w.Config.Language, DeviceName: w.Config.DeviceName}, nil
}

// Municipality is the workspace's municipality name.
func (w *Workspace) Municipality() string {
	s, _ := model.GetSetting(w.Store.DB(), model.SettingMunicipality, "")
	return s
}

// EditSettings writes what the Settings screen changed: the values in which s differs from
// base, the settings as the screen showed them when it was filled in. A workspace value
// not changed keeps what is stored now, which a sync or another process may have written
// meanwhile; one changed here and elsewhere takes s's value, and the other one is kept as a
// conflict (model.Tx.EditSetting). This laptop's own values changed are written into
// config.json as it is now. The language switches at once.
func (w *Workspace) EditSettings(ctx context.Context, base, s Settings) error {
	s.Municipality = strings.TrimSpace(s.Municipality)
	s.DeviceName = strings.TrimSpace(s.DeviceName)
	if err := s.Validate(); err != nil {
		return err
	}
	if err := w.Store.Update(ctx, func(tx *model.Tx) error {
		if s.Municipality != strings.TrimSpace(base.Municipality) {
			if err := tx.EditSetting(model.SettingMunicipality, base.Municipality, s.Municipality); err != nil {
				return err
			}
		}
		return tx.EditSetting(model.SettingLegalBasis, base.LegalBasis, s.LegalBasis)
	}); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	cfg, err := LoadConfig(w.Home)
	if err != nil {
		cfg = w.Config
	}
	changed := false
	if s.Language != base.Language {
		cfg.Language, changed = s.Language, true
	}
	if s.DeviceName != strings.TrimSpace(base.DeviceName) {
		cfg.DeviceName, changed = s.DeviceName, true
	}
	w.Config = cfg
	if changed {
		if err := SaveConfig(w.Home, w.Config); err != nil {
			return err
		}
	}
	i18n.SetCurrent(w.Language())
	return nil
}

// SaveSettings validates and stores s, every value of it: workspace values through the
// change log, local values in config.json; the language switches at once. s replaces what
// is stored whatever it was: a form that shows the settings uses EditSettings, which
// writes only what its user changed.
func (w *Workspace) SaveSettings(ctx context.Context, s Settings) error {
	s.Municipality = strings.TrimSpace(s.Municipality)
	s.DeviceName = strings.TrimSpace(s.DeviceName)
	if err := s.Validate(); err != nil {
		return err
	}
	if err := w.Store.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, s.Municipality); err != nil {
			return err
		}
		return tx.PutSetting(model.SettingLegalBasis, s.LegalBasis)
	}); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	w.Config.Language = s.Language
	w.Config.DeviceName = s.DeviceName
	if err := SaveConfig(w.Home, w.Config); err != nil {
		return err
	}
	i18n.SetCurrent(w.Language())
	return nil
}

// Restore replaces the workspace database in home by the backup file src. The backup is
// checked first; the current database is kept beside it as pacta.db.before-restore. When
// the workspace is shared (true), the copy is told it was restored before it replaces the
// database, so that no crash leaves a restored database unmarked: its next sync recovers
// this laptop's own work shared after the backup from the folder and numbers on after it,
// under the same identity (syncfolder.MarkRestored).
func Restore(ctx context.Context, home, src string) (shared bool, err error) {
	if _, err := os.Stat(src); err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	if lock, err := AcquireGUILock(home); err != nil {
		return false, fmt.Errorf("restore: close the Pacta window on this workspace first (%w)", err)
	} else {
		defer lock.Release()
	}
	dst := filepath.Join(home, dbFile)
	// The backup is checked on its copy, opened as this laptop: opening a store under
	// another device id starts a new numbering in it (a copied data folder), which would
	// change the backup itself and make this laptop number its changes from one again.
	tmp := dst + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	device := "restore-check"
	if id, err := LoadIdentity(home); err == nil {
		device = id.Device
	}
	probe, err := model.Open(tmp, model.Options{Device: device})
	if err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("restore: %s is not a Pacta backup: %w", src, err)
	}
	rep, err := probe.Check(ctx)
	if err == nil && rep.Integrity != "ok" {
		err = fmt.Errorf("%s is damaged (%s); choose another backup", src, rep.Integrity)
	}
	if err == nil {
		shared, err = syncfolder.MarkRestored(ctx, probe)
	}
	probe.Close()
	if err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("restore: check %s: %w", src, err)
	}
	if Exists(home) {
		if err := copyFile(dst, dst+".before-restore"); err != nil {
			return false, fmt.Errorf("restore: keep the current database: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	os.Remove(tmp + "-shm")
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		// The check's close left its log: it goes with the file.
		if err := os.Rename(tmp+"-wal", dst+"-wal"); err != nil {
			return false, fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	return shared, nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeFileAtomic(dst, b, 0o644)
}
