package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/syncfolder"
)

func init() {
	RegisterScreen(Screen{ID: "sync", Order: 80, TitleKey: "nav.sync", Icon: theme.ViewRefreshIcon, Make: newSyncPage})
	RegisterDashboardCard(DashboardCard{Order: 80, Load: syncCard})
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
	cancel   *Button
	busy     *fyne.Container
	syncNow  *Button
	create   *Button
	join     *Button
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
	choose := newButtonWithIcon(i18n.T("sync.choose"), theme.FolderOpenIcon(), p.chooseFolder)
	p.syncNow = newButtonWithIcon(i18n.T("sync.now"), theme.ViewRefreshIcon(), func() { p.start(false) })
	p.create = newButtonWithIcon(i18n.T("sync.create"), theme.ContentAddIcon(), func() { p.start(true) })
	p.join = newButtonWithIcon(i18n.T("sync.join"), theme.LoginIcon(), p.joinFolder)
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
	p.cancel = newButton(i18n.T("action.cancel"), p.s.Cancel)
	p.busy = container.NewBorder(nil, nil, nil, p.cancel, p.progress)
	p.busy.Hide()
	p.counts = container.NewVBox()
	p.conflict = container.NewVBox()
	p.devices = container.NewVBox()
	folderRow := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("sync.folder")), choose, p.folder)
	actions := container.NewHBox(p.syncNow, p.create, p.join)
	body := container.NewVBox(folderRow, actions, p.busy, p.status, p.problem, p.note, p.repaired, p.foreign,
		widget.NewCard(i18n.T("sync.state"), "", p.counts),
		widget.NewCard(i18n.T("sync.conflicts"), "", container.NewVBox(wrappedLabel(i18n.T("sync.conflicts.hint")), p.conflict)), // a subtitle never wraps
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
	for _, id := range st.FlaggedDevices {
		name := id
		for _, d := range st.Devices {
			if d.ID == id && d.Name != "" {
				name = d.Name
			}
		}
		rows = append(rows, warningLabel(i18n.T("sync.clock_ahead", map[string]any{"Device": name})))
	}
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

// syncCard is the Dashboard's summary: last sync, waiting changes, conflicts.
func syncCard(sh *Shell) func() fyne.CanvasObject {
	ctx := sh.background()
	eng, err := sh.WS.SyncEngine(ctx, "")
	var st syncfolder.Status
	if err == nil {
		st, err = eng.Status(ctx)
	}
	return func() fyne.CanvasObject {
		syncerFor(sh)
		return syncCardOf(sh, st, err)
	}
}

func syncCardOf(sh *Shell, st syncfolder.Status, err error) fyne.CanvasObject {
	var body fyne.CanvasObject
	if err != nil {
		body = widget.NewLabel(errorText(err))
	} else if st.Workspace == "" {
		l := widget.NewLabel(i18n.T("sync.card.not_shared"))
		l.Wrapping = fyne.TextWrapWord
		body = container.NewVBox(l, newButton(i18n.T("nav.sync"), func() { sh.Show("sync") }))
	} else {
		last := formatWhen(st.LastSync)
		if last == "" {
			last = i18n.T("sync.never")
		}
		rows := []fyne.CanvasObject{
			keyValue(i18n.T("sync.last"), last),
			keyValue(i18n.T("sync.pending"), formatInt(st.PendingOut+st.PendingIn)),
			keyValue(i18n.T("sync.conflicts"), formatInt(st.Conflicts))}
		// Laptops asking to join wait for an administrator: say so where one looks first.
		if st.Admin && len(st.Requests) > 0 {
			rows = append(rows, warningLabel(i18n.N("sync.card.requests", len(st.Requests))))
		}
		for _, k := range st.KeyChanges {
			rows = append(rows, warningLabel(i18n.T("sync.card.key_changed", map[string]any{"Device": k.Name})))
		}
		body = container.NewVBox(append(rows, newButton(i18n.T("nav.sync"), func() { sh.Show("sync") }))...)
	}
	return Card(i18n.T("sync.card.title"), body)
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
