package syncfolder

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"

	"pacta/internal/errs"
	"pacta/internal/replica"
	"pacta/model"
)

func readAll(p string) ([]byte, error) { return os.ReadFile(p) }

// Status is what the Sync screen and `pacta sync status` show.
type Status struct {
	Workspace     string                `json:"workspace"`
	WorkspaceName string                `json:"workspace_name"`
	Device        string                `json:"device"`
	Enrolled      bool                  `json:"enrolled"`
	Admin         bool                  `json:"admin"`
	LastSync      string                `json:"last_sync"`
	LastError     string                `json:"last_error"`
	PendingOut    int                   `json:"pending_out"`
	PendingIn     int                   `json:"pending_in"`
	Conflicts     int                   `json:"conflicts"`
	Quarantined   []replica.Quarantined `json:"quarantined"`
	Flagged       int                   `json:"flagged"`
	// FlaggedDevices are the devices whose own clock ran more than an hour ahead when they
	// wrote the changes flagged (by id; Devices has their names).
	FlaggedDevices []string       `json:"flagged_devices"`
	Devices        []model.Device `json:"devices"`
	Requests       []DeviceFile   `json:"requests"` // devices asking to be enrolled
	// KeyChanges are devices whose file in the folder shows another key than the pinned one.
	KeyChanges []KeyChange `json:"key_changes"`
	// FolderFingerprints are the fingerprints of the keys the device files in the folder
	// show, by device (for listings; KeyChanges names those that differ from the pinned).
	FolderFingerprints map[string]string `json:"-"`
	// WorkspaceFingerprint is the code people compare before joining (the founding key's).
	WorkspaceFingerprint string `json:"workspace_fingerprint"`
	// WorkspaceChanged is the fingerprint workspace.json showed at the last sync when it was
	// not the accepted one ("" when it was).
	WorkspaceChanged string `json:"workspace_changed,omitempty"`
	Revoked          bool   `json:"revoked,omitempty"` // an administrator revoked this device
	// Behind are the enrolled devices whose device file was last written by a Pacta that
	// cannot read this one's segments (it quarantines them): they need an upgrade.
	Behind []model.Device `json:"behind"`
}

// Status reads the local sync state and, when the folder is reachable, the join requests.
func (e *Engine) Status(ctx context.Context) (Status, error) {
	db := e.Store.DB()
	local := e.state()
	st := Status{Workspace: local.Workspace, WorkspaceName: local.WorkspaceName, Device: e.ID.Device,
		LastSync: local.LastSync, LastError: local.LastError, WorkspaceChanged: local.WorkspaceChanged,
		PendingIn: int(local.PendingIn)}
	founder, founderKey := local.Founder, local.FounderKey
	self := trustOf(db, founder, founderKey, e.ID.Device)
	st.Enrolled, st.Admin = self.enrolled() && st.Workspace != "", self.enrolled() && self.admin && st.Workspace != ""
	st.Revoked = self.status == model.DeviceRevoked && st.Workspace != ""
	if founderKey != "" {
		st.WorkspaceFingerprint = Fingerprint(founderKey)
	}
	out, err := e.pendingOut(ctx)
	if err != nil {
		return st, err
	}
	st.PendingOut = out
	c, err := replica.ReadSyncCounts(db)
	if err != nil {
		return st, err
	}
	st.Conflicts, st.Flagged = c.OpenConflicts, c.Flagged
	if st.FlaggedDevices, err = replica.FlaggedDevices(db); err != nil {
		return st, err
	}
	if st.Quarantined, err = replica.ListQuarantine(db); err != nil {
		return st, err
	}
	if st.Devices, err = replica.ListDevices(db); err != nil {
		return st, err
	}
	st.Behind, st.KeyChanges = []model.Device{}, []KeyChange{}
	if st.Workspace != "" && e.FS != nil {
		// The folder may be out of reach: the status is then what the database knows.
		if files, err := ReadDeviceFiles(e.FS, st.Workspace); err == nil {
			st.Requests, _ = e.requests(ctx, files)
			st.Behind = behind(st.Devices, files, e.ID.Device)
			st.KeyChanges = keyChanges(db, founder, founderKey, files)
			st.FolderFingerprints = map[string]string{}
			for _, f := range files {
				st.FolderFingerprints[f.Device] = Fingerprint(f.PublicKey)
			}
		}
	}
	return st, nil
}

