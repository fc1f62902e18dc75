package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
)

// AboutContent is what the About box shows: version, licence and where the data lives.
func AboutContent(ws *app.Workspace) fyne.CanvasObject {
	v, c, d := app.BuildInfo()
	icon := canvas.NewImageFromResource(AppIcon)
	icon.SetMinSize(fyne.NewSize(64, 64))
	icon.FillMode = canvas.ImageFillContain
	short := c
	if len(short) > 12 {
		short = short[:12]
	}
	return container.NewVBox(
		container.NewHBox(icon, container.NewVBox(
			widget.NewLabelWithStyle("Pacta", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabel(i18n.T("about.tagline")),
		)),
		keyValue(i18n.T("about.version"), fmt.Sprintf("%s (%s, %s)", v, short, d)),
		keyValue(i18n.T("about.licence"), "MIT"),
		keyValue(i18n.T("about.data"), ws.Home),
		keyValue(i18n.T("about.device"), ws.Identity.Device),
	)
}

// ShowAbout opens the About box.
func (sh *Shell) ShowAbout() {
	dialog.ShowCustom(i18n.T("about.title"), i18n.T("action.close"), AboutContent(sh.WS), sh.Window)
}
