package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"pacta/i18n"
)

// formatInt writes n with thin grouping so large counts stay readable in any language.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := false
	if n < 0 {
		neg, s = true, s[1:]
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ' ')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// displayZone is where times are shown: the laptop's own zone (tests fix it).
var displayZone = time.Local

// formatWhen shows a stored timestamp (RFC 3339, UTC in the database) in local time and the
// user's language: "Dec 2, 2026, 4:03 PM", "2 dic 2026, 16:03". A text that is not a
// timestamp is shown as it is; "" stays "".
func formatWhen(stored string) string {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(stored))
	if err != nil {
		return stored
	}
	return dateTimeIn(i18n.Current(), t.In(displayZone))
}

// formatDay shows a stored date ("2026-12-02") in the user's language: "Dec 2, 2026",
// "2 dic 2026". A text that is not a date is shown as it is.
func formatDay(stored string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(stored))
	if err != nil {
		return stored
	}
	return dateIn(i18n.Current(), t)
}

// dateIn writes t's calendar date in lang, with the month's short name.
func dateIn(lang string, t time.Time) string {
	loc := i18n.In(lang)
	return loc.T("date.pattern.date", map[string]any{
		"Day": strconv.Itoa(t.Day()), "Month": loc.T(fmt.Sprintf("date.month_short.m%02d", int(t.Month()))), "Year": strconv.Itoa(t.Year())})
}

// dateTimeIn writes t's date and time of day in lang, on the clock lang uses (12 or 24 hours).
func dateTimeIn(lang string, t time.Time) string {
	loc := i18n.In(lang)
	clock := t.Format("15:04")
	if strings.TrimSpace(loc.T("date.clock")) == "12" {
		key := "date.am"
		if t.Hour() >= 12 {
			key = "date.pm"
		}
		clock = t.Format("3:04") + " " + loc.T(key)
	}
	return loc.T("date.pattern.datetime", map[string]any{"Date": dateIn(lang, t), "Time": clock})
}

// hoursText writes a number of volunteer hours with its plural form: "1 volunteer hour",
// "2.5 volunteer hours".
func hoursText(h float64) string {
	n := 2 // the plural form, for any amount but exactly one
	if h == 1 {
		n = 1
	}
	return i18n.N("pact.ui.report_hours", n, map[string]any{"Count": ftoa(h)})
}

// multiLine is an empty multi-line entry that wraps words and shows rows lines.
func multiLine(rows int) *Entry {
	e := newMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// dayInput writes a stored date ("2027-01-15") as a date field takes it in the user's
// language ("15/01/2027" in Spanish and Italian, "01/15/2027" in English), so that a date
// typed that way is shown back that way; "" and a text that is not a date stay as they are.
func dayInput(stored string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(stored))
	if err != nil {
		return stored
	}
	switch strings.TrimSpace(i18n.T("date.input_order")) {
	case "DMY":
		return t.Format("02/01/2006")
	case "MDY":
		return t.Format("01/02/2006")
	}
	return stored
}