// behind lists the enrolled devices other than self whose device file does not say that
// they read this Pacta's segments. A device without a file in the folder is left out:
// nothing is known of its version.
func behind(devices []model.Device, files []DeviceFile, self string) []model.Device {
	out := []model.Device{}
	for _, d := range devices {
		if d.ID == self || d.Status != model.DeviceEnrolled {
			continue
		}
		for _, f := range files {
			if f.Device == d.ID && f.PublicKey == d.PublicKey && !f.ReadsOurs() {
				out = append(out, d)
			}
		}
	}
	return out
}

// Requests lists device files of the folder whose device is not known yet (a known device
// whose file shows another key is a KeyChange, not a request).
func (e *Engine) Requests(ctx context.Context) ([]DeviceFile, error) {
	files, err := ReadDeviceFiles(e.FS, e.Workspace(ctx))
	if err != nil {
		return nil, err
	}
	return e.requests(ctx, files)
}

func (e *Engine) requests(ctx context.Context, files []DeviceFile) ([]DeviceFile, error) {
	var out []DeviceFile
	founder := e.state().Founder
	for _, f := range files {
		if f.Device == founder {
			continue
		}
		d, ok, err := replica.GetDevice(e.Store.DB(), f.Device)
		if err != nil {
			return nil, err
		}
		if ok && d.Status != model.DeviceRequested && d.PublicKey != "" {
			continue
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ErrNotAdmin is returned when a device that is not an administrator tries to enrol.
var ErrNotAdmin = errs.E(errs.Permission, errs.Key("sync.error.not_admin"))

// Enrol admits device (whose request is in the folder) into the workspace, as an
// administrator when admin is set. The enrolment is a change in this device's log, signed
// with its key, and it pins the device's key: a device enrolled before keeps the key
// pinned then, whatever its file in the folder says now (EnrolKey accepts a new one).
func (e *Engine) Enrol(ctx context.Context, device string, admin bool) error {
	return e.decide(ctx, device, model.DeviceEnrolled, admin, "")
}

// EnrolKey enrols device with the key its file in the folder shows, after a person
// compared that key's fingerprint with the one shown on the device (fingerprint, as they
// typed it): it is refused when they differ. This is the only way a pinned key changes.
func (e *Engine) EnrolKey(ctx context.Context, device string, admin bool, fingerprint string) error {
	if NormalizeFingerprint(fingerprint) == "" {
		return errs.E(errs.Invalid, errs.Key("sync.error.fingerprint_required"))
	}
	return e.decide(ctx, device, model.DeviceEnrolled, admin, fingerprint)
}

// Reject refuses device's request; its segments stay quarantined.
func (e *Engine) Reject(ctx context.Context, device string) error {
	return e.decide(ctx, device, model.DeviceRejected, false, "")
}

// Revoke revokes a lost or stolen device: the segments it seals once it has applied the
// revocation are quarantined on every laptop, what it did before stays, and its Pacta
// stops sharing. To be enrolled again it needs a new key (EnrolKey).
func (e *Engine) Revoke(ctx context.Context, device string) error {
	founder, founderKey, err := e.mayDecide(ctx)
	if err != nil {
		return err
	}
	if device == e.ID.Device {
		return errs.E(errs.Conflict, errs.Key("sync.error.revoke_self"))
	}
	return e.Store.Update(ctx, func(tx *model.Tx) error {
		d, known, err := replica.GetDevice(tx, device)
		if err != nil {
			return err
		}
		if device == founder && !known {
			d, known = model.Device{Row: model.Row{ID: device}, Name: "", PublicKey: founderKey}, true
		}
		if !known || d.PublicKey == "" {
			return errs.E(errs.NotFound, errs.Key("sync.error.device_unknown"), map[string]any{"Device": device})
		}
		// Admin stays as it was: what the device did before its revocation is judged by
		// the rights it had then, alike on every laptop.
		d.Status, d.EnrolledBy = model.DeviceRevoked, e.ID.Device
		return tx.Put(&d)
	})
}

// mayDecide checks that this device is an administrator of a joined workspace.
func (e *Engine) mayDecide(ctx context.Context) (founder, founderKey string, err error) {
	if e.Workspace(ctx) == "" {
		return "", "", ErrNotJoined
	}
	local := e.state()
	founder, founderKey = local.Founder, local.FounderKey
	if _, isAdmin, ok := isEnrolled(e.Store.DB(), founder, founderKey, e.ID.Device); !ok || !isAdmin {
		return "", "", ErrNotAdmin
	}
	return founder, founderKey, nil
}

func (e *Engine) decide(ctx context.Context, device, status string, admin bool, fingerprint string) error {
	founder, _, err := e.mayDecide(ctx)
	if err != nil {
		return err
	}
	if device == founder {
		return errs.E(errs.Conflict, errs.Key("sync.error.founder_fixed"))
	}
	var req *DeviceFile
	files, err := ReadDeviceFiles(e.FS, e.Workspace(ctx))
	if err != nil {
		return err
	}
	for i := range files {
		if files[i].Device == device {
			req = &files[i]
		}
	}
	cur, known, err := replica.GetDevice(e.Store.DB(), device)
	if err != nil {
		return err
	}
	if req == nil && !known {
		return errs.E(errs.NotFound, errs.Key("sync.error.not_requested"), map[string]any{"Device": device})
	}
	pinned := known && cur.PublicKey != ""
	d := cur
	d.ID = device
	switch {
	case fingerprint != "":
		if req == nil {
			return errs.E(errs.NotFound, errs.Key("sync.error.no_device_file"), map[string]any{"Device": device})
		}
		if !SameFingerprint(fingerprint, Fingerprint(req.PublicKey)) {
			return &FingerprintError{What: strconv.Quote(req.Name), Expected: fingerprint, Found: Fingerprint(req.PublicKey)}
		}
		if cur.Status == model.DeviceRevoked && cur.PublicKey == req.PublicKey {
			return errs.E(errs.Conflict, errs.Key("sync.error.key_revoked"))
		}
		d.Name, d.PublicKey = req.Name, req.PublicKey
	case pinned && cur.Status == model.DeviceRevoked && status == model.DeviceEnrolled:
		return errs.E(errs.Invalid, errs.Key("sync.error.revoked_needs_key"))
	case !pinned:
		d.Name, d.PublicKey = req.Name, req.PublicKey
	}
	// A pinned key stays, whatever the device file says now (it may have been edited).
	d.Status, d.Admin, d.EnrolledBy = status, admin && status == model.DeviceEnrolled, e.ID.Device
	return e.Store.Update(ctx, func(tx *model.Tx) error { return tx.Put(&d) })
}

// TakeNewIdentity is called after a clone was detected and the store reopened under a new
// device id (old is the copied one): the values old wrote here and never wrote to the
// folder are stamped again under the new id (segments sealed and not written are given
// up: the copy may have written others with their numbers), and this device's export
// starts over with segment 1. The new device must then be enrolled like any new laptop.
func (e *Engine) TakeNewIdentity(ctx context.Context, old string) (int, error) {
	var n int
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		local, err := replica.Read(tx)
		if err != nil {
			return err
		}
		if n, err = tx.ReissueChanges(old, local.Exported); err != nil {
			return err
		}
		if err := replica.DeleteOutbox(tx); err != nil {
			return err
		}
		return replica.Change(tx, func(s *replica.State) {
			s.Exported, s.Segment, s.SegmentHash, s.LastError, s.RenewFrom = 0, 0, "", "", ""
		})
	})
	if err != nil {
		return 0, fmt.Errorf("take a new identity: %w", err)
	}
	return n, nil
}
