package syncfolder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	"pacta/model"
)

func readAll(p string) ([]byte, error) { return os.ReadFile(p) }

// Status is what the Sync screen and `pacta sync status` show.
type Status struct {
	Workspace     string              `json:"workspace"`
	WorkspaceName string              `json:"workspace_name"`
	Device        string              `json:"device"`
	Enrolled      bool                `json:"enrolled"`
	Admin         bool                `json:"admin"`
	LastSync      string              `json:"last_sync"`
	LastError     string              `json:"last_error"`
	PendingOut    int                 `json:"pending_out"`
	PendingIn     int                 `json:"pending_in"`
	Conflicts     int                 `json:"conflicts"`
	Quarantined   []model.Quarantined `json:"quarantined"`
	Flagged       int                 `json:"flagged"`
	Devices       []model.Device      `json:"devices"`
	Requests      []DeviceFile        `json:"requests"` // devices asking to be enrolled
	// Behind are the enrolled devices whose device file was last written by a Pacta that
	// cannot read this one's segments (it quarantines them): they need an upgrade.
	Behind []model.Device `json:"behind"`
}

// Status reads the local sync state and, when the folder is reachable, the join requests.
func (e *Engine) Status(ctx context.Context) (Status, error) {
	db := e.Store.DB()
	st := Status{Workspace: e.Workspace(ctx), WorkspaceName: e.meta(ctx, metaWSName), Device: e.ID.Device,
		LastSync: e.meta(ctx, metaLast), LastError: e.meta(ctx, metaLastError)}
	_, admin, ok := isEnrolled(db, e.meta(ctx, metaFounder), e.meta(ctx, metaFounderKey), e.ID.Device)
	st.Enrolled, st.Admin = ok && st.Workspace != "", admin && st.Workspace != ""
	out, err := e.pendingOut(ctx)
	if err != nil {
		return st, err
	}
	st.PendingOut = out
	st.PendingIn = int(e.metaInt(ctx, metaPendingIn))
	c, err := model.ReadSyncCounts(db)
	if err != nil {
		return st, err
	}
	st.Conflicts, st.Flagged = c.OpenConflicts, c.Flagged
	if st.Quarantined, err = model.ListQuarantine(db); err != nil {
		return st, err
	}
	if st.Devices, err = model.ListDevices(db); err != nil {
		return st, err
	}
	st.Behind = []model.Device{}
	if st.Workspace != "" && e.FS != nil {
		// The folder may be out of reach: the status is then what the database knows.
		if files, err := ReadDeviceFiles(e.FS, st.Workspace); err == nil {
			st.Requests, _ = e.requests(ctx, files)
			st.Behind = behind(st.Devices, files, e.ID.Device)
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

// Requests lists device files of the folder whose device is neither enrolled nor rejected.
func (e *Engine) Requests(ctx context.Context) ([]DeviceFile, error) {
	files, err := ReadDeviceFiles(e.FS, e.Workspace(ctx))
	if err != nil {
		return nil, err
	}
	return e.requests(ctx, files)
}

func (e *Engine) requests(ctx context.Context, files []DeviceFile) ([]DeviceFile, error) {
	var out []DeviceFile
	for _, f := range files {
		if f.Device == e.meta(ctx, metaFounder) {
			continue
		}
		d, ok, err := model.GetDevice(e.Store.DB(), f.Device)
		if err != nil {
			return nil, err
		}
		if ok && (d.Status == model.DeviceEnrolled || d.Status == model.DeviceRejected) && d.PublicKey == f.PublicKey {
			continue
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ErrNotAdmin is returned when a device that is not an administrator tries to enrol.
var ErrNotAdmin = errors.New("only an administrator device can enrol or reject devices; ask the workspace's administrator")

// Enrol admits device (whose request is in the folder) into the workspace, as an
// administrator when admin is set. The enrolment is a change in this device's log.
func (e *Engine) Enrol(ctx context.Context, device string, admin bool) error {
	return e.decide(ctx, device, model.DeviceEnrolled, admin)
}

// Reject refuses device's request; its segments stay quarantined.
func (e *Engine) Reject(ctx context.Context, device string) error {
	return e.decide(ctx, device, model.DeviceRejected, false)
}

func (e *Engine) decide(ctx context.Context, device, status string, admin bool) error {
	ws := e.Workspace(ctx)
	if ws == "" {
		return ErrNotJoined
	}
	founder, fkey := e.meta(ctx, metaFounder), e.meta(ctx, metaFounderKey)
	if _, isAdmin, ok := isEnrolled(e.Store.DB(), founder, fkey, e.ID.Device); !ok || !isAdmin {
		return ErrNotAdmin
	}
	var req *DeviceFile
	files, err := ReadDeviceFiles(e.FS, ws)
	if err != nil {
		return err
	}
	for i := range files {
		if files[i].Device == device {
			req = &files[i]
		}
	}
	cur, known, err := model.GetDevice(e.Store.DB(), device)
	if err != nil {
		return err
	}
	if req == nil && !known {
		return fmt.Errorf("device %s has not asked to join this workspace: on that laptop, join the shared folder first, then sync here", device)
	}
	d := cur
	d.ID = device
	if req != nil {
		d.Name, d.PublicKey = req.Name, req.PublicKey
	}
	d.Status, d.Admin, d.EnrolledBy = status, admin && status == model.DeviceEnrolled, e.ID.Device
	return e.Store.Update(ctx, func(tx *model.Tx) error { return tx.Put(&d) })
}

// TakeNewIdentity is called after a clone was detected and the store reopened under a new
// device id (old is the copied one): the values old wrote here and never wrote to the
// folder are stamped again under the new id (segments sealed and not written are given
// up: the copy may have written others with their numbers), and this device's export
// starts over with segment 1. The new device must then be enrolled like any new laptop.
func (e *Engine) TakeNewIdentity(ctx context.Context, old string) (int, error) {
	exported := e.metaInt(ctx, metaExported)
	var n int
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		var err error
		if n, err = tx.ReissueChanges(old, exported); err != nil {
			return err
		}
		if err := tx.DeleteOutbox(0); err != nil {
			return err
		}
		for k, v := range map[string]string{metaExported: "0", metaSegment: "0", metaSegmentHash: "", metaLastError: ""} {
			if err := tx.SetMetaTx(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("take a new identity: %w", err)
	}
	return n, nil
}
