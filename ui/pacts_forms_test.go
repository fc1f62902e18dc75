package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// formSays is the message shown under the field labelled label of the editor's inline form
// name, or under the form when label is "".
func formSays(t *testing.T, e *pactEditor, name, label string) string {
	t.Helper()
	fs := e.forms[name]
	require.NotNil(t, fs, "form %q", name)
	if label == "" {
		if fs.general.Visible() {
			return fs.general.Text
		}
		return ""
	}
	for _, f := range fs.fields {
		if f.label == label {
			if f.msg.Visible() {
				return f.msg.Text
			}
			return ""
		}
	}
	t.Fatalf("no field %q in form %q", label, name)
	return ""
}

// TestInlineFormsShowRefusalsBesideTheField: the pact editor's add forms keep what is
// typed when refused, and show the message under the field at fault, not in the header.
func TestInlineFormsShowRefusalsBesideTheField(t *testing.T) {
	_, e := openDraftEditor(t)
	n := len(e.d.Parties)

	// A party without a name: the name field says so; the rest stays as typed.
	e.partyRep.SetText("Maria Rossi")
	require.False(t, e.addParty())
	require.Len(t, e.d.Parties, n)
	require.NotEmpty(t, formSays(t, e, "party", i18n.T("pact.ui.field.name")))
	require.Empty(t, formSays(t, e, "party", i18n.T("pact.ui.field.representative")))
	require.Empty(t, e.message.Text, "the header says nothing")
	require.Equal(t, "Maria Rossi", e.partyRep.Text)
	e.partyName.SetText("Scuola Rita Borsellino")
	require.True(t, e.addParty())
	require.Len(t, e.d.Parties, n+1)

	// A support value in letters: under the value.
	e.supportDetails.SetText("Rastrelli")
	e.supportValue.SetText("molti")
	e.adders["support"]()
	require.Contains(t, formSays(t, e, "support", i18n.T("pact.pdf.col_value")), "molti")
	require.Equal(t, "Rastrelli", e.supportDetails.Text)

	// An indicator without a name: under the name.
	e.indTarget.SetText("12")
	e.adders["indicator"]()
	require.NotEmpty(t, formSays(t, e, "indicator", i18n.T("pact.pdf.col_indicator")))
	require.Equal(t, "12", e.indTarget.Text)

	// The overview without a title: under the title, the rest as typed.
	e.title.SetText("")
	e.officer.SetText("Ufficio Beni Comuni")
	require.False(t, e.saveOverview())
	require.NotEmpty(t, formSays(t, e, "overview", i18n.T("pact.ui.field.title")))
	require.Empty(t, e.message.Text)
	require.Equal(t, "Ufficio Beni Comuni", e.officer.Text)

	// An asset number no asset holds: under the number.
	e.assetRef.SetText("ASSET-9999")
	require.False(t, e.linkAsset())
	require.Contains(t, formSays(t, e, "asset", i18n.T("pact.ui.field.commons")), "ASSET-9999")
	require.Equal(t, "ASSET-9999", e.assetRef.Text)
}

// TestEditAParty: a party's Edit fills the form with it; saving writes what was changed
// (a representative and a tax number added to a proponent made in the New pact dialog),
// and the other fields, a sync's change among them, keep their values.
func TestEditAParty(t *testing.T) {
	sh, e := openDraftEditor(t)
	require.NotEmpty(t, e.d.Parties)
	x := e.d.Parties[0]
	e.tabs.SelectIndex(1) // Parties
	e.editParty(x)
	require.Equal(t, x.Name, e.partyName.Text)
	require.Equal(t, e.partyName, sh.Window.Canvas().Focused())
	require.True(t, e.partyCancel.Visible())

	// Meanwhile a sync brings an address for the party.
	address := "Via Roma 1"
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		_, err := pacts.PatchParty(tx, e.id, x.ID, pacts.PartyPatch{Address: &address})
		return err
	}))
	e.partyRep.SetText("Maria Rossi")
	e.partyFiscal.SetText("97265890820")
	n := len(e.d.Parties)
	require.True(t, e.addParty(), e.message.Text)
	require.Len(t, e.d.Parties, n, "changed, not added")
	var got model.PactParty
	for _, p := range e.d.Parties {
		if p.ID == x.ID {
			got = p
		}
	}
	require.Equal(t, "Maria Rossi", got.Representative)
	require.Equal(t, "97265890820", got.FiscalCode)
	require.Equal(t, "Via Roma 1", got.Address, "the sync's address is kept")
	require.Equal(t, x.Name, got.Name)
	require.Equal(t, i18n.T("pact.ui.add_party"), e.partyAdd.Text, "the form adds again")

	// Leave unchanged empties the form.
	e.editParty(got)
	test.Tap(e.partyCancel)
	require.Empty(t, e.partyName.Text)
	require.Nil(t, e.partyBase)
}
