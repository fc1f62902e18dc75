package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"pacta/assets"
	"pacta/model"
)

// multiFlag collects a repeated flag (--map a=b --map c=d).
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, " ") }

func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func init() {
	Register(Command{Name: "asset list", Args: "[--kind K] [--district D] [--available] [--q TEXT] [--sort COL] [--desc] [--limit N] [--json]",
		Short: "list the commons registry (search with --q)", Run: cmdAssetList})
	Register(Command{Name: "asset show", Args: "REF [--id ID] [--json]", Short: "show one asset with its linked pacts and photos", Run: cmdAssetShow})
	Register(Command{Name: "asset renumber", Args: "REF --id ID [--json]", Short: "give an asset whose reference another asset holds too the next free number", Run: cmdAssetRenumber})
	Register(Command{Name: "asset add", Args: "--name N --kind K [--address A] [--district D] [--lat X --lon Y] [...] [--json]",
		Short: "add an asset to the registry", Run: cmdAssetAdd})
	Register(Command{Name: "asset photo", Args: "REF FILE [--id ID]", Short: "attach a photo (JPEG, PNG, GIF, WebP) to an asset", Run: cmdAssetPhoto})
	Register(Command{Name: "asset pdf-available", Args: "-o FILE [--lang L]", Short: "print the public list of available commons by district", Run: cmdAssetPDF})
	Register(Command{Name: "import assets", Args: "FILE [--map column=field ...] [--dry-run] [--json]",
		Short: "import assets from CSV (, or ;) or GeoJSON; re-importing updates, never duplicates", Run: cmdImportAssets})
	Register(Command{Name: "export assets", Args: "--format csv|geojson|json -o FILE [--datapackage] [--kind K] [--available]",
		Short: "export the registry (CSV for spreadsheets, GeoJSON for QGIS, JSON)", Run: cmdExportAssets})
	RegisterSample(SampleStep{Order: 10, Name: "assets", Run: func(ctx context.Context, ws *Workspace) error {
		return assets.LoadSample(ctx, ws.Store)
	}})
}

func cmdAssetList(env *Env, args []string) error {
	fs, home := Flags("asset list")
	kind := fs.String("kind", "", "only this kind ("+strings.Join(model.AssetKinds, ", ")+")")
	district := fs.String("district", "", "only this district")
	available := fs.Bool("available", false, "only available assets")
	q := fs.String("q", "", "search text (name, description, address, territory; accents and case do not matter)")
	sortCol := fs.String("sort", "name", "sort by "+strings.Join(assets.AssetSortColumns, ", "))
	desc := fs.Bool("desc", false, "descending order")
	limit := fs.Int("limit", 0, "at most N rows (0: all)")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *kind != "" && !contains(model.AssetKinds, *kind) {
		return Usagef("--kind %q is not a kind; use one of %s", *kind, strings.Join(model.AssetKinds, ", "))
	}
	if !contains(assets.AssetSortColumns, *sortCol) {
		return Usagef("--sort %q: use one of %s", *sortCol, strings.Join(assets.AssetSortColumns, ", "))
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	query := assets.Query{Text: *q, Kind: *kind, District: *district, Sort: *sortCol, Desc: *desc, Limit: *limit}
	if *available {
		query.Availability = "available"
	}
	items, err := assets.List(ws.Store.DB(), query)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(items)
	}
	dups := 0
	for _, it := range items {
		mark := ""
		if it.DuplicateRef {
			mark, dups = "  "+dupMark, dups+1
		}
		env.Printf("%-11s %-14s %-12s %-28s %s%s\n", it.Ref, it.Kind, it.Availability, trunc(it.District, 28), it.Name, mark)
	}
	env.Printf("%d assets\n", len(items))
	if dups > 0 {
		env.Printf("%d of them share their reference with another asset; give one the next free number with `pacta asset renumber REF --id ID`\n", dups)
	}
	return nil
}

// dupMark flags, in a text listing, a reference that another live row holds too.
const dupMark = "⚠ duplicate reference"

// idFlag adds --id to a command that takes a reference: the id of the row meant, when two
// laptops minted the same reference offline.
func idFlag(fs *flag.FlagSet) *string {
	return fs.String("id", "", "the id of the one meant when several hold the reference (an ambiguous reference lists them)")
}

