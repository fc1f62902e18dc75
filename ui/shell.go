// Package ui holds Pacta's Fyne screens. It is the only package that touches widgets and
// fyne.Do; every rule it shows comes from a domain package.
package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
)

// Page is what a screen shows.
type Page interface {
	Content() fyne.CanvasObject
}

// Searcher is a page with a search box that Ctrl+F focuses.
type Searcher interface {
	FocusSearch()
}

// Refresher is a page that reloads its data when shown again or after a change elsewhere.
type Refresher interface {
	Reload()
}

// Screen is one entry of the navigation. Each capability registers its own in an init
// function of its file.
type Screen struct {
	ID       string
	Order    int
	TitleKey string
	Icon     func() fyne.Resource // a theme icon function (theme.HomeIcon): resolved when drawn, after the app starts
	Make     func(sh *Shell) Page
}

var screens []Screen

// RegisterScreen adds a screen to the navigation.
func RegisterScreen(s Screen) {
	screens = append(screens, s)
	sort.SliceStable(screens, func(i, j int) bool { return screens[i].Order < screens[j].Order })
}

// Shell is the main window: navigation on the left, the current screen on the right.
type Shell struct {
	App    fyne.App
	Window fyne.Window
	WS     *app.Workspace
	Ctx    context.Context

	stopRelabel func() // removes the shell's language listener (release)

	nav     *widget.List
	content *fyne.Container
	title   *widget.Label
	pages   map[string]Page
	stale   map[string]bool // pages kept in the former language for their typing (relabel)
	// previewing: the window shows the pseudo-locale because a translator asked for a
	// preview (startPreview), not because PACTA_LANG says so
	previewing bool
	current    int
}

// uiWriteWait is how long a save in the window waits for the store's writer, held by a
// sync writing a segment it received, before it says so (sync.busy_writing) instead of freezing
// the window: the person's typing stays in the form, to save again in a moment.
const uiWriteWait = 300 * time.Millisecond

// background is the context of work off the UI goroutine (a sync, an import): it waits
// for the writer as long as it takes.
func (sh *Shell) background() context.Context { return model.WithWriteWait(sh.Ctx, 0) }

// NewShell builds the window for ws.
func NewShell(a fyne.App, ws *app.Workspace) *Shell {
	sh := &Shell{App: a, WS: ws, Ctx: model.WithWriteWait(context.Background(), uiWriteWait), pages: map[string]Page{}, stale: map[string]bool{}, current: -1}
	sh.Window = a.NewWindow("Pacta")
	sh.Window.SetIcon(AppIcon)
	sh.Window.Resize(savedSize(sh))
	sh.build()
	sh.installShortcuts()
	sh.Window.SetCloseIntercept(func() { sh.leave(func() { rememberSize(sh); sh.release(); sh.Window.Close() }) })
	sh.stopRelabel = i18n.OnChange(func(string) { fyne.Do(sh.relabel) })
	return sh
}

// release lets the shell go once its window is gone: its language listener and its syncer
// are kept by package-wide lists, which would otherwise hold it (and its workspace) forever.
func (sh *Shell) release() {
	if sh.stopRelabel != nil {
		sh.stopRelabel()
	}
	syncersMu.Lock()
	delete(syncers, sh)
	syncersMu.Unlock()
}

func (sh *Shell) build() {
	sh.nav = widget.NewList(
		func() int { return len(screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(longestScreenTitle())) // the list is as wide as its longest
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(screens[i].Icon())
			box.Objects[1].(*widget.Label).SetText(i18n.T(screens[i].TitleKey))
		},
	)
	sh.nav.OnSelected = func(i widget.ListItemID) { sh.show(i) }
	sh.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	about := newButtonWithIcon("", theme.InfoIcon(), sh.ShowAbout)
	buttons := container.NewHBox(newButtonWithIcon("", theme.HelpIcon(), sh.ShowHelp), about)
	if sh.previewing && i18n.Current() == i18n.Pseudo {
		// A translator's preview (Translations screen): the way back on every screen.
		end := newButtonWithIcon(i18n.T("translate.ui.preview_end"), theme.VisibilityOffIcon(), sh.endPreview)
		end.Importance = widget.WarningImportance
		buttons.Objects = append([]fyne.CanvasObject{end}, buttons.Objects...)
	}
	header := container.NewBorder(nil, nil, nil, buttons, sh.title)
	sh.content = container.NewStack()
	right := container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, sh.content)
	split := container.NewHSplit(sh.nav, right)
	split.Offset = 0.19
	// A floor under the layout keeps the window usable: tables and forms need room.
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(960, 620))
	sh.Window.SetContent(container.NewStack(floor, split))
	sh.updateTitle()
	if len(screens) > 0 {
		sh.nav.Select(savedScreen(sh))
	}
}

// startPreview shows every screen in the pseudo-locale, with a button to end it in the
// header of each; the workspace's language is not changed.
func (sh *Shell) startPreview() {
	sh.previewing = true
	i18n.SetCurrent(i18n.Pseudo)
}

// endPreview goes back to the workspace's language.
func (sh *Shell) endPreview() {
	sh.previewing = false
	i18n.SetCurrent(sh.WS.Language())
}

func (sh *Shell) updateTitle() {
	sh.Window.SetTitle(fmt.Sprintf("Pacta — %s", sh.WS.Municipality()))
	sh.title.SetText(sh.WS.Municipality())
}

// Relabeler is a page that says its own words again in the new language instead of being
// made anew (a screen whose state is worth keeping: the translations being edited).
type Relabeler interface {
	Relabel()
}

