package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

// The pseudo-locale sweep: with every message of the window in the pseudo-locale (English
// accented and a third longer, i18n.Pseudo), it opens every screen, every tab of every
// sample pact, and every dialog that a button with a text opens (and the dialogs those
// open), and fails on
//   - a visible text with letters that has no pseudo accents, i.e. did not pass through
//     i18n, unless it is data: the sample workspace's own values (dataTables), or a
//     reference, a number, a date, a fingerprint, a path (dataPatterns), or a proper name
//     (properNames);
//   - a label, button, check or drop-down whose translated text is cut short: given less
//     width than the text needs, or truncated with "…".
//
// Buttons that leave the window (file choosers, which list the disk), start work in the
// background, or throw the sample away are not tapped (notTapped); dialogs they would open
// are swept on their own where they can be (the import wizard, the About box).

// sweepSize is the smallest window the design supports.
var sweepSize = fyne.NewSize(1024, 700)

// dataTables are the tables whose text values are data: shown as they were typed, in the
// language they were typed in. Codes (lower-case words: "draft", "available") are left out,
// since the window must show them translated.
var dataTables = []string{"assets", "pacts", "pact_parties", "pact_support", "pact_indicators", "pact_reports",
	"pact_transitions", "pact_versions", "pact_signatures", "pact_acts", "settings", "attachments", "devices",
	"councils", "council_members", "council_selections", "council_meetings", "council_decisions",
	"procurement_calls", "procurement_lots", "procurement_criteria", "procurement_bids", "procurement_scores"}

// properNames are shown as they are in every language.
var properNames = []string{"Pacta", "MIT", "English", "Español", "Italiano", "Kichwa", "Pseudo (xx-pseudo)",
	"CSV", "GeoJSON", "JSON", "SHA-256", "REFERENCES", "National TOMs", "Book"}

// fingerprintPattern is a key's fingerprint (ABCD-EFGH-IJKL-MNOP-QRST-UVWX). It is taken away
// before anything else: a key is random, and a short data value or a reference's pattern
// could otherwise take a piece of one (IHKS-GEH7-5472) and leave letters behind.
var fingerprintPattern = regexp.MustCompile(`\b[A-Z0-9]{4}(-[A-Z0-9]{4}){5}\b`)

