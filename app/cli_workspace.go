// The municipality's profile from the command line: pacta workspace set and show.

package app

import (
	"fmt"
	"os"
	"strings"

	"pacta/model"
	"pacta/pacts"
)

func init() {
	Register(Command{Name: "workspace set", Args: "[--name-LANG N] [--article-LANG A] [--seat S] [--fiscal-label L] [--fiscal-code C] [--vat V] [--regulation regulation|ordinance] [--officer N] [--officer-powers TEXT] [--logo FILE] [--place P] [--legal-basis-LANG TEXT] [--currency EUR] [--art1341 on|off] (LANG: en, es, it, qu)",
		Short: "set the municipality's profile, which every agreement takes (empty value: unset)", Run: cmdWorkspaceSet})
	Register(Command{Name: "workspace show", Args: "[--json]", Short: "show the municipality's profile and the legal basis in every language", Run: cmdWorkspaceShow})
	examples["workspace set"] = `pacta workspace set --name-it "Comune di Palermo" --article-it il --seat "piazza Pretoria n. 1, 90133 Palermo" --fiscal-code 80016350821 --place Palermo --legal-basis-it "il Regolamento approvato con Deliberazione di Consiglio Comunale n. 31 del 20/04/2023"`
	examples["workspace show"] = "pacta workspace show --json"
}

// profileFlags are the flags of workspace set: flag name → setting name.
func profileFlags() [][2]string {
	var out [][2]string
	for _, l := range pacts.ProfileLangs() {
		out = append(out, [2]string{"name-" + l, pacts.SettingName + "." + l}, [2]string{"article-" + l, pacts.SettingArticle + "." + l},
			[2]string{"legal-basis-" + l, pacts.SettingLegalBasisIn + "." + l})
	}
	return append(out, [2]string{"seat", pacts.SettingSeat}, [2]string{"fiscal-label", pacts.SettingFiscalLabel}, [2]string{"fiscal-code", pacts.SettingFiscalCode}, [2]string{"vat", pacts.SettingVAT},
		[2]string{"regulation", pacts.SettingRegulation},
		[2]string{"officer", pacts.SettingOfficer}, [2]string{"officer-powers", pacts.SettingOfficerPowers}, [2]string{"place", pacts.SettingPlace},
		[2]string{"currency", pacts.SettingCurrency}, [2]string{"art1341", pacts.SettingArt1341})
}

// profileFlagHelp is the help of a flag of workspace set.
func profileFlagHelp(name string) string {
	for prefix, help := range map[string]string{"name-": "official name in %s, e.g. Comune di Palermo",
		"article-": "the article of the name in %s, e.g. il", "legal-basis-": "legal basis in %s: act, number and date"} {
		if l, ok := strings.CutPrefix(name, prefix); ok {
			return fmt.Sprintf(help, l)
		}
	}
	return map[string]string{"seat": "the town hall's address", "fiscal-code": "the municipality's fiscal code",
		"fiscal-label": "the label printed before every fiscal identifier: C.F., NIF, RUC, RFC, NIT… (default: the usual term of the agreement's language)",
		"regulation":   "what the municipal rules on the commons are called in the agreements: regulation or ordinance", "vat": "its VAT number",
		"officer": "the officer who signs, with their office", "officer-powers": "the source of the officer's powers",
		"place": "the place of the \"place, date\" line", "currency": "ISO code of the amounts, e.g. EUR",
		"art1341": "on or off: the second signature of the onerous clauses (default: on in Italian workspaces)"}[name]
}

func cmdWorkspaceSet(env *Env, args []string) error {
	fs, home := Flags("workspace set")
	values := map[string]*string{}
	for _, f := range profileFlags() {
		values[f[0]] = fs.String(f[0], "", profileFlagHelp(f[0]))
	}
	logo := fs.String("logo", "", "the logo: a PNG or JPEG `FILE` (an empty value removes it)")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("workspace set takes flags only, e.g. --place Palermo")
	}
	set := given(fs)
	if len(set) == 0 || (len(set) == 1 && (set["home"] || set["json"])) {
		return Usagef("give at least one value to set, e.g. --place Palermo")
	}
	var img []byte
	if set["logo"] && *logo != "" {
		var err error
		if img, err = os.ReadFile(*logo); err != nil {
			return fmt.Errorf("workspace set: read the logo: %w", err)
		}
		if err := pacts.CheckLogo(img); err != nil {
			return err
		}
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		// The values given, and only those, are written over the profile as the write
		// transaction reads it.
		cur, err := pacts.LoadWorkspace(tx)
		if err != nil {
			return err
		}
		base := cur.Profile.Values()
		typed := map[string]string{}
		for _, f := range profileFlags() {
			if set[f[0]] {
				typed[f[1]] = *values[f[0]]
			}
		}
		if err := pacts.EditProfile(tx, base, typed); err != nil {
			return err
		}
		if set["logo"] {
			_, err = pacts.SetLogo(tx, img)
		}
		return err
	})
	if err != nil {
		return err
	}
	return showProfile(env, ws, *asJSON)
}

func cmdWorkspaceShow(env *Env, args []string) error {
	fs, home := Flags("workspace show")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	return showProfile(env, ws, *asJSON)
}

// ProfileView is `pacta workspace show --json`: the profile as stored, and what agreements
// print in each language.
type ProfileView struct {
	Municipality string            `json:"municipality"`
	Profile      pacts.Profile     `json:"profile"`
	Names        map[string]string `json:"names_printed"`       // lang → "il Comune di Palermo"
	LegalBasis   map[string]string `json:"legal_basis_printed"` // lang → the text agreements quote
	Art1341      map[string]bool   `json:"art1341_printed"`     // lang → the second signature is printed
	Currency     string            `json:"currency"`
}

func showProfile(env *Env, ws *Workspace, asJSON bool) error {
	w, err := pacts.LoadWorkspace(ws.Store.DB())
	if err != nil {
		return err
	}
	v := ProfileView{Municipality: w.Municipality, Profile: w.Profile, Names: map[string]string{}, LegalBasis: map[string]string{},
		Art1341: map[string]bool{}, Currency: w.CurrencyCode()}
	for _, l := range pacts.ProfileLangs() {
		v.Names[l] = pacts.Noun{Name: w.NameIn(l), Article: w.ArticleIn(l)}.The(l)
		v.LegalBasis[l] = w.LegalBasisIn(l)
		v.Art1341[l] = w.Art1341In(l)
	}
	if asJSON {
		return env.JSON(v)
	}
	pr := w.Profile
	line := func(label, value string) {
		if value == "" {
			value = "—"
		}
		env.Printf("%-16s %s\n", label+":", value)
	}
	line("municipality", w.Municipality)
	for _, l := range pacts.ProfileLangs() {
		line("name "+l, v.Names[l])
	}
	line("seat", pr.Seat)
	line("fiscal code", pr.FiscalCode)
	line("VAT number", pr.VAT)
	line("officer", pr.Officer)
	line("officer powers", pr.OfficerPowers)
	line("place", pr.Place)
	line("currency", v.Currency)
	logo := ""
	if pr.Logo != "" {
		logo = "SHA-256 " + pr.Logo[:12]
	}
	line("logo", logo)
	art := []string{}
	for _, l := range pacts.ProfileLangs() {
		if v.Art1341[l] {
			art = append(art, l)
		}
	}
	line("Art. 1341 c.c.", strings.Join(art, ", "))
	for _, l := range pacts.ProfileLangs() {
		line("legal basis "+l, v.LegalBasis[l])
	}
	return nil
}
