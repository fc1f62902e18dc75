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
		fs.String("fiscal-code", "", "fiscal code"), fs.String("address", "", "address or seat (a person's residence)"), fs.String("email", "", "e-mail")
}

// grammarFields defines the flags of what the texts' grammar and the municipality's party
// need: gender (m or f), plural, VAT number and the source of the representative's powers.
func grammarFields(fs *flag.FlagSet) (gender, vat, powers *string, plural *bool) {
	return fs.String("gender", "", "m or f: the words agree with it (rappresentata); default from the name"),
		fs.String("vat", "", "VAT number"), fs.String("powers", "", "the source of the representative's powers"),
		fs.Bool("plural", false, "the party is named in the plural: the verbs agree (hanno presentato)")
}

// partyPatch defines the flags of a party's details; the function it returns, once they
// are parsed, is the change they ask for: the flags given, and only those.
func partyPatch(fs *flag.FlagSet) func() pacts.PartyPatch {
	rep, repRole, fc, addr, email := partyFields(fs)
	gender, vat, powers, plural := grammarFields(fs)
	return func() pacts.PartyPatch {
		set := given(fs)
		x := pacts.PartyPatch{Representative: ifGiven(set, "representative", rep), RepRole: ifGiven(set, "rep-role", repRole),
			FiscalCode: ifGiven(set, "fiscal-code", fc), Address: ifGiven(set, "address", addr), Email: ifGiven(set, "email", email),
			Gender: ifGiven(set, "gender", gender), VAT: ifGiven(set, "vat", vat), Powers: ifGiven(set, "powers", powers)}
		if set["plural"] {
			x.Plural = plural
		}
		return x
	}
}

func partyFlags(fs *flag.FlagSet) func(*model.PactParty) {
	rep, repRole, fc, addr, email := partyFields(fs)
	gender, vat, powers, plural := grammarFields(fs)
	return func(x *model.PactParty) {
		for _, f := range []struct{ v, dst *string }{{rep, &x.Representative}, {repRole, &x.RepRole}, {fc, &x.FiscalCode}, {addr, &x.Address},
			{email, &x.Email}, {gender, &x.Gender}, {vat, &x.VAT}, {powers, &x.Powers}} {
			if *f.v != "" {
				*f.dst = *f.v
			}
		}
		x.Plural = *plural
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
