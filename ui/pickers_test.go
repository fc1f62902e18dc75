package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/pacts"
)

// TestNewPactWithACommonsFoundByName: nobody needs an ASSET-NNNN. Typing part of a name
// (accents and case aside) lists the commons; the one chosen is linked to the new pact.
func TestNewPactWithACommonsFoundByName(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	d := p.showNew()
	test.Type(d.fields[0].widget.(*Entry), "Care of the Magione square")
	np := p.lastNew
	require.NotNil(t, np)
	test.Type(np.commons.search, "magi")
	require.NotEmpty(t, np.commons.found)
	for _, a := range np.commons.found {
		assert.Contains(t, assets.Fold(a.Name+a.Address), "magi")
	}
	np.commons.list.Select(0)
	chosen := np.commons.Chosen()
	require.NotEmpty(t, chosen.ID)
	require.True(t, d.Submit(), d.general.Text)
	require.NotNil(t, p.editor)
	linked, err := pacts.PactAssetLinks(sh.WS.Store.DB(), p.editor.id)
	require.NoError(t, err)
	require.Len(t, linked, 1)
	assert.Equal(t, chosen.ID, linked[0].AssetID)

	// A search that finds nothing says what to do.
	d = p.showNew()
	test.Type(p.lastNew.commons.search, "zzzz nowhere")
	assert.Empty(t, p.lastNew.commons.found)
	assert.Contains(t, p.lastNew.commons.summary.Text, "No commons matches")
	d.Cancel()
}

// TestProposeAPactFromACommons: the asset form's button opens the new pact with the
// commons chosen.
func TestProposeAPactFromACommons(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("assets")
	ap := sh.Page("assets").(*assetsPage)
	list, err := assets.ListAssets(sh.WS.Store.DB(), assets.AssetFilter{Limit: 1, Sort: "name"})
	require.NoError(t, err)
	ap.openDetail(list[0].ID)
	require.NotNil(t, ap.detail)
	var propose *Button
	walk(ap.detail.pacts, func(o fyne.CanvasObject) {
		if b, ok := o.(*Button); ok && b.Text == "Propose a pact for this commons" {
			propose = b
		}
	})
	require.NotNil(t, propose)
	test.Tap(propose)
	pp := sh.Page("pacts").(*pactsPage)
	require.NotNil(t, pp.lastNew)
	assert.Equal(t, list[0].ID, pp.lastNew.commons.Chosen().ID)
}
