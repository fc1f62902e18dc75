package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/syncfolder"
)

func init() {
	RegisterScreen(Screen{ID: "sync", Order: 80, TitleKey: "nav.sync", Icon: theme.ViewRefreshIcon, Make: newSyncPage})
	RegisterDashboardCard(DashboardCard{Order: 80, Make: syncCard})
}

// syncInterval is how often the background sync runs when nothing changed locally.
const syncInterval = 10 * time.Second

// syncer runs syncs off the UI goroutine: after local changes (store.OnCommit) and every
// few seconds. One per window.
type syncer struct {
	sh      *Shell
	mu      sync.Mutex
	running bool
	held    bool // the workspace's store is being replaced: touch nothing
	cancel  context.CancelFunc
	kick    chan struct{}
	// listeners are told (on the UI goroutine) when a sync starts, progresses and ends.
	onProgress func(done, total int)
	onDone     func(rep syncfolder.Report, err error)
}

var (
	syncersMu sync.Mutex
	syncers   = map[*Shell]*syncer{}
	// backgroundSync starts each window's loop of syncs. Tests turn it off: Fyne's test
	// driver runs fyne.Do on the calling goroutine, so a background sync would touch the
	// widgets beside the test; they run syncs themselves (syncer.run).
	backgroundSync = true
	// inBackground runs work that touches the shared folder off the UI goroutine (it may be
	// a slow network drive); tests run it in place, as they run syncs themselves.
	inBackground = func(f func()) { go f() }
)

// syncerFor returns the window's syncer, starting it the first time.
func syncerFor(sh *Shell) *syncer {
	syncersMu.Lock()
	defer syncersMu.Unlock()
	if s, ok := syncers[sh]; ok {
		return s
	}
	s := &syncer{sh: sh, kick: make(chan struct{}, 1)}
	syncers[sh] = s
	sh.WS.OnCommit(func() {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	})
	if backgroundSync {
		go s.loop()
	}
	return s
}

func (s *syncer) loop() {
	t := time.NewTicker(syncInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-s.kick:
			time.Sleep(time.Second) // let a burst of edits finish
		}
		s.mu.Lock()
		held := s.held
		s.mu.Unlock()
		if held || s.sh.WS.SyncFolder(context.Background()) == "" {
			continue
		}
		s.run("")
	}
}

// run syncs once unless a sync is running; it blocks the calling goroutine (never the UI's).
func (s *syncer) run(folder string) {
	s.mu.Lock()
	if s.running || s.held {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.sh.Ctx)
	s.running, s.cancel = true, cancel
	onProgress, onDone := s.onProgress, s.onDone
	s.mu.Unlock()
	rep, err := s.sh.WS.SyncOnce(ctx, folder, func(done, total int) {
		if onProgress != nil {
			fyne.Do(func() { onProgress(done, total) })
		}
	})
	cancel()
	s.mu.Lock()
	s.running = false
	s.mu.Unlock()
	fyne.Do(func() {
		if f := onDone; f != nil {
			f(rep, err)
		}
		if rep.Applied > 0 {
			s.sh.Changed()
		}
	})
}

