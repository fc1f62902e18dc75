package app

import (
	"context"
	"flag"
	"fmt"
	"os"
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
		{Name: "pact set", Args: "REF [--section KEY --text-file FILE] [--start YYYY-MM-DD] [--duration N] [--extension N] [--report-every N] [--officer NAME] [--immaterial=true|false] [--title T] [--kind K] [--summary S] [--lang xx]", Short: "change a pact that is not signed yet", Run: cmdPactSet},
		{Name: "pact party add", Args: "REF --name NAME --role municipality|proponent|cosignatory [--type TYPE] [--representative NAME] [--rep-role ROLE] [--fiscal-code CODE] [--address A] [--email E] [--social-economy] [--gender m|f] [--plural] [--vat V] [--powers TEXT]", Short: "add a party to a pact", Run: cmdPactPartyAdd},
		{Name: "pact party set", Args: "REF --name NAME [--representative NAME] [--rep-role ROLE] [--fiscal-code CODE] [--address A] [--email E] [--gender m|f] [--plural=true|false] [--vat V] [--powers TEXT]", Short: "complete a party's details", Run: cmdPactPartySet},
		{Name: "pact party remove", Args: "REF --name NAME", Short: "remove a party from a pact", Run: cmdPactPartyRemove},
		{Name: "pact link", Args: "REF --asset ASSET-REF", Short: "link a commons of the registry to a pact", Run: cmdPactLink},
		{Name: "pact support add", Args: "REF --kind KIND [--details D] [--value N]", Short: "add a form of municipal support", Run: cmdPactSupportAdd},
		{Name: "pact indicator add", Args: "REF --name NAME [--unit U] [--target N]", Short: "add a monitoring indicator", Run: cmdPactIndicatorAdd},
		{Name: "pact transition", Args: "REF --to STATUS [--reason R] [--by NAME]", Short: "move a pact along its lifecycle (refused with the reason when not allowed)", Run: cmdPactTransition},
		{Name: "pact sign", Args: "REF --party NAME --signer NAME --date YYYY-MM-DD [--method paper|digital]", Short: "record a party's signature (freezes the version)", Run: cmdPactSign},
		{Name: "pact amend", Args: "REF --note TEXT", Short: "open an amendment (a new version) of a signed pact", Run: cmdPactAmend},
		{Name: "pact verify", Args: "REF", Short: "check the SHA-256 of every signed version", Run: cmdPactVerify},
		{Name: "pact pdf", Args: "REF -o FILE [--lang xx] [--lang2 yy] [--date YYYY-MM-DD]", Short: "print the agreement as PDF, in its language, another, or two", Run: cmdPactPDF},
		{Name: "pact report", Args: "REF --period P --hours N --text-file F [--resources R] [--value NAME=N]… [--date YYYY-MM-DD] [--by NAME]", Short: "file a monitoring report", Run: cmdPactReport},
		{Name: "pact report pdf", Args: "REF --period P -o FILE [--lang xx]", Short: "print a monitoring report as PDF", Run: cmdPactReportPDF},
		{Name: "pact report attach", Args: "REF --period P --file F [--file F]…", Short: "attach photos or scans to a monitoring report", Run: cmdPactReportAttach},
		{Name: "pact due", Args: "[--json]", Short: "what is due and overdue: answers, decisions, reports, ends of term", Run: cmdPactDue},
		{Name: "pact deadlines", Args: "[--ordinary-answer N] [--complex-publish N] [--complex-observations N] [--complex-decision N] [--interruption-days N] [--executive-step on|off]", Short: "show or set the workspace's deadlines in days and the steps of its regulation", Run: cmdPactDeadlines},
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

func (m *multi) String() string { return strings.Join(*m, ",") }

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
			"versions": d.Versions, "signatures": d.Signatures, "acts": d.Acts, "files": d.Files, "due": due, "next": next,
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
		mark := ""
		if s.Translate != "" {
			mark = ", to translate from " + s.Translate // kept when the pact's language changed
		}
		env.Printf("  %-12s %d characters%s\n", s.Key, len([]rune(s.Text)), mark)
	}
	for _, a := range d.Acts {
		env.Printf("act: %s %s no. %s %s\n", a.Date, a.Kind, a.Number, a.Issuer)
	}
	for _, f := range d.Files {
		env.Printf("file: %s (%d bytes, sha256 %s)\n", pacts.FileLabel(f), f.Size, f.SHA256[:12])
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

// Actor is who this laptop acts as when it records a pact's transition or signature: the
// system user, else the device's name.
func Actor(ws *Workspace) string { return actor(ws, "") }
