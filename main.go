// Pacta: co-management of urban and natural commons between a municipality and its
// citizens. With no command it opens the window; otherwise it runs a command-line command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
	rest, verbose := app.TakeVerbose(args) // -v also opens the window
	home, gui := guiArgs(rest)
	if !gui {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := app.RunCLI(ctx, args, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	detachConsole()
	os.Exit(runGUI(app.ResolveHome(home), verbose))
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

func runGUI(home string, verbose bool) int {
	// The window logs to pacta.log in its home, and so does whatever logs through
	// slog's default (Fyne's own errors, through the standard log package, at Warn).
	var also io.Writer
	if verbose {
		also = os.Stderr
	}
	log := app.OpenLog(home, also)
	slog.SetDefault(log)
	slog.SetLogLoggerLevel(slog.LevelWarn)
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
		log.Error("start the window", "err", err)
		ui.RunStartupError(a, err)
		return 1
	}
	defer lock.Release()

	ctx := context.Background()
	var ws *app.Workspace
	if !app.Exists(home) {
		// First start: a living sample workspace rather than an empty one.
		ws, err = app.Init(ctx, home, "Comune di Esempio", true, app.OpenOptions{Log: log})
	} else {
		ws, err = app.Open(home, app.OpenOptions{Log: log})
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pacta: %v\n", err)
		log.Error("open the workspace", "home", home, "err", err)
		ui.RunStartupError(a, err)
		return 1
	}
	defer ws.Close()
	version, commit, _ := app.BuildInfo()
	log.Info("open the window", "home", home, "version", version, "commit", commit)
	ui.Run(a, ws)
	return 0
}
