package councils

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/printing"
)

// Documents a council prints.
const (
	DocRoster  = "roster"
	DocDraw    = "draw"
	DocMinutes = "minutes"
)

// Docs lists them.
var Docs = []string{DocRoster, DocDraw, DocMinutes}

// start begins a council document in lang, its hash over the content given.
func start(q model.Querier, c model.Council, lang, titleKey string, date time.Time, content string) (*printing.Doc, i18n.Localizer, error) {
	muni, err := model.GetSetting(q, model.SettingMunicipality, "")
	if err != nil {
		return nil, i18n.Localizer{}, err
	}
	sum := sha256.Sum256([]byte(content))
	loc := i18n.In(lang)
	doc := printing.New(printing.Meta{Municipality: muni, Title: loc.T(titleKey), Reference: c.Name, Hash: hex.EncodeToString(sum[:]),
		Date: date, Lang: lang})
	doc.Title(loc.T(titleKey))
	doc.Subtitle(c.Name)
	return doc, loc, nil
}

// RosterPDF prints the council: its rule and whether it holds, the members of each side
// (and those who have ceased), and the officer schedule.
func RosterPDF(q model.Querier, c model.Council, lang string, today time.Time) ([]byte, error) {
	members, err := Members(q, c.ID)
	if err != nil {
		return nil, err
	}
	st, err := Check(q, c, today, 3)
	if err != nil {
		return nil, err
	}
	stored, err := Terms(q, c.ID)
	if err != nil {
		return nil, err
	}
	cur := max(CurrentIndex(c, stored, today), 0)
	from := max(cur-2, 0)
	terms := schedule(c, stored, members, from, cur-from+4)
	content := fmt.Sprintf("%+v%+v%+v%+v", c, members, terms, Day(today))
	doc, loc, err := start(q, c, lang, "council.pdf.roster", today, content)
	if err != nil {
		return nil, err
	}
	board := RuleOf(c).Cap
	doc.KV(loc.T("council.field.level"), loc.T("council.level."+c.Level))
	if c.Jurisdiction != "" {
		doc.KV(loc.T("council.field.jurisdiction"), c.Jurisdiction)
	}
	if c.Purpose != "" {
		doc.KV(loc.T("council.field.purpose"), c.Purpose)
	}
	doc.KV(loc.T("council.field.founded"), loc.StoredDate(c.Founded))
	doc.KV(loc.T("council.field.rule"), RuleText(loc, c))
	doc.KV(loc.T("council.field.status"), StatusText(loc, c, st))
	doc.KV(loc.T("council.pdf.on"), loc.StoredDate(Day(today)))
	headers := []string{loc.T("council.field.seat"), loc.T("council.field.name"), loc.T("council.field.org"), loc.T("council.field.designated"), loc.T("council.field.mode")}
	widths := []float64{18, 48, 48, 30, 26} // the seat's header, "Puesto", whole
	groups := Sides
	if board {
		groups = []string{""}
		headers[2] = loc.T("council.field.category")
	}
	for _, side := range groups {
		if side != "" {
			doc.Heading(loc.T("council.side_title." + side))
		} else {
			doc.Heading(loc.T("council.members"))
		}
		var rows [][]string
		for _, m := range members {
			if m.Side != side || !ActiveOn(m, Day(today)) {
				continue
			}
			third := m.Org
			if board {
				third = m.Category
			}
			rows = append(rows, []string{fmt.Sprint(m.Seat), m.Name, third, loc.StoredDate(m.Designated), loc.T("council.mode." + m.Mode)})
		}
		if len(rows) == 0 {
			doc.Italic(loc.T("council.pdf.nobody"))
		} else {
			doc.Table(headers, widths, rows)
		}
	}
	var ceased [][]string
	for _, m := range members {
		if m.Ceased != "" && m.Ceased <= Day(today) {
			side := m.Category
			if !board {
				side = loc.T("council.side." + m.Side)
			}
			ceased = append(ceased, []string{m.Name, side, loc.StoredDate(m.Designated), loc.StoredDate(m.Ceased), m.CeasedReason})
		}
	}
	if len(ceased) > 0 {
		doc.Heading(loc.T("council.pdf.ceased"))
		doc.Table([]string{loc.T("council.field.name"), loc.T("council.field.side"), loc.T("council.field.designated"), loc.T("council.field.ceased"),
			loc.T("council.field.reason")}, []float64{44, 30, 30, 30, 36}, ceased)
	}
	doc.Heading(loc.T("council.pdf.schedule"))
	var rows [][]string
	for _, t := range terms {
		rows = append(rows, []string{fmt.Sprint(t.Index), loc.StoredDate(t.Start) + " – " + loc.StoredDate(t.End), sideOrDash(loc, t.ChairSide),
			orDash(t.Chair), orDash(t.ViceChair), loc.T("council.term." + t.Status(today))})
	}
	doc.Table([]string{loc.T("council.field.term"), loc.T("council.field.dates"), loc.T("council.field.chair_side"), loc.T("council.field.chair"),
		loc.T("council.field.vice"), loc.T("council.field.when")}, []float64{18, 50, 26, 30, 30, 16}, rows)
	return doc.Bytes()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func sideOrDash(loc i18n.Localizer, side string) string {
	if side == "" {
		return "—"
	}
	return loc.T("council.side." + side)
}

// RuleText says a council's rule in words.
func RuleText(loc i18n.Localizer, c model.Council) string {
	r := RuleOf(c)
	if r.Cap {
		return loc.T("council.rule.cap_text", map[string]any{"Category": r.Category, "Percent": r.Percent, "Seats": c.Seats})
	}
	return loc.T("council.rule.parity_text", map[string]any{"Seats": c.SeatsPerSide})
}

// StatusText says whether the rule holds today, and what is missing.
func StatusText(loc i18n.Localizer, c model.Council, st Status) string {
	if RuleOf(c).Cap {
		key := "council.status.cap_ok"
		if !st.RuleOK {
			key = "council.status.cap_broken"
		}
		return loc.T(key, map[string]any{"Capped": st.Capped, "Total": st.Total, "Share": fmt.Sprintf("%.0f", st.Share)})
	}
	key := "council.status.parity_ok"
	if !st.RuleOK {
		key = "council.status.parity_broken"
	}
	return loc.T(key, map[string]any{"Government": st.Government, "Civil": st.Civil, "Seats": c.SeatsPerSide})
}

// DrawPDF prints a civil selection record: by vote, or a draw with its seed, algorithm,
// quotas, candidates and panel, and how to verify it.
func DrawPDF(q model.Querier, c model.Council, s model.CouncilSelection, lang string, date time.Time) ([]byte, error) {
	doc, loc, err := start(q, c, lang, "council.pdf.selection", date, s.Record+s.Result+s.Votes+s.Date)
	if err != nil {
		return nil, err
	}
	doc.KV(loc.T("council.field.date"), loc.StoredDate(s.Date))
	doc.KV(loc.T("council.field.method"), loc.T("council.method."+s.Method))
	doc.KV(loc.T("council.field.seats"), fmt.Sprint(s.Seats))
	if orgs := Lines(s.Organisations); len(orgs) > 0 {
		doc.KV(loc.T("council.field.organisations"), strings.Join(orgs, "; "))
	}
	if s.Method == "lot" {
		var d Draw
		if rec, err := decodeDraw(s.Record); err == nil {
			d = rec
		}
		doc.KV(loc.T("council.field.seed"), s.Seed)
		doc.KV(loc.T("council.field.algorithm"), d.Algorithm)
		doc.KV(loc.T("council.field.attempts"), fmt.Sprint(d.Attempts))
		if len(d.Quotas) > 0 {
			doc.Heading(loc.T("council.pdf.quotas"))
			var rows [][]string
			for _, qu := range d.Quotas {
				rows = append(rows, []string{qu.Field, qu.Value, fmt.Sprint(qu.Min), fmt.Sprint(qu.Max)})
			}
			doc.Table([]string{loc.T("council.field.quota_field"), loc.T("council.field.quota_value"), loc.T("council.field.min"), loc.T("council.field.max")},
				[]float64{50, 60, 30, 30}, rows)
		}
		doc.Heading(loc.T("council.pdf.selected"))
		for _, n := range d.Selected {
			doc.Bullet(n)
		}
		doc.Heading(loc.N("council.pdf.candidates", len(d.Candidates)))
		var rows [][]string
		picked := map[string]bool{}
		for _, n := range d.Selected {
			picked[n] = true
		}
		for _, k := range d.Candidates {
			mark := ""
			if picked[k.Name] {
				mark = "•" // the Go fonts have no check mark
			}
			rows = append(rows, []string{k.Name, k.Org, attrsText(k.Attrs), mark})
		}
		doc.Table([]string{loc.T("council.field.name"), loc.T("council.field.org"), loc.T("council.field.attributes"), ""}, []float64{50, 50, 60, 10}, rows)
		doc.Heading(loc.T("council.pdf.verify"))
		doc.Para(loc.T("council.pdf.verify_text"))
	} else {
		doc.Heading(loc.T("council.pdf.votes"))
		for _, l := range Lines(s.Votes) {
			doc.Bullet(l)
		}
		doc.Heading(loc.T("council.pdf.elected"))
		for _, n := range Lines(s.Result) {
			doc.Bullet(n)
		}
	}
	if s.Notes != "" {
		doc.Heading(loc.T("council.field.notes"))
		doc.Para(s.Notes)
	}
	if ms, err := Minutes(q, s.ID); err == nil && len(ms) > 0 {
		doc.Heading(loc.T("council.field.minutes"))
		for _, m := range ms {
			doc.Bullet(m.Name + " · SHA-256 " + m.SHA256)
		}
	}
	return doc.Bytes()
}

func attrsText(a map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(a) {
		parts = append(parts, k+": "+a[k])
	}
	return strings.Join(parts, ", ")
}

// MinutesPDF prints a meeting: who attended by side, whether there was a quorum, the
// agenda and the decisions with their votes by side.
func MinutesPDF(q model.Querier, c model.Council, m model.CouncilMeeting, lang string, date time.Time) ([]byte, error) {
	members, err := Members(q, c.ID)
	if err != nil {
		return nil, err
	}
	ds, err := Decisions(q, m.ID)
	if err != nil {
		return nil, err
	}
	doc, loc, err := start(q, c, lang, "council.pdf.minutes", date, fmt.Sprintf("%+v%+v", m, ds))
	if err != nil {
		return nil, err
	}
	qu := QuorumOf(c, members, m)
	doc.KV(loc.T("council.field.date"), loc.StoredDate(m.Date))
	quorum := "council.quorum.met"
	if !qu.OK {
		quorum = "council.quorum.not_met"
	}
	doc.KV(loc.T("council.field.quorum"), loc.T(quorum, map[string]any{"Government": qu.Government, "Civil": qu.Civil, "Total": qu.Total, "Need": qu.Need}))
	present := map[string]bool{}
	for _, id := range Lines(m.Present) {
		present[id] = true
	}
	groups := Sides
	if RuleOf(c).Cap {
		groups = []string{""}
	}
	for _, side := range groups {
		var in, out []string
		for _, x := range members {
			if x.Side != side || !ActiveOn(x, m.Date) {
				continue
			}
			if present[x.ID] {
				in = append(in, x.Name)
			} else {
				out = append(out, x.Name)
			}
		}
		title := loc.T("council.members")
		if side != "" {
			title = loc.T("council.side_title." + side)
		}
		doc.Heading(title)
		doc.KV(loc.T("council.pdf.present"), orDash(strings.Join(in, ", ")))
		doc.KV(loc.T("council.pdf.absent"), orDash(strings.Join(out, ", ")))
	}
	doc.Heading(loc.T("council.field.agenda"))
	doc.Para(m.Agenda)
	doc.Heading(loc.T("council.pdf.decisions"))
	if len(ds) == 0 {
		doc.Italic(loc.T("council.pdf.no_decisions"))
	}
	for _, d := range ds {
		doc.Para(fmt.Sprintf("%d. %s", d.Position, d.Text))
		if d.GovFor+d.GovAgainst+d.GovAbstain+d.CivilFor+d.CivilAgainst+d.CivilAbstain > 0 {
			doc.Italic(loc.T("council.pdf.votes_line", map[string]any{"GovFor": d.GovFor, "GovAgainst": d.GovAgainst, "GovAbstain": d.GovAbstain,
				"CivilFor": d.CivilFor, "CivilAgainst": d.CivilAgainst, "CivilAbstain": d.CivilAbstain}))
		}
	}
	if m.Notes != "" {
		doc.Heading(loc.T("council.field.notes"))
		doc.Para(m.Notes)
	}
	return doc.Bytes()
}
