package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
)

// AboutContent is what the About box shows: version, licence and where the data lives.
func AboutContent(ws *app.Workspace) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(AppIcon)
	icon.SetMinSize(fyne.NewSize(64, 64))
	icon.FillMode = canvas.ImageFillContain
	rows := []fyne.CanvasObject{container.NewHBox(icon, container.NewVBox(
		widget.NewLabelWithStyle("Pacta", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(i18n.T("about.tagline")),
	))}
	rows = append(rows, buildRows(app.BuildKnown())...)
	return container.NewVBox(append(rows,
		keyValue(i18n.T("about.licence"), "MIT"),
		keyValue(i18n.T("about.data"), ws.Home),
		keyValue(i18n.T("about.device"), ws.Config.DeviceName),
	)...)
}

// buildRows say which Pacta this is: its version, and the commit and build date when the
// build knows them; a build that knows neither says it is a development build.
func buildRows(version, commit, date string) []fyne.CanvasObject {
	if commit == "" && date == "" {
		return []fyne.CanvasObject{keyValue(i18n.T("about.version"), i18n.T("about.development", map[string]any{"Version": version}))}
	}
	rows := []fyne.CanvasObject{keyValue(i18n.T("about.version"), version)}
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		rows = append(rows, keyValue(i18n.T("about.commit"), commit))
	}
	if date != "" {
		rows = append(rows, keyValue(i18n.T("about.built"), formatWhen(date)))
	}
	return rows
}

// ShowAbout opens the About box.
func (sh *Shell) ShowAbout() {
	showMessage(sh.Window, i18n.T("about.title"), AboutContent(sh.WS), nil)
}