// ambiguous turns a reference that several rows hold into a usage error (exit status 2)
// listing them, so that the command can be run again with the one meant; how says how to
// name it ("--id ID"). Other errors pass unchanged.
func ambiguous(err error, how string) error {
	var amb *model.AmbiguousRefError
	if !errors.As(err, &amb) {
		return err
	}
	noun, cmd := "assets", "asset"
	if amb.Table == "pacts" {
		noun, cmd = "pacts", "pact"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s is the reference of %d %s (two laptops gave it out offline); run the command again with %s, one of:\n",
		amb.Ref, len(amb.Holders), noun, how)
	for _, h := range amb.Holders {
		fmt.Fprintf(&sb, "  %s  %s  %s\n", h.ID, h.Ref, holderText(h))
	}
	fmt.Fprintf(&sb, "to give one of them the next free number: pacta %s renumber %s --id ID", cmd, amb.Ref)
	return UsageError{sb.String()}
}

// holderText names one holder of a reference: its name, and its district or status.
func holderText(h model.RefHolder) string {
	s := h.Name
	if h.Detail != "" {
		s += "  (" + h.Detail + ")"
	}
	return s
}

// renumberError says in a sentence why a reference was not renumbered; others lists the
// rows that hold it too (for the id of the one to renumber instead).
func renumberError(err error, noun string, c model.RefCheck) error {
	switch {
	case errors.Is(err, model.ErrNotDuplicated):
		return fmt.Errorf("%s is not a duplicate: no other %s holds it, so it keeps its number", c.Ref, noun)
	case errors.Is(err, model.ErrRefSigned):
		ids := make([]string, len(c.Others))
		for i, h := range c.Others {
			ids[i] = h.ID
		}
		return fmt.Errorf("%s is on a signed agreement and keeps its number; give the other %s the new number instead: --id %s",
			c.Ref, noun, strings.Join(ids, " or --id "))
	}
	return err
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// AssetDetail is `pacta asset show --json`.
type AssetDetail struct {
	assets.AssetView
	DuplicateRef bool               `json:"duplicate_ref"` // another live asset holds the same reference
	Pacts        []assets.PactLink  `json:"pacts"`
	Photos       []model.Attachment `json:"photos"`
}

// oneAsset parses a command whose first argument is an asset reference (n arguments in
// all; with --id ID a command of one argument may leave it out), opens the workspace and
// finds the asset; the caller closes the workspace. A reference that several assets hold
// is a usage error listing them.
func oneAsset(env *Env, fs *flag.FlagSet, home *string, args []string, n int, usage string) (*Workspace, assets.AssetView, error) {
	id := idFlag(fs)
	if err := Parse(fs, args); err != nil {
		return nil, assets.AssetView{}, err
	}
	if fs.NArg() != n && (n != 1 || fs.NArg() != 0 || *id == "") {
		return nil, assets.AssetView{}, Usagef("%s", usage)
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return nil, assets.AssetView{}, err
	}
	a, err := assets.Resolve(ws.Store.DB(), fs.Arg(0), *id)
	if errors.Is(err, model.ErrAssetNotFound) {
		err = fmt.Errorf("no asset %s; list them with `pacta asset list`", strings.TrimSpace(fs.Arg(0)+" "+*id))
	}
	if err != nil {
		err = ambiguous(err, "--id ID")
		ws.Close()
		return nil, assets.AssetView{}, err
	}
	return ws, a, nil
}

func cmdAssetShow(env *Env, args []string) error {
	fs, home := Flags("asset show")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, a, err := oneAsset(env, fs, home, args, 1, "give one asset reference, e.g. ASSET-0001")
	if err != nil {
		return err
	}
	defer ws.Close()
	d := AssetDetail{AssetView: a}
	c, err := assets.CheckRef(ws.Store.DB(), a.ID)
	if err != nil {
		return err
	}
	d.DuplicateRef = c.Duplicate()
	if d.Pacts, err = assets.PactsOfAsset(ws.Store.DB(), a.ID); err != nil {
		return err
	}
	if d.Photos, err = assets.Photos(ws.Store.DB(), a.ID); err != nil {
		return err
	}
	if d.Photos == nil {
		d.Photos = []model.Attachment{}
	}
	if *asJSON {
		return env.JSON(d)
	}
	line := func(k, v string) {
		if v != "" {
			env.Printf("%-16s %s\n", k+":", v)
		}
	}
	if c.Duplicate() {
		line("ref", a.Ref+"  "+dupMark)
		for _, h := range c.Others {
			line("also held by", h.ID+"  "+holderText(h))
		}
		line("id", a.ID)
	} else {
		line("ref", a.Ref)
	}
	line("name", a.Name)
	line("kind", a.Kind)
	line("availability", a.Effective)
	line("address", a.Address)
	line("district", a.District)
	line("municipality", a.Municipality)
	line("region", a.Region)
	line("territory", a.Territory)
	if a.Lat != nil && a.Lon != nil {
		line("coordinates", fmt.Sprintf("%.6f, %.6f", *a.Lat, *a.Lon))
	}
	line("owner", a.Owner)
	line("ownership", a.Ownership)
	line("protection", a.Protection)
	line("designated", yesNo(a.Designated))
	line("reserved", yesNo(a.Reserved))
	line("control rights", a.ControlRights)
	line("community", a.Community)
	line("licence", a.Licence)
	line("heritage", a.Heritage)
	line("tags", a.Tags)
	line("source id", a.SourceID)
	line("description", a.Description)
	for _, p := range d.Pacts {
		env.Printf("pact:            %s  %s  (%s)\n", p.Ref, p.Title, p.Status)
	}
	for _, p := range d.Photos {
		env.Printf("photo:           %s (%d bytes)\n", p.Name, p.Size)
	}
	return nil
}

func cmdAssetRenumber(env *Env, args []string) error {
	fs, home := Flags("asset renumber")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, a, err := oneAsset(env, fs, home, args, 1, "give the duplicated reference and, with --id, the asset that takes a new number")
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := assets.CheckRef(ws.Store.DB(), a.ID)
	if err != nil {
		return err
	}
	after, err := assets.Renumber(env.Ctx, ws.Store, a.Ref, a.ID)
	if err != nil {
		return renumberError(err, "asset", c)
	}
	if *asJSON {
		return env.JSON(map[string]string{"id": after.ID, "old_ref": a.Ref, "ref": after.Ref})
	}
	env.Printf("%s (%s) is now %s; %s keeps %s\n", a.Ref, a.Name, after.Ref, othersName(c.Others), a.Ref)
	return nil
}

// othersName names the rows that keep a reference: "Piazza Magione", or "2 others".
func othersName(hs []model.RefHolder) string {
	if len(hs) == 1 {
		return hs[0].Name
	}
	return fmt.Sprintf("%d others", len(hs))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func cmdAssetAdd(env *Env, args []string) error {
	fs, home := Flags("asset add")
	a := model.Asset{}
	fs.StringVar(&a.Name, "name", "", "name (required)")
	fs.StringVar(&a.Kind, "kind", "", "kind: "+strings.Join(model.AssetKinds, ", "))
	fs.StringVar(&a.Description, "desc", "", "description")
	fs.StringVar(&a.Address, "address", "", "address")
	fs.StringVar(&a.District, "district", "", "district")
	fs.StringVar(&a.Municipality, "municipality", "", "municipality (default: the workspace's)")
	fs.StringVar(&a.Region, "region", "", "region")
	fs.StringVar(&a.Territory, "territory", "", "indigenous territory or comuna")
	lat := fs.String("lat", "", "latitude, decimal degrees")
	lon := fs.String("lon", "", "longitude, decimal degrees")
	fs.StringVar(&a.Owner, "owner", "", "owner")
	fs.StringVar(&a.Ownership, "ownership", "", "ownership: "+strings.Join(model.Ownerships, ", "))
	fs.StringVar(&a.Protection, "protection", "", "protection: "+strings.Join(model.Protections, ", "))
	fs.BoolVar(&a.Designated, "designated", false, "designated as commons")
	fs.BoolVar(&a.Reserved, "reserved", false, "reserved for social innovation")
	fs.StringVar(&a.Availability, "availability", "", "availability: "+strings.Join(model.Availabilities, ", "))
	fs.StringVar(&a.ControlRights, "control-rights", "", "users' control rights")
	fs.StringVar(&a.Community, "community", "", "use-rights community")
	fs.StringVar(&a.Licence, "licence", "", "licence (digital commons only)")
	fs.StringVar(&a.Heritage, "heritage", "", "heritage constraint")
	fs.StringVar(&a.Tags, "tags", "", "comma-separated tags")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	for _, c := range []struct {
		s   string
		dst **float64
	}{{*lat, &a.Lat}, {*lon, &a.Lon}} {
		if c.s == "" {
			continue
		}
		v, err := assets.ParseNumber(c.s)
		if err != nil {
			return Usagef("coordinates: %v", err)
		}
		*c.dst = &v
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if a.Municipality == "" {
		a.Municipality = ws.Municipality()
	}
	if err := assets.Save(env.Ctx, ws.Store, &a); err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(map[string]string{"id": a.ID, "ref": a.Ref})
	}
	env.Printf("added %s %s\n", a.Ref, a.Name)
	return nil
}
