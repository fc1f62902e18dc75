package ui

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// appKeys are the keys the window answers with Ctrl (⌘ on a Mac) from any focus:
// 1…9 switch screens, F focuses the search, S saves the form on screen, Q quits, Page Down
// and Page Up show the next and the previous tab (Ctrl+Tab and Ctrl+Shift+Tab too: Fyne's
// tabs cannot take the keyboard). Shell.shortcutAction says what each does. One function
// runs them (setAppShortcuts): the canvas calls it, and so does a field that has the
// keyboard (Entry.TypedShortcut), which Fyne asks first.
var appKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9,
	fyne.KeyF, fyne.KeyS, fyne.KeyQ, fyne.KeyPageDown, fyne.KeyPageUp}

// tabKeys are the other shortcuts that show the next and the previous tab, as the
// appKeys they stand for.
var tabKeys = map[fyne.KeyModifier]fyne.KeyName{
	fyne.KeyModifierShortcutDefault:                         fyne.KeyPageDown, // Ctrl+Tab
	fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift: fyne.KeyPageUp,   // Ctrl+Shift+Tab
}

// appKeyOf is the appKey that s stands for; ok is false when s is none of the window's
// shortcuts.
func appKeyOf(s fyne.Shortcut) (k fyne.KeyName, ok bool) {
	cs, isCustom := s.(*desktop.CustomShortcut)
	switch {
	case !isCustom:
		return "", false
	case cs.KeyName == fyne.KeyTab:
		k, ok = tabKeys[cs.Modifier]
		return k, ok
	case cs.Modifier == fyne.KeyModifierShortcutDefault && slices.Contains(appKeys, cs.KeyName):
		return cs.KeyName, true
	}
	return "", false
}

var (
	shortcutsMu sync.Mutex
	shortcutsOn = map[fyne.Canvas]func(fyne.KeyName){}
)

// setAppShortcuts makes run what the window's shortcuts (appKeys) do on c: the canvas calls
// it when no field has the keyboard, a field (typedAppShortcut) when one does.
func setAppShortcuts(c fyne.Canvas, run func(fyne.KeyName)) {
	for _, k := range appKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { run(k) })
	}
	for mod, k := range tabKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: mod}, func(fyne.Shortcut) { run(k) })
	}
	shortcutsMu.Lock()
	shortcutsOn[c] = run
	shortcutsMu.Unlock()
}

// typedAppShortcut runs s on c when it is one of the window's shortcuts, and reports
// whether it was.
func typedAppShortcut(c fyne.Canvas, s fyne.Shortcut) bool {
	k, ok := appKeyOf(s)
	if c == nil || !ok {
		return false
	}
	shortcutsMu.Lock()
	run := shortcutsOn[c]
	shortcutsMu.Unlock()
	if run == nil {
		return false
	}
	run(k)
	return true
}

// TabSwitcher is a page that shows tabs: Ctrl+Page Down and Ctrl+Page Up move among them.
type TabSwitcher interface {
	SwitchTab(delta int)
}

// Saver is a page with a form that Ctrl+S saves (the one on display, when it has several).
type Saver interface {
	Save()
}

// dialogKeys is what the keyboard does in a dialog.
type dialogKeys struct {
	ok     func() // Enter (Ctrl+Enter in a multi-line field): the dialog's confirm; nil, Enter does nothing
	cancel func() // Escape: nil hides the dialog, as its Cancel or Close button does
	save   func() // Ctrl+S: nil when the dialog has nothing to save
	// typed says what the dialog holds typed and not saved, "" when nothing (nil: it never
	// holds any): closing the window or quitting asks first (Shell.leave). keep saves it and
	// closes the dialog, and reports whether it did; a refusal keeps the dialog open. nil:
	// the dialog's confirm (ok) does, when it closes the dialog.
	typed func() string
	keep  func() bool
}

// shownDialog is a dialog showDialog put on screen, with the overlay it shows in.
type shownDialog struct {
	dialogKeys
	d       dialog.Dialog
	overlay fyne.CanvasObject
	c       fyne.Canvas
}

var (
	dialogsMu sync.Mutex
	dialogsOn = map[fyne.Canvas][]*shownDialog{}
)

// showDialog shows d over win, and gives it the keyboard: Enter confirms (keys.ok), Escape
// cancels (keys.cancel, else Hide), Ctrl+S saves (keys.save). Every dialog of the window is
// shown with it. A field with an OnSubmitted of its own keeps its Enter.
func showDialog(win fyne.Window, d dialog.Dialog, keys dialogKeys) {
	c := win.Canvas()
	before := c.Overlays().Top()
	d.Show()
	sd := &shownDialog{dialogKeys: keys, d: d, overlay: c.Overlays().Top(), c: c}
	if sd.overlay == nil || sd.overlay == before {
		return // shown elsewhere (a file dialog of the system's own) or not at all
	}
	if sd.cancel == nil {
		sd.cancel = d.Hide
	}
	dialogsMu.Lock()
	list := slices.DeleteFunc(dialogsOn[c], func(x *shownDialog) bool { return x.d == d })
	dialogsOn[c] = append(list, sd)
	dialogsMu.Unlock()
	if c.OnTypedKey() == nil { // a window without the Shell's keys (installShortcuts)
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) { windowKey(c, ev) })
	}
}

// dialogOnTop is the dialog on top of c when showDialog showed it, nil when nothing or
// another overlay (a drop-down, a dialog of Fyne's own) is on top. It forgets the dialogs
// that are closed.
func dialogOnTop(c fyne.Canvas) *shownDialog {
	if c == nil {
		return nil
	}
	shown := c.Overlays().List()
	dialogsMu.Lock()
	defer dialogsMu.Unlock()
	list := slices.DeleteFunc(dialogsOn[c], func(x *shownDialog) bool { return !slices.Contains(shown, x.overlay) })
	if len(list) == 0 {
		delete(dialogsOn, c)
		return nil
	}
	dialogsOn[c] = list
	top := c.Overlays().Top()
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].overlay == top {
			return list[i]
		}
	}
	return nil
}

// typedDialog is the topmost dialog of c that holds typing not saved, nil when none does.
func typedDialog(c fyne.Canvas) *shownDialog {
	dialogOnTop(c) // forgets the dialogs that are closed
	dialogsMu.Lock()
	list := slices.Clone(dialogsOn[c])
	dialogsMu.Unlock()
	for i := len(list) - 1; i >= 0; i-- {
		if sd := list[i]; sd.typed != nil && sd.typed() != "" {
			return sd
		}
	}
	return nil
}

// keepTyped saves what the dialog holds typed (keep, else its confirm) and reports whether
// the dialog is done; a dialog that can do neither stays as it is.
func (sd *shownDialog) keepTyped() bool {
	switch {
	case sd.keep != nil:
		return sd.keep()
	case sd.ok != nil:
		sd.ok()
		return !slices.Contains(sd.c.Overlays().List(), sd.overlay)
	}
	return false
}

// windowKey is what a key does in the window whatever has the keyboard: in a dialog,
// Escape cancels and Enter confirms. It reports whether the key was used. The canvas calls
// it when nothing has the keyboard, a field (Entry.TypedKey) when it does.
func windowKey(c fyne.Canvas, ev *fyne.KeyEvent) bool {
	sd := dialogOnTop(c)
	if sd == nil {
		return false
	}
	switch ev.Name {
	case fyne.KeyEscape:
		sd.cancel()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if sd.ok != nil {
			sd.ok()
			return true
		}
	}
	return false
}
