package pacts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/printing"
)

// AgreementPDF prints the agreement of a pact's current version in lang (its own language
// when empty): title, parties, premises, the numbered sections, annexes and a signature
// block per party. A version not signed by every party carries the DRAFT mark. The same
// content and date give the same bytes; a signed version prints on its last signature's date.
// Another language than the pact's prints the texts from that language's templates, or is
// refused (a *MissingLangError) when it lacks some.
func AgreementPDF(q model.Querier, d *Dossier, lang string, date time.Time) ([]byte, error) {
	return BilingualPDF(q, d, lang, "", date)
}

// BilingualPDF prints the agreement in lang and, when lang2 is given, in lang2 too, section
// by section: each text in lang followed by its text in lang2, the fixed words in both. Each
// language must have every text (AgreementIn).
func BilingualPDF(q model.Querier, d *Dossier, lang, lang2 string, date time.Time) ([]byte, error) {
	a, hash, _, err := AgreementOf(q, d)
	if err != nil {
		return nil, fmt.Errorf("print %s: %w", d.Pact.Ref, err)
	}
	if lang == "" {
		lang = a.Lang
	}
	var sides []side
	for _, l := range []string{lang, lang2} {
		if l == "" {
			continue
		}
		l = i18n.Normalize(l)
		if len(sides) > 0 && sides[0].lang == l {
			continue // the same language twice prints once
		}
		t, err := AgreementIn(q, d, a, l)
		if err != nil {
			return nil, err
		}
		if len(t.Sections) != len(a.Sections) || len(t.Parties) != len(a.Parties) {
			// A frozen version whose rows changed since: no translation of what was signed.
			return nil, errs.E("print "+d.Pact.Ref, errs.Conflict, errs.Key("pact.error.lang_frozen"), map[string]any{"Ref": d.Pact.Ref})
		}
		sides = append(sides, side{a: t, lang: l, loc: i18n.In(l), translation: l != i18n.Normalize(a.Lang), of: a.Lang})
	}
	sigs := d.SignaturesOfCurrent()
	draft := !d.FullySigned()
	if !draft {
		if last, err := ParseDate(lastSignatureDate(d)); err == nil {
			date = last
		}
	}
	logo, err := Logo(q, a.Logo)
	if err != nil {
		return nil, err
	}
	return renderAgreement(sides, hash, sigs, draft, date, logo)
}

// side is the agreement in one of the languages it prints in.
type side struct {
	a           *Agreement
	lang        string
	loc         i18n.Localizer
	translation bool   // not the language the pact is written (and signed) in
	of          string // the pact's language
}

// words are an agreement's fixed words in its one or two languages: "Premises / Premesse".
type words []side

// Lang is the first language: amounts are written as it writes them.
func (w words) Lang() string { return w[0].lang }

// T is key in every language, each once, joined by " / ".
func (w words) T(key string, data ...any) string {
	return w.join(func(l i18n.Localizer) string { return l.T(key, data...) })
}

// N is a counted key in every language.
func (w words) N(key string, count int, data ...map[string]any) string {
	return w.join(func(l i18n.Localizer) string { return l.N(key, count, data...) })
}

func (w words) join(f func(i18n.Localizer) string) string {
	var out []string
	for _, s := range w {
		if t := f(s.loc); !oneOf(t, out) {
			out = append(out, t)
		}
	}
	return strings.Join(out, " / ")
}

