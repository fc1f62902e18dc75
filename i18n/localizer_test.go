package i18n

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStoredDate: a stored date or time is written in the reader's words; anything else as it is.
func TestStoredDate(t *testing.T) {
	cases := []struct{ lang, stored, want string }{
		{"es", "2026-12-04", "4 de diciembre de 2026"},
		{"it", "2026-12-04T07:19:00Z", "4 dicembre 2026"},
		{"en", " 2026-03-01 ", "1 March 2026"},
		{"es", "pronto", "pronto"},
		{"es", "", ""},
	}
	for _, c := range cases {
		require.Equal(t, c.want, In(c.lang).StoredDate(c.stored), "%s %q", c.lang, c.stored)
	}
}
