package ui

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadAmount(t *testing.T) {
	cases := []struct {
		lang, text string
		want       float64
		ok         bool
	}{
		{"es", "50.000", 50000, true},
		{"es", "50.000,50", 50000.5, true},
		{"es", "1.250.000", 1250000, true},
		{"es", "50,5", 50.5, true},
		{"es", "50000", 50000, true},
		{"es", "50.5", 50.5, true},      // not a group of three: a decimal point
		{"es", "120 000", 120000, true}, // spaces group too
		{"it", "45.000,00", 45000, true},
		{"en", "50,000", 50000, true},
		{"en", "50,000.25", 50000.25, true},
		{"en", "1.500", 1.5, true}, // English writes a decimal point
		{"en", "-3.5", -3.5, true},
		{"es", "5.00.0", 0, false},
		{"es", "1,2,3", 0, false},
		{"es", "50.000.5", 0, false},
		{"es", "cincuenta mil", 0, false},
		{"es", "", 0, false},
		{"es", "1e9", 0, false},
		{"es", "Inf", 0, false},
		{"es", "0x10", 0, false},
	}
	for _, c := range cases {
		got, err := readAmount(c.text, c.lang)
		if !c.ok {
			require.Error(t, err, "%s %q", c.lang, c.text)
			continue
		}
		require.NoError(t, err, "%s %q", c.lang, c.text)
		require.InDelta(t, c.want, got, 1e-9, "%s %q", c.lang, c.text)
	}
}
