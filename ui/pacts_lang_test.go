package ui

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

// TestPactLanguageFromTheEditor: choosing another language in the overview and saving
// re-renders the template sections in it and marks a section of the pact's own as still to
// translate in the Sections tab.
func TestPactLanguageFromTheEditor(t *testing.T) {
	_, e := openDraftEditor(t)
	from := e.d.Pact.Lang
	require.NoError(t, e.sh.WS.Store.Update(e.sh.Ctx, func(tx *model.Tx) error {
		return pacts.SetSection(tx, e.id, "risks", "Our own words about the risks.")
	}))
	e.reload()
	to := "es"
	if from == "es" {
		to = "it"
	}
	e.lang.SetSelected(langName(to))
	require.True(t, e.saveOverview(), e.message.Text)
	require.Equal(t, to, e.d.Pact.Lang)
	s, _ := e.d.Section("risks")
	require.Equal(t, from, s.Translate)
	keys := e.sectionKeys()
	mark := i18n.T("pact.ui.to_translate", map[string]any{"Language": langName(from)})
	require.Contains(t, e.sectionTitle(keys, indexOf(keys, "risks")), mark)
	o, _ := e.d.Section("object")
	require.Empty(t, o.Translate, "a template section takes the new language's text")
	require.Equal(t, pacts.DefaultText(to, "object"), o.Text)
}

// TestPrintInTwoLanguages: the dialog prints the agreement in two languages, section by
// section; a language without the texts is refused in the dialog, which stays open.
func TestPrintInTwoLanguages(t *testing.T) {
	sh, e := openDraftEditor(t)
	d := e.askBilingual()
	d.fields[1].widget.(*Select).SetSelected(langOption("qu"))
	require.False(t, d.Submit())
	require.NotNil(t, sh.Window.Canvas().Overlays().Top(), "the dialog stays open")
	require.Contains(t, d.general.Text, "Kichwa")

	other := langOption("it")
	if e.d.Pact.Lang == "it" {
		other = langOption("es")
	}
	d.fields[1].widget.(*Select).SetSelected(other)
	require.True(t, d.Submit(), d.general.Text)
	require.FileExists(t, e.printed)
	require.True(t, strings.HasSuffix(e.printed, ".pdf"))
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", e.printed, "-").Output()
		require.NoError(t, err)
		text := strings.Join(strings.Fields(string(out)), " ")
		require.Contains(t, text, " / ", "the fixed words in both languages")
	}
	_ = sh
}

// TestLanguageSavedWithASectionDraft: Ctrl+S with a section typed and another language
// chosen writes the section first: it is marked to translate, the others follow the new
// language, and no conflict is left. (From the helper's branch lang5.)
func TestLanguageSavedWithASectionDraft(t *testing.T) {
	sh, e := openDraftEditor(t)
	require.Equal(t, "en", e.d.Pact.Lang)
	e.showSection("risks")
	e.sectionText.SetText("Typed in English.")
	e.showSection("object")
	e.lang.SetSelected(langOption("it"))
	require.True(t, e.saveTyped(), e.message.Text)
	require.Equal(t, "it", e.d.Pact.Lang)
	r, _ := e.d.Section("risks")
	require.Equal(t, "Typed in English.", r.Text)
	require.Equal(t, "en", r.Translate)
	o, _ := e.d.Section("object")
	require.Equal(t, pacts.DefaultText("it", "object"), o.Text)
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Empty(t, cs)
}
