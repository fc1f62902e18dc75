package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/translations"
)

func init() {
	RegisterScreen(Screen{ID: "glossary", Order: 96, TitleKey: "help.glossary", Icon: theme.SearchIcon, Make: newGlossaryPage})
}

// glossaryPage is the Glossary screen: every term with its definition in a language, the
// book's lines for the book's terms, and, where a language has no definition (the book
// gives no Kichwa ones), a line that says so and a button to write it, as a translation
// of the workspace's (synced like any other).
type glossaryPage struct {
	sh     *Shell
	langs  []i18n.Language // the drop-down's languages (the pseudo-locale's too, when offered)
	lang   *Select
	search *Entry
	intro  *widget.Label
	list   *fyne.Container
	outer  fyne.CanvasObject
}

func newGlossaryPage(sh *Shell) Page {
	p := &glossaryPage{sh: sh, list: container.NewVBox()}
	p.langs = settingsLanguages()
	var names []string
	chosen := 0
	for i, l := range p.langs {
		names = append(names, l.Name)
		if l.Code == i18n.Current() {
			chosen = i
		}
	}
	p.lang = newSelect(names, func(string) { p.Reload() })
	p.lang.SetSelectedIndex(chosen)
	p.search = newEntry()
	p.search.SetPlaceHolder(i18n.T("action.search"))
	p.search.OnChanged = func(string) { p.Reload() }
	p.intro = hintLabel(i18n.T("glossary.ui.intro"))
	// The drop-down as wide as its longest language and its arrow ("Espa…" otherwise).
	langBox := container.NewGridWrap(fyne.NewSize(columnWidth(0, names...)+theme.IconInlineSize()+4*theme.Padding(), p.lang.MinSize().Height), p.lang)
	top := container.NewVBox(p.intro, container.NewBorder(nil, nil, langBox, nil, p.search))
	p.outer = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list))
	p.Reload()
	return p
}

func (p *glossaryPage) Content() fyne.CanvasObject { return p.outer }

// Relabel implements Relabeler: a definition written here, or the window's language
// changed, keeps the language and search the screen shows.
func (p *glossaryPage) Relabel() {
	p.intro.SetText(i18n.T("glossary.ui.intro"))
	p.search.SetPlaceHolder(i18n.T("action.search"))
	p.Reload()
}

// FocusSearch implements Searcher.
func (p *glossaryPage) FocusSearch() {
	if c := p.sh.Window.Canvas(); c != nil {
		c.Focus(p.search)
	}
}