// hold stops background syncs and waits (cancelling) for a running one to end, so that the
// caller may replace the workspace's store; release lets them go on. The mutex orders the
// replacement before any later read of the workspace by the sync goroutine.
func (s *syncer) hold() {
	s.mu.Lock()
	s.held = true
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	for i := 0; i < 600; i++ { // a sync stops at the next segment: seconds at most
		s.mu.Lock()
		running := s.running
		s.mu.Unlock()
		if !running {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *syncer) release() {
	s.mu.Lock()
	s.held = false
	s.mu.Unlock()
}

// Cancel stops a running sync at the next segment; what was applied stays.
func (s *syncer) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// syncPage is the Sync screen.
type syncPage struct {
	sh       *Shell
	s        *syncer
	folder   *Entry
	status   *widget.Label
	problem  *widget.Label
	note     *widget.Label // where this laptop's own data was set aside when it joined
	repaired *widget.Label // what the last syncs wrote again in the folder (informative)
	foreign  *widget.Label // files in this laptop's log folder that it did not write
	progress *widget.ProgressBar
	cancel   *widget.Button
	busy     *fyne.Container
	syncNow  *widget.Button
	create   *widget.Button
	join     *widget.Button
	counts   *fyne.Container
	conflict *fyne.Container
	devices  *fyne.Container
	outer    fyne.CanvasObject
}

func newSyncPage(sh *Shell) Page {
	p := &syncPage{sh: sh, s: syncerFor(sh)}
	p.folder = newEntry()
	p.folder.SetPlaceHolder(i18n.T("sync.folder.hint"))
	p.folder.SetText(sh.WS.SyncFolder(sh.Ctx))
	choose := widget.NewButtonWithIcon(i18n.T("sync.choose"), theme.FolderOpenIcon(), p.chooseFolder)
	p.syncNow = widget.NewButtonWithIcon(i18n.T("sync.now"), theme.ViewRefreshIcon(), func() { p.start(false) })
	p.create = widget.NewButtonWithIcon(i18n.T("sync.create"), theme.ContentAddIcon(), func() { p.start(true) })
	p.join = widget.NewButtonWithIcon(i18n.T("sync.join"), theme.LoginIcon(), p.joinFolder)
	p.status = wrappedLabel("")
	p.status.Hide()
	p.problem = wrappedLabel("")
	p.problem.Hide()
	p.note = wrappedLabel("")
	p.note.Hide()
	p.repaired = wrappedLabel("")
	p.repaired.Hide()
	p.foreign = warningLabel("")
	p.foreign.Hide()
	p.progress = widget.NewProgressBar()
	p.cancel = widget.NewButton(i18n.T("action.cancel"), p.s.Cancel)
	p.busy = container.NewBorder(nil, nil, nil, p.cancel, p.progress)
	p.busy.Hide()
	p.counts = container.NewVBox()
	p.conflict = container.NewVBox()
	p.devices = container.NewVBox()
	folderRow := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("sync.folder")), choose, p.folder)
	actions := container.NewHBox(p.syncNow, p.create, p.join)
	body := container.NewVBox(folderRow, actions, p.busy, p.status, p.problem, p.note, p.repaired, p.foreign,
		widget.NewCard(i18n.T("sync.state"), "", p.counts),
		widget.NewCard(i18n.T("sync.conflicts"), i18n.T("sync.conflicts.hint"), p.conflict),
		widget.NewCard(i18n.T("sync.devices"), "", p.devices))
	p.outer = container.NewVScroll(body)
	p.s.mu.Lock()
	p.s.onProgress, p.s.onDone = p.showProgress, p.finished
	p.s.mu.Unlock()
	p.Reload()
	return p
}

func (p *syncPage) Content() fyne.CanvasObject { return p.outer }

func (p *syncPage) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			p.sh.ShowError(err)
			return
		}
		if u != nil {
			p.folder.SetText(u.Path())
		}
	}, p.sh.Window)
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

func (p *syncPage) showProgress(done, total int) {
	p.busy.Show()
	if total > 0 {
		p.progress.SetValue(float64(done) / float64(total))
	}
	setLine(p.status, i18n.T("sync.replaying", map[string]any{"Done": formatInt(done), "Total": formatInt(total)}))
}

// start syncs with the folder in the entry, off the UI goroutine. create sets up a new
// shared workspace there (SyncOnce does that for a folder without one).
func (p *syncPage) start(create bool) {
	folder := p.folder.Text
	if folder == "" {
		setLine(p.problem, i18n.T("sync.error.no_folder"))
		return
	}
	eng, err := p.sh.WS.SyncEngine(p.sh.Ctx, folder)
	if err == nil && create && eng.Workspace(p.sh.Ctx) != "" {
		setLine(p.problem, i18n.T("sync.error.already_shared"))
		return
	}
	p.busy.Show()
	p.progress.SetValue(0)
	setLine(p.status, i18n.T("sync.running"))
	setLine(p.repaired, "")
	setLine(p.note, "")
	go p.s.run(folder)
}

