package syncfolder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"time"

	"pacta/model"
)

// Local bookkeeping kept in the store's meta table (never synced).
const (
	metaWorkspace   = "sync.workspace"
	metaWSName      = "sync.workspace_name"
	metaFounder     = "sync.founder"
	metaFounderKey  = "sync.founder_key"
	metaExported    = "sync.exported_seq" // the last change of this device written to the folder
	metaSegment     = "sync.segment"
	metaSegmentHash = "sync.segment_hash"
	metaLast        = "sync.last"
	metaLastError   = "sync.last_error"
	metaPendingIn   = "sync.pending_in"
	// MetaFolder is where the app remembers the last folder used.
	MetaFolder = "sync.folder"
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
	ExportError  string   `json:"export_error,omitempty"`
	ImportError  string   `json:"import_error,omitempty"`
	WaitingEnrol bool     `json:"waiting_enrolment,omitempty"` // this device is not enrolled yet
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Engine) meta(ctx context.Context, key string) string {
	v, _ := e.Store.GetMeta(ctx, key)
	return v
}

func (e *Engine) metaInt(ctx context.Context, key string) int64 {
	n, _ := strconv.ParseInt(e.meta(ctx, key), 10, 64)
	return n
}

// Workspace is the shared workspace id this store belongs to ("" when it has not joined).
func (e *Engine) Workspace(ctx context.Context) string { return e.meta(ctx, metaWorkspace) }

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
		return tx.Put(&model.Device{Row: model.Row{ID: e.ID.Device}, Name: e.Name, PublicKey: encodeKey(e.ID.PublicKey),
			Admin: true, EnrolledBy: e.ID.Device, Status: model.DeviceEnrolled})
	})
	if err != nil {
		return Report{}, fmt.Errorf("create shared folder: enrol this device: %w", err)
	}
	return e.Sync(ctx)
}

// Join makes this store a replica of the folder's workspace and writes this device's
// request to be enrolled. An administrator then enrols it; until then its changes wait.
func (e *Engine) Join(ctx context.Context) (WorkspaceFile, error) {
	w, err := readWorkspaceFile(e.FS)
	if err != nil {
		return w, fmt.Errorf("join: %w", err)
	}
	if cur := e.Workspace(ctx); cur != "" && cur != w.ID {
		return w, fmt.Errorf("join: %w", ErrJoinedElsewhere)
	}
	if err := e.adopt(ctx, w); err != nil {
		return w, err
	}
	if err := e.writeDeviceFile(ctx, w.ID); err != nil {
		return w, fmt.Errorf("join: %w", err)
	}
	return w, nil
}

