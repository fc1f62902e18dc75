// The Sync screen's devices: enrolment requests, key changes, revocation.

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
	"pacta/model"
	"pacta/syncfolder"
)

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
			revoke := newButtonWithIcon(i18n.T("sync.revoke"), theme.CancelIcon(), func() { p.confirmRevoke(d) })
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
			objs = append(objs, container.NewHBox(newButtonWithIcon(i18n.T("sync.key_change.accept"), theme.ConfirmIcon(),
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
			act.Add(newButton(i18n.T("sync.enrol"), func() { p.decide(r.Device, true, false) }))
			act.Add(newButton(i18n.T("sync.enrol_admin"), func() { p.decide(r.Device, true, true) }))
			act.Add(newButton(i18n.T("sync.reject"), func() { p.decide(r.Device, false, false) }))
		}
		objs = append(objs, label, act)
	}
	if len(objs) == 0 {
		objs = append(objs, wrappedLabel(i18n.T("sync.devices.none")))
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
	cancel := newButton(i18n.T("action.cancel"), func() { dlg.Hide() })
	revoke := newButtonWithIcon(i18n.T("sync.revoke.button", map[string]any{"Name": d.Name}), theme.CancelIcon(), func() {
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
	asAdmin := newCheck(i18n.T("sync.enrol_admin"), nil)
	asAdmin.SetChecked(admin)
	problem := warningLabel("")
	problem.Hide()
	say := func(msg string) { setLine(problem, msg) }
	var dlg dialog.Dialog
	accept := newButtonWithIcon(i18n.T("sync.accept_key.accept"), theme.ConfirmIcon(), func() {
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
	cancel := newButton(i18n.T("action.cancel"), func() { dlg.Hide() })
	form := container.NewVBox(intro,
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(i18n.T("sync.accept_key.label"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, typed),
		asAdmin, problem)
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, accept), nil, nil, form)
	dlg = dialog.NewCustomWithoutButtons(i18n.T("sync.accept_key.title", map[string]any{"Name": name}), body, p.sh.Window)
	dlg.Resize(fyne.NewSize(640, 340))
	showDialog(p.sh.Window, dlg, dialogKeys{ok: accept.OnTapped, typed: func() string {
		if strings.TrimSpace(typed.Text) == "" {
			return ""
		}
		return i18n.T("unsaved.dialog", map[string]any{"Title": i18n.T("sync.accept_key.title", map[string]any{"Name": name})})
	}})
	p.sh.Window.Canvas().Focus(typed)
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
