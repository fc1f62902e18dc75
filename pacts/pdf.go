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
func AgreementPDF(q model.Querier, d *Dossier, lang string, date time.Time) ([]byte, error) {
	a, hash, _, err := AgreementOf(q, d)
	if err != nil {
		return nil, fmt.Errorf("print %s: %w", d.Pact.Ref, err)
	}
	if lang == "" {
		lang = a.Lang
	}
	lang = i18n.Normalize(lang)
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
	return renderAgreement(a, hash, sigs, draft, lang, date, logo)
}

func renderAgreement(a *Agreement, hash string, sigs []model.PactSignature, draft bool, lang string, date time.Time, logo []byte) ([]byte, error) {
	loc := i18n.In(lang)
	title := loc.T("pact.pdf.title")
	doc := printing.New(printing.Meta{Municipality: a.Municipality, Title: title + " " + a.Ref, Reference: a.Ref,
		Version: strconv.FormatInt(a.Version, 10), Hash: hash, Date: date, Lang: lang, Draft: draft, Logo: logo})
	doc.Title(strings.ToUpper(title))
	doc.Subtitle(loc.T("pact.pdf.subtitle", map[string]any{"Title": a.Title, "LegalBasis": a.LegalBasis}))
	if a.Version > 1 {
		doc.Subtitle(loc.T("pact.pdf.amendment", map[string]any{"Version": a.Version}))
	}

	var muni, others []AgreementParty
	for _, p := range a.Parties {
		if p.Role == RoleMunicipality {
			muni = append(muni, p)
		} else {
			others = append(others, p)
		}
	}
	doc.Centered(loc.T("pact.pdf.between"))
	for _, p := range muni {
		doc.Para(partyText(loc, p))
	}
	doc.Centered(loc.T("pact.pdf.and"))
	for i, p := range others {
		text := partyText(loc, p)
		if len(others) > 1 {
			text = fmt.Sprintf("%d. %s", i+1, text)
		}
		doc.Para(text)
	}

	doc.Heading(loc.T("pact.pdf.premises"))
	doc.Para(a.Premises)
	doc.Centered(loc.T("pact.pdf.agree"))
	for i, s := range a.Sections {
		doc.Heading(fmt.Sprintf("%d. %s", i+1, SectionHeading(lang, s)))
		doc.Para(s.Text)
	}

	annexes(doc, loc, a)
	signatures(doc, loc, lang, a, sigs)
	if err := doc.Err(); err != nil {
		return nil, fmt.Errorf("print %s: %w", a.Ref, err)
	}
	return doc.Bytes()
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

func annexes(doc *printing.Doc, loc i18n.Localizer, a *Agreement) {
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

func signatures(doc *printing.Doc, loc i18n.Localizer, lang string, a *Agreement, sigs []model.PactSignature) {
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
		date := "______________"
		if signedAll {
			date = FormatDate(lang, last)
		}
		doc.KeepWith(20)
		doc.Para(loc.T("pact.pdf.place_date", map[string]any{"Place": a.Place, "Date": date}))
	}
	doc.Heading(loc.T("pact.pdf.signed_heading"))
	block := func() {
		for _, p := range a.Parties {
			name := p.Name
			if p.Representative != "" {
				name += " — " + p.Representative
			}
			detail := loc.T("pact.pdf.not_signed")
			if s, ok := byParty[p.ID]; ok {
				detail = loc.T("pact.pdf.signed_detail", map[string]any{"Signer": s.Signer, "Date": FormatDate(lang, s.SignedOn),
					"Method": loc.T("pact.sign_method." + s.Method), "Hash": short(s.SHA256)})
				if s.Corrects != "" {
					detail += "; " + loc.T("pact.pdf.corrected", map[string]any{"Actor": s.Actor, "Reason": s.Reason})
				}
			}
			doc.Signature(loc.T("pact.pdf.for_party", map[string]any{"Role": loc.T("pact.role." + p.Role)}), name, detail)
		}
	}
	block()
	// The second signature approving the onerous clauses specifically (Art. 1341 c.c.).
	if nums := onerousArticles(a); a.Art1341 && len(nums) > 0 {
		list := joinAnd(lang, nums)
		articles := loc.N("pact.pdf.art1341_articles", len(nums), map[string]any{"List": list})
		doc.KeepWith(40)
		doc.Space(4)
		doc.Para(loc.T("pact.pdf.art1341", map[string]any{"Articles": articles}))
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

// ReportPDF prints one monitoring report of a pact.
func ReportPDF(q model.Querier, d *Dossier, reportID, lang string, date time.Time) ([]byte, error) {
	var rep *model.PactReport
	for i := range d.Reports {
		if d.Reports[i].ID == reportID || d.Reports[i].Period == reportID {
			rep = &d.Reports[i]
		}
	}
	if rep == nil {
		return nil, errs.E(errs.NotFound, fmt.Errorf("%s has no report %q", d.Pact.Ref, reportID))
	}
	if lang == "" {
		lang = d.Pact.Lang
	}
	lang = i18n.Normalize(lang)
	loc := i18n.In(lang)
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	vals, err := ReportValuesOf(q, rep.ID)
	if err != nil {
		return nil, err
	}
	atts, err := model.AttachmentsOf(q, "pact_reports", rep.ID)
	if err != nil {
		return nil, err
	}
	title := loc.T("pact.report.title")
	doc := printing.New(printing.Meta{Municipality: ws.NameIn(lang), Title: title + " " + d.Pact.Ref, Reference: d.Pact.Ref,
		Version: strconv.FormatInt(d.Pact.Version, 10), Date: date, Lang: lang})
	doc.Title(title)
	doc.Subtitle(fmt.Sprintf("%s — %s", d.Pact.Ref, d.Pact.Title))
	doc.KV(loc.T("pact.report.period"), rep.Period)
	doc.KV(loc.T("pact.report.filed_on"), FormatDate(lang, rep.FiledOn))
	if rep.FiledBy != "" {
		doc.KV(loc.T("pact.report.filed_by"), rep.FiledBy)
	}
	doc.KV(loc.T("pact.report.hours"), number(rep.Hours))
	if rep.Resources != "" {
		doc.KV(loc.T("pact.report.resources"), rep.Resources)
	}
	doc.Heading(loc.T("pact.report.indicators"))
	byInd := map[string]float64{}
	has := map[string]bool{}
	for _, v := range vals {
		byInd[v.IndicatorID], has[v.IndicatorID] = v.Value, true
	}
	rows := [][]string{}
	for _, x := range d.Indicators {
		v := "—"
		if has[x.ID] {
			v = number(byInd[x.ID])
		}
		rows = append(rows, []string{x.Name, x.Unit, number(x.Target), v})
	}
	if len(rows) == 0 {
		doc.Italic(loc.T("pact.pdf.no_indicators"))
	} else {
		doc.Table([]string{loc.T("pact.pdf.col_indicator"), loc.T("pact.pdf.col_unit"), loc.T("pact.pdf.col_target"), loc.T("pact.report.value")},
			[]float64{5, 2, 1.5, 1.5}, rows)
	}
	doc.Heading(loc.T("pact.report.narrative"))
	doc.Para(rep.Narrative)
	if len(atts) > 0 {
		doc.Heading(loc.T("pact.report.attachments"))
		for _, x := range atts {
			line := x.Name
			if x.Caption != "" {
				line += " — " + x.Caption
			}
			doc.Bullet(line + " (SHA-256 " + short(x.SHA256) + ")")
		}
	}
	doc.Signature(loc.T("pact.report.signature"), rep.FiledBy, "")
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return doc.Bytes()
}