// relabel rebuilds every screen in the new language (pages are cheap to make). A page
// holding typing not saved is kept as it is, typing and all, and made anew the next time it
// is shown without typing (sh.stale): a translation received by a sync never costs a form.
func (sh *Shell) relabel() {
	cur := sh.current
	kept := map[string]Page{}
	for id, p := range sh.pages {
		if u, ok := p.(Unsaved); ok && u.UnsavedText() != "" {
			kept[id] = p
			sh.stale[id] = true
			continue
		}
		if r, ok := p.(Relabeler); ok {
			r.Relabel()
			kept[id] = p
		}
	}
	sh.pages = kept
	sh.current = -1
	sh.build() // the sidebar too: it is as wide as its longest name, in the new language
	if cur >= 0 {
		sh.nav.Select(cur)
	}
}

func (sh *Shell) show(i int) {
	if i < 0 || i >= len(screens) {
		return
	}
	if cur := sh.current; cur >= 0 && i != cur {
		if u, ok := sh.pages[screens[cur].ID].(Unsaved); ok {
			if text := u.UnsavedText(); text != "" {
				// Stay on the screen until the user says what to do with the typing.
				sh.nav.Select(cur)
				askUnsaved(sh.Window, text, u.SaveTyped, u.DiscardTyped, func() { sh.nav.Select(i) })
				return
			}
		}
	}
	s := screens[i]
	if sh.stale[s.ID] {
		if u, ok := sh.pages[s.ID].(Unsaved); !ok || u.UnsavedText() == "" {
			delete(sh.pages, s.ID) // kept through a language change for its typing, now saved
			delete(sh.stale, s.ID)
		}
	}
	p, ok := sh.pages[s.ID]
	if !ok {
		p = s.Make(sh)
		sh.pages[s.ID] = p
	} else if r, ok := p.(Refresher); ok && i != sh.current {
		r.Reload()
	}
	sh.current = i
	rememberScreen(sh, s.ID)
	sh.content.Objects = []fyne.CanvasObject{p.Content()}
	sh.content.Refresh()
}

// pageOf is the page of the screen with the given id, made when it was never shown (a
// form of one screen opens a dialog of another); nil for an unknown id.
func (sh *Shell) pageOf(id string) Page {
	if p, ok := sh.pages[id]; ok {
		return p
	}
	for _, s := range screens {
		if s.ID == id {
			p := s.Make(sh)
			sh.pages[id] = p
			return p
		}
	}
	return nil
}

// Show switches to the screen with the given id.
func (sh *Shell) Show(id string) {
	for i, s := range screens {
		if s.ID == id {
			sh.nav.Select(i)
			return
		}
	}
}

// CurrentID is the id of the screen on display.
func (sh *Shell) CurrentID() string {
	if sh.current < 0 {
		return ""
	}
	return screens[sh.current].ID
}

// Unsaved is a page that can hold typing not saved: leaving it for another screen, or
// closing the window, asks first what to do with it (askUnsaved).
type Unsaved interface {
	// UnsavedText says what is typed and not saved, in a sentence; "" when nothing is.
	UnsavedText() string
	// SaveTyped writes it and reports whether it did; a refusal shows on the page, where
	// everything typed stays.
	SaveTyped() bool
	// DiscardTyped forgets it: the page shows what is stored.
	DiscardTyped()
}

// leave runs then (close the window, quit) once no page holds typing not saved, asking
// about each page that does, the one on display first; Cancel stays.
func (sh *Shell) leave(then func()) {
	if sd := typedDialog(sh.Window.Canvas()); sd != nil { // a dialog's typing first: it is on top
		askUnsaved(sh.Window, sd.typed(), sd.keepTyped, sd.d.Hide, func() { sh.leave(then) })
		return
	}
	var ids []string
	if sh.current >= 0 {
		ids = append(ids, screens[sh.current].ID)
	}
	for _, s := range screens {
		ids = append(ids, s.ID)
	}
	for _, id := range ids {
		if u, ok := sh.pages[id].(Unsaved); ok {
			if text := u.UnsavedText(); text != "" {
				sh.Show(id)
				askUnsaved(sh.Window, text, u.SaveTyped, u.DiscardTyped, func() { sh.leave(then) })
				return
			}
		}
	}
	then()
}

// Quit ends Pacta (Ctrl+Q), asking first about typing not saved.
func (sh *Shell) Quit() { sh.leave(func() { rememberSize(sh); sh.App.Quit() }) }

// Page returns the page of a screen if it was made.
func (sh *Shell) Page(id string) Page { return sh.pages[id] }

// Changed tells every made page that data changed (after an import, a sync…).
func (sh *Shell) Changed() {
	for id, p := range sh.pages {
		if r, ok := p.(Refresher); ok && (sh.current < 0 || screens[sh.current].ID != id) {
			r.Reload()
		}
	}
	if sh.current >= 0 {
		if r, ok := sh.pages[screens[sh.current].ID].(Refresher); ok {
			r.Reload()
		}
	}
	sh.updateTitle()
}

// FocusSearch focuses the current page's search box, if it has one.
func (sh *Shell) FocusSearch() {
	if sh.current < 0 || sh.dialogOpen() {
		return
	}
	if s, ok := sh.pages[screens[sh.current].ID].(Searcher); ok {
		s.FocusSearch()
	}
}

// ShowError shows err in a dialog, in the person's language (reportError).
func (sh *Shell) ShowError(err error) {
	if err == nil {
		return
	}
	showMessage(sh.Window, i18n.T("error.title"), wrappedLabel(sh.reportError(err)), theme.ErrorIcon())
}

// ShowInfo shows a short message.
func (sh *Shell) ShowInfo(titleKey, message string) {
	showMessage(sh.Window, i18n.T(titleKey), wrappedLabel(message), theme.InfoIcon())
}
