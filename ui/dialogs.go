package ui

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// showMessage shows content in a dialog with a Close button, an icon beside it when icon
// is not nil; Enter and Escape close it.
func showMessage(win fyne.Window, title string, content fyne.CanvasObject, icon fyne.Resource) dialog.Dialog {
	var d *dialog.CustomDialog
	if icon != nil {
		content = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, content)
	}
	d = dialog.NewCustomWithoutButtons(title, content, win)
	closeBtn := newButton(i18n.T("action.close"), func() { d.Hide() })
	closeBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{closeBtn})
	if icon != nil {
		d.Resize(fyne.NewSize(480, 0))
	}
	showDialog(win, d, dialogKeys{ok: d.Hide})
	return d
}

// showChoice shows content in a dialog with Cancel and a button labelled confirm; done gets
// true when the user confirms (the button, Enter), false when not (Cancel, Escape).
func showChoice(win fyne.Window, title, confirm string, content fyne.CanvasObject, done func(bool)) dialog.Dialog {
	var d *dialog.CustomDialog
	answer := func(ok bool) func() { return func() { d.Hide(); done(ok) } }
	yes := newButtonWithIcon(confirm, theme.ConfirmIcon(), answer(true))
	yes.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{newButtonWithIcon(i18n.T("action.cancel"), theme.CancelIcon(), answer(false)), yes})
	showDialog(win, d, dialogKeys{ok: answer(true), cancel: answer(false)})
	return d
}

// dialogSize is want, within the window: a dialog wider or taller than the window is cut
// off (at 1024×700 the asset form was).
func dialogSize(win fyne.Window, want fyne.Size) fyne.Size {
	room := win.Canvas().Size()
	const margin = 24
	if room.Width > margin && want.Width > room.Width-margin {
		want.Width = room.Width - margin
	}
	if room.Height > margin && want.Height > room.Height-margin {
		want.Height = room.Height - margin
	}
	return want
}

// saveFileAs asks where to save a file (name proposed) and writes it there with write;
// done, when set, runs after a write that succeeded, with the file's name. An error is
// shown; Cancel does nothing.
func (sh *Shell) saveFileAs(name string, write func(io.Writer) error, done func(name string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			sh.ShowError(err)
			return
		}
		if wc == nil {
			return
		}
		err = write(wc)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			sh.ShowError(err)
			return
		}
		if done != nil {
			done(wc.URI().Name())
		}
	}, sh.Window)
	d.SetFileName(name)
	showDialog(sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

// openFileOf asks for a file with one of exts (".json") and hands its name and bytes to use;
// an error is shown, Cancel does nothing.
func (sh *Shell) openFileOf(exts []string, use func(name string, data []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			sh.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			sh.ShowError(err)
			return
		}
		use(r.URI().Name(), data)
	}, sh.Window)
	var all []string
	for _, e := range exts {
		all = append(all, e, strings.ToUpper(e))
	}
	d.SetFilter(storage.NewExtensionFileFilter(all))
	showDialog(sh.Window, d, dialogKeys{cancel: d.Dismiss})
}