// joinFolder reads the workspace in the folder (trusting nothing yet) and asks the person
// to compare its fingerprint with the founder's laptop before anything is joined.
func (p *syncPage) joinFolder() {
	folder := p.folder.Text
	if folder == "" {
		setLine(p.problem, i18n.T("sync.error.no_folder"))
		return
	}
	setLine(p.problem, "")
	setLine(p.status, i18n.T("sync.join.reading"))
	inBackground(func() {
		wf, err := p.sh.WS.PeekFolder(p.sh.Ctx, folder)
		fyne.Do(func() {
			setLine(p.status, "")
			if err != nil {
				setLine(p.problem, joinProblem(err))
				return
			}
			fp := syncfolder.WorkspaceFingerprint(wf)
			p.confirmWorkspace(wf.Name, fp, func(device string) { p.joinWith(folder, fp, device) })
		})
	})
}

// joinProblem says in the person's language why the folder's workspace cannot be joined.
func joinProblem(err error) string {
	var fe *syncfolder.FingerprintError
	switch {
	case errors.Is(err, syncfolder.ErrNoFolder):
		return i18n.T("sync.join.error.no_workspace")
	case errors.As(err, &fe):
		return i18n.T("sync.error.fingerprint", map[string]any{"Expected": fe.Expected, "Found": fe.Found})
	}
	return i18n.T("sync.join.error.unreadable", map[string]any{"Error": errorDetail(err)})
}

// confirmWorkspace shows the workspace's fingerprint, large, for the person to compare
// with the one on the founder's laptop; only "Same code, join" goes on, with the name this
// laptop will have for the others (theirs to edit: the default is their name and the
// computer's, app.DefaultDeviceName).
func (p *syncPage) confirmWorkspace(name, fp string, join func(device string)) {
	intro := wrappedLabel(i18n.T("sync.join.confirm.intro", map[string]any{"Name": name}))
	code := fingerprintLabel(fp)
	code.Alignment = fyne.TextAlignCenter
	code.SizeName = theme.SizeNameHeadingText
	compare := wrappedLabel(i18n.T("sync.join.confirm.compare"))
	device := newEntry()
	device.SetText(p.sh.WS.Config.DeviceName)
	deviceRow := container.NewBorder(nil, hintLabel(i18n.T("sync.join.device_name.hint")),
		widget.NewLabelWithStyle(i18n.T("sync.join.device_name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, device)
	var d dialog.Dialog
	cancel := widget.NewButton(i18n.T("action.cancel"), func() {
		d.Hide()
		setLine(p.status, i18n.T("sync.join.cancelled"))
	})
	same := widget.NewButtonWithIcon(i18n.T("sync.join.confirm.same"), theme.ConfirmIcon(), func() { d.Hide(); join(strings.TrimSpace(device.Text)) })
	same.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, same), nil, nil,
		container.NewVBox(intro, code, compare, widget.NewSeparator(), deviceRow))
	d = dialog.NewCustomWithoutButtons(i18n.T("sync.join.confirm.title"), body, p.sh.Window)
	d.Resize(fyne.NewSize(640, 380))
	// No Enter: the codes are compared by eye, and only the button says they are the same.
	showDialog(p.sh.Window, d, dialogKeys{cancel: cancel.OnTapped})
}

// joinWith joins the workspace in folder whose fingerprint the person accepted (expect),
// as device (this laptop's name; "" keeps the one it has), after asking what to do with
// this laptop's own data.
func (p *syncPage) joinWith(folder, expect, device string) {
	do := func() {
		p.busy.Show()
		setLine(p.status, i18n.T("sync.running"))
		inBackground(func() {
			_, rep, err := p.sh.WS.JoinFolder(p.sh.Ctx, folder, device, expect)
			fyne.Do(func() { p.finished(rep, err); p.sh.Changed() })
		})
	}
	own, err := p.sh.WS.HasOwnChanges()
	if err != nil {
		p.sh.WS.Log.Error("join: look for this laptop's own changes", "err", err)
	}
	if own {
		p.askJoinChoice(do)
		return
	}
	do()
}

func (p *syncPage) finished(rep syncfolder.Report, err error) {
	p.busy.Hide()
	var clone *syncfolder.CloneError
	var fe *syncfolder.FingerprintError
	switch {
	case errors.As(err, &clone):
		setLine(p.problem, i18n.T("sync.error.clone", map[string]any{"Device": syncfolder.KeyFingerprint(p.sh.WS.Identity.PublicKey)}))
	case errors.As(err, &fe):
		setLine(p.problem, i18n.T("sync.error.fingerprint", map[string]any{"Expected": fe.Expected, "Found": fe.Found}))
	case errors.Is(err, context.Canceled):
		setLine(p.problem, i18n.T("sync.cancelled"))
	case err != nil:
		setLine(p.problem, i18n.T("sync.error.failed", map[string]any{"Error": errorDetail(err)}))
	default:
		setLine(p.problem, "")
	}
	setLine(p.status, i18n.T("sync.done", map[string]any{"Sent": i18n.N("sync.done.sent", rep.Exported), "Received": i18n.N("sync.done.received", rep.Applied)}))
	p.showRepairs(rep, err)
	p.Reload()
}

// showRepairs tells what a sync found in this laptop's own files in the folder. What it
// wrote again stays said until a sync started by hand (later syncs find nothing to mend);
// the files it did not write are listed as long as they are there.
func (p *syncPage) showRepairs(rep syncfolder.Report, err error) {
	if n := len(rep.Repaired); n > 0 {
		setLine(p.repaired, i18n.N("sync.repaired", n, map[string]any{"Names": nameList(rep.Repaired)}))
	}
	if err != nil && len(rep.Foreign) == 0 {
		return // the sync may have stopped before it looked
	}
	foreign := ""
	if n := len(rep.Foreign); n > 0 {
		foreign = i18n.N("sync.foreign", n, map[string]any{"Names": nameList(rep.Foreign)})
	}
	setLine(p.foreign, foreign)
}

// nameList names the first few files of a list, for a line a person reads.
func nameList(names []string) string {
	const most = 3
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:most], ", ") + ", …"
}

