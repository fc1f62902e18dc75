package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"pacta/model"
	"pacta/pacts"
)

func init() {
	for _, c := range []Command{
		{Name: "pact list", Args: "[--status S] [--kind K] [--district D] [--search TEXT] [--json]", Short: "list the collaboration pacts with their due dates", Run: cmdPactList},
		{Name: "pact show", Args: "REF [--id ID] [--json]", Short: "show a pact: parties, sections, assets, history, signatures", Run: cmdPactShow},
		{Name: "pact renumber", Args: "REF --id ID [--json]", Short: "give a pact whose reference another pact holds too the next free number", Run: cmdPactRenumber},
		{Name: "pact new", Args: "--title T [--kind ordinary|complex] --proponent NAME [--proponent-type TYPE] [--asset REF]… [--immaterial] [--lang xx]", Short: "start a pact from the templates; prints its reference", Run: cmdPactNew},
		{Name: "pact set", Args: "REF [--section KEY --text-file FILE] [--start YYYY-MM-DD] [--duration N] [--extension N] [--report-every N] [--officer NAME] [--immaterial=true|false] [--title T] [--kind K] [--summary S]", Short: "change a pact that is not signed yet", Run: cmdPactSet},
		{Name: "pact party add", Args: "REF --name NAME --role municipality|proponent|cosignatory [--type TYPE] [--representative NAME] [--rep-role ROLE] [--fiscal-code CODE] [--address A] [--email E] [--social-economy]", Short: "add a party to a pact", Run: cmdPactPartyAdd},
		{Name: "pact party set", Args: "REF --name NAME [--representative NAME] [--rep-role ROLE] [--fiscal-code CODE] [--address A] [--email E]", Short: "complete a party's details", Run: cmdPactPartySet},
		{Name: "pact party remove", Args: "REF --name NAME", Short: "remove a party from a pact", Run: cmdPactPartyRemove},
		{Name: "pact link", Args: "REF --asset ASSET-REF", Short: "link a commons of the registry to a pact", Run: cmdPactLink},
		{Name: "pact support add", Args: "REF --kind KIND [--details D] [--value N]", Short: "add a form of municipal support", Run: cmdPactSupportAdd},
		{Name: "pact indicator add", Args: "REF --name NAME [--unit U] [--target N]", Short: "add a monitoring indicator", Run: cmdPactIndicatorAdd},
		{Name: "pact transition", Args: "REF --to STATUS [--reason R] [--by NAME]", Short: "move a pact along its lifecycle (refused with the reason when not allowed)", Run: cmdPactTransition},
		{Name: "pact sign", Args: "REF --party NAME --signer NAME --date YYYY-MM-DD [--method paper|digital]", Short: "record a party's signature (freezes the version)", Run: cmdPactSign},
		{Name: "pact amend", Args: "REF --note TEXT", Short: "open an amendment (a new version) of a signed pact", Run: cmdPactAmend},
		{Name: "pact verify", Args: "REF", Short: "check the SHA-256 of every signed version", Run: cmdPactVerify},
		{Name: "pact pdf", Args: "REF -o FILE [--lang xx] [--date YYYY-MM-DD]", Short: "print the agreement as PDF", Run: cmdPactPDF},
		{Name: "pact report", Args: "REF --period P --hours N --text-file F [--resources R] [--value NAME=N]… [--date YYYY-MM-DD] [--by NAME]", Short: "file a monitoring report", Run: cmdPactReport},
		{Name: "pact report pdf", Args: "REF --period P -o FILE [--lang xx]", Short: "print a monitoring report as PDF", Run: cmdPactReportPDF},
		{Name: "pact report attach", Args: "REF --period P --file F [--file F]…", Short: "attach photos or scans to a monitoring report", Run: cmdPactReportAttach},
		{Name: "pact due", Args: "[--json]", Short: "what is due and overdue: answers, decisions, reports, ends of term", Run: cmdPactDue},
		{Name: "pact deadlines", Args: "[--ordinary-answer N] [--complex-publish N] [--complex-observations N] [--complex-decision N]", Short: "show or set the workspace's deadlines in days", Run: cmdPactDeadlines},
		{Name: "pact template set", Args: "--lang xx --section KEY --text-file FILE", Short: "set the workspace's own text of a section (empty file: back to the default)", Run: cmdPactTemplateSet},
		{Name: "import register", Args: "FILE.csv [--json]", Short: "import a municipal register of pacts (the Palermo CSV); re-import updates", Run: cmdImportRegister},
	} {
		Register(c)
	}
	RegisterSample(SampleStep{Order: 20, Name: "pacts", Run: func(ctx context.Context, ws *Workspace) error {
		return pacts.LoadSample(ctx, ws.Store, ws.Language(), time.Now())
	}})
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

// actor is who the command acts as: --by, else the system user, else this laptop's name.
func actor(ws *Workspace, by string) string {
	for _, s := range []string{by, os.Getenv("USER"), os.Getenv("USERNAME"), ws.Config.DeviceName} {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return "unknown"
}

// onePact parses a command taking one REF (or --id ID, or both) and opens the workspace. A
// reference that several pacts hold is a usage error listing them.
func onePact(env *Env, fs *flag.FlagSet, home *string, args []string) (*Workspace, *pacts.Dossier, error) {
	id := idFlag(fs)
	if err := Parse(fs, args); err != nil {
		return nil, nil, err
	}
	if fs.NArg() > 1 || (fs.NArg() == 0 && *id == "") {
		return nil, nil, Usagef("give one pact reference, e.g. PACT-2026-0001")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return nil, nil, err
	}
	var d *pacts.Dossier
	if *id == "" {
		d, err = pacts.LoadRef(ws.Store.DB(), fs.Arg(0))
	} else {
		d, err = pacts.Resolve(ws.Store.DB(), fs.Arg(0), *id)
	}
	if err != nil {
		ws.Close()
		return nil, nil, ambiguous(err, "--id ID")
	}
	return ws, d, nil
}

// updatePact runs one change to a pact in a transaction and says what was done, prefixed
// with the pact's reference.
func updatePact(env *Env, ws *Workspace, d *pacts.Dossier, f func(tx *model.Tx) error, done string, a ...any) error {
	if err := ws.Store.Update(env.Ctx, f); err != nil {
		return ambiguous(err, "--asset ID") // pact link --asset REF
	}
	env.Printf("%s: %s\n", d.Pact.Ref, fmt.Sprintf(done, a...))
	return nil
}

func cmdPactList(env *Env, args []string) error {
	fs, home := Flags("pact list")
	status := fs.String("status", "", "only this status")
	kind := fs.String("kind", "", "only this kind")
	district := fs.String("district", "", "only pacts on assets in this district")
	search := fs.String("search", "", "text in reference, title, proponents, assets")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *status != "" && !pacts.ValidStatus(*status) {
		return Usagef("status %q is unknown; use one of %s", *status, strings.Join(pacts.Statuses, ", "))
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	items, err := pacts.List(ws.Store.DB(), pacts.Filter{Status: *status, Kind: *kind, District: *district, Text: *search}, time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(items)
	}
	dups := 0
	for _, it := range items {
		if it.DuplicateRef {
			dups++
		}
		due := ""
		if d, ok := it.NextDue(); ok {
			due = d.Kind + " " + d.Date
			if d.Overdue {
				due += " OVERDUE"
			}
		}
		if it.DuplicateRef {
			due = strings.TrimSpace(due + "  " + dupMark)
		}
		env.Printf("%-15s %-13s %-8s %-40s %-30s %s\n", it.Ref, it.Status, it.Kind, clip(it.Title, 40), clip(strings.Join(it.Proponents, "; "), 30), due)
	}
	env.Printf("%d pacts\n", len(items))
	if dups > 0 {
		env.Printf("%d of them share their reference with another pact; give one the next free number with `pacta pact renumber REF --id ID`\n", dups)
	}
	return nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func cmdPactShow(env *Env, args []string) error {
	fs, home := Flags("pact show")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	dl, err := pacts.LoadDeadlines(ws.Store.DB())
	if err != nil {
		return err
	}
	last := ""
	if n := len(d.Reports); n > 0 {
		last = d.Reports[n-1].FiledOn
	}
	due := pacts.DueDates(d.Pact, d.WasExtended(), last, dl, time.Now())
	allowed := pacts.Allowed(d, dl, time.Now())
	refc, err := pacts.CheckRef(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		next := map[string][]string{}
		for to, rs := range allowed {
			msgs := []string{}
			for _, r := range rs {
				msgs = append(msgs, r.Text("en"))
			}
			next[to] = msgs
		}
		return env.JSON(map[string]any{"pact": d.Pact, "parties": d.Parties, "sections": d.Sections, "assets": d.Assets,
			"support": d.Support, "indicators": d.Indicators, "reports": d.Reports, "history": d.Transitions,
			"versions": d.Versions, "signatures": d.Signatures, "due": due, "next": next,
			"end_date": pacts.EndDate(d.Pact, d.WasExtended()), "duplicate_ref": refc.Duplicate()})
	}
	p := d.Pact
	env.Printf("%s  %s\n  kind %s, status %s since %s, version %d, language %s\n", p.Ref, p.Title, p.Kind, p.Status, p.StatusSince, p.Version, p.Lang)
	if refc.Duplicate() {
		env.Printf("  %s: id %s; also held by:\n", dupMark, p.ID)
		for _, h := range refc.Others {
			env.Printf("    %s  %s\n", h.ID, holderText(h))
		}
	}
	if p.StartDate != "" || p.DurationMonths > 0 {
		env.Printf("  start %s, %d months (+%d extension), ends %s, report every %d months\n", p.StartDate, p.DurationMonths, p.ExtensionMonths, pacts.EndDate(p, d.WasExtended()), p.ReportMonths)
	}
	if p.Immaterial {
		env.Printf("  immaterial scope\n")
	}
	env.Printf("parties:\n")
	for _, x := range d.Parties {
		env.Printf("  %-12s %s (%s) %s %s\n", x.Role, x.Name, x.Type, x.Representative, x.FiscalCode)
	}
	env.Printf("assets:\n")
	for _, a := range d.Assets {
		env.Printf("  %s %s, %s\n", a.Ref, a.Name, a.Address)
	}
	env.Printf("sections:\n")
	for _, s := range d.Sections {
		env.Printf("  %-12s %d characters\n", s.Key, len([]rune(s.Text)))
	}
	for _, x := range due {
		flag := ""
		if x.Overdue {
			flag = " OVERDUE"
		}
		env.Printf("due: %s %s%s\n", x.Kind, x.Date, flag)
	}
	env.Printf("history:\n")
	for _, t := range d.Transitions {
		env.Printf("  %s %s → %s by %s (%s) %s\n", t.At, t.FromStatus, t.ToStatus, t.Actor, t.Device, t.Reason)
	}
	for _, s := range d.Signatures {
		env.Printf("signed v%d: %s by %s on %s (%s) sha256 %s\n", s.Version, s.PartyName, s.Signer, s.SignedOn, s.Method, s.SHA256[:12])
	}
	for _, to := range pacts.Next(p.Status) {
		if rs := allowed[to]; len(rs) == 0 {
			env.Printf("can become: %s\n", to)
		} else {
			msgs := make([]string, len(rs))
			for i, r := range rs {
				msgs[i] = r.Text("en")
			}
			env.Printf("cannot yet become %s: %s\n", to, strings.Join(msgs, "; "))
		}
	}
	return nil
}

func cmdPactRenumber(env *Env, args []string) error {
	fs, home := Flags("pact renumber")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := pacts.CheckRef(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	after, err := pacts.Renumber(env.Ctx, ws.Store, d.Pact.Ref, d.Pact.ID, time.Now())
	if err != nil {
		return renumberError(err, "pact", c)
	}
	if *asJSON {
		return env.JSON(map[string]string{"id": after.ID, "old_ref": d.Pact.Ref, "ref": after.Ref})
	}
	env.Printf("%s (%s) is now %s; %s keeps %s\n", d.Pact.Ref, d.Pact.Title, after.Ref, othersName(c.Others), d.Pact.Ref)
	return nil
}

func cmdPactNew(env *Env, args []string) error {
	fs, home := Flags("pact new")
	title := fs.String("title", "", "title of the project")
	kind := fs.String("kind", "ordinary", "ordinary or complex")
	proponent := fs.String("proponent", "", "name of the proponent")
	ptype := fs.String("proponent-type", "", "type of proponent: "+strings.Join(pacts.PartyTypes, ", "))
	lang := fs.String("lang", "", "language of the agreement (en, es, it, qu); default the workspace's")
	immaterial := fs.Bool("immaterial", false, "the pact covers no physical commons")
	summary := fs.String("summary", "", "one-paragraph summary")
	by := fs.String("by", "", "who creates it")
	var assetRefs multi
	fs.Var(&assetRefs, "asset", "reference of a commons to link (repeatable)")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*title) == "" {
		return Usagef("--title is required")
	}
	if strings.TrimSpace(*proponent) == "" {
		return Usagef("--proponent is required")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	l := *lang
	if l == "" {
		l = ws.Language()
	}
	p, err := pacts.Create(env.Ctx, ws.Store, pacts.NewPact{Title: *title, Kind: *kind, Lang: l, Proponent: *proponent,
		ProponentType: *ptype, AssetRefs: assetRefs, Immaterial: *immaterial, Summary: *summary}, pacts.By{Actor: actor(ws, *by)})
	if err != nil {
		return ambiguous(err, "--asset ID")
	}
	env.Printf("%s\n", p.Ref)
	return nil
}

func cmdPactSet(env *Env, args []string) error {
	fs, home := Flags("pact set")
	section := fs.String("section", "", "premises or a section key: "+strings.Join(pacts.SectionKeys, ", "))
	textFile := fs.String("text-file", "", "file with the section's text (UTF-8)")
	start := fs.String("start", "", "start date YYYY-MM-DD (\"\": none)")
	duration := fs.Int64("duration", 0, "duration in months")
	extension := fs.Int64("extension", 0, "extension the pact allows, in months")
	reportEvery := fs.Int64("report-every", 0, "a monitoring report every N months")
	officer := fs.String("officer", "", "referent municipal officer")
	title := fs.String("title", "", "title")
	kind := fs.String("kind", "", "ordinary or complex")
	summary := fs.String("summary", "", "summary")
	category := fs.String("category", "", "field of action")
	var immaterial optBool
	fs.Var(&immaterial, "immaterial", "true when the pact covers no physical commons")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if (*section == "") != (*textFile == "") {
		return Usagef("--section and --text-file go together")
	}
	var text string
	if *textFile != "" {
		b, err := os.ReadFile(*textFile)
		if err != nil {
			return fmt.Errorf("pact set: %w", err)
		}
		text = string(b)
	}
	// Only the fields given on the command line are written, over the pact as the write
	// transaction reads it (pacts.PatchDetails): what another process or a sync changed
	// since this command started stays.
	set := given(fs)
	x := pacts.DetailsPatch{StartDate: ifGiven(set, "start", start), DurationMonths: ifGiven(set, "duration", duration),
		ExtensionMonths: ifGiven(set, "extension", extension), ReportMonths: ifGiven(set, "report-every", reportEvery),
		Officer: ifGiven(set, "officer", officer), Title: ifGiven(set, "title", title), Kind: ifGiven(set, "kind", kind),
		Summary: ifGiven(set, "summary", summary), Category: ifGiven(set, "category", category)}
	if immaterial.set {
		x.Immaterial = &immaterial.v
	}
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		if *section != "" {
			if err := pacts.SetSection(tx, d.Pact.ID, *section, text); err != nil {
				return err
			}
		}
		return pacts.PatchDetails(tx, d.Pact.ID, x)
	})
	if err != nil {
		return err
	}
	env.Printf("%s updated\n", d.Pact.Ref)
	return nil
}

// optBool is a bool flag that knows whether it was given.
type optBool struct{ v, set bool }

func (o *optBool) String() string   { return strconv.FormatBool(o.v) }
func (o *optBool) IsBoolFlag() bool { return true }
func (o *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	o.v, o.set = v, true
	return nil
}

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

func cmdPactTransition(env *Env, args []string) error {
	fs, home := Flags("pact transition")
	to := fs.String("to", "", "the new status")
	why := fs.String("reason", "", "why (required to reject, suspend, terminate, revoke, withdraw or ask for information)")
	by := fs.String("by", "", "who decides")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *to == "" {
		return Usagef("--to STATUS is required; from %s the pact can become: %s", d.Pact.Status, strings.Join(pacts.Next(d.Pact.Status), ", "))
	}
	if err := pacts.Transition(env.Ctx, ws.Store, d.Pact.ID, *to, *why, pacts.By{Actor: actor(ws, *by)}); err != nil {
		return err
	}
	env.Printf("%s: %s → %s\n", d.Pact.Ref, d.Pact.Status, *to)
	return nil
}

func cmdPactSign(env *Env, args []string) error {
	fs, home := Flags("pact sign")
	party := fs.String("party", "", "the party that signs")
	signer := fs.String("signer", "", "the person who signs for it")
	date := fs.String("date", "", "date of the signature YYYY-MM-DD")
	method := fs.String("method", "paper", "paper or digital")
	by := fs.String("by", "", "who records it")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *party == "" || *signer == "" || *date == "" {
		return Usagef("--party, --signer and --date are required")
	}
	var sig model.PactSignature
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		sig, err = pacts.Sign(tx, d.Pact.ID, pacts.Signature{Party: *party, Signer: *signer, Date: *date, Method: *method}, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	after, err := pacts.Load(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	env.Printf("%s version %d signed by %s (sha256 %s); status %s\n", d.Pact.Ref, sig.Version, sig.PartyName, sig.SHA256, after.Pact.Status)
	if un := after.Unsigned(); len(un) > 0 {
		names := make([]string, len(un))
		for i, x := range un {
			names[i] = x.Name
		}
		env.Printf("still to sign: %s\n", strings.Join(names, "; "))
	}
	return nil
}

func cmdPactAmend(env *Env, args []string) error {
	fs, home := Flags("pact amend")
	note := fs.String("note", "", "what the amendment changes")
	by := fs.String("by", "", "who opens it")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	var v int64
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		v, err = pacts.Amend(tx, d.Pact.ID, *note, pacts.By{Actor: actor(ws, *by)})
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: amendment open as version %d; edit it, then every party signs it\n", d.Pact.Ref, v)
	return nil
}

func cmdPactVerify(env *Env, args []string) error {
	fs, home := Flags("pact verify")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := pacts.Verify(d); err != nil {
		return err
	}
	for _, v := range d.Versions {
		env.Printf("%s version %d: sha256 %s ok\n", d.Pact.Ref, v.Number, v.SHA256)
	}
	if len(d.Versions) == 0 {
		env.Printf("%s: no signed version yet\n", d.Pact.Ref)
	}
	return nil
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().Truncate(24 * time.Hour), nil
	}
	return pacts.ParseDate(s)
}

func cmdPactPDF(env *Env, args []string) error {
	fs, home := Flags("pact pdf")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the document's words (default the pact's)")
	date := fs.String("date", "", "document date YYYY-MM-DD (default today; a signed version prints on its signature date)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	day, err := parseDay(*date)
	if err != nil {
		return Usagef("%v", err)
	}
	b, err := pacts.AgreementPDF(ws.Store.DB(), d, *lang, day)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("pact pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}

func cmdPactReport(env *Env, args []string) error {
	fs, home := Flags("pact report")
	period := fs.String("period", "", "the period covered, e.g. 2026-H1")
	hours := fs.Float64("hours", 0, "volunteer hours")
	textFile := fs.String("text-file", "", "file with what was done")
	resources := fs.String("resources", "", "resources used")
	date := fs.String("date", "", "filing date YYYY-MM-DD (default today)")
	by := fs.String("by", "", "who files it")
	var values, attach multi
	fs.Var(&values, "value", "indicator value NAME=N (repeatable)")
	fs.Var(&attach, "attach", "a photo or scan to attach (repeatable)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *textFile == "" {
		return Usagef("--text-file is required")
	}
	b, err := os.ReadFile(*textFile)
	if err != nil {
		return fmt.Errorf("pact report: %w", err)
	}
	vals := map[string]float64{}
	for _, v := range values {
		k, n, ok := strings.Cut(v, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if !ok || err != nil {
			return Usagef("--value %q: write NAME=NUMBER", v)
		}
		vals[strings.TrimSpace(k)] = f
	}
	var rep model.PactReport
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		rep, err = pacts.FileReport(tx, d.Pact.ID, pacts.Report{Period: *period, FiledOn: *date, Hours: *hours, Resources: *resources,
			Narrative: string(b), FiledBy: actor(ws, *by), Values: vals}, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s: report %s filed on %s\n", d.Pact.Ref, rep.Period, rep.FiledOn)
	return attachFiles(env, ws, d, rep, attach)
}

// attachFiles stores files with a report, one by one, saying which were attached.
func attachFiles(env *Env, ws *Workspace, d *pacts.Dossier, rep model.PactReport, files []string) error {
	for _, f := range files {
		att, err := pacts.AttachFileToReport(env.Ctx, ws.Store, ws.Blobs, rep.ID, f)
		if err != nil {
			return err
		}
		env.Printf("%s: %s attached to report %s\n", d.Pact.Ref, att.Name, rep.Period)
	}
	return nil
}

func cmdPactReportAttach(env *Env, args []string) error {
	fs, home := Flags("pact report attach")
	period := fs.String("period", "", "the report's period")
	var files multi
	fs.Var(&files, "file", "a photo or scan (repeatable)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *period == "" || len(files) == 0 {
		return Usagef("--period and at least one --file are required")
	}
	rep, err := pacts.FindReport(d, *period)
	if err != nil {
		return err
	}
	return attachFiles(env, ws, d, rep, files)
}

func cmdPactReportPDF(env *Env, args []string) error {
	fs, home := Flags("pact report pdf")
	period := fs.String("period", "", "the report's period")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *period == "" || *out == "" {
		return Usagef("--period and -o are required")
	}
	var day time.Time
	for _, r := range d.Reports {
		if r.Period == *period {
			day, _ = pacts.ParseDate(r.FiledOn)
		}
	}
	b, err := pacts.ReportPDF(ws.Store.DB(), d, *period, *lang, day)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("pact report pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}

func cmdPactDue(env *Env, args []string) error {
	fs, home := Flags("pact due")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	s, err := pacts.Summarise(ws.Store.DB(), time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(s)
	}
	for _, g := range []struct {
		name  string
		items []pacts.Item
	}{{"reviews overdue", s.ReviewsOverdue}, {"reports due", s.ReportsDue}, {"ending within 60 days", s.Ending}} {
		env.Printf("%s: %d\n", g.name, len(g.items))
		for _, it := range g.items {
			for _, d := range it.Due {
				env.Printf("  %-15s %-40s %-13s %s (%+d days)\n", it.Ref, clip(it.Title, 40), d.Kind, d.Date, d.DaysLeft)
			}
		}
	}
	return nil
}

func cmdPactDeadlines(env *Env, args []string) error {
	fs, home := Flags("pact deadlines")
	oa := fs.Int("ordinary-answer", 0, "days to answer an ordinary proposal")
	cp := fs.Int("complex-publish", 0, "days to publish a complex proposal")
	co := fs.Int("complex-observations", 0, "days open for observations")
	cd := fs.Int("complex-decision", 0, "days to decide after the observations")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	dl, err := pacts.LoadDeadlines(ws.Store.DB())
	if err != nil {
		return err
	}
	set := given(fs)
	terms := []struct {
		name   string
		v, dst *int
	}{{"ordinary-answer", oa, &dl.OrdinaryAnswer}, {"complex-publish", cp, &dl.ComplexPublish},
		{"complex-observations", co, &dl.ComplexObservations}, {"complex-decision", cd, &dl.ComplexDecision}}
	if set["ordinary-answer"] || set["complex-publish"] || set["complex-observations"] || set["complex-decision"] {
		// The terms given, and only those, are written over the terms as the write
		// transaction reads them: one another process or a sync changed meanwhile stays.
		err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
			var err error
			if dl, err = pacts.LoadDeadlines(tx); err != nil {
				return err
			}
			base := dl
			for _, s := range terms {
				if set[s.name] {
					*s.dst = *s.v
				}
			}
			return pacts.EditDeadlines(tx, base, dl)
		})
		if err != nil {
			return err
		}
	}
	env.Printf("ordinary answer: %d days\ncomplex published within: %d days\ncomplex observations: %d days\ncomplex decision within: %d days\n",
		dl.OrdinaryAnswer, dl.ComplexPublish, dl.ComplexObservations, dl.ComplexDecision)
	return nil
}

func cmdPactTemplateSet(env *Env, args []string) error {
	fs, home := Flags("pact template set")
	lang := fs.String("lang", "", "language en, es, it or qu")
	section := fs.String("section", "", "premises or a section: "+strings.Join(pacts.SectionKeys, ", "))
	textFile := fs.String("text-file", "", "file with the text")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *lang == "" || *section == "" || *textFile == "" {
		return Usagef("--lang, --section and --text-file are required")
	}
	b, err := os.ReadFile(*textFile)
	if err != nil {
		return fmt.Errorf("pact template set: %w", err)
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return pacts.SetTemplate(tx, *lang, *section, string(b)) }); err != nil {
		return err
	}
	env.Printf("template %s/%s saved; new pacts in that language start from it\n", *lang, *section)
	return nil
}

func cmdImportRegister(env *Env, args []string) error {
	fs, home := Flags("import register")
	asJSON := fs.Bool("json", false, "JSON output")
	by := fs.String("by", "", "who imports")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give the register's CSV file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("import register: %w", err)
	}
	defer f.Close()
	rows, skipped, err := pacts.ReadRegister(f)
	if err != nil {
		return err
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := pacts.ImportRegister(env.Ctx, ws.Store, rows, pacts.By{Actor: actor(ws, *by)})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("import register: cancelled; nothing was imported")
		}
		return err
	}
	res.Skipped = append(res.Skipped, skipped...)
	if *asJSON {
		return env.JSON(map[string]any{"imported": res.Imported(), "created": res.Created, "updated": res.Updated,
			"unchanged": res.Unchanged, "assets_created": res.AssetsCreated, "skipped": res.Skipped})
	}
	env.Printf("imported %d rows: %d new pacts, %d updated, %d unchanged; %d new assets\n", res.Imported(), res.Created, res.Updated, res.Unchanged, res.AssetsCreated)
	if len(res.Skipped) > 0 {
		env.Printf("skipped %d rows:\n", len(res.Skipped))
		for _, s := range res.Skipped {
			env.Printf("  line %d (Id %s): %s\n", s.Line, s.ID, s.Reason)
		}
	}
	return nil
}

// Actor is who this laptop acts as when it records a pact's transition or signature: the
// system user, else the device's name.
func Actor(ws *Workspace) string { return actor(ws, "") }
