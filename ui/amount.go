package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"pacta/i18n"
)

// readAmount reads a number as people of lang write amounts, with or without grouping:
// "50.000" and "50.000,5" in Spanish and Italian, "50,000" and "50,000.5" in English, and
// "50000,5" or "50000.5" in any. When both marks appear the last is the decimal one; a
// single mark followed by exactly three digits is lang's grouping mark when it is that
// mark (so "50.000" is fifty thousand in Spanish, "1.500" one and a half in English);
// otherwise it is the decimal mark. Groups must have three digits: "5.00.0" is refused
// rather than guessed.
func readAmount(s, lang string) (float64, error) {
	s = strings.NewReplacer("\u00a0", "", "\u202f", "", " ", "", "'", "").Replace(strings.TrimSpace(s))
	bad := fmt.Errorf("%q is not a number", s)
	if s == "" {
		return 0, bad
	}
	group := i18n.In(lang).T("procurement.number.thousands")
	if group != "." && group != "," {
		group = ","
	}
	dot, comma := strings.Count(s, "."), strings.Count(s, ",")
	var whole, frac, groupMark string
	switch {
	case dot > 0 && comma > 0:
		dec := "."
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			dec = ","
		}
		if strings.Count(s, dec) > 1 {
			return 0, bad
		}
		whole, frac, _ = strings.Cut(s, dec)
		groupMark = map[string]string{".": ",", ",": "."}[dec]
	case dot+comma > 1:
		whole, groupMark = s, map[bool]string{true: ".", false: ","}[dot > 0]
	case dot+comma == 1:
		mark := map[bool]string{true: ".", false: ","}[dot > 0]
		i := strings.Index(s, mark)
		if mark == group && len(s)-i-1 == 3 && i > 0 {
			whole, groupMark = s, mark
		} else {
			whole, frac = s[:i], s[i+1:]
		}
	default:
		whole = s
	}
	if groupMark != "" {
		parts := strings.Split(whole, groupMark)
		for i, p := range parts {
			if p == "" || len(p) > 3 || (i > 0 && len(p) != 3) {
				return 0, bad
			}
		}
		whole = strings.Join(parts, "")
	}
	text := whole
	if frac != "" {
		text += "." + frac
	}
	if strings.ContainsAny(text, "eEinfINFxX_") {
		return 0, bad
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, bad
	}
	return f, nil
}