// Reload shows the current state.
func (p *syncPage) Reload() {
	eng, err := p.sh.WS.SyncEngine(p.sh.Ctx, "")
	if err != nil {
		setLine(p.problem, errorText(err))
		return
	}
	st, err := eng.Status(p.sh.Ctx)
	if err != nil {
		setLine(p.problem, errorText(err))
		return
	}
	joined := st.Workspace != ""
	p.create.Disable()
	p.join.Disable()
	if !joined {
		p.create.Enable()
		p.join.Enable()
	}
	last := formatWhen(st.LastSync)
	if last == "" {
		last = i18n.T("sync.never")
	}
	var rows []fyne.CanvasObject
	if st.Revoked {
		rows = append(rows, warningLabel(i18n.T("sync.revoked")))
	}
	if st.WorkspaceChanged != "" {
		key := "sync.workspace_changed"
		if st.WorkspaceChanged == "?" {
			key = "sync.workspace_changed.missing"
		}
		rows = append(rows, warningLabel(i18n.T(key, map[string]any{"Found": st.WorkspaceChanged, "Accepted": st.WorkspaceFingerprint})))
	}
	rows = append(rows, keyValue(i18n.T("sync.workspace"), orNone(st.WorkspaceName)))
	if joined && st.WorkspaceFingerprint != "" {
		rows = append(rows, fingerprintRow(i18n.T("sync.fingerprint"), st.WorkspaceFingerprint),
			hintLabel(i18n.T("sync.fingerprint.hint")))
	}
	if joined {
		rows = append(rows, fingerprintRow(i18n.T("sync.this_key"), syncfolder.KeyFingerprint(p.sh.WS.Identity.PublicKey)))
	}
	rows = append(rows,
		keyValue(i18n.T("sync.last"), last),
		keyValue(i18n.T("sync.pending_out"), formatInt(st.PendingOut)),
		keyValue(i18n.T("sync.pending_in"), formatInt(st.PendingIn)),
		keyValue(i18n.T("sync.quarantined"), formatInt(len(st.Quarantined))),
		keyValue(i18n.T("sync.conflicts"), formatInt(st.Conflicts)),
		keyValue(i18n.T("sync.flagged"), formatInt(st.Flagged)))
	if joined && !st.Enrolled && !st.Revoked {
		rows = append(rows, wrappedLabel(i18n.T("sync.waiting_enrolment", map[string]any{"Device": p.sh.WS.Config.DeviceName})))
	}
	if st.LastError != "" && p.problem.Text == "" {
		setLine(p.problem, i18n.T("sync.error.failed", map[string]any{"Error": st.LastError}))
	}
	for _, q := range st.Quarantined {
		l := widget.NewLabel(i18n.T("sync.quarantine.line", map[string]any{"Name": q.Name, "Reason": i18n.T("sync.reason." + q.Reason)}))
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, l)
	}
	p.counts.Objects = rows
	p.counts.Refresh()
	p.showConflicts()
	p.showDevices(st)
}