func renderAgreement(sides []side, hash string, sigs []model.PactSignature, draft bool, date time.Time, logo []byte) ([]byte, error) {
	w := words(sides)
	first := sides[0]
	a := first.a
	title := w.T("pact.pdf.title")
	doc := printing.New(printing.Meta{Municipality: a.Municipality, Title: first.loc.T("pact.pdf.title") + " " + a.Ref, Reference: a.Ref,
		Version: strconv.FormatInt(a.Version, 10), Hash: hash, Date: date, Lang: first.lang, Draft: draft, Logo: logo})
	doc.Title(strings.ToUpper(title))
	for _, s := range sides {
		doc.Subtitle(s.loc.T("pact.pdf.subtitle", map[string]any{"Title": s.a.Title, "LegalBasis": s.a.LegalBasis}))
	}
	if a.Version > 1 {
		doc.Subtitle(w.T("pact.pdf.amendment", map[string]any{"Version": a.Version}))
	}
	for _, s := range sides {
		if s.translation {
			doc.Italic(s.loc.T("pact.pdf.translated_from", map[string]any{"Lang": i18n.Name(i18n.Normalize(s.of))}))
		}
	}

	muni, others := map[int][]AgreementParty{}, map[int][]AgreementParty{}
	for i, s := range sides {
		for _, p := range s.a.Parties {
			if p.Role == RoleMunicipality {
				muni[i] = append(muni[i], p)
			} else {
				others[i] = append(others[i], p)
			}
		}
	}
	doc.Centered(w.T("pact.pdf.between"))
	for j := range muni[0] {
		for i, s := range sides {
			para(doc, i, partyText(s.loc, muni[i][j]))
		}
	}
	doc.Centered(w.T("pact.pdf.and"))
	for j := range others[0] {
		for i, s := range sides {
			text := partyText(s.loc, others[i][j])
			if len(others[i]) > 1 {
				text = fmt.Sprintf("%d. %s", j+1, text)
			}
			para(doc, i, text)
		}
	}

	doc.Heading(w.T("pact.pdf.premises"))
	for i, s := range sides {
		para(doc, i, s.a.Premises)
	}
	doc.Centered(w.T("pact.pdf.agree"))
	for j := range a.Sections {
		var heads []string
		for _, s := range sides {
			if h := SectionHeading(s.lang, s.a.Sections[j]); !oneOf(h, heads) {
				heads = append(heads, h)
			}
		}
		doc.Heading(fmt.Sprintf("%d. %s", j+1, strings.Join(heads, " / ")))
		for i, s := range sides {
			para(doc, i, s.a.Sections[j].Text)
		}
	}

	annexes(doc, w, a)
	signatures(doc, w, a, sigs)
	if err := doc.Err(); err != nil {
		return nil, fmt.Errorf("print %s: %w", a.Ref, err)
	}
	return doc.Bytes()
}

// para prints a text of the first language as a paragraph, of the second in italics, so
// that a reader tells them apart.
func para(doc *printing.Doc, i int, text string) {
	if i == 0 {
		doc.Para(text)
		return
	}
	doc.Italic(text)
}

// partyText describes a party as the Palermo pacts do: name with its article, kind, seat (or
// residence, for a person), fiscal code and VAT number, the person who represents it and the
// source of their powers, the words agreeing with the party ("rappresentata", "denominati").
func partyText(loc i18n.Localizer, p AgreementParty) string {
	lang := loc.Lang()
	n := nounOf(p.Name, p.Article, p.Gender, p.Type, p.Plural)
	parts := []string{n.The(lang)}
	if p.Type != "" && p.Role != RoleMunicipality {
		parts[0] += " (" + loc.T("pact.party_type."+p.Type) + ")"
	}
	if p.Address != "" {
		parts = append(parts, loc.T("pact.pdf.seat", map[string]any{"Seat": n.Seat(lang), "Address": p.Address}))
	}
	if p.FiscalCode != "" {
		label := p.FiscalLabel
		if label == "" {
			label = loc.T("pact.pdf.fiscal_label")
		}
		parts = append(parts, loc.T("pact.pdf.fiscal_code", map[string]any{"Label": label, "Code": p.FiscalCode}))
	}
	if p.VAT != "" {
		parts = append(parts, loc.T("pact.pdf.vat", map[string]any{"Code": p.VAT}))
	}
	if p.Representative != "" {
		data := map[string]any{"Name": p.Representative, "Role": p.RepRole, "Represented": n.Agree(lang, loc.T("pact.word.represented"))}
		rep := loc.T("pact.pdf.represented", data)
		if p.RepRole != "" {
			rep = loc.T("pact.pdf.represented_as", data)
		}
		if pw := strings.TrimSpace(p.Powers); pw != "" {
			rep += ", " + pw
		}
		parts = append(parts, rep)
	}
	role := loc.T("pact.role_as."+p.Role, map[string]any{"Named": n.Agree(lang, loc.T("pact.word.named"))})
	return strings.Join(parts, ", ") + " " + loc.T("pact.pdf.hereinafter", map[string]any{"Role": role}) + ";"
}

