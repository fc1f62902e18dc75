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
	"log/slog"
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
	metaCreated     = "sync.workspace_created"
	metaFullCheck   = "sync.full_check"        // when repair last read back every segment of this device
	metaWSChanged   = "sync.workspace_changed" // the fingerprint workspace.json shows when it is not the accepted one
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
	// Log receives the failures that do not stop a sync (slog.Default() when nil).
	Log *slog.Logger
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

// setMeta keeps local bookkeeping outside a sync's transactions. A failure leaves the
// value before (a status a little out of date, a check made again) and does not stop the
// sync, as before; it is logged.
func (e *Engine) setMeta(ctx context.Context, key, value string) {
	switch err := e.Store.SetMeta(ctx, key, value); {
	case err != nil && ctx.Err() != nil:
		e.log().Debug("sync: keep local state: stopped", "key", key, "err", err)
	case err != nil:
		e.log().Error("sync: keep local state", "key", key, "err", err)
	}
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
		if err := tx.SetMetaTx(metaCreated, w.Created); err != nil {
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
		for k, v := range map[string]string{metaWorkspace: w.ID, metaWSName: w.Name, metaFounder: w.FoundingDevice, metaFounderKey: w.FoundingKey, metaCreated: w.Created} {
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
		e.setMeta(ctx, metaWSChanged, "")
		return ws, nil
	}
	if accepted.FoundingDevice == e.ID.Device {
		// The founder mends the file, so that laptops joining later see the right code.
		b, _ := json.MarshalIndent(accepted, "", "  ")
		if werr := e.FS.WriteFileAtomic(workspaceFile, append(b, '\n')); werr != nil {
			return "", fmt.Errorf("write %s again: %w", workspaceFile, werr)
		}
		rep.Repaired = append(rep.Repaired, workspaceFile)
		e.setMeta(ctx, metaWSChanged, "")
		return ws, nil
	}
	found := "?"
	if err == nil {
		found = WorkspaceFingerprint(w)
	}
	rep.WorkspaceChanged = found
	e.setMeta(ctx, metaWSChanged, found)
	return ws, nil
}

// acceptedWorkspace is workspace.json as this laptop accepted it (or made it).
func (e *Engine) acceptedWorkspace(ctx context.Context) WorkspaceFile {
	return WorkspaceFile{Format: "pacta-workspace/1", ID: e.meta(ctx, metaWorkspace), Name: e.meta(ctx, metaWSName),
		FoundingDevice: e.meta(ctx, metaFounder), FoundingKey: e.meta(ctx, metaFounderKey), Created: e.meta(ctx, metaCreated)}
}

// Sync exports local changes, then imports and applies what others wrote. A failing export
// (full disk, read-only folder) does not stop the import: both are reported.
func (e *Engine) Sync(ctx context.Context) (Report, error) {
	var rep Report
	ws, err := e.checkFolder(ctx, &rep)
	if err != nil {
		e.setMeta(ctx, metaLastError, err.Error())
		return rep, err
	}
	exported, waiting, xerr := e.export(ctx, ws, &rep)
	rep.Exported, rep.WaitingEnrol = exported, waiting
	var clone *CloneError
	if errors.As(xerr, &clone) {
		e.setMeta(ctx, metaLastError, xerr.Error())
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
		e.setMeta(ctx, metaLastError, err.Error())
		return rep, err
	}
	e.setMeta(ctx, metaLastError, "")
	e.setMeta(ctx, metaLast, nowString(e.now()))
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

// export writes this device's changes that are not in the folder yet as a new segment,
// after writing again any of its segments that the folder lost or damaged.
// waiting is true when the device is not enrolled yet (its changes stay here until it is).
//
// The segment is sealed first, in one transaction with the rows it is read from: the
// changes it holds, its bytes (kept in the outbox, also once they are in the folder), its
// number and hash. Edits made afterwards then name its changes as the values they replace,
// and a segment that could not be written (the folder is out of reach) is written as it was
// sealed, at the next sync. Every change pending goes into one segment, which a reader
// applies in one transaction: a change may refer to a row that a later change of the same
// export creates.
func (e *Engine) export(ctx context.Context, ws string, rep *Report) (n int, waiting bool, err error) {
	foreign, err := e.checkOwnLog(ctx, ws)
	if err != nil {
		return 0, false, err
	}
	rep.Foreign = foreign
	if err := e.writeDeviceFile(ctx, ws); err != nil {
		return 0, false, err
	}
	t := trustOf(e.Store.DB(), e.meta(ctx, metaFounder), e.meta(ctx, metaFounderKey), e.ID.Device)
	if t.status == model.DeviceRevoked {
		// Whatever this laptop seals now is quarantined everywhere: keep it here.
		rep.Revoked = true
		return 0, false, nil
	}
	if !t.enrolled() {
		return 0, true, nil
	}
	if n, err = e.writeOutbox(ctx); err != nil {
		return n, false, err
	}
	repaired, err := e.repair(ctx)
	rep.Repaired = append(rep.Repaired, repaired...)
	if err != nil {
		return n, false, err
	}
	sealed, err := e.seal(ctx, ws)
	if err != nil || !sealed {
		return n, false, err
	}
	m, err := e.writeOutbox(ctx)
	return n + m, false, err
}

// fullCheckEvery is how often repair reads back every segment of this device, not only
// those whose file stamp changed: someone may have changed a file and put its
// modification time back.
const fullCheckEvery = time.Hour

// repair compares this device's segments in the folder with the bytes it sealed and writes
// again, atomically, those that are missing, cut or damaged there: readers wait for a
// segment they cannot read, and would never get this device's later work. A file whose
// size and modification time are those it had when last found whole is not read again,
// except once every fullCheckEvery.
func (e *Engine) repair(ctx context.Context) ([]string, error) {
	db := e.Store.DB()
	segs, err := model.WrittenSegments(db)
	if err != nil {
		return nil, err
	}
	last, _ := time.Parse(time.RFC3339, e.meta(ctx, metaFullCheck))
	full := e.now().Sub(last) >= fullCheckEvery
	var out []string
	for _, s := range segs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		rel := path.Join(logDir, e.ID.Device, s.Name)
		stamp, err := e.FS.Stamp(rel)
		if err == nil && stamp == s.Seen && !full {
			continue
		}
		want, err := model.SealedData(db, s.Segment)
		if err != nil {
			return out, err
		}
		if got, err := e.FS.ReadFile(rel); err != nil || !bytes.Equal(got, want) {
			if err := e.FS.WriteFileAtomic(rel, want); err != nil {
				return out, fmt.Errorf("export: write %s again: %w", s.Name, err)
			}
			out = append(out, s.Name)
			stamp, _ = e.FS.Stamp(rel)
		}
		if stamp != s.Seen {
			if err := e.Store.Update(ctx, func(tx *model.Tx) error { return tx.MarkWritten(s.Segment, stamp) }); err != nil {
				return out, fmt.Errorf("export: %w", err)
			}
		}
	}
	if full {
		e.setMeta(ctx, metaFullCheck, nowString(e.now()))
	}
	return out, nil
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
	// Nothing leaves this laptop that a power cut could take back from its database.
	if err := e.Store.Flush(ctx); err != nil {
		return 0, fmt.Errorf("export: %w", err)
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
		rel := path.Join(logDir, e.ID.Device, o.Name)
		if err := e.FS.WriteFileAtomic(rel, o.Data); err != nil {
			return n, fmt.Errorf("export: write %s: %w", o.Name, err)
		}
		seen, _ := e.FS.Stamp(rel)
		err = e.Store.Update(ctx, func(tx *model.Tx) error {
			if err := tx.MarkWritten(o.Segment, seen); err != nil {
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
// segment this device writes is recorded when it is sealed, before it goes to the folder.
// One signed with this device's key means a copied identity (CloneError); any other file
// is someone else's (a forgery, or a stranger's junk): it is listed, and readers
// quarantine it. A file under the name of a segment this device wrote is its own, mended
// by repair when its bytes differ.
func (e *Engine) checkOwnLog(ctx context.Context, ws string) (foreign []string, err error) {
	dir := path.Join(logDir, e.ID.Device)
	names, err := e.FS.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	sort.Strings(names)
	db := e.Store.DB()
	for _, name := range names {
		num, prefix, ok := ParseSegmentName(name)
		if Ignored(name) {
			continue
		}
		if !ok {
			foreign = append(foreign, name)
			continue
		}
		rec, known, err := model.GetSegment(db, e.ID.Device, num)
		if err != nil {
			return nil, err
		}
		if known && rec.SHA256[:16] == prefix {
			continue
		}
		data, err := e.FS.ReadFile(path.Join(dir, name))
		if err != nil {
			continue
		}
		seg, err := Decode(data)
		if err == nil && seg.Workspace == ws && seg.Device == e.ID.Device && seg.Verify(e.ID.PublicKey) {
			return nil, &CloneError{Device: e.ID.Device}
		}
		foreign = append(foreign, name)
	}
	return foreign, nil
}
