// The pact commands that change its parties, commons, support and indicators.

package app

import (
	"flag"
	"strings"

	"pacta/model"
	"pacta/pacts"
)

// partyFields defines the flags of a party's details.
func partyFields(fs *flag.FlagSet) (rep, repRole, fc, addr, email *string) {
	return fs.String("representative", "", "person who represents the party"), fs.String("rep-role", "", "their role, e.g. president"),
		fs.String("fiscal-code", "", "fiscal code"), fs.String("address", "", "address or seat"), fs.String("email", "", "e-mail")
}

// partyPatch defines the flags of a party's details; the function it returns, once they
// are parsed, is the change they ask for: the flags given, and only those.
func partyPatch(fs *flag.FlagSet) func() pacts.PartyPatch {
	rep, repRole, fc, addr, email := partyFields(fs)
	return func() pacts.PartyPatch {
		set := given(fs)
		return pacts.PartyPatch{Representative: ifGiven(set, "representative", rep), RepRole: ifGiven(set, "rep-role", repRole),
			FiscalCode: ifGiven(set, "fiscal-code", fc), Address: ifGiven(set, "address", addr), Email: ifGiven(set, "email", email)}
	}
}

func partyFlags(fs *flag.FlagSet) func(*model.PactParty) {
	rep, repRole, fc, addr, email := partyFields(fs)
	return func(x *model.PactParty) {
		for _, f := range []struct{ v, dst *string }{{rep, &x.Representative}, {repRole, &x.RepRole}, {fc, &x.FiscalCode}, {addr, &x.Address}, {email, &x.Email}} {
			if *f.v != "" {
				*f.dst = *f.v
			}
		}
	}
}

func cmdPactPartyAdd(env *Env, args []string) error {
	fs, home := Flags("pact party add")
	name := fs.String("name", "", "party name")
	role := fs.String("role", "", "municipality, proponent or cosignatory")
	typ := fs.String("type", "", "party type: "+strings.Join(pacts.PartyTypes, ", "))
	social := fs.Bool("social-economy", false, "the party belongs to the social economy")
	apply := partyFlags(fs)
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	x := model.PactParty{Name: *name, Role: *role, Type: *typ, SocialEconomy: *social || pacts.SocialEconomyTypes[*typ]}
	apply(&x)
	return updatePact(env, ws, d, func(tx *model.Tx) error { _, err := pacts.PutParty(tx, d.Pact.ID, x); return err },
		"%s added as %s", x.Name, x.Role)
}

func cmdPactPartySet(env *Env, args []string) error {
	fs, home := Flags("pact party set")
	name := fs.String("name", "", "party name")
	patch := partyPatch(fs)
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	// The party is found, and the fields given written over it, in the write transaction
	// (pacts.PatchParty): what another process or a sync changed meanwhile stays.
	var x model.PactParty
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		x, err = pacts.PatchParty(tx, d.Pact.ID, *name, patch())
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: %s updated\n", d.Pact.Ref, x.Name)
	return nil
}

func cmdPactPartyRemove(env *Env, args []string) error {
	fs, home := Flags("pact party remove")
	name := fs.String("name", "", "party name")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	x, err := d.FindParty(*name)
	if err != nil {
		return err
	}
	return updatePact(env, ws, d, func(tx *model.Tx) error { return pacts.RemoveParty(tx, d.Pact.ID, x.ID) }, "%s removed", x.Name)
}

func cmdPactLink(env *Env, args []string) error {
	fs, home := Flags("pact link")
	asset := fs.String("asset", "", "asset reference")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *asset == "" {
		return Usagef("--asset is required")
	}
	return updatePact(env, ws, d, func(tx *model.Tx) error { return pacts.LinkAsset(tx, d.Pact.ID, *asset) }, "%s linked", *asset)
}

func cmdPactSupportAdd(env *Env, args []string) error {
	fs, home := Flags("pact support add")
	kind := fs.String("kind", "", "form of support: "+strings.Join(pacts.SupportKinds, ", "))
	details := fs.String("details", "", "what exactly")
	value := fs.Float64("value", 0, "estimated value")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	return updatePact(env, ws, d, func(tx *model.Tx) error {
		return pacts.AddSupport(tx, d.Pact.ID, model.PactSupport{Kind: *kind, Details: *details, Value: *value})
	}, "support added")
}

func cmdPactIndicatorAdd(env *Env, args []string) error {
	fs, home := Flags("pact indicator add")
	name := fs.String("name", "", "indicator name")
	unit := fs.String("unit", "", "unit")
	target := fs.Float64("target", 0, "target value")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	return updatePact(env, ws, d, func(tx *model.Tx) error {
		return pacts.AddIndicator(tx, d.Pact.ID, model.PactIndicator{Name: *name, Unit: *unit, Target: *target})
	}, "indicator added")
}
