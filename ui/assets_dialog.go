package ui

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
)

// openDetail shows the asset with id (or a new one) in a dialog.
func (p *assetsPage) openDetail(id string) {
	f, err := newAssetForm(p.sh, id)
	if err != nil {
		p.sh.ShowError(err)
		return
	}
	f.onSaved = func() { p.sh.Changed() }
	var d *dialog.CustomDialog
	save := newButtonWithIcon(i18n.T("action.save"), theme.DocumentSaveIcon(), func() {
		if f.save() == nil {
			d.Hide()
		}
	})
	save.Importance = widget.HighImportance
	closeBtn := newButton(i18n.T("action.close"), f.close)
	buttons := []fyne.CanvasObject{closeBtn, save}
	if id != "" {
		del := newButtonWithIcon(i18n.T("action.delete"), theme.DeleteIcon(), func() {
			confirmAction(p.sh.Window, i18n.T("asset.delete.title"), i18n.T("asset.delete.confirm", map[string]any{"Name": f.a.Name}),
				i18n.T("action.delete"), true, func() {
					if err := assets.Delete(p.sh.Ctx, p.sh.WS.Store, f.a.ID); err != nil {
						p.sh.ShowError(err)
						return
					}
					d.Hide()
					p.sh.Changed()
				})
		})
		buttons = append([]fyne.CanvasObject{del}, buttons...)
	}
	title := i18n.T("asset.new")
	if id != "" {
		title = f.a.Name // the form's first line shows the reference, which may change (showRef)
	}
	d = dialog.NewCustomWithoutButtons(title, f.content(), p.sh.Window)
	f.dlg = d
	f.onGone = func(text string) { setLine(p.notice, text) }
	setLine(p.notice, "")
	d.SetButtons(buttons)
	d.Resize(dialogSize(p.sh.Window, fyne.NewSize(1040, 720)))
	p.detail = f
	d.SetOnClosed(func() {
		if p.detail == f {
			p.detail = nil
		}
	})
	// Enter saves and closes as Save does, Escape is Close, Ctrl+S saves and stays.
	showDialog(p.sh.Window, d, dialogKeys{ok: save.OnTapped, cancel: func() { closeBtn.OnTapped() }, save: func() { f.save() }})
	// Typing goes to the name at once, as in the other forms (it was lost before a click).
	p.sh.Window.Canvas().Focus(f.entries["name"])
}

// unsaved reports whether the form holds typing not saved: a value that differs from the
// asset as the form was filled (or a coordinate that does not read).
func (f *assetForm) unsaved() bool {
	typed, bad := f.collect()
	return len(bad) > 0 || !reflect.DeepEqual(typed, f.a)
}

// unsavedText says what the form holds typed and not saved, "" when nothing.
func (f *assetForm) unsavedText() string {
	if !f.unsaved() {
		return ""
	}
	if f.a.ID == "" {
		return i18n.T("asset.unsaved.new")
	}
	return i18n.T("asset.unsaved", map[string]any{"Ref": f.a.Ref, "Name": f.a.Name})
}

// close closes the form (Close, Escape), asking first what to do with typing not saved:
// Save keeps the form open with its messages when the asset is refused.
func (f *assetForm) close() {
	if f.dlg == nil {
		return
	}
	if text := f.unsavedText(); text != "" {
		askUnsaved(f.sh.Window, text, func() bool { return f.save() == nil }, func() {}, f.dlg.Hide)
		return
	}
	f.dlg.Hide()
}

// vanished follows the asset out of the workspace (a sync removed it, or this laptop's
// data was set aside). With nothing typed the form closes and the list says why; with
// typing it stays open and says so, and Save keeps what is typed as a new asset.
func (f *assetForm) vanished() {
	data := map[string]any{"Ref": f.a.Ref, "Name": f.a.Name}
	if !f.unsaved() {
		if f.onGone != nil {
			f.onGone(i18n.T("asset.gone", data))
		}
		if f.dlg != nil {
			f.dlg.Hide()
		}
		return
	}
	f.a.ID, f.a.Ref = "", ""
	f.problem.Importance = widget.WarningImportance
	f.problem.SetText(i18n.T("asset.gone.typed", data))
	f.loadLinks()
}

// UnsavedText says what the asset form on screen holds typed and not saved (Unsaved).
func (p *assetsPage) UnsavedText() string {
	if p.detail == nil {
		return ""
	}
	return p.detail.unsavedText()
}

// SaveTyped saves the asset form on screen and closes it; a refusal keeps it open.
func (p *assetsPage) SaveTyped() bool {
	f := p.detail
	if f == nil {
		return true
	}
	if f.save() != nil {
		return false
	}
	if f.dlg != nil {
		f.dlg.Hide()
	}
	return true
}

// DiscardTyped closes the asset form on screen without saving.
func (p *assetsPage) DiscardTyped() {
	if p.detail != nil && p.detail.dlg != nil {
		p.detail.dlg.Hide()
	}
}