func annexes(doc *printing.Doc, loc words, a *Agreement) {
	lang, currency := loc.Lang(), a.Currency
	if currency == "" {
		currency = "EUR"
	}
	doc.Heading(loc.T("pact.pdf.annex_assets"))
	if len(a.Assets) == 0 {
		doc.Italic(loc.T("pact.pdf.immaterial"))
	} else {
		rows := make([][]string, len(a.Assets))
		for i, x := range a.Assets {
			coords := ""
			if x.Lat != nil && x.Lon != nil {
				coords = fmt.Sprintf("%.5f, %.5f", *x.Lat, *x.Lon)
			}
			rows[i] = []string{x.Ref, x.Name, x.Address, x.District, coords}
		}
		doc.Table([]string{loc.T("pact.pdf.col_ref"), loc.T("pact.pdf.col_name"), loc.T("pact.pdf.col_address"),
			loc.T("pact.pdf.col_district"), loc.T("pact.pdf.col_coordinates")}, []float64{2.1, 3, 3.4, 2.3, 3.2}, rows)
	}
	doc.Heading(loc.T("pact.pdf.annex_support"))
	if len(a.Support) == 0 {
		doc.Italic(loc.T("pact.pdf.no_support"))
	} else {
		rows := make([][]string, len(a.Support))
		for i, x := range a.Support {
			value := "—"
			if x.Value != 0 {
				value = FormatMoney(lang, currency, x.Value)
			}
			rows[i] = []string{loc.T("pact.support." + x.Kind), x.Details, value}
		}
		doc.Table([]string{loc.T("pact.pdf.col_support"), loc.T("pact.pdf.col_details"), loc.T("pact.pdf.col_value")}, []float64{2, 5, 1.5}, rows)
	}
	doc.Heading(loc.T("pact.pdf.annex_indicators"))
	if len(a.Indicators) == 0 {
		doc.Italic(loc.T("pact.pdf.no_indicators"))
	} else {
		rows := make([][]string, len(a.Indicators))
		for i, x := range a.Indicators {
			rows[i] = []string{x.Name, x.Unit, FormatNumber(lang, x.Target, -1)}
		}
		doc.Table([]string{loc.T("pact.pdf.col_indicator"), loc.T("pact.pdf.col_unit"), loc.T("pact.pdf.col_target")}, []float64{5, 2, 1.5}, rows)
	}
	annexFiles(doc, loc, a)
}

func signatures(doc *printing.Doc, loc words, a *Agreement, sigs []model.PactSignature) {
	byParty := map[string]model.PactSignature{}
	last := ""
	for _, s := range sigs {
		byParty[s.PartyID] = s
		last = max(last, s.SignedOn)
	}
	signedAll := len(a.Parties) > 0
	for _, p := range a.Parties {
		_, ok := byParty[p.ID]
		signedAll = signedAll && ok
	}
	// The "place, date" line: the date of the last signature once every party has signed,
	// a line to fill in before.
	if a.Place != "" {
		doc.KeepWith(20)
		doc.Para(loc.join(func(l i18n.Localizer) string {
			date := "______________"
			if signedAll {
				date = FormatDate(l.Lang(), last)
			}
			return l.T("pact.pdf.place_date", map[string]any{"Place": a.Place, "Date": date})
		}))
	}
	doc.Heading(loc.T("pact.pdf.signed_heading"))
	block := func() {
		for _, p := range a.Parties {
			name := p.Name
			if p.Representative != "" {
				name += " — " + p.Representative
			}
			detail := loc.join(func(l i18n.Localizer) string {
				s, ok := byParty[p.ID]
				if !ok {
					return l.T("pact.pdf.not_signed")
				}
				detail := l.T("pact.pdf.signed_detail", map[string]any{"Signer": s.Signer, "Date": FormatDate(l.Lang(), s.SignedOn),
					"Method": l.T("pact.sign_method." + s.Method), "Hash": short(s.SHA256)})
				if s.Corrects != "" {
					detail += "; " + l.T("pact.pdf.corrected", map[string]any{"Actor": s.Actor, "Reason": s.Reason})
				}
				return detail
			})
			doc.Signature(loc.T("pact.pdf.for_party", map[string]any{"Role": loc.T("pact.role." + p.Role)}), name, detail)
		}
	}
	block()
	// The second signature approving the onerous clauses specifically (Art. 1341 c.c.).
	if nums := onerousArticles(a); a.Art1341 && len(nums) > 0 {
		doc.KeepWith(40)
		doc.Space(4)
		doc.Para(loc.join(func(l i18n.Localizer) string {
			articles := l.N("pact.pdf.art1341_articles", len(nums), map[string]any{"List": joinAnd(l.Lang(), nums)})
			return l.T("pact.pdf.art1341", map[string]any{"Articles": articles})
		}))
		block()
	}
}

// onerousArticles are the numbers of the sections the second signature approves.
func onerousArticles(a *Agreement) []string {
	var out []string
	for i, s := range a.Sections {
		if s.Onerous {
			out = append(out, strconv.Itoa(i+1))
		}
	}
	return out
}

// number prints a quantity without trailing zeros.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
