package pacts

import (
	"time"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

const dateLayout = "2006-01-02"

// ParseDate reads a "YYYY-MM-DD" date.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, errs.E(errs.Invalid, errs.Key("pact.error.not_a_date"), map[string]any{"Value": s})
	}
	return t, nil
}

// Day formats t as "YYYY-MM-DD".
func Day(t time.Time) string { return t.Format(dateLayout) }

// AddDays adds n days to a date string; "" stays "".
func AddDays(date string, n int) string {
	t, err := ParseDate(date)
	if err != nil {
		return ""
	}
	return Day(t.AddDate(0, 0, n))
}

// AddMonths adds n calendar months to a date string, clamping to the last day of the month
// (31 January + 1 month is 28 or 29 February, not 3 March). "" stays "".
func AddMonths(date string, n int) string {
	t, err := ParseDate(date)
	if err != nil {
		return ""
	}
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return Day(time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC))
}

// DaysBetween is the number of days from a to b (negative when b is before a).
func DaysBetween(a, b string) int {
	ta, err1 := ParseDate(a)
	tb, err2 := ParseDate(b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// EndDate is when a pact's term ends: start + duration, plus the extension once extended.
// "" when the start or the duration is missing.
func EndDate(p model.Pact, extended bool) string {
	if p.StartDate == "" || p.DurationMonths <= 0 {
		return ""
	}
	n := p.DurationMonths
	if extended {
		n += p.ExtensionMonths
	}
	return AddMonths(p.StartDate, int(n))
}

// FormatDate writes a date in words in lang ("1 March 2026", "1 de marzo de 2026").
func FormatDate(lang, date string) string { return i18n.In(lang).StoredDate(date) }

// FormatMonths writes a number of months in lang ("4 months", "1 mese").
func FormatMonths(lang string, n int64) string {
	return i18n.In(lang).N("pact.months", int(n))
}
