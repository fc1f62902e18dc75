// Small dialogs every screen uses: one text asked for, unsaved typing, a confirmation.

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// askText asks for one text in a dialog wide enough to read and write a paragraph, with
// intro above it when it is not "". onOK gets the text when the user confirms; an error
// keeps the dialog open with the text as typed, and its message under the field when it
// is about one of the names in about (formField.about), under the form otherwise.
func askText(sh *Shell, title, intro, label, confirm, text string, about []string, onOK func(string) error) *formDialog {
	e := multiLine(5)
	e.SetText(text)
	d := newFormDialog(sh, title, confirm, intro, []*formField{newField(label, e, about...)}, func() error { return onOK(e.Text) })
	d.Show(fyne.NewSize(640, 320))
	return d
}

// askUnsaved asks what to do with typing not saved before the user leaves it: Save (then
// leave, once saved; a save that fails leaves everything as it was, its message shown
// where the form shows it), Discard (forget the typing, then leave) or Cancel (stay;
// nothing changes).
func askUnsaved(win fyne.Window, text string, save func() bool, discard func(), leave func()) dialog.Dialog {
	return askSaveFirst(win, i18n.T("unsaved.title"), text, i18n.T("action.save"), i18n.T("unsaved.discard"),
		func() {
			if save() {
				leave()
			}
		}, func() {
			discard()
			leave()
		})
}

// askSaveFirst is the three-way question of askUnsaved with its own words for the first
// two answers; the third is Cancel.
func askSaveFirst(win fyne.Window, title, text, saveLabel, discardLabel string, onSave, onDiscard func()) dialog.Dialog {
	var d *dialog.CustomDialog
	save := newButtonWithIcon(saveLabel, theme.DocumentSaveIcon(), func() { d.Hide(); onSave() })
	save.Importance = widget.HighImportance
	discard := newButton(discardLabel, func() { d.Hide(); onDiscard() })
	cancel := newButton(i18n.T("action.cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, wrappedLabel(text), win)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Resize(fyne.NewSize(560, 200))
	showDialog(win, d, dialogKeys{ok: save.OnTapped, save: save.OnTapped})
	return d
}

// confirmAction asks before an action that cannot be undone; text names its consequence.
// Only the button labelled button does it; danger colours it for an action that ends or
// removes something.
func confirmAction(win fyne.Window, title, text, button string, danger bool, ok func()) dialog.Dialog {
	var d dialog.Dialog
	no := newButton(i18n.T("action.cancel"), func() { d.Hide() })
	yes := newButtonWithIcon(button, theme.ConfirmIcon(), func() {
		d.Hide()
		ok()
	})
	yes.Importance = widget.HighImportance
	if danger {
		yes.Importance = widget.DangerImportance
	}
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), no, yes), nil, nil, wrappedLabel(text))
	d = dialog.NewCustomWithoutButtons(title, body, win)
	d.Resize(fyne.NewSize(600, 220))
	keys := dialogKeys{ok: yes.OnTapped}
	if danger {
		keys.ok = nil // Enter does not end or remove anything: only the button does
	}
	showDialog(win, d, keys)
	return d
}
