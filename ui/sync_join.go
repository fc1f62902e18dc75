// Joining a shared workspace from the Sync screen: the folder's fingerprint compared first,
// then what to do with this laptop's own data.

package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/syncfolder"
)

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
		wf, err := p.sh.WS.PeekFolder(p.sh.background(), folder)
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
	cancel := newButton(i18n.T("action.cancel"), func() {
		d.Hide()
		setLine(p.status, i18n.T("sync.join.cancelled"))
	})
	same := newButtonWithIcon(i18n.T("sync.join.confirm.same"), theme.ConfirmIcon(), func() { d.Hide(); join(strings.TrimSpace(device.Text)) })
	same.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, same), nil, nil,
		container.NewVBox(intro, code, compare, widget.NewSeparator(), deviceRow))
	d = dialog.NewCustomWithoutButtons(i18n.T("sync.join.confirm.title"), body, p.sh.Window)
	d.Resize(fyne.NewSize(640, 380))
	// No Enter: the codes are compared by eye, and only the button says they are the same.
	showDialog(p.sh.Window, d, dialogKeys{cancel: cancel.OnTapped, typed: func() string {
		if device.Text == p.sh.WS.Config.DeviceName {
			return ""
		}
		return i18n.T("unsaved.dialog", map[string]any{"Title": i18n.T("sync.join.confirm.title")})
	}})
}

// joinWith joins the workspace in folder whose fingerprint the person accepted (expect),
// as device (this laptop's name; "" keeps the one it has), after asking what to do with
// this laptop's own data.
func (p *syncPage) joinWith(folder, expect, device string) {
	do := func() {
		p.busy.Show()
		setLine(p.status, i18n.T("sync.running"))
		inBackground(func() {
			_, rep, err := p.sh.WS.JoinFolder(p.sh.background(), folder, device, expect)
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

// askJoinChoice asks what to do with this laptop's own data before joining: set it aside
// (the safe default: a sample or a trial never leaks into the municipality's records) or
// merge it into the shared workspace.
func (p *syncPage) askJoinChoice(join func()) {
	msg := widget.NewLabel(i18n.T("sync.join.merge"))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	replace := newButton(i18n.T("sync.join.replace"), func() {
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
	merge := newButton(i18n.T("sync.join.merge_button"), func() { d.Hide(); join() })
	cancel := newButton(i18n.T("action.cancel"), func() { d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, merge, replace), nil, nil, msg)
	d = dialog.NewCustomWithoutButtons(i18n.T("sync.join"), body, p.sh.Window)
	d.Resize(fyne.NewSize(620, 220))
	showDialog(p.sh.Window, d, dialogKeys{}) // Enter sets nothing aside: only a button does
}