func orNone(s string) string {
	if s == "" {
		return i18n.T("common.none")
	}
	return s
}

func (p *syncPage) showConflicts() {
	cs, err := model.ListConflicts(p.sh.WS.Store.DB(), true)
	if err != nil {
		setLine(p.problem, errorText(err))
		return
	}
	var objs []fyne.CanvasObject
	if len(cs) == 0 {
		objs = append(objs, widget.NewLabel(i18n.T("sync.conflicts.none")))
	}
	db, self := p.sh.WS.Store.DB(), p.sh.WS.Identity.Device
	for _, c := range cs {
		c := c
		what, field := app.ConflictSubject(db, c)
		local, incoming := app.LaptopTitle(db, c.LocalDevice, self), app.LaptopTitle(db, c.IncomingDevice, self)
		keep := func(device string) string {
			if device == self {
				return i18n.T("sync.keep_this")
			}
			return i18n.T("sync.keep_laptop", map[string]any{"Name": app.LaptopName(db, device, self)})
		}
		if removal, edit, ok := app.IsRemoval(c); ok {
			// One laptop removed the record while another edited it: keep it removed, or
			// bring it back with the edit (which is kept in the record either way).
			removedOn, editedOn := app.LaptopName(db, app.SideDevice(c, removal), self), app.LaptopName(db, app.SideDevice(c, edit), self)
			title := wrappedLabel(what + " · " + i18n.T("sync.removal.title", map[string]any{"Removed": removedOn, "Edited": editedOn}))
			title.TextStyle = fyne.TextStyle{Bold: true}
			subject := what
			buttons := container.NewHBox(
				widget.NewButton(i18n.T("sync.keep_removed"), func() {
					p.askResolve(c.ID, app.SideDevice(c, removal), i18n.T("sync.resolve.keep_removed", map[string]any{"Subject": subject}))
				}),
				widget.NewButton(i18n.T("sync.restore_edit"), func() {
					p.askResolve(c.ID, app.SideDevice(c, edit), i18n.T("sync.resolve.restore", map[string]any{"Subject": subject, "Laptop": editedOn}))
				}))
			objs = append(objs, title, detectedLabel(c), buttons, widget.NewSeparator())
			continue
		}
		title := widget.NewLabelWithStyle(what+" · "+field, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		lv := wrappedLabel(app.ConflictValue(c.Field, c.LocalValue))
		iv := wrappedLabel(app.ConflictValue(c.Field, c.IncomingValue))
		sides := container.NewGridWithColumns(2,
			widget.NewCard(local, "", lv),
			widget.NewCard(incoming, "", iv))
		subject := what + " · " + field
		keepText := func(v model.RawJSON) string {
			return i18n.T("sync.resolve.keep", map[string]any{"Value": app.ConflictValue(c.Field, v), "Subject": subject})
		}
		buttons := container.NewHBox(
			widget.NewButton(keep(c.LocalDevice), func() { p.askResolve(c.ID, c.LocalDevice, keepText(c.LocalValue)) }),
			widget.NewButton(keep(c.IncomingDevice), func() { p.askResolve(c.ID, c.IncomingDevice, keepText(c.IncomingValue)) }),
			widget.NewButton(i18n.T("action.edit"), func() { p.editConflict(c) }))
		if w, err := model.FieldWriter(db, c.Table, c.Row, c.Field); err == nil &&
			w != (model.Writer{Device: c.LocalDevice, Seq: c.LocalSeq}) && w != (model.Writer{Device: c.IncomingDevice, Seq: c.IncomingSeq}) {
			// Both values were changed since (three laptops or more wrote the field):
			// only the value in place now, or a typed one, may be kept.
			now, _ := model.InPlace(db, c)
			objs = append(objs, title, detectedLabel(c), sides, wrappedLabel(i18n.T("sync.conflict.stale", map[string]any{"Value": app.ConflictValue(c.Field, now)})),
				container.NewHBox(widget.NewButton(i18n.T("sync.keep_in_place"), func() { p.askResolve(c.ID, model.KeepInPlace, keepText(now)) }),
					widget.NewButton(i18n.T("action.edit"), func() { p.editConflict(c) })), widget.NewSeparator())
			continue
		}
		objs = append(objs, title, detectedLabel(c), sides, buttons, widget.NewSeparator())
	}
	p.conflict.Objects = objs
	p.conflict.Refresh()
}

// detectedLabel says when a conflict was found, in local time.
func detectedLabel(c model.Conflict) fyne.CanvasObject {
	return hintLabel(i18n.T("sync.conflict.detected", map[string]any{"When": formatWhen(c.Detected)}))
}

// askResolve asks before settling a conflict (text says what is kept, and that the other
// value goes, here and on the other laptops), then settles it.
func (p *syncPage) askResolve(id int64, keep, text string) dialog.Dialog {
	return confirmAction(p.sh.Window, i18n.T("sync.resolve.title"), text, i18n.T("sync.resolve.button"), false,
		func() { p.resolve(id, keep, nil) })
}

func (p *syncPage) resolve(id int64, keep string, value model.RawJSON) {
	p.sh.ShowError(p.settle(id, keep, value))
}

// settle settles conflict id, keeping keep's value (or value); a conflict whose field
// changed since is refused, and the screen shows it as it is now.
func (p *syncPage) settle(id int64, keep string, value model.RawJSON) error {
	err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return tx.ResolveConflict(id, keep, value) })
	if errors.Is(err, model.ErrStaleConflict) {
		p.Reload()
		return errs.E(errs.Conflict, errs.Key("sync.error.stale"))
	}
	if err != nil {
		return err
	}
	p.sh.Changed()
	return nil
}

