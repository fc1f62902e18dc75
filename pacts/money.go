// Numbers and amounts as each language writes them: "12.000,00 €" in Italian and Spanish,
// "€12,000.00" in English.

package pacts

import (
	"math"
	"strconv"
	"strings"
)

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// separators are the thousands and decimal separators of lang, and whether a number of four
// digits is grouped ("1.000" in Italian, "1000" in Spanish).
func separators(lang string) (thousands, decimal string, groupFour bool) {
	switch grammarLang(lang) {
	case "it":
		return ".", ",", true
	case "es":
		return ".", ",", false
	}
	return ",", ".", true
}

// FormatNumber writes v in lang with its separators: decimals digits after the point, or as
// many as it needs when decimals < 0.
func FormatNumber(lang string, v float64, decimals int) string {
	th, dec, four := separators(lang)
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) > 4 || (len(whole) == 4 && four) {
		var b strings.Builder
		for i, r := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteString(th)
			}
			b.WriteRune(r)
		}
		whole = b.String()
	}
	out := whole
	if frac != "" {
		out += dec + frac
	}
	if v < 0 {
		out = "-" + out
	}
	return out
}

// FormatMoney writes an amount in currency (ISO 4217) as lang writes it.
func FormatMoney(lang, currency string, v float64) string {
	n := FormatNumber(lang, v, 2)
	sym, ok := currencySymbols[currency]
	if !ok {
		sym = currency
	}
	if grammarLang(lang) == "en" {
		if ok {
			return sym + n
		}
		return sym + " " + n
	}
	return n + " " + sym
}