// Reload shows the terms again (a translation saved or synced, another language).
func (p *glossaryPage) Reload() {
	if p.list == nil || p.search == nil {
		return
	}
	lang := i18n.Current()
	if i := p.lang.SelectedIndex(); i >= 0 && i < len(p.langs) {
		lang = p.langs[i].Code
	}
	p.list.Objects = nil
	entries := translations.Glossary(lang, i18n.Current(), p.search.Text)
	if len(entries) == 0 {
		p.list.Add(hintLabel(i18n.T("glossary.ui.none")))
	}
	for _, e := range entries {
		term := e.Term
		if term == "" {
			term = i18n.In(lang).T(translations.TermKey(e.Key))
		}
		p.list.Add(widget.NewLabelWithStyle(term, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if e.Text != "" {
			p.list.Add(wrapped(e.Text))
		} else {
			why := i18n.T("glossary.ui.no_definition", map[string]any{"Language": langName(lang)})
			if e.Lines != "" {
				why = i18n.T("glossary.ui.no_definition_book", map[string]any{"Language": langName(lang)})
			}
			l := wrappedLabel(why)
			l.Importance = widget.WarningImportance
			p.list.Add(l)
		}
		var row []fyne.CanvasObject
		if e.Lines != "" {
			src := widget.NewLabel(i18n.T("glossary.ui.book_lines", map[string]any{"Lines": e.Lines}))
			src.SizeName = theme.SizeNameCaptionText // beside a button: one line, not wrapped
			row = append(row, src)
		}
		if lang != i18n.Source && lang != i18n.Pseudo {
			key, label := "glossary.ui.edit", translations.TextKey(e.Key)
			if e.Text == "" {
				key = "glossary.ui.write"
			}
			row = append(row, newButtonWithIcon(i18n.T(key), theme.DocumentCreateIcon(), func() { p.edit(lang, label, e.Text) }))
		}
		if len(row) > 0 {
			p.list.Add(container.NewHBox(row...))
		}
		p.list.Add(widget.NewSeparator())
	}
	p.list.Refresh()
}

// edit asks for the definition of a term in lang: a translation of the workspace's, checked
// and saved as the Translations screen saves one.
func (p *glossaryPage) edit(lang, key, text string) {
	english := i18n.In(i18n.Source).T(key)
	intro := i18n.T("glossary.ui.edit_intro", map[string]any{"English": english, "Language": langName(lang)})
	askText(p.sh, i18n.T("glossary.ui.edit_title", map[string]any{"Language": langName(lang)}), intro,
		i18n.T("translate.ui.text_label"), i18n.T("action.save"), text, nil, func(s string) error {
			err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error {
				return translations.Set(tx, lang, key, map[string]string{"other": s})
			})
			if err != nil {
				return err
			}
			if err := translations.Apply(p.sh.WS.Store.DB()); err != nil {
				return err
			}
			p.Reload()
			return nil
		})
}

// ShowGlossary shows the Glossary screen.
func (sh *Shell) ShowGlossary() { sh.Show("glossary") }

// termHint is the small button beside a field whose label names a glossary term: pointing
// at it (or pressing it, from the keyboard) shows the term's definition, as a tooltip that
// goes when the pointer leaves it, or at a tap anywhere.
type termHint struct {
	Button
	key string
	tip *tipLayer
}

func newTermHint(key string) *termHint {
	h := &termHint{key: key}
	h.Icon = theme.QuestionIcon()
	h.Importance = widget.LowImportance
	h.OnTapped = h.toggle
	h.ExtendBaseWidget(h)
	return h
}

// MouseIn shows the definition when the pointer comes onto the button.
func (h *termHint) MouseIn(e *desktop.MouseEvent) {
	h.Button.MouseIn(e)
	h.show()
}

func (h *termHint) toggle() {
	if h.tip != nil {
		h.hide()
		return
	}
	h.show()
}

func (h *termHint) show() {
	if h.tip != nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(h)
	if c == nil {
		return
	}
	text := i18n.T(translations.TextKey(h.key))
	const width = 380
	lines := 1 + int(fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width/(width-4*theme.InnerPadding()))
	body := container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(i18n.T(translations.TermKey(h.key)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), wrapped(text)))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = theme.Color(theme.ColorNameShadow), 1, theme.InputRadiusSize()
	box := container.NewStack(bg, body)
	at := d.AbsolutePositionForObject(h)
	size := fyne.NewSize(width, float32(lines+2)*theme.TextSize()*1.6+4*theme.Padding())
	pos := at.Add(fyne.NewPos(h.Size().Width-width, h.Size().Height))
	if pos.X < 0 {
		pos.X = 0
	}
	if cs := c.Size(); pos.Y+size.Height > cs.Height {
		pos.Y = at.Y - size.Height // above the button when there is no room below
	}
	box.Move(pos)
	box.Resize(size)
	button := fyne.NewPos(at.X, at.Y)
	h.tip = newTipLayer(box, func(p fyne.Position) bool {
		within := func(o fyne.Position, s fyne.Size) bool {
			return p.X >= o.X && p.Y >= o.Y && p.X <= o.X+s.Width && p.Y <= o.Y+s.Height
		}
		return within(button, h.Size()) || within(pos, size)
	}, func() { h.tip = nil })
	c.Overlays().Add(h.tip)
	h.tip.Resize(c.Size())
}

func (h *termHint) hide() {
	if h.tip != nil {
		h.tip.close()
	}
}

// tipLayer is a tooltip over the whole window: it shows box, and goes when the pointer
// moves off where keep says it may stay, or at a tap.
type tipLayer struct {
	widget.BaseWidget
	box    fyne.CanvasObject
	keep   func(fyne.Position) bool
	closed func()
	done   bool
}

func newTipLayer(box fyne.CanvasObject, keep func(fyne.Position) bool, closed func()) *tipLayer {
	t := &tipLayer{box: box, keep: keep, closed: closed}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tipLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout(t.box))
}

func (t *tipLayer) close() {
	if t.done {
		return
	}
	t.done = true
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Overlays().Remove(t)
	}
	t.closed()
}

// MouseIn implements desktop.Hoverable.
func (t *tipLayer) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved closes the tip once the pointer leaves the button and the tip.
func (t *tipLayer) MouseMoved(e *desktop.MouseEvent) {
	if !t.keep(e.Position) {
		t.close()
	}
}

// MouseOut implements desktop.Hoverable.
func (t *tipLayer) MouseOut() {}

// Tapped closes the tip.
func (t *tipLayer) Tapped(*fyne.PointEvent) { t.close() }
