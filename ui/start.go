package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

func init() {
	RegisterDashboardCard(DashboardCard{Order: -10, Make: sampleCard})
}

// sampleCard greets a first start: the window opens on sample data, and this card leads
// to the real thing (a new workspace, or joining the one colleagues share). It disappears
// once the sample has been set aside.
func sampleCard(sh *Shell) fyne.CanvasObject {
	if !sh.WS.IsSample(sh.Ctx) {
		return nil
	}
	text := widget.NewLabel(i18n.T("start.sample.text"))
	text.Wrapping = fyne.TextWrapWord
	start := widget.NewButtonWithIcon(i18n.T("start.new"), theme.ContentAddIcon(), func() { sh.askStartOver() })
	start.Importance = widget.HighImportance
	join := widget.NewButtonWithIcon(i18n.T("start.join"), theme.ViewRefreshIcon(), func() { sh.Show("sync") })
	return Card(i18n.T("start.sample.title"), container.NewBorder(nil, container.NewVBox(start, join), nil, nil, text))
}

// askStartOver asks for the municipality's name, then sets the sample aside and starts an
// empty workspace in its place.
func (sh *Shell) askStartOver() {
	name := widget.NewEntry()
	name.SetPlaceHolder("Comune di …")
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(i18n.T("settings.error.municipality_required"))
		}
		return nil
	}
	items := []*widget.FormItem{{Text: i18n.T("settings.municipality"), Widget: name, HintText: i18n.T("settings.municipality.hint")}}
	d := dialog.NewForm(i18n.T("start.new.title"), i18n.T("action.save"), i18n.T("action.cancel"), items, func(ok bool) {
		if ok {
			sh.startOver(name.Text)
		}
	}, sh.Window)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
	sh.Window.Canvas().Focus(name)
}

// startOver does the work of askStartOver and rebuilds every screen on the new workspace.
func (sh *Shell) startOver(municipality string) error {
	sy := syncerFor(sh)
	sy.hold()
	aside, err := sh.WS.StartOver(sh.Ctx, municipality)
	sy.release()
	if err != nil {
		sh.ShowError(err)
		return err
	}
	sh.relabel()
	sh.ShowInfo("start.new.title", i18n.T("start.new.done", map[string]any{"File": aside}))
	return nil
}
