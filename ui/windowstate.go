package ui

import (
	"fyne.io/fyne/v2"
)

// The window remembers, per workspace, its size and the screen it showed last, in Fyne's
// preferences (a file in the user's configuration folder, not in the workspace: each
// laptop has its own screen).

// defaultWindowSize is the size of a first start.
var defaultWindowSize = fyne.NewSize(1320, 820)

func prefKey(sh *Shell, what string) string { return "window." + what + ":" + sh.WS.Home }

// savedSize is the window's size when it last closed, or the default.
func savedSize(sh *Shell) fyne.Size {
	p := sh.App.Preferences()
	w, h := p.FloatWithFallback(prefKey(sh, "width"), 0), p.FloatWithFallback(prefKey(sh, "height"), 0)
	if w < 640 || h < 480 { // nothing saved, or a size nobody could work in
		return defaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps the window's size for the next start.
func rememberSize(sh *Shell) {
	s := sh.Window.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	p := sh.App.Preferences()
	p.SetFloat(prefKey(sh, "width"), float64(s.Width))
	p.SetFloat(prefKey(sh, "height"), float64(s.Height))
}

// savedScreen is the index of the screen shown last, 0 (the dashboard) when none was or
// it no longer exists.
func savedScreen(sh *Shell) int {
	id := sh.App.Preferences().String(prefKey(sh, "screen"))
	for i, s := range screens {
		if s.ID == id {
			return i
		}
	}
	return 0
}

// rememberScreen keeps the screen on display for the next start.
func rememberScreen(sh *Shell, id string) { sh.App.Preferences().SetString(prefKey(sh, "screen"), id) }
