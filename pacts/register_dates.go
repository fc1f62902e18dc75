package pacts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// What a register says about a pact's term, in its date columns (Bologna's registers
// have them) or, in Palermo's, only in the free-text notes: "Patto stipulato con D.D. n.
// 9817 del 16 luglio 2024", "sottoscritto in data 24 04 2025", "è stata autorizzata la
// proroga di 6 mesi". The notes are kept whole: what is recognised is copied into the
// pact's fields, never cut from the text.

// registerTerm is the term of a pact as read from one register row.
type registerTerm struct {
	SignedOn        string // YYYY-MM-DD
	StartDate       string
	EndDate         string
	DurationMonths  int64
	ExtensionMonths int64
}

var italianMonths = map[string]int{"gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
	"luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12}

// dateRe is a date as the register's officers write it: 24/10/2025, 06 05 2024,
// 16 luglio 2024, 2025-03-21.
const dateRe = `(\d{1,2})(?:\s*[/.\-]\s*|\s+)(\d{1,2}|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)(?:\s*[/.\-]\s*|\s+)(\d{4})`

var (
	isoDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	oneDateRe = regexp.MustCompile(`(?i)^` + dateRe + `$`)
	signedRes = []*regexp.Regexp{
		// "Patto stipulato con D. D. n 9817 del 16 luglio 2024", "Patto approvato con
		// Determinazione Dirigenziale n. 6217 del 06 05 2024", "… N° 12727 - 08/09/2025",
		// "sottoscritto in data 24 04 2025", "Patto rilasciato il 21 03 2025".
		regexp.MustCompile(`(?i)\b(?:stipulato|approvato|sottoscritto|rilasciato)\b.{0,80}?(?:\bdel|\bin data|\bil|\s[-–])\s+` + dateRe),
		// "In data 20/10/2025 il Patto di Collaborazione è stato acquisito munito di firma digitale".
		regexp.MustCompile(`(?i)\bin data\s+` + dateRe + `.{0,80}?\bfirm`),
	}
	extensionRe = regexp.MustCompile(`(?i)\bproroga\s+(?:di\s+)?(\d{1,3})\s+(mes[ei]|ann[oi])\b`)
	durationRe  = regexp.MustCompile(`(?i)\bdurata\s+(?:di\s+|pari a\s+)?(\d{1,3})\s+(mes[ei]|ann[oi])\b`)
	monthsRe    = regexp.MustCompile(`(?i)^(\d{1,3})\s*(mes[ei]|ann[oi])?$`)
)

// civilDate makes a YYYY-MM-DD date of day, month and year, if that day exists.
func civilDate(d, m, y int) (string, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Day() != d || int(t.Month()) != m {
		return "", false
	}
	return Day(t), true
}

// dateOf reads the day, month and year a dateRe match captured.
func dateOf(day, month, year string) (string, bool) {
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	m, ok := italianMonths[strings.ToLower(month)]
	if !ok {
		m, _ = strconv.Atoi(month)
	}
	return civilDate(d, m, y)
}

// parseRegisterDate reads one date cell; ok is false for a date that is not one, or does
// not exist (31/02/2025).
func parseRegisterDate(s string) (string, bool) {
	s = norm(s)
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		return dateOf(m[3], m[2], m[1])
	}
	if m := oneDateRe.FindStringSubmatch(s); m != nil {
		return dateOf(m[1], m[2], m[3])
	}
	return "", false
}

// parseMonths reads "12", "12 mesi", "2 anni" as months.
func parseMonths(s string) (int64, bool) {
	m := monthsRe.FindStringSubmatch(norm(s))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	if strings.HasPrefix(strings.ToLower(m[2]), "ann") {
		n *= 12
	}
	return n, true
}

// termFromNotes recognises the signing date, the duration and the extension in a row's
// notes.
func termFromNotes(notes string) registerTerm {
	var t registerTerm
	for _, re := range signedRes {
		if m := re.FindStringSubmatch(notes); m != nil {
			if d, ok := dateOf(m[1], m[2], m[3]); ok {
				t.SignedOn = d
				break
			}
		}
	}
	months := func(m []string) int64 {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		if strings.HasPrefix(strings.ToLower(m[2]), "ann") {
			n *= 12
		}
		return n
	}
	if m := extensionRe.FindStringSubmatch(notes); m != nil {
		t.ExtensionMonths = months(m)
	}
	if m := durationRe.FindStringSubmatch(notes); m != nil {
		t.DurationMonths = months(m)
	}
	return t
}

// termColumns are the optional date columns of a register, by the header names in use.
var termColumns = map[string][]string{
	"signed":    {"data stipula", "data di stipula", "data sottoscrizione", "data di sottoscrizione", "data firma"},
	"start":     {"data inizio", "data di inizio", "data avvio", "inizio"},
	"end":       {"data fine", "data di fine", "data scadenza", "scadenza", "fine"},
	"duration":  {"durata", "durata (mesi)", "durata mesi"},
	"extension": {"proroga", "proroga (mesi)", "proroga mesi", "mesi di proroga"},
}

// termFromColumns reads the date columns a register has; a cell that holds no date (or a
// day that does not exist) is an error naming the column.
func termFromColumns(get func(name string) (string, string)) (registerTerm, error) {
	var t registerTerm
	for _, c := range []struct {
		key string
		to  *string
	}{{"signed", &t.SignedOn}, {"start", &t.StartDate}, {"end", &t.EndDate}} {
		for _, name := range termColumns[c.key] {
			head, v := get(name)
			if v == "" {
				continue
			}
			d, ok := parseRegisterDate(v)
			if !ok {
				return t, fmt.Errorf("column %q: %q is not a date that exists; write it as DD/MM/YYYY", head, v)
			}
			*c.to = d
			break
		}
	}
	for _, c := range []struct {
		key string
		to  *int64
	}{{"duration", &t.DurationMonths}, {"extension", &t.ExtensionMonths}} {
		for _, name := range termColumns[c.key] {
			head, v := get(name)
			if v == "" {
				continue
			}
			n, ok := parseMonths(v)
			if !ok {
				return t, fmt.Errorf("column %q: %q is not a number of months (write 12, 12 mesi or 1 anno)", head, v)
			}
			*c.to = n
			break
		}
	}
	return t, nil
}

// merge completes the columns' term with what the notes say, and the start and the
// duration with what can be worked out: the start is the signing date when not given,
// the duration the months from the start to the end.
func (t registerTerm) merge(notes registerTerm) registerTerm {
	if t.SignedOn == "" {
		t.SignedOn = notes.SignedOn
	}
	if t.DurationMonths == 0 {
		t.DurationMonths = notes.DurationMonths
	}
	if t.ExtensionMonths == 0 {
		t.ExtensionMonths = notes.ExtensionMonths
	}
	if t.StartDate == "" {
		t.StartDate = t.SignedOn
	}
	if t.DurationMonths == 0 && t.StartDate != "" && t.EndDate > t.StartDate {
		s, _ := ParseDate(t.StartDate)
		e, _ := ParseDate(t.EndDate)
		n := int64((e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month()))
		if AddMonths(t.StartDate, int(n)) < t.EndDate { // 1 January to 31 December: 12 months
			n++
		}
		t.DurationMonths = max(n, 1)
	}
	return t
}