// dataPatterns are data by their form.
var dataPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]+\b`),  // references: PACT-2026-0001, ASSET-0001
	regexp.MustCompile(`(/[^\s/]+)+/?`),                           // paths
	regexp.MustCompile(`\b[0-9a-f]{64}\b`),                        // SHA-256 of a signed version
	regexp.MustCompile(`\d{4}-\d{2}-\d{2}(T[0-9:.]+Z?)?`),         // stored dates
	regexp.MustCompile(`[-+]?\d+([.,]\d+)*`),                      // numbers
	regexp.MustCompile(`\b[a-z0-9_-]+\.(csv|json|geojson|pdf)\b`), // file names
}

// openers are the buttons (by their text's key) the sweep taps inside a dialog: those that
// open another dialog. Any other button of a dialog would do what the dialog is for (move
// the pact, settle the conflict), and the sweep goes on with the sample as it was.
var openers = []string{"sync.join.confirm.same", "action.delete"}

// notTapped are the buttons (by their text's key) the sweep leaves alone.
var notTapped = []string{
	"sync.choose", "action.import", "asset.print_available", "asset.photo.add", "pact.ui.register.import", "pact.ui.opendata.export", // file choosers
	"procurement.ui.import_bids", "council.ui.choose_file", "pact.ui.add_file", "pact.ui.act_choose_file",
	"sync.now", "sync.create", // a sync in the background
	"start.join",                                 // (it only shows the Sync screen, swept anyway)
	"action.export",                              // in the export dialog: the file chooser
	"translate.ui.export", "translate.ui.import", // file choosers
	"translate.ui.preview", "translate.ui.preview_end", // they switch the window's language
}

type sweep struct {
	t      *testing.T
	sh     *Shell
	data   []string // longest first
	bad    map[string][]string
	cut    map[string][]string
	seen   map[fyne.CanvasObject]bool
	skip   map[fyne.CanvasObject]bool
	denied map[string]bool
	opens  map[string]bool
	// dialogs are where each dialog the sweep saw was opened
	dialogs []string
}

// editor is the pact editor on display, if any.
func (s *sweep) editor() *pactEditor {
	if p, ok := s.sh.Page("pacts").(*pactsPage); ok {
		return p.editor
	}
	return nil
}

func newSweep(t *testing.T, sh *Shell) *sweep {
	s := &sweep{t: t, sh: sh, bad: map[string][]string{}, cut: map[string][]string{}, skip: map[fyne.CanvasObject]bool{},
		denied: map[string]bool{}, seen: map[fyne.CanvasObject]bool{}, opens: map[string]bool{}}
	for _, k := range notTapped {
		s.denied[i18n.T(k)] = true
	}
	for _, k := range openers {
		s.opens[i18n.T(k)] = true
	}
	s.loadData()
	return s
}

// codes are the values the window must show translated: the data's codes.
func codes() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{model.AssetKinds, model.Availabilities, model.Protections, model.Ownerships, model.DeviceStatuses,
		pacts.Statuses, pacts.Kinds, pacts.Roles, pacts.PartyTypes, pacts.SupportKinds, pacts.SignMethods, pacts.DueKinds} {
		for _, c := range list {
			m[c] = true
		}
	}
	return m
}

// idRe is an id (a record's, a device's): never data a person reads.
var idRe = regexp.MustCompile(`^[0-9a-f]{20,}$`)

// loadData reads the sample workspace's values (dataTables), this laptop's name and home.
func (s *sweep) loadData() {
	db := s.sh.WS.Store.DB()
	seen, codes := map[string]bool{}, codes()
	add := func(v string) {
		v = strings.TrimSpace(v)
		if v == "" || codes[v] || idRe.MatchString(v) || seen[v] {
			return
		}
		seen[v] = true
		s.data = append(s.data, v)
		for _, line := range strings.Split(v, "\n") { // wrapped texts are shown line by line
			if line = strings.TrimSpace(line); line != "" && !seen[line] {
				seen[line] = true
				s.data = append(s.data, line)
			}
		}
	}
	for _, table := range dataTables {
		rows, err := db.Queryx("SELECT * FROM " + table)
		require.NoError(s.t, err, table)
		for rows.Next() {
			vals, err := rows.SliceScan()
			require.NoError(s.t, err)
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					add(x)
				case []byte:
					add(string(x))
				}
			}
		}
		require.NoError(s.t, rows.Close())
	}
	add(s.sh.WS.Config.DeviceName)
	add(s.sh.WS.Home)
	for _, n := range properNames {
		add(n)
	}
	sort.SliceStable(s.data, func(i, j int) bool { return len(s.data[i]) > len(s.data[j]) })
}

// isData reports whether text, not translated, is data: once the data values, the data
// patterns and the punctuation are taken away, no letter is left.
func (s *sweep) isData(text string) bool {
	rest := fingerprintPattern.ReplaceAllString(text, " ")
	for _, d := range s.data {
		if strings.Contains(rest, d) {
			rest = strings.ReplaceAll(rest, d, " ")
		}
	}
	for _, re := range dataPatterns {
		rest = re.ReplaceAllString(rest, " ")
	}
	for _, r := range rest {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

// text checks one visible text of o, found at where.
func (s *sweep) text(where, kind, text string) {
	text = strings.TrimSpace(text)
	if text == "" || i18n.IsPseudo(text) || s.isData(text) {
		return
	}
	key := kind + " " + fmt.Sprintf("%q", text)
	s.bad[key] = appendOnce(s.bad[key], where)
}

// short records a translated text given less room than it needs.
func (s *sweep) short(where, kind, text string, need, got float32) {
	if !i18n.IsPseudo(text) {
		return // data may be cut short by design (a long title in a table column)
	}
	key := fmt.Sprintf("%s %q (needs %.0f, has %.0f)", kind, text, need, got)
	s.cut[key] = appendOnce(s.cut[key], where)
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// textWidth is the width a label needs to show text whole.
func textWidth(text string, style fyne.TextStyle, size fyne.ThemeSizeName) float32 {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	if size != "" {
		l.SizeName = size
	}
	return l.MinSize().Width
}

// check walks what o shows.
func (s *sweep) check(where string, o fyne.CanvasObject) {
	if o == nil || !o.Visible() || s.skip[o] {
		return
	}
	if e := s.editor(); e != nil && o == fyne.CanvasObject(e.preview) {
		return // the section as the agreement prints it, in the pact's language: data
	}
	const slack = 1
	switch w := o.(type) {
	case *Button:
		s.check(where, &w.Button)
		return
	case *Select:
		s.check(where, &w.Select)
		return
	case *Check:
		s.check(where, &w.Check)
		return
	case *widget.Label:
		s.text(where, "label", w.Text)
		if w.Wrapping == fyne.TextWrapOff && w.Size().Width > 0 {
			for _, line := range strings.Split(w.Text, "\n") {
				if need := textWidth(line, w.TextStyle, w.SizeName); need > w.Size().Width+slack {
					s.short(where, "label", line, need, w.Size().Width)
				}
			}
		}
		return
	case *widget.Button:
		s.text(where, "button", w.Text)
		if w.Text != "" && w.Size().Width > 0 && w.MinSize().Width > w.Size().Width+slack {
			s.short(where, "button", w.Text, w.MinSize().Width, w.Size().Width)
		}
		return
	case *widget.Check:
		s.text(where, "check", w.Text)
		if w.Size().Width > 0 && w.MinSize().Width > w.Size().Width+slack {
			s.short(where, "check", w.Text, w.MinSize().Width, w.Size().Width)
		}
		return
	case *widget.Select:
		shown := w.Selected
		if shown == "" {
			shown = w.PlaceHolder
			s.text(where, "drop-down placeholder", w.PlaceHolder)
		}
		for _, opt := range w.Options {
			s.text(where, "drop-down option", opt)
		}
		// The select shows its text beside the drop-down icon, inside its padding.
		if w.Size().Width > 0 {
			th := theme.Current()
			room := w.Size().Width - th.Size(theme.SizeNameInlineIcon) - 4*th.Size(theme.SizeNameInnerPadding)
			if need := textWidth(shown, fyne.TextStyle{}, "") - 2*th.Size(theme.SizeNameInnerPadding); need > room+slack {
				s.short(where, "drop-down", shown, need, room)
			}
		}
		return
	case *Entry:
		s.text(where, "field placeholder", w.PlaceHolder)
		return
	case *widget.Entry:
		s.text(where, "field placeholder", w.PlaceHolder)
		return
	case *widget.Hyperlink:
		s.text(where, "link", w.Text)
		return
	case *widget.RichText:
		for _, seg := range w.Segments {
			if ts, ok := seg.(*widget.TextSegment); ok {
				s.text(where, "text", ts.Text)
			}
		}
		return
	case *canvas.Text:
		s.text(where, "text", w.Text)
		return
	case *widget.Card:
		s.text(where, "card title", w.Title)
		s.text(where, "card subtitle", w.Subtitle)
		s.check(where, w.Content)
		return
	case *widget.Form:
		for _, it := range w.Items {
			s.text(where, "form label", it.Text)
			s.text(where, "form hint", it.HintText)
		}
	case *container.AppTabs:
		for _, it := range w.Items {
			s.text(where, "tab", it.Text)
		}
	case *container.DocTabs:
		for _, it := range w.Items {
			s.text(where, "tab", it.Text)
		}
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			s.check(where, x)
		}
	case fyne.Widget:
		if r := cachedRenderer(c); r != nil {
			for _, x := range r.Objects() {
				s.check(where, x)
			}
		}
	}
}

// cachedRenderer is the widget's renderer (made when the widget is first drawn).
func cachedRenderer(w fyne.Widget) fyne.WidgetRenderer { return test.WidgetRenderer(w) }

// window checks the window's content and every overlay on it.
func (s *sweep) window(where string) {
	s.layout()
	s.check(where, s.sh.Window.Content())
	for i, ov := range s.sh.Window.Canvas().Overlays().List() {
		s.check(fmt.Sprintf("%s, dialog %d", where, i+1), ov)
		if !s.seen[ov] {
			s.seen[ov] = true
			s.dialogs = append(s.dialogs, where)
		}
	}
}

// layout lays the window out again at the sweep's size, as a real window would after a
// change.
func (s *sweep) layout() {
	s.sh.Window.Resize(sweepSize.AddWidthHeight(1, 0))
	s.sh.Window.Resize(sweepSize)
	for _, ov := range s.sh.Window.Canvas().Overlays().List() {
		ov.Refresh()
	}
}

// closeDialogs removes every overlay.
func (s *sweep) closeDialogs() {
	ovs := s.sh.Window.Canvas().Overlays()
	for ovs.Top() != nil {
		ovs.Remove(ovs.Top())
	}
}

// buttons lists the enabled buttons with a text under o, in order, as (text, occurrence).
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text != "" && !b.Disabled() && b.Visible() && b.OnTapped != nil {
			out = append(out, b)
		}
	})
	return out
}

type buttonRef struct {
	text string
	n    int // which of the buttons with this text
}

func refsOf(bs []*widget.Button) []buttonRef {
	count := map[string]int{}
	var out []buttonRef
	for _, b := range bs {
		out = append(out, buttonRef{b.Text, count[b.Text]})
		count[b.Text]++
	}
	return out
}

func findButton(o fyne.CanvasObject, r buttonRef) *widget.Button {
	n := 0
	for _, b := range buttonsIn(o) {
		if b.Text == r.text {
			if n == r.n {
				return b
			}
			n++
		}
	}
	return nil
}

// tapAll taps, one by one from the state restore gives, every button under root() that is
// not denied (in a dialog, every opener), and checks the window after each tap; a dialog a
// tap opens has its openers tapped the same way (depth levels).
func (s *sweep) tapAll(where string, root func() fyne.CanvasObject, restore func(), depth int, inDialog bool) {
	for _, r := range refsOf(buttonsIn(root())) {
		if s.denied[r.text] || inDialog && !s.opens[r.text] {
			continue
		}
		restore()
		b := findButton(root(), r)
		if b == nil {
			continue
		}
		before := len(s.sh.Window.Canvas().Overlays().List())
		here := where + " → " + strings.TrimSpace(r.text)
		b.OnTapped()
		s.window(here)
		ovs := s.sh.Window.Canvas().Overlays().List()
		if depth > 1 && len(ovs) > before {
			top := ovs[len(ovs)-1]
			s.tapAll(here, func() fyne.CanvasObject { return top }, func() {
				for len(s.sh.Window.Canvas().Overlays().List()) > len(ovs) {
					s.sh.Window.Canvas().Overlays().Remove(s.sh.Window.Canvas().Overlays().Top())
				}
				if s.sh.Window.Canvas().Overlays().Top() != top {
					s.sh.Window.Canvas().Overlays().Add(top)
				}
			}, depth-1, true)
		}
		s.closeDialogs()
	}
	restore()
}

// report fails the test with what the sweep found.
func (s *sweep) report() {
	list := func(m map[string][]string) string {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var sb strings.Builder
		for _, k := range keys {
			where := m[k]
			if len(where) > 3 {
				where = append(where[:3:3], fmt.Sprintf("and %d more", len(m[k])-3))
			}
			fmt.Fprintf(&sb, "  %s\n      at %s\n", k, strings.Join(where, "; "))
		}
		return sb.String()
	}
	if len(s.bad) > 0 {
		s.t.Errorf("%d texts did not pass through i18n (or are data missing from the allow-list):\n%s", len(s.bad), list(s.bad))
	}
	if len(s.cut) > 0 {
		s.t.Errorf("%d translated texts are cut short at %v:\n%s", len(s.cut), sweepSize, list(s.cut))
	}
}

// TestPseudoLocaleSweep opens every screen and dialog in the pseudo-locale; see sweep.
func TestPseudoLocaleSweep(t *testing.T) {
	// PACTA_LANG keeps the pseudo-locale through what applies the workspace's language
	// (a save in Settings).
	t.Setenv("PACTA_LANG", i18n.Pseudo)
	sh := newTestShell(t)
	ctx := context.Background()
	i18n.SetCurrent(i18n.Pseudo)
	require.Equal(t, i18n.PseudoText("Cancel"), lang.L("Cancel"), "Fyne's own strings follow the pseudo-locale")
	s := newSweep(t, sh)

	// Another workspace shares a folder, for the join dialogs.
	founder, err := app.Init(ctx, filepath.Join(t.TempDir(), "founder"), "Comune di Bari", false)
	require.NoError(t, err)
	defer founder.Close()
	theirs := t.TempDir()
	_, err = founder.SyncOnce(ctx, theirs, nil)
	require.NoError(t, err)

	for _, scr := range screens {
		id := scr.ID
		sh.Show(id)
		restore := func() { sh.Show(id) }
		if id == "sync" {
			sh.Page("sync").(*syncPage).folder.SetText(theirs)
		}
		saved := s.data
		if id == "translations" {
			// The translators' table shows the bundles themselves: keys, English and
			// translations are its data.
			tp := sh.Page("translations").(*translationsPage)
			s.data = append([]string(nil), s.data...)
			for _, e := range tp.items[:min(40, len(tp.items))] {
				s.data = append(s.data, e.Key, e.English, e.Text)
			}
			sort.SliceStable(s.data, func(i, j int) bool { return len(s.data[i]) > len(s.data[j]) })
		}
		s.window("screen " + id)
		s.tapAll("screen "+id, func() fyne.CanvasObject { return sh.Window.Content() }, restore, 2, false)
		s.data = saved
	}

	// The pacts: every sample pact, every tab.
	sh.Show("pacts")
	pp := sh.Page("pacts").(*pactsPage)
	pp.status.SetSelectedIndex(0)
	items := append(pp.items[:0:0], pp.items...)
	require.NotEmpty(t, items)
	for _, it := range items {
		pp.Open(it.ID)
		e := pp.editor
		for i := range e.tabs.Items {
			open := func() {
				if pp.editor == nil || pp.editor.id != it.ID {
					sh.Show("pacts")
					pp.Open(it.ID)
				}
				e = pp.editor
				e.tabs.SelectIndex(i)
			}
			open()
			where := fmt.Sprintf("pact %s, tab %d", it.Ref, i+1)
			s.window(where)
			s.tapAll(where, func() fyne.CanvasObject { return sh.Window.Content() }, open, 2, false)
		}
		pp.back()
	}
	// What only a state of the sample opens: a signature (no sample pact awaits one),
	// typing not saved before a move.
	draft := items[0].ID
	for _, it := range items {
		if it.Status == pacts.Draft {
			draft = it.ID
		}
	}
	pp.Open(draft)
	pp.editor.askSign()
	s.window("pact, record signature")
	s.closeDialogs()
	pp.editor.title.SetText(pp.editor.title.Text + " (draft)")
	pp.editor.beforeMove(func() {})
	s.window("pact, unsaved before a move")
	s.closeDialogs()
	pp.back()

	// The assets: a stored asset's form, a new one's, the import wizard.
	sh.Show("assets")
	ap := sh.Page("assets").(*assetsPage)
	it, ok := ap.item(0)
	require.True(t, ok)
	for _, id := range []string{it.ID, ""} {
		open := func() {
			s.closeDialogs()
			sh.Show("assets")
			ap.openDetail(id)
		}
		open()
		where := "asset form " + id
		s.window(where)
		top := func() fyne.CanvasObject { return sh.Window.Canvas().Overlays().Top() }
		s.tapAll(where, top, open, 2, true)
		s.closeDialogs()
	}
	csv := "Codice;Nome;Quartiere\r\nA1;Piazza Nuova;Centro\r\nA2;;Centro\r\n"
	path := filepath.Join(t.TempDir(), "beni.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o644))
	s.data = append(s.data, "Codice", "Nome", "Quartiere", "A1", "A2", "Piazza Nuova", "Centro") // the file's
	w := ap.startImport(path)
	require.NotNil(t, w)
	s.window("import wizard")
	w.startValidate()
	w.wait()
	s.window("import wizard, validated")
	w.startImport()
	w.wait()
	s.window("import wizard, imported")
	s.closeDialogs()

	// The Sync screen shared, with a laptop asking to join, one enrolled, and a conflict.
	sh.Show("sync")
	sp := sh.Page("sync").(*syncPage)
	ours := t.TempDir()
	sp.folder.SetText(ours)
	sp.s.run(ours)
	for _, name := range []string{"Laptop Maria", "Laptop Juan"} {
		other, err := app.OpenForJoin(filepath.Join(t.TempDir(), "other"))
		require.NoError(t, err)
		defer other.Close()
		other.Config.DeviceName = name
		joinAccepting(t, other, ours, name)
		if name == "Laptop Maria" {
			sp.Reload()
			sp.decide(other.Identity.Device, true, false)
			sp.s.run("")
			_, err = other.SyncOnce(ctx, "", nil)
			require.NoError(t, err)
			require.NoError(t, other.SaveSettings(ctx, app.Settings{Municipality: "Comune B", DeviceName: name}))
			require.NoError(t, sh.WS.SaveSettings(ctx, app.Settings{Municipality: "Comune A", DeviceName: sh.WS.Config.DeviceName, Language: "en"}))
			_, err = other.SyncOnce(ctx, "", nil)
			require.NoError(t, err)
			sp.s.run("")
		}
	}
	sh.Show("sync")
	sp = sh.Page("sync").(*syncPage)
	sp.Reload()
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.NotEmpty(t, cs, "a conflict to show")
	s.data = append(s.data, "Comune A", "Comune B", "Laptop Maria", "Laptop Juan", "Comune di Bari")
	restore := func() { sh.Show("sync") }
	s.window("screen sync, shared")
	s.tapAll("screen sync, shared", func() fyne.CanvasObject { return sh.Window.Content() }, restore, 2, false)

	sp.acceptKey(cs[0].IncomingDevice, "Laptop Maria", false)
	s.window("sync, accept a new key")
	s.closeDialogs()

	// What only an icon opens, and the window's messages.
	sh.ShowAbout()
	s.window("About")
	s.closeDialogs()
	sh.ShowError(errs.E(errs.NotFound, errs.Key("error.not_found")))
	s.window("an error")
	s.closeDialogs()
	sh.ShowInfo("asset.export.title", i18n.N("asset.export.done", 1, map[string]any{"Name": "assets.csv"}))
	s.window("a message")
	s.closeDialogs()

	t.Logf("%d dialogs swept:\n  %s", len(s.dialogs), strings.Join(s.dialogs, "\n  "))
	require.Greater(t, len(s.dialogs), 40, "the sweep reaches the dialogs")
	s.report()
}

// TestSweepFindsWhatItShould: the sweep's own checks, on a window made for them.
func TestSweepFindsWhatItShould(t *testing.T) {
	t.Setenv("PACTA_LANG", i18n.Pseudo)
	sh := newTestShell(t)
	i18n.SetCurrent(i18n.Pseudo)
	narrow := widget.NewLabel(i18n.T("sync.join.confirm.title"))
	narrow.Truncation = fyne.TextTruncateEllipsis
	for _, c := range []struct {
		name     string
		obj      fyne.CanvasObject
		bad, cut bool
	}{
		{"a translated label", widget.NewLabel(i18n.T("sync.never")), false, false},
		{"a text typed in the code", widget.NewLabel("Last sync"), true, false},
		{"Fyne's own placeholder", widget.NewSelect([]string{i18n.T("common.all")}, nil), true, false},
		{"a placeholder set", newSelect([]string{i18n.T("common.all")}, nil), false, false},
		{"a reference and a date", widget.NewLabel("PACT-2026-0001 · 2026-12-02"), false, false},
		{"a sample asset's name", widget.NewLabel("Río Misahuallí (tramo comunitario)"), false, false},
		{"a device id", widget.NewLabel(sh.WS.Identity.Device), true, false},
		{"a code not translated", widget.NewLabel("under_pact"), true, false},
		{"a translated label cut short", container.NewGridWrap(fyne.NewSize(60, 40), narrow), false, true},
		{"a button squeezed", container.NewGridWrap(fyne.NewSize(40, 40), widget.NewButton(i18n.T("action.save"), func() {})), false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSweep(t, sh)
			sh.Window.SetContent(container.NewVBox(c.obj))
			s.window(c.name)
			require.Equal(t, c.bad, len(s.bad) > 0, "untranslated: %v", s.bad)
			require.Equal(t, c.cut, len(s.cut) > 0, "cut short: %v", s.cut)
		})
	}
}
