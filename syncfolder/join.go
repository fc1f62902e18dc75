// Creating a shared workspace, reading it before trusting it, joining it, and checking the
// folder belongs to it.

package syncfolder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"pacta/internal/replica"
	"pacta/model"
)

// Create makes a new shared workspace in the folder, with this device as its founder and
// first administrator, and exports everything this workspace holds.
func (e *Engine) Create(ctx context.Context, name string) (Report, error) {
	if e.Workspace(ctx) != "" {
		return Report{}, ErrJoinedElsewhere
	}
	if ok, err := e.FS.Exists(workspaceFile); err != nil {
		return Report{}, fmt.Errorf("create shared folder: %w", err)
	} else if ok {
		return Report{}, errors.New("create shared folder: the folder already holds a Pacta workspace; join it instead")
	}
	for _, d := range []string{Root, devicesDir, logDir, blobsDir} {
		if err := e.FS.MkdirAll(d); err != nil {
			return Report{}, fmt.Errorf("create shared folder: %w", err)
		}
	}
	w := WorkspaceFile{Format: "pacta-workspace/1", ID: model.NewID(), Name: name, FoundingDevice: e.ID.Device,
		FoundingKey: encodeKey(e.ID.PublicKey), Created: nowString(e.now())}
	b, _ := json.MarshalIndent(w, "", "  ")
	if err := e.FS.WriteFileAtomic(workspaceFile, append(b, '\n')); err != nil {
		return Report{}, fmt.Errorf("create shared folder: %w", err)
	}
	if err := e.adopt(ctx, w); err != nil {
		return Report{}, err
	}
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		if err := replica.Change(tx, func(s *replica.State) { s.Created = w.Created }); err != nil {
			return err
		}
		return tx.Put(&model.Device{Row: model.Row{ID: e.ID.Device}, Name: e.Name, PublicKey: encodeKey(e.ID.PublicKey),
			Admin: true, EnrolledBy: e.ID.Device, Status: model.DeviceEnrolled})
	})
	if err != nil {
		return Report{}, fmt.Errorf("create shared folder: enrol this device: %w", err)
	}
	return e.Sync(ctx)
}

// Peek reads the workspace in the folder without trusting or applying anything: what a
// person must see before joining, above all its fingerprint (WorkspaceFingerprint), to
// compare with the one the founder's laptop shows.
func (e *Engine) Peek(ctx context.Context) (WorkspaceFile, error) {
	if err := missingRoot(e.FS); err != nil {
		return WorkspaceFile{}, err
	}
	return readWorkspaceFile(e.FS)
}

// WorkspaceFingerprint is the fingerprint of a workspace: that of its founding key.
func WorkspaceFingerprint(w WorkspaceFile) string { return Fingerprint(w.FoundingKey) }

// Join makes this store a replica of the folder's workspace and writes this device's
// request to be enrolled; an administrator then enrols it, and until then its changes
// wait. expect is the workspace fingerprint a person accepted (Peek shows it): nothing is
// trusted when workspace.json shows another. A store that has joined already keeps the
// founding key it accepted then, and expect may be empty.
func (e *Engine) Join(ctx context.Context, expect string) (WorkspaceFile, error) {
	w, err := e.Peek(ctx)
	if err != nil {
		return w, fmt.Errorf("join: %w", err)
	}
	cur := e.Workspace(ctx)
	if cur != "" && cur != w.ID {
		return w, fmt.Errorf("join: %w", ErrJoinedElsewhere)
	}
	if cur == "" {
		if fp := WorkspaceFingerprint(w); !SameFingerprint(expect, fp) {
			return w, fmt.Errorf("join: %w", &FingerprintError{What: "the workspace " + strconv.Quote(w.Name), Expected: expect, Found: fp})
		}
		if err := e.adopt(ctx, w); err != nil {
			return w, err
		}
	}
	if err := e.writeDeviceFile(ctx, w.ID); err != nil {
		return w, fmt.Errorf("join: %w", err)
	}
	return w, nil
}

