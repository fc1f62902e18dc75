package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/pacts"
)

// TestTheAssetWizardRecognisesARegisterOfPacts: the Palermo register opened in the
// commons import is recognised, and imported as pacts instead of as 5 "commons".
func TestTheAssetWizardRecognisesARegisterOfPacts(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("assets")
	p := sh.Page("assets").(*assetsPage)
	before, err := pacts.ListPacts(sh.WS.Store.DB())
	require.NoError(t, err)
	w := p.startImport("../assets/testdata/palermo-head.csv")
	require.NotNil(t, w)
	require.NotNil(t, w.register, "the wizard offers to import the file as pacts")
	w.importAsRegister()
	w.wait()
	require.True(t, w.registered)
	assert.Contains(t, w.status.Text, "Register imported: 5 new pacts")
	after, err := pacts.ListPacts(sh.WS.Store.DB())
	require.NoError(t, err)
	assert.Len(t, after, len(before)+5)

	// An ordinary list of commons is not mistaken for a register.
	w2 := p.startImport("../assets/testdata/semicolon.csv")
	require.NotNil(t, w2)
	assert.Nil(t, w2.register)
}

// TestEmptyListsSayWhatToDoFirst: an empty registry and an empty list of pacts say how to
// start; a search that finds nothing says so.
func TestEmptyListsSayWhatToDoFirst(t *testing.T) {
	sh := newTestShell(t)
	_, err := sh.WS.StartOver(sh.Ctx, "Comune di Prova")
	require.NoError(t, err)
	sh.relabel()
	sh.Show("assets")
	ap := sh.pageOf("assets").(*assetsPage)
	ap.refresh()
	assert.Contains(t, ap.count.Text, "The registry is empty")
	sh.Show("pacts")
	pp := sh.pageOf("pacts").(*pactsPage)
	pp.Reload()
	assert.Contains(t, pp.count.Text, "No pacts yet")
	pp.search.SetText("nothing like this")
	pp.Reload()
	assert.Contains(t, pp.count.Text, "No pact matches")
}

// TestLanguageListsSayHowMuchIsTranslated: Kichwa is offered with its coverage and the
// language shown elsewhere, never as if complete; choosing it still gives "qu".
func TestLanguageListsSayHowMuchIsTranslated(t *testing.T) {
	opts := languageOptions()
	var qu string
	for _, o := range opts {
		if strings.HasPrefix(o, "Kichwa") {
			qu = o
		}
	}
	require.NotEmpty(t, qu)
	assert.Contains(t, qu, "% translated, Español elsewhere")
	assert.Equal(t, "qu", languageFromOption(qu))
	assert.Equal(t, qu, languageOptionOf("qu"))
	assert.Contains(t, opts, "Italiano", "a complete language is offered by its name")
}
