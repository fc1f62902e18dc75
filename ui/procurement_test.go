package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/model"
	"pacta/pacts"
	"pacta/procurement"
)

func procurementPageOf(t *testing.T) (*Shell, *procurementPage) {
	t.Helper()
	sh := newTestShell(t)
	sh.Show("procurement")
	p, ok := sh.Page("procurement").(*procurementPage)
	require.True(t, ok)
	p.now = func() time.Time { return time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC) }
	return sh, p
}

func TestProcurementScreenShowsTheSampleRanking(t *testing.T) {
	_, p := procurementPageOf(t)
	require.Len(t, p.calls, 1)
	c, _ := p.call()
	r, err := procurement.Evaluate(p.db(), c)
	require.NoError(t, err)
	tab := p.rankingTab(c, r)
	assert.True(t, hasTextPart(tab, "1. Social Co-operative La Fontana"))
	assert.True(t, hasTextPart(tab, "Servizi Rapidi: excluded"))
	assert.True(t, hasTextPart(tab, "How the ranking depends on the weights"))
}

// TestACallFromTheWindow: a call made in the window, its criteria picked from the library
// with the weights' sum shown as typed, opened, a bid added and scored in the grid.
func TestACallFromTheWindow(t *testing.T) {
	sh, p := procurementPageOf(t)
	d := p.newCallForm()
	d.fields[2].widget.(*Entry).SetText("lots of money")
	require.False(t, d.Submit())
	assert.NotEmpty(t, fieldSays(d, 2), "the budget says what is wrong")
	d.fields[2].widget.(*Entry).SetText("20,000.50") // as English writes it
	require.False(t, d.Submit())
	assert.NotEmpty(t, fieldSays(d, 0), "a title is needed")
	d.fields[0].widget.(*Entry).SetText("Cura del verde")
	require.True(t, d.Submit(), d.general.Text)
	c, ok := p.call()
	require.True(t, ok)
	require.Equal(t, "Cura del verde", c.Title)
	require.Equal(t, 20000.5, c.Budget, "the grouping comma is not a decimal one")
	// A draft is not scored: the grid says why, not only greyed out.
	r0, err := procurement.Evaluate(p.db(), c)
	require.NoError(t, err)
	assert.True(t, hasTextPart(p.scoringTab(c, r0), "Scores are entered while the call is open or under evaluation; this call's status: draft."))

	addFromLibrary(t, p, "price", "quality", "social_objectives")
	require.Len(t, p.draft, 3)
	require.Len(t, p.weights, 3)
	p.weights[0].SetText("50")
	p.weights[1].SetText("30")
	p.weights[2].SetText("10")
	assert.Contains(t, p.sum.Text, "90% of 100%", "the sum follows the typing")
	p.weights[2].SetText("20")
	assert.Contains(t, p.sum.Text, "100% of 100%")
	assert.Contains(t, p.sum.Text, "social value: 20%")
	sh.Save() // Ctrl+S
	rows, err := procurement.CriteriaRows(p.db(), c.ID)
	require.NoError(t, err)
	require.Len(t, rows, 3, "Ctrl+S saved the criteria")
	c, _ = p.call()
	p.move(c, "open") // asks first: the test confirms through the domain, as the button would
	c, _ = p.call()
	if c.Status != procurement.OpenStatus {
		require.NoError(t, p.write(func(tx *modelTx) error { _, err := procurement.Move(tx, c, "open", p.now()); return err }))
	}
	c, _ = p.call()
	require.Equal(t, procurement.OpenStatus, c.Status)
	require.Len(t, c.FrozenHash, 64)

	r, err := procurement.Evaluate(p.db(), c)
	require.NoError(t, err)
	bd := p.bidForm(c, r)
	bd.fields[0].widget.(*Entry).SetText("Coop Verde")
	bd.fields[3].widget.(*Entry).SetText("0") // (fields[1]: the known bidders offered)
	require.False(t, bd.Submit())
	assert.Equal(t, "Coop Verde", bd.fields[0].widget.(*Entry).Text, "typing kept")
	bd.fields[3].widget.(*Entry).SetText("18000")
	require.True(t, bd.Submit(), bd.general.Text)

	r, err = procurement.Evaluate(p.db(), c)
	require.NoError(t, err)
	p.scoringTab(c, r)
	require.Len(t, p.grid, 2, "one bid × two scale criteria")
	p.evaluator.SetText("Anna")
	p.grid[0].score.SetText("nine")
	p.saveScores(c)
	assert.Equal(t, "nine", p.grid[0].score.Text)
	p.grid[0].score.SetText("4")
	p.grid[0].why.SetText("Good team")
	p.grid[1].score.SetText("3,5")
	p.saveScores(c)
	assert.True(t, strings.Contains(p.message.Text, "2 scores saved"), p.message.Text)
	ss, err := procurement.ScoreRows(p.db(), c.ID)
	require.NoError(t, err)
	require.Len(t, ss, 2)
}

// TestAmountsAsSpanishWritesThem: in Spanish "50.000" is fifty thousand (a newcomer's
// budget was stored as 50 when the point was read as a decimal one), in the budget of a
// new call and in the price of a bid.
func TestAmountsAsSpanishWritesThem(t *testing.T) {
	t.Setenv("PACTA_LANG", "es")
	sh, p := procurementPageOf(t)
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error { return tx.PutSetting(pacts.SettingCurrency, "USD") }))
	d := p.newCallForm()
	require.Equal(t, "USD", d.fields[3].widget.(*Entry).Text, "the municipality's currency, as its profile says")
	d.fields[0].widget.(*Entry).SetText("Cuidado de las plazas")
	d.fields[2].widget.(*Entry).SetText("50.000")
	require.True(t, d.Submit(), d.general.Text)
	c, ok := p.call()
	require.True(t, ok)
	require.Equal(t, 50000.0, c.Budget)
	assert.True(t, hasTextPart(p.Content(), "50.000,00 USD"), "shown back as written")
}

// TestOpeningSavesTheCriteriaTyped: criteria and weights typed but not saved are what a
// call opens with (the call was refused for having no criteria while they were on screen).
func TestOpeningSavesTheCriteriaTyped(t *testing.T) {
	_, p := procurementPageOf(t)
	d := p.newCallForm()
	d.fields[0].widget.(*Entry).SetText("Cura del verde")
	require.True(t, d.Submit(), d.general.Text)
	c, _ := p.call()
	addFromLibrary(t, p, "price", "quality", "social_objectives")
	p.weights[0].SetText("50")
	p.weights[1].SetText("30")
	p.weights[2].SetText("20")
	p.move(c, "open")
	rows, err := procurement.CriteriaRows(p.db(), c.ID)
	require.NoError(t, err)
	require.Len(t, rows, 3, "saved before the question to open")
	require.NotNil(t, p.sh.Window.Canvas().Overlays().Top(), "and the question is asked")
}

// addFromLibrary adds the library's criteria named by keys to the call on screen, as
// picking them in the window does.
func addFromLibrary(t *testing.T, p *procurementPage, keys ...string) {
	t.Helper()
	lib, err := procurement.Library(p.db(), "en")
	require.NoError(t, err)
	for _, k := range keys {
		for _, x := range lib {
			if x.Key == k {
				p.addCriterion(x.Criterion)
			}
		}
	}
}