// editConflict lets a person type the value to keep (as JSON, shown decoded for text).
func (p *syncPage) editConflict(c model.Conflict) {
	_, field := app.ConflictSubject(p.sh.WS.Store.DB(), c)
	text, isText := app.ConflictText(c.LocalValue)
	if !isText {
		text = string(c.LocalValue)
	}
	askText(p.sh, i18n.T("sync.edit_value"), i18n.T("sync.resolve.edited"), field, i18n.T("sync.resolve.button"), text, nil, func(typed string) error {
		v := model.RawJSON(typed)
		if isText {
			v = app.TextValue(typed)
		}
		return p.settle(c.ID, model.KeepEdited, v)
	})
}

func (p *syncPage) showDevices(st syncfolder.Status) {
	var objs []fyne.CanvasObject
	names := map[string]string{}
	for _, d := range st.Devices {
		d := d
		names[d.ID] = d.Name
		role := i18n.T("sync.device.status." + d.Status)
		if d.Admin {
			role += " · " + i18n.T("sync.device.admin")
		}
		if d.ID == st.Device {
			role += " · " + i18n.T("sync.device.this")
		}
		row := keyValue(d.Name, role+" · "+syncfolder.Fingerprint(d.PublicKey))
		if st.Admin && d.ID != st.Device && d.Status == model.DeviceEnrolled {
			revoke := widget.NewButtonWithIcon(i18n.T("sync.revoke"), theme.CancelIcon(), func() { p.confirmRevoke(d) })
			row = container.NewBorder(nil, nil, nil, revoke, row)
		}
		objs = append(objs, row)
	}
	for _, k := range st.KeyChanges {
		k := k
		// The name an administrator enrolled, not the one the (maybe edited) file gives.
		name := names[k.Device]
		if name == "" {
			name = k.Name
		}
		founder := k.Fingerprint == st.WorkspaceFingerprint
		text := i18n.T("sync.key_change", map[string]any{"Name": name, "Enrolled": k.Fingerprint, "Folder": k.FolderFingerprint})
		if founder {
			text += " " + i18n.T("sync.key_change.founder")
		}
		objs = append(objs, warningLabel(text))
		if st.Admin && !founder {
			admin := false
			for _, d := range st.Devices {
				if d.ID == k.Device {
					admin = d.Admin
				}
			}
			objs = append(objs, container.NewHBox(widget.NewButtonWithIcon(i18n.T("sync.key_change.accept"), theme.ConfirmIcon(),
				func() { p.acceptKey(k.Device, name, admin) })))
		}
	}
	for _, d := range st.Behind {
		objs = append(objs, warningLabel(i18n.T("sync.device.behind", map[string]any{"Name": d.Name})))
	}
	for _, r := range st.Requests {
		r := r
		label := widget.NewLabel(i18n.T("sync.request", map[string]any{"Name": r.Name, "Key": syncfolder.Fingerprint(r.PublicKey)}))
		label.Wrapping = fyne.TextWrapWord
		act := container.NewHBox()
		if st.Admin {
			act.Add(widget.NewButton(i18n.T("sync.enrol"), func() { p.decide(r.Device, true, false) }))
			act.Add(widget.NewButton(i18n.T("sync.enrol_admin"), func() { p.decide(r.Device, true, true) }))
			act.Add(widget.NewButton(i18n.T("sync.reject"), func() { p.decide(r.Device, false, false) }))
		}
		objs = append(objs, label, act)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(i18n.T("sync.devices.none")))
	}
	p.devices.Objects = objs
	p.devices.Refresh()
}

