package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
)

// metaSample marks a workspace filled with sample data (local, never synced).
const metaSample = "sample"

// IsSample reports whether the workspace still holds the sample data it was created with.
func (w *Workspace) IsSample(ctx context.Context) bool {
	v, _ := w.Store.GetMeta(ctx, metaSample)
	return v == "1"
}

// OnCommit registers f on the workspace's store, and again on any store that later
// replaces it (after setting data aside or taking a new identity).
func (w *Workspace) OnCommit(f func()) {
	w.hooks = append(w.hooks, f)
	w.Store.OnCommit(f)
}

// replaceStore puts st in place of the current store, keeping the commit hooks.
func (w *Workspace) replaceStore(st *model.Store) {
	w.Store = st
	for _, h := range w.hooks {
		st.OnCommit(h)
	}
}

// SetAside moves the workspace's data out of the way, never deleting it: the database is
// renamed pacta.db.set-aside-<time> beside the new one, this laptop takes a new identity
// (so that nothing it wrote before can be mistaken for what it writes next) and an empty
// database takes its place. Local settings (language, device name) are kept. It returns
// where the old data went.
func (w *Workspace) SetAside(ctx context.Context) (string, error) {
	path := w.Store.Path()
	if err := w.Store.Close(); err != nil {
		return "", fmt.Errorf("set aside: %w", err)
	}
	dst := fmt.Sprintf("%s.set-aside-%s", path, time.Now().UTC().Format("20060102-150405"))
	if err := os.Rename(path, dst); err != nil {
		// Put the store back so that the window keeps working.
		if st, oerr := model.Open(path, model.Options{Device: w.Identity.Device, Log: w.Log}); oerr == nil {
			w.replaceStore(st)
		}
		return "", fmt.Errorf("set aside: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			os.Rename(path+suffix, dst+suffix)
		}
	}
	id, err := NewIdentity(w.Home)
	if err != nil {
		return dst, fmt.Errorf("set aside: %w", err)
	}
	st, err := model.Open(path, model.Options{Device: id.Device, Log: w.Log})
	if err != nil {
		return dst, fmt.Errorf("set aside: open the new database: %w", err)
	}
	w.Log.Info("set aside", "kept_as", dst, "old_device", w.Identity.Device, "device", id.Device)
	w.Identity = id
	w.replaceStore(st)
	return dst, nil
}

// StartOver sets the current data aside and starts an empty workspace for municipality.
func (w *Workspace) StartOver(ctx context.Context, municipality string) (string, error) {
	municipality = strings.TrimSpace(municipality)
	if municipality == "" {
		return "", FieldError{"municipality", "settings.error.municipality_required"}
	}
	dst, err := w.SetAside(ctx)
	if err != nil {
		return dst, err
	}
	err = w.Store.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, municipality); err != nil {
			return err
		}
		return tx.PutSetting(model.SettingLegalBasis, i18n.In(w.Language()).T("settings.legal_basis.default"))
	})
	if err != nil {
		return dst, fmt.Errorf("start over: %w", err)
	}
	return dst, nil
}

// SetAsideFiles lists the databases set aside in home, newest first.
func SetAsideFiles(home string) []string {
	m, _ := filepath.Glob(filepath.Join(home, dbFile+".set-aside-*"))
	var out []string
	for i := len(m) - 1; i >= 0; i-- {
		if !strings.HasSuffix(m[i], "-wal") && !strings.HasSuffix(m[i], "-shm") {
			out = append(out, m[i])
		}
	}
	return out
}
