package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
func (sh *Shell) askStartOver() *formDialog {
	name := newEntry()
	name.SetPlaceHolder(i18n.T("start.new.placeholder"))
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(i18n.T("settings.error.municipality_required"))
		}
		return nil
	}
	f := newField(i18n.T("settings.municipality"), name, "municipality")
	f.hint = i18n.T("settings.municipality.hint")
	// The dialog says what starting over does; a refusal keeps it open with the name typed.
	d := newFormDialog(sh, i18n.T("start.new.title"), i18n.T("start.new.button"), i18n.T("start.new.intro"), []*formField{f},
		func() error { return sh.startOver(name.Text) })
	d.Show(fyne.NewSize(560, 0))
	return d
}

// startOver does the work of askStartOver and rebuilds every screen on the new workspace.
// The caller shows the error.
func (sh *Shell) startOver(municipality string) error {
	sy := syncerFor(sh)
	sy.hold()
	aside, err := sh.WS.StartOver(sh.Ctx, municipality)
	sy.release()
	if err != nil {
		return err
	}
	sh.relabel()
	sh.ShowInfo("start.new.title", i18n.T("start.new.done", map[string]any{"File": aside}))
	return nil
}