func (p *syncPage) decide(device string, enrol, admin bool) {
	eng, err := p.sh.WS.SyncEngine(p.sh.Ctx, "")
	if err == nil {
		if enrol {
			err = eng.Enrol(p.sh.Ctx, device, admin)
		} else {
			err = eng.Reject(p.sh.Ctx, device)
		}
	}
	if err != nil {
		p.sh.ShowError(err)
		return
	}
	p.Reload()
}

// confirmRevoke asks before revoking a lost or stolen laptop, saying what stays.
func (p *syncPage) confirmRevoke(d model.Device) {
	msg := wrappedLabel(i18n.T("sync.revoke.confirm", map[string]any{"Name": d.Name}))
	var dlg dialog.Dialog
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { dlg.Hide() })
	revoke := widget.NewButtonWithIcon(i18n.T("sync.revoke.button", map[string]any{"Name": d.Name}), theme.CancelIcon(), func() {
		dlg.Hide()
		eng, err := p.sh.WS.SyncEngine(p.sh.Ctx, "")
		if err == nil {
			err = eng.Revoke(p.sh.Ctx, d.ID)
		}
		if err != nil {
			p.sh.ShowError(err)
			return
		}
		p.Reload()
	})
	revoke.Importance = widget.DangerImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, revoke), nil, nil, msg)
	dlg = dialog.NewCustomWithoutButtons(i18n.T("sync.revoke.title", map[string]any{"Name": d.Name}), body, p.sh.Window)
	dlg.Resize(fyne.NewSize(620, 230))
	showDialog(p.sh.Window, dlg, dialogKeys{}) // Enter does not revoke: only the button does
}

// acceptKey asks for the fingerprint read on the device itself and enrols its new key when
// it is the one its file shows. On a mismatch or any error the dialog stays open with what
// was typed, and says what is wrong.
func (p *syncPage) acceptKey(device, name string, admin bool) {
	intro := wrappedLabel(i18n.T("sync.accept_key.intro", map[string]any{"Name": name}))
	typed := newEntry()
	typed.TextStyle = fyne.TextStyle{Monospace: true}
	typed.SetPlaceHolder("ABCD-EFGH-IJKL-MNOP-QRST-UVWX")
	asAdmin := widget.NewCheck(i18n.T("sync.enrol_admin"), nil)
	asAdmin.SetChecked(admin)
	problem := warningLabel("")
	problem.Hide()
	say := func(msg string) { setLine(problem, msg) }
	var dlg dialog.Dialog
	accept := widget.NewButtonWithIcon(i18n.T("sync.accept_key.accept"), theme.ConfirmIcon(), func() {
		if syncfolder.NormalizeFingerprint(typed.Text) == "" {
			say(i18n.T("sync.accept_key.empty", map[string]any{"Name": name}))
			return
		}
		eng, err := p.sh.WS.SyncEngine(p.sh.Ctx, "")
		if err == nil {
			err = eng.EnrolKey(p.sh.Ctx, device, asAdmin.Checked, typed.Text)
		}
		var fe *syncfolder.FingerprintError
		switch {
		case errors.As(err, &fe):
			say(i18n.T("sync.accept_key.mismatch", map[string]any{"Name": name}))
		case err != nil:
			say(p.sh.reportError(err))
		default:
			dlg.Hide()
			p.Reload()
		}
	})
	accept.Importance = widget.HighImportance
	typed.OnSubmitted = func(string) { accept.OnTapped() }
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { dlg.Hide() })
	form := container.NewVBox(intro,
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(i18n.T("sync.accept_key.label"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, typed),
		asAdmin, problem)
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, accept), nil, nil, form)
	dlg = dialog.NewCustomWithoutButtons(i18n.T("sync.accept_key.title", map[string]any{"Name": name}), body, p.sh.Window)
	dlg.Resize(fyne.NewSize(640, 340))
	showDialog(p.sh.Window, dlg, dialogKeys{ok: accept.OnTapped})
	p.sh.Window.Canvas().Focus(typed)
}

