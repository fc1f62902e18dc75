package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/model"
	"pacta/pacts"
)

// TestPartyPickerFillsAKnownParty: typing part of a party's name (accents aside) in a
// pact's party form offers the parties of other pacts; choosing one fills its kind,
// representative, fiscal code and address, and adding it writes them; a name nobody knows
// is offered nothing.
func TestPartyPickerFillsAKnownParty(t *testing.T) {
	sh, e := openDraftEditor(t)
	require.NoError(t, sh.WS.Store.Update(context.Background(), func(tx *model.Tx) error {
		p, err := pacts.CreateTx(tx, pacts.NewPact{Title: "Orto della Kalsa", Proponent: "Associazione Àncora"}, pacts.By{Actor: "t", Now: time.Now()})
		if err != nil {
			return err
		}
		_, err = pacts.PutParty(tx, p.ID, model.PactParty{Role: pacts.RoleCosignatory, Type: "social_cooperative",
			Name: "Cooperativa Sociale Peñalolén", Representative: "Niño Muñoz", RepRole: "presidente", FiscalCode: "97265890820",
			Address: "Calle Año Nuevo 7"})
		return err
	}))
	e.partiesTab()
	test.Type(e.partyName, "zzqx")
	require.False(t, e.partyKnown.box.Visible(), "nothing offered for an unknown name")

	e.partyName.SetText("")
	test.Type(e.partyName, "penalo")
	require.True(t, e.partyKnown.box.Visible(), "found with the accent aside")
	require.Equal(t, []string{partyLine(model.PactParty{Name: "Cooperativa Sociale Peñalolén", Type: "social_cooperative", FiscalCode: "97265890820"})}, e.partyKnown.lines)
	e.partyKnown.list.Select(0)
	require.False(t, e.partyKnown.box.Visible(), "the choice made, the list goes")
	require.Equal(t, "Cooperativa Sociale Peñalolén", e.partyName.Text)
	require.Equal(t, "97265890820", e.partyFiscal.Text)
	require.Equal(t, "Niño Muñoz", e.partyRep.Text)
	require.Equal(t, "social_cooperative", keyAt(pacts.PartyTypes, e.partyType.SelectedIndex()))
	e.partyRole.SetSelectedIndex(indexOf(pacts.Roles, pacts.RoleCosignatory))
	require.True(t, e.addParty(), e.message.Text)
	var added model.PactParty
	for _, x := range e.d.Parties {
		if x.Name == "Cooperativa Sociale Peñalolén" {
			added = x
		}
	}
	require.Equal(t, "97265890820", added.FiscalCode)
	require.Equal(t, "Calle Año Nuevo 7", added.Address)
}

// TestNewPactDialogOffersKnownProponents: in the New pact dialog, typing part of a known
// party's name offers it; choosing it fills the name and its kind.
func TestNewPactDialogOffersKnownProponents(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	d := p.showNew()
	known := d.fields[3].widget.(*fyne.Container)
	require.False(t, known.Visible())
	test.Type(d.fields[2].widget.(*Entry), "vicini")
	require.True(t, known.Visible(), "the sample's Associazione Vicini di … is offered")
	list := known.Objects[0].(*widget.List)
	list.Select(0)
	require.True(t, strings.HasPrefix(d.fields[2].widget.(*Entry).Text, "Associazione Vicini"), d.fields[2].widget.(*Entry).Text)
	require.False(t, known.Visible())
}
