// Pacta: co-management of urban and natural commons between a municipality and its
// citizens. With no command it opens the window; otherwise it runs a command-line command.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	_ "early.pacta/locale" // must initialise before Fyne reads the locale; see its comment
	fyneapp "fyne.io/fyne/v2/app"

	"pacta/app"
	"pacta/ui"
)

// AppID is the application id (FyneApp.toml, desktop entry, preferences).
const AppID = "org.pactacommons.pacta"

func main() {
	args := os.Args[1:]
	home, gui := guiArgs(args)
	if !gui {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := app.RunCLI(ctx, args, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(runGUI(app.ResolveHome(home)))
}

// guiArgs decides whether the arguments ask for the window: none, or only --home DIR.
func guiArgs(args []string) (home string, gui bool) {
	switch {
	case len(args) == 0:
		return "", true
	case len(args) == 2 && (args[0] == "--home" || args[0] == "-home"):
		return args[1], true
	case len(args) == 1 && len(args[0]) > 7 && (args[0][:7] == "--home="):
		return args[0][7:], true
	}
	return "", false
}

func runGUI(home string) int {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(ui.AppIcon)
	lock, err := app.AcquireGUILock(home)
	if errors.Is(err, app.ErrLocked) {
		fmt.Fprintf(os.Stderr, "pacta: the workspace %s is already open in another Pacta window; use that window, or close it first\n", home)
		ui.RunAlreadyOpen(a, home)
		return 1
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pacta: %v\n", err)
		ui.RunStartupError(a, err)
		return 1
	}
	defer lock.Release()

	ctx := context.Background()
	var ws *app.Workspace
	if !app.Exists(home) {
		// First start: a living sample workspace rather than an empty one.
		ws, err = app.Init(ctx, home, "Comune di Esempio", true)
	} else {
		ws, err = app.Open(home)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pacta: %v\n", err)
		ui.RunStartupError(a, err)
		return 1
	}
	defer ws.Close()
	ui.Run(a, ws)
	return 0
}
