package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestPartyChanges: a form's edit of a party is the fields it changed, and only those.
func TestPartyChanges(t *testing.T) {
	base := model.PactParty{Name: "Marta Esposito", Role: "proponent", Type: "person", Address: "Via Roma 1"}
	rep, fiscal := "Luca Bianchi", "97265890820"
	cases := []struct {
		name  string
		typed func(x *model.PactParty)
		want  PartyPatch
	}{
		{"nothing", func(x *model.PactParty) {}, PartyPatch{}},
		{"spaces only", func(x *model.PactParty) { x.Name = " Marta Esposito " }, PartyPatch{}},
		{"a representative and a tax number", func(x *model.PactParty) { x.Representative, x.FiscalCode = rep, fiscal },
			PartyPatch{Representative: &rep, FiscalCode: &fiscal}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			typed := base
			c.typed(&typed)
			require.Equal(t, c.want, PartyChanges(base, typed))
		})
	}
	typed := base
	typed.Type, typed.SocialEconomy = "association", true
	p := PartyChanges(base, typed)
	require.Equal(t, "association", *p.Type)
	require.True(t, *p.SocialEconomy, "the type brings its social-economy flag")
	require.Nil(t, p.Address, "the address, not changed, is not written")
}
