// The keyboard: shortcuts of the window, saving from anywhere, switching tabs.

package ui

import "fyne.io/fyne/v2"

// shortcutAction is what Ctrl+key does (appKeys): 1…9 switch screens, F focuses search,
// S saves the form on screen, Q quits, Page Down and Page Up show the next and previous
// tab. While a dialog is open, the screen under it stays.
func (sh *Shell) shortcutAction(k fyne.KeyName) func() {
	digits := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i, d := range digits {
		if d == k {
			i := i
			return func() {
				if i < len(screens) && !sh.dialogOpen() {
					sh.nav.Select(i)
				}
			}
		}
	}
	switch k {
	case fyne.KeyF:
		return sh.FocusSearch
	case fyne.KeyS:
		return sh.Save
	case fyne.KeyPageDown:
		return func() { sh.switchTab(1) }
	case fyne.KeyPageUp:
		return func() { sh.switchTab(-1) }
	case fyne.KeyQ:
		return sh.Quit
	}
	return nil
}

// installShortcuts gives the window its keys: the Ctrl+key shortcuts (appKeys), and Enter
// and Escape in a dialog (windowKey). A field that has the keyboard passes them on (Entry).
func (sh *Shell) installShortcuts() {
	c := sh.Window.Canvas()
	setAppShortcuts(c, func(k fyne.KeyName) {
		if act := sh.shortcutAction(k); act != nil {
			act()
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { windowKey(c, ev) })
}

// dialogOpen reports whether a dialog (or a drop-down) is over the screen.
func (sh *Shell) dialogOpen() bool {
	return sh.Window.Canvas().Overlays().Top() != nil
}

// Save saves the form on screen (Ctrl+S): the dialog's on top when it has one (dialogKeys),
// else the current page's (Saver).
func (sh *Shell) Save() {
	if d := dialogOnTop(sh.Window.Canvas()); d != nil {
		if d.save != nil {
			d.save()
		}
		return
	}
	if sh.dialogOpen() || sh.current < 0 {
		return
	}
	if s, ok := sh.pages[screens[sh.current].ID].(Saver); ok {
		s.Save()
	}
}

// switchTab shows the current page's next tab (delta 1) or previous one (-1), when it has
// tabs (TabSwitcher).
func (sh *Shell) switchTab(delta int) {
	if sh.current < 0 || sh.dialogOpen() {
		return
	}
	if t, ok := sh.pages[screens[sh.current].ID].(TabSwitcher); ok {
		t.SwitchTab(delta)
	}
}