// adopt remembers the workspace, its founder and the founder's key (trusted from now on).
func (e *Engine) adopt(ctx context.Context, w WorkspaceFile) error {
	return e.Store.Update(ctx, func(tx *model.Tx) error {
		for k, v := range map[string]string{metaWorkspace: w.ID, metaWSName: w.Name, metaFounder: w.FoundingDevice, metaFounderKey: w.FoundingKey} {
			if err := tx.SetMetaTx(k, v); err != nil {
				return err
			}
		}
		return nil
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

// checkFolder verifies the folder belongs to this store's workspace.
func (e *Engine) checkFolder(ctx context.Context) (string, error) {
	ws := e.Workspace(ctx)
	if ws == "" {
		return "", ErrNotJoined
	}
	if err := missingRoot(e.FS); err != nil {
		return "", err
	}
	w, err := readWorkspaceFile(e.FS)
	if err != nil {
		return "", err
	}
	if w.ID != ws {
		return "", ErrOtherWorkspace
	}
	return ws, nil
}

// Sync exports local changes, then imports and applies what others wrote. A failing export
// (full disk, read-only folder) does not stop the import: both are reported.
func (e *Engine) Sync(ctx context.Context) (Report, error) {
	var rep Report
	ws, err := e.checkFolder(ctx)
	if err != nil {
		e.Store.SetMeta(ctx, metaLastError, err.Error())
		return rep, err
	}
	exported, waiting, xerr := e.export(ctx, ws)
	rep.Exported, rep.WaitingEnrol = exported, waiting
	var clone *CloneError
	if errors.As(xerr, &clone) {
		e.Store.SetMeta(ctx, metaLastError, xerr.Error())
		return rep, xerr
	}
	if xerr != nil {
		rep.ExportError = xerr.Error()
	}
	ierr := e.importAll(ctx, ws, &rep)
	if ierr != nil {
		rep.ImportError = ierr.Error()
	}
	if waiting && ierr == nil && xerr == nil {
		// The import may have brought this device's enrolment: export at once.
		n, w, err := e.export(ctx, ws)
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
		e.Store.SetMeta(ctx, metaLastError, err.Error())
		return rep, err
	}
	e.Store.SetMeta(ctx, metaLastError, "")
	e.Store.SetMeta(ctx, metaLast, nowString(e.now()))
	return rep, nil
}

func (e *Engine) fillCounts(ctx context.Context, rep *Report) error {
	out, err := e.pendingOut(ctx)
	if err != nil {
		return err
	}
	rep.PendingOut = out
	rep.Pending = rep.PendingOut + rep.PendingIn
	c, err := model.ReadSyncCounts(e.Store.DB())
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
	out, err := model.Outbox(e.Store.DB())
	if err != nil {
		return 0, err
	}
	for _, o := range out {
		if seg, err := Decode(o.Data); err == nil {
			n += len(seg.Changes)
		}
	}
	return n, nil
}

// isEnrolled reports whether device may write to the workspace, and with which key.
func isEnrolled(q model.Querier, founder, founderKey, device string) (key []byte, admin bool, ok bool) {
	if device == founder {
		k, err := decodeKey(founderKey)
		return k, true, err == nil
	}
	d, found, err := model.GetDevice(q, device)
	if err != nil || !found || d.Deleted || d.Status != model.DeviceEnrolled {
		return nil, false, false
	}
	k, err := decodeKey(d.PublicKey)
	if err != nil {
		return nil, false, false
	}
	return k, d.Admin, true
}

// export writes this device's changes that are not in the folder yet as a new segment.
// waiting is true when the device is not enrolled yet (its changes stay here until it is).
//
// The segment is sealed first, in one transaction with the rows it is read from: the
// changes it holds, its bytes (kept in the outbox until they are in the folder), its
// number and hash. Edits made afterwards then name its changes as the values they replace,
// and a segment that could not be written (the folder is out of reach) is written as it was
// sealed, at the next sync. Every change pending goes into one segment, which a reader
// applies in one transaction: a change may refer to a row that a later change of the same
// export creates.
func (e *Engine) export(ctx context.Context, ws string) (n int, waiting bool, err error) {
	if err := e.checkOwnLog(ctx, ws); err != nil {
		return 0, false, err
	}
	if err := e.writeDeviceFile(ctx, ws); err != nil {
		return 0, false, err
	}
	if _, _, ok := isEnrolled(e.Store.DB(), e.meta(ctx, metaFounder), e.meta(ctx, metaFounderKey), e.ID.Device); !ok {
		return 0, true, nil
	}
	if n, err = e.writeOutbox(ctx); err != nil {
		return n, false, err
	}
	sealed, err := e.seal(ctx, ws)
	if err != nil || !sealed {
		return n, false, err
	}
	// Nothing leaves this laptop that a power cut could take back from its database.
	if err := e.Store.Flush(ctx); err != nil {
		return n, false, fmt.Errorf("export: %w", err)
	}
	m, err := e.writeOutbox(ctx)
	return n + m, false, err
}

// seal makes a segment of the changes pending and keeps it in the outbox; false when
// there was none.
func (e *Engine) seal(ctx context.Context, ws string) (bool, error) {
	sealed := false
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		chs, first, err := tx.PendingChanges()
		if err != nil || len(chs) == 0 {
			return err
		}
		vv, err := model.VersionVector(tx)
		if err != nil {
			return err
		}
		delete(vv, e.ID.Device)
		prev, err := tx.MetaTx(metaSegmentHash)
		if err != nil {
			return err
		}
		last, err := tx.MetaTx(metaSegment)
		if err != nil {
			return err
		}
		num, _ := strconv.ParseInt(last, 10, 64)
		h := Header{Workspace: ws, Device: e.ID.Device, Segment: num + 1, FirstSeq: first,
			LastSeq: chs[len(chs)-1].Seq, Deps: vv, Prev: prev}
		data, sha, err := Encode(h, chs, e.ID.PrivateKey)
		if err != nil {
			return err
		}
		name := SegmentName(h.Segment, sha)
		if err := tx.AddOutbox(model.OutboxSegment{Segment: h.Segment, Name: name, Data: data}); err != nil {
			return err
		}
		if err := tx.RecordSegment(model.SegmentRecord{Device: h.Device, Segment: h.Segment, SHA256: sha,
			FirstSeq: h.FirstSeq, LastSeq: h.LastSeq, Name: name, Applied: nowString(e.now())}); err != nil {
			return err
		}
		for k, v := range map[string]string{metaSegment: strconv.FormatInt(h.Segment, 10), metaSegmentHash: sha} {
			if err := tx.SetMetaTx(k, v); err != nil {
				return err
			}
		}
		sealed = true
		return tx.Seal(h.LastSeq)
	})
	if err != nil {
		return false, fmt.Errorf("export: %w", err)
	}
	return sealed, nil
}

// writeOutbox writes the sealed segments that are not in the folder yet, in order, each
// with the attachments it refers to, and returns how many changes they held.
func (e *Engine) writeOutbox(ctx context.Context) (int, error) {
	out, err := model.Outbox(e.Store.DB())
	if err != nil || len(out) == 0 {
		return 0, err
	}
	if err := e.FS.MkdirAll(path.Join(logDir, e.ID.Device)); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n := 0
	for _, o := range out {
		seg, err := Decode(o.Data)
		if err != nil {
			return n, fmt.Errorf("export: sealed segment %d: %w", o.Segment, err)
		}
		if err := e.exportBlobs(seg.Changes); err != nil {
			return n, err
		}
		if err := e.FS.WriteFileAtomic(path.Join(logDir, e.ID.Device, o.Name), o.Data); err != nil {
			return n, fmt.Errorf("export: write %s: %w", o.Name, err)
		}
		err = e.Store.Update(ctx, func(tx *model.Tx) error {
			if err := tx.DeleteOutbox(o.Segment); err != nil {
				return err
			}
			return tx.SetMetaTx(metaExported, strconv.FormatInt(seg.LastSeq, 10))
		})
		if err != nil {
			return n, fmt.Errorf("export: %w", err)
		}
		n += len(seg.Changes)
	}
	return n, nil
}

// exportBlobs copies the attachments that chs refer to into the folder.
func (e *Engine) exportBlobs(chs []model.Change) error {
	for _, c := range chs {
		if c.Table != "attachments" {
			continue
		}
		var fields struct {
			SHA256 *string `json:"sha256"`
		}
		if json.Unmarshal(c.Fields, &fields) != nil || fields.SHA256 == nil {
			continue
		}
		sha := *fields.SHA256
		if !model.ValidSHA(sha) || !e.Blobs.Has(sha) {
			continue
		}
		if ok, _ := e.FS.Exists(blobPath(sha)); ok {
			continue
		}
		b, err := readAll(e.Blobs.Path(sha))
		if err != nil {
			return fmt.Errorf("export attachment %s: %w", sha[:12], err)
		}
		if err := e.FS.MkdirAll(path.Dir(blobPath(sha))); err != nil {
			return fmt.Errorf("export attachment: %w", err)
		}
		if err := e.FS.WriteFileAtomic(blobPath(sha), b); err != nil {
			return fmt.Errorf("export attachment %s: %w", sha[:12], err)
		}
	}
	return nil
}

// importBlobs copies attachments this replica lacks from the folder, checking their hash.
func (e *Engine) importBlobs(rep *Report) error {
	shas, err := model.AttachmentSHAs(e.Store.DB())
	if err != nil {
		return err
	}
	for _, sha := range shas {
		if !model.ValidSHA(sha) || e.Blobs.Has(sha) {
			continue
		}
		b, err := e.FS.ReadFile(blobPath(sha))
		if err != nil {
			rep.MissingBlobs++
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != sha {
			rep.MissingBlobs++ // still being copied, or damaged: try again later
			continue
		}
		if _, _, err := e.Blobs.Put(bytes.NewReader(b)); err != nil {
			return fmt.Errorf("import attachment %s: %w", sha[:12], err)
		}
	}
	return nil
}

// checkOwnLog looks for segments under this device's name that it did not write. Every
// segment this device writes is recorded when it is sealed, before it goes to the folder:
// any other means a copied identity.
func (e *Engine) checkOwnLog(ctx context.Context, ws string) error {
	dir := path.Join(logDir, e.ID.Device)
	names, err := e.FS.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	sort.Strings(names)
	db := e.Store.DB()
	for _, name := range names {
		num, prefix, ok := ParseSegmentName(name)
		if Ignored(name) || !ok {
			continue
		}
		rec, known, err := model.GetSegment(db, e.ID.Device, num)
		if err != nil {
			return err
		}
		if known && rec.SHA256[:16] == prefix {
			continue
		}
		data, err := e.FS.ReadFile(path.Join(dir, name))
		if err != nil {
			continue
		}
		seg, err := Decode(data)
		if errors.Is(err, ErrIncomplete) {
			continue
		}
		if err != nil || seg.Workspace != ws || seg.Device != e.ID.Device || !seg.Verify(e.ID.PublicKey) {
			continue // not a segment of ours at all: readers quarantine it
		}
		return &CloneError{Device: e.ID.Device}
	}
	return nil
}
