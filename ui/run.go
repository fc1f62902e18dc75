package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
)

// Run shows the main window for ws and blocks until it closes.
func Run(a fyne.App, ws *app.Workspace) {
	Setup(ws)
	sh := NewShell(a, ws)
	sh.Window.SetMaster()
	sh.Window.ShowAndRun()
}

// Setup applies the workspace's language to Pacta's and Fyne's strings, and keeps Fyne
// following later switches.
func Setup(ws *app.Workspace) {
	i18n.OnChange(applyFyneLanguage)
	i18n.SetCurrent(ws.Language())
	applyFyneLanguage(i18n.Current())
}

// RunAlreadyOpen shows a small window saying the workspace is open elsewhere, then exits.
func RunAlreadyOpen(a fyne.App, home string) {
	i18n.SetCurrent(app.LanguageAt(home))
	applyFyneLanguage(i18n.Current())
	w := a.NewWindow("Pacta")
	w.SetIcon(AppIcon)
	msg := widget.NewLabel(i18n.T("startup.already_open", map[string]string{"Home": home}))
	msg.Wrapping = fyne.TextWrapWord
	ok := newButton(i18n.T("action.close"), a.Quit)
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewCenter(ok), nil, nil, msg)))
	w.Resize(fyne.NewSize(460, 160))
	w.ShowAndRun()
}

// RunStartupError shows an error that stops the app from opening the workspace.
func RunStartupError(a fyne.App, err error) {
	i18n.SetCurrent(i18n.FromEnvironment())
	w := a.NewWindow("Pacta")
	w.SetIcon(AppIcon)
	msg := widget.NewLabel(i18n.T("startup.error", map[string]string{"Error": errorDetail(err)}))
	msg.Wrapping = fyne.TextWrapWord
	ok := newButton(i18n.T("action.close"), a.Quit)
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewCenter(ok), nil, nil, msg)))
	w.Resize(fyne.NewSize(520, 200))
	w.ShowAndRun()
}