// adopt remembers the workspace, its founder and the founder's key (trusted from now on).
func (e *Engine) adopt(ctx context.Context, w WorkspaceFile) error {
	return e.Store.Update(ctx, func(tx *model.Tx) error {
		return replica.Change(tx, func(s *replica.State) {
			s.Workspace, s.WorkspaceName, s.Created = w.ID, w.Name, w.Created
			s.Founder, s.FounderKey = w.FoundingDevice, w.FoundingKey
		})
	})
}

func (e *Engine) writeDeviceFile(ctx context.Context, ws string) error {
	d := DeviceFile{Device: e.ID.Device, Name: e.Name, PublicKey: encodeKey(e.ID.PublicKey), Workspace: ws, Reads: readableFormats}
	d.Requested = nowString(e.now())
	if b, err := e.FS.ReadFile(devicePath(e.ID.Device)); err == nil {
		var old DeviceFile
		if json.Unmarshal(b, &old) == nil && old.Name == d.Name && old.PublicKey == d.PublicKey && old.Workspace == ws {
			if slices.Equal(old.Reads, d.Reads) {
				return nil
			}
			// Only the formats changed (this Pacta was upgraded): the request keeps its date.
			d.Requested = old.Requested
		}
	}
	if err := e.FS.MkdirAll(devicesDir); err != nil {
		return fmt.Errorf("write device file: %w", err)
	}
	b, _ := json.MarshalIndent(d, "", "  ")
	if err := e.FS.WriteFileAtomic(devicePath(e.ID.Device), append(b, '\n')); err != nil {
		return fmt.Errorf("write device file: %w", err)
	}
	return nil
}

// checkFolder verifies the folder belongs to this store's workspace. The founding key
// this laptop accepted stays the one it trusts: a workspace.json that shows another (or
// none) is flagged, and the founder writes it again as it made it.
func (e *Engine) checkFolder(ctx context.Context, rep *Report) (string, error) {
	ws := e.Workspace(ctx)
	if ws == "" {
		return "", ErrNotJoined
	}
	if err := missingRoot(e.FS); err != nil {
		return "", err
	}
	accepted := e.acceptedWorkspace(ctx)
	w, err := readWorkspaceFile(e.FS)
	switch {
	case err == nil && w.ID != ws:
		return "", ErrOtherWorkspace
	case err == nil && w.FoundingDevice == accepted.FoundingDevice && w.FoundingKey == accepted.FoundingKey:
		e.note(ctx, func(s *replica.State) { s.WorkspaceChanged = "" })
		return ws, nil
	}
	if accepted.FoundingDevice == e.ID.Device {
		// The founder mends the file, so that laptops joining later see the right code.
		b, _ := json.MarshalIndent(accepted, "", "  ")
		if werr := e.FS.WriteFileAtomic(workspaceFile, append(b, '\n')); werr != nil {
			return "", fmt.Errorf("write %s again: %w", workspaceFile, werr)
		}
		rep.Repaired = append(rep.Repaired, workspaceFile)
		e.note(ctx, func(s *replica.State) { s.WorkspaceChanged = "" })
		return ws, nil
	}
	found := "?"
	if err == nil {
		found = WorkspaceFingerprint(w)
	}
	rep.WorkspaceChanged = found
	e.note(ctx, func(s *replica.State) { s.WorkspaceChanged = found })
	return ws, nil
}

// acceptedWorkspace is workspace.json as this laptop accepted it (or made it).
func (e *Engine) acceptedWorkspace(context.Context) WorkspaceFile {
	s := e.state()
	return WorkspaceFile{Format: "pacta-workspace/1", ID: s.Workspace, Name: s.WorkspaceName,
		FoundingDevice: s.Founder, FoundingKey: s.FounderKey, Created: s.Created}
}
