package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/pacts"
)

// commandLineWords are what a window's message must never show: flags, commands, keys,
// the operation prefixes of the command line's English.
var commandLineWords = []string{"`pacta", "--", "pact.error.", "asset.error.", "sync.error.", "error.", "pacts.ordinary_answer_days",
	"pact details:", "new pact:", "deadlines:", "link asset:", "<no value>"}

// TestErrorTextSaysTheKeyInTheUsersLanguage: errors of the domain packages, as the window
// says them in each language: translated, naming the field as on screen, without the
// command line's words.
func TestErrorTextSaysTheKeyInTheUsersLanguage(t *testing.T) {
	sh := newTestShell(t)
	st := sh.WS.Store
	update := func(f func(tx *model.Tx) error) error { return st.Update(sh.Ctx, f) }
	_, newPact := pacts.Create(sh.Ctx, st, pacts.NewPact{Title: "  "}, pacts.By{Actor: "t"})
	details := pacts.Details{Title: "x", Kind: pacts.Ordinary, StartDate: "1 March", DurationMonths: -1, ReportMonths: 500}.Validate()
	deadline := update(func(tx *model.Tx) error {
		return pacts.EditDeadlines(tx, pacts.DefaultDeadlines, pacts.Deadlines{OrdinaryAnswer: 0, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60})
	})
	items, err := pacts.List(st.DB(), pacts.Filter{Status: pacts.Draft}, time.Now())
	require.NoError(t, err)
	require.NotEmpty(t, items)
	link := update(func(tx *model.Tx) error { return pacts.LinkAsset(tx, items[0].ID, "ASSET-9999") })
	_, photo := assets.AddPhoto(sh.Ctx, st, sh.WS.Blobs, "x", "notes.txt", strings.NewReader("x"))
	refusal := pacts.Transition(sh.Ctx, st, items[0].ID, pacts.Approved, "", pacts.By{Actor: "t"})
	notJoined := fmt.Errorf("sync: %w", errs.E(errs.Conflict, errs.Key("sync.error.not_joined")))

	for _, tc := range []struct {
		name string
		err  error
		kind errs.Kind
		want map[string][]string // language → what the text says
	}{
		{"new pact without a title", newPact, errs.Invalid, map[string][]string{
			"en": {"Give the pact a title"}, "es": {"Dé un título al pacto"}, "it": {"Dare un titolo al patto"}}},
		{"the overview's details, one line each", details, errs.Invalid, map[string][]string{
			"en": {"“Start date”: “1 March” is not a date", "\n“Duration (months)” must be from 0 to 1200", "\n“Report every (months)” must be from 0 to 120"},
			"es": {"«Fecha de inicio»: «1 March» no es una fecha", "«Duración (meses)» debe estar entre 0 y 1200"},
			"it": {"«Data di inizio»: «1 March» non è una data", "«Durata (mesi)» deve essere tra 0 e 1200", "«Resoconto ogni (mesi)»"}}},
		{"a deadline out of range", deadline, errs.Invalid, map[string][]string{
			"en": {"“Ordinary: answer within (days)” is out of range", "not 0"},
			"es": {"«Ordinario: respuesta en (días)» está fuera de rango"},
			"it": {"«Ordinario: risposta entro (giorni)» è fuori intervallo"}}},
		{"linking an asset the registry lacks", link, errs.NotFound, map[string][]string{
			"en": {"No asset of the registry has the reference or id ASSET-9999"},
			"it": {"Nessun bene del registro ha il riferimento o l'id ASSET-9999"}}},
		{"a file that is not a photo", photo, errs.Invalid, map[string][]string{
			"en": {"Only JPEG, PNG, GIF and WebP photos"}, "es": {"Solo se pueden adjuntar fotos"}}},
		{"a keyed error under fmt.Errorf", notJoined, errs.Conflict, map[string][]string{
			"en": {"This workspace has not joined a shared folder yet"}, "it": {"Questo spazio non si è ancora unito"}}},
		{"a refusal of the rules: its reasons, not the action's codes", refusal, errs.Conflict, map[string][]string{
			"en": {"A pact that is Draft cannot become Approved"}, "it": {"Un patto in stato Bozza"}}},
		{"not found without a message: the window's sentence", errs.E(errs.NotFound, errors.New("pact 01a2370e: not found")), errs.NotFound, map[string][]string{
			"en": {"It cannot be found any more"}, "es": {"Ya no se encuentra"}, "it": {"Non si trova più"}}},
		{"unavailable", errs.E("sync", errs.Unavailable, errors.New("stat /mnt/x: no such file")), errs.Unavailable, map[string][]string{
			"en": {"The shared folder or the disk cannot be reached"}, "it": {"La cartella condivisa o il disco non sono raggiungibili"}}},
		{"a fault", errs.E("read pact", errs.Internal, errors.New("sql: database is locked")), errs.Internal, map[string][]string{
			"en": {"Something went wrong inside Pacta"}, "es": {"Algo ha fallado dentro de Pacta"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			require.Equal(t, tc.kind, errs.KindOf(tc.err), "%v", tc.err)
			for _, lang := range []string{"en", "es", "it"} {
				i18n.SetCurrent(lang)
				got := errorText(tc.err)
				require.NotEmpty(t, got)
				for _, w := range tc.want[lang] {
					require.Contains(t, got, w, lang)
				}
				for _, w := range commandLineWords {
					require.NotContains(t, got, w, "%s: %q", lang, got)
				}
				require.NotContains(t, got, "sql:", "a fault's details are for the log")
			}
			i18n.SetCurrent(i18n.Source)
		})
	}
}

// An error no package has classified yet still says what it is, after a sentence in the
// person's language; inside a sentence of its own (errorDetail) it is a clause.
func TestErrorTextOfAnUnclassifiedError(t *testing.T) {
	defer i18n.SetCurrent(i18n.Source)
	err := errors.New("open /tmp/x.csv: permission denied")
	i18n.SetCurrent("it")
	require.Equal(t, "Non è stato possibile: open /tmp/x.csv: permission denied", errorText(err))
	require.Equal(t, "open /tmp/x.csv: permission denied", errorDetail(err))
	require.Equal(t, "la cartella /mnt/x non è raggiungibile; controlla che sia montata",
		errorDetail(errs.E(errs.Unavailable, errs.Key("sync.error.unreachable"), map[string]any{"Folder": "/mnt/x"})), "a clause, not a sentence")
	require.Equal(t, "La cartella condivisa o il disco non sono raggiungibili: controlla che siano collegati, poi riprova",
		errorDetail(errs.E(errs.Unavailable)), "the kind's sentence without its full stop")
}

// The dialogs of the Pacts screen: a validation error shows the field as on screen, in the
// person's language, and no command-line flag or setting key.
func TestDialogErrorsInTheUsersLanguage(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		t.Run(lang, func(t *testing.T) {
			sh := newTestShell(t)
			i18n.SetCurrent(lang)
			sh.Show("pacts")
			p := sh.Page("pacts").(*pactsPage)

			p.showDeadlines()
			entries, save := dialogEntries(t, sh)
			entries[0].SetText("0")
			test.Tap(save)
			text := dialogText(t, sh)
			require.Contains(t, text, i18n.T("pact.ui.deadline.ordinary_answer"))
			for _, w := range commandLineWords {
				require.NotContains(t, text, w)
			}

			sh.Window.Canvas().Overlays().Top().Hide()
			sh.Window.Canvas().Overlays().Remove(sh.Window.Canvas().Overlays().Top())
			p.showNew()
			_, save = dialogEntries(t, sh)
			test.Tap(save) // no title
			text = dialogText(t, sh)
			require.Contains(t, text, sentence(i18n.T("pact.error.title_required")))
			require.NotContains(t, text, "--title")
		})
	}
}

// dialogText is the text of every label of the dialog on top of the window.
func dialogText(t *testing.T, sh *Shell) string {
	t.Helper()
	var lines []string
	walk(topDialog(t, sh), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	})
	return strings.Join(lines, "\n")
}