// wrappedLabel is a label that wraps at word boundaries.
func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// warningLabel is a wrapped label in the warning colour.
func warningLabel(text string) *widget.Label {
	l := wrappedLabel(text)
	l.Importance = widget.WarningImportance
	return l
}

// hintLabel is a wrapped, quieter label that explains the line above it.
func hintLabel(text string) *widget.Label {
	l := wrappedLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// fingerprintLabel shows a fingerprint in a monospace face, easy to read aloud and to
// compare letter by letter; it can be selected and copied.
func fingerprintLabel(fp string) *widget.Label {
	l := widget.NewLabelWithStyle(fp, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	return l
}

// fingerprintRow is keyValue for a fingerprint.
func fingerprintRow(k, fp string) fyne.CanvasObject {
	kl := widget.NewLabelWithStyle(k, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, kl, nil, fingerprintLabel(fp))
}

// syncCard is the Dashboard's summary: last sync, waiting changes, conflicts.
func syncCard(sh *Shell) fyne.CanvasObject {
	syncerFor(sh)
	eng, err := sh.WS.SyncEngine(sh.Ctx, "")
	var body fyne.CanvasObject
	if err != nil {
		body = widget.NewLabel(errorText(err))
	} else if st, err := eng.Status(sh.Ctx); err != nil {
		body = widget.NewLabel(errorText(err))
	} else if st.Workspace == "" {
		l := widget.NewLabel(i18n.T("sync.card.not_shared"))
		l.Wrapping = fyne.TextWrapWord
		body = container.NewVBox(l, widget.NewButton(i18n.T("nav.sync"), func() { sh.Show("sync") }))
	} else {
		last := formatWhen(st.LastSync)
		if last == "" {
			last = i18n.T("sync.never")
		}
		body = container.NewVBox(
			keyValue(i18n.T("sync.last"), last),
			keyValue(i18n.T("sync.pending"), formatInt(st.PendingOut+st.PendingIn)),
			keyValue(i18n.T("sync.conflicts"), formatInt(st.Conflicts)),
			widget.NewButton(i18n.T("nav.sync"), func() { sh.Show("sync") }))
	}
	return Card(i18n.T("sync.card.title"), body)
}

// askJoinChoice asks what to do with this laptop's own data before joining: set it aside
// (the safe default: a sample or a trial never leaks into the municipality's records) or
// merge it into the shared workspace.
func (p *syncPage) askJoinChoice(join func()) {
	msg := widget.NewLabel(i18n.T("sync.join.merge"))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	replace := widget.NewButton(i18n.T("sync.join.replace"), func() {
		d.Hide()
		sy := syncerFor(p.sh)
		sy.hold()
		aside, err := p.sh.WS.SetAside(p.sh.Ctx)
		sy.release()
		if err != nil {
			setLine(p.problem, i18n.T("sync.error.failed", map[string]any{"Error": errorDetail(err)}))
			return
		}
		// Said apart from the sync's messages, which the syncs that follow replace.
		setLine(p.note, i18n.T("sync.join.set_aside", map[string]any{"File": aside}))
		join()
	})
	replace.Importance = widget.HighImportance
	merge := widget.NewButton(i18n.T("sync.join.merge_button"), func() { d.Hide(); join() })
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, merge, replace), nil, nil, msg)
	d = dialog.NewCustomWithoutButtons(i18n.T("sync.join"), body, p.sh.Window)
	d.Resize(fyne.NewSize(620, 220))
	showDialog(p.sh.Window, d, dialogKeys{}) // Enter sets nothing aside: only a button does
}

// setLine shows text in one of the screen's message lines, hiding the line when it is
// empty so that no blank space stands between the buttons and the cards.
func setLine(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
