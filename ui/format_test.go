package ui

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

func TestFormatWhenAndDay(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	require.NoError(t, err)
	old := displayZone
	displayZone = rome
	t.Cleanup(func() { displayZone = old; i18n.SetCurrent(i18n.Source) })
	for _, c := range []struct {
		lang, stored, when, day string
	}{
		// 15:03 UTC is 16:03 in Rome in December (CET), 17:03 in July (CEST).
		{"en", "2026-12-02T15:03:00Z", "Dec 2, 2026, 4:03 PM", "Dec 2, 2026"},
		{"es", "2026-12-02T15:03:00Z", "2 dic 2026, 16:03", "2 dic 2026"},
		{"it", "2026-12-02T15:03:00Z", "2 dic 2026, 16:03", "2 dic 2026"},
		{"it", "2026-07-01T15:03:00Z", "1 lug 2026, 17:03", "1 lug 2026"},
		{"en", "2026-01-05T23:30:00Z", "Jan 6, 2026, 12:30 AM", "Jan 5, 2026"},
		{"en", "2026-01-05T10:07:00Z", "Jan 5, 2026, 11:07 AM", "Jan 5, 2026"},
		{"qu", "2026-09-05T10:07:00Z", "5 sept 2026, 12:07", "5 sept 2026"}, // Kichwa → Spanish
	} {
		t.Run(c.lang+" "+c.stored, func(t *testing.T) {
			i18n.SetCurrent(c.lang)
			require.Equal(t, c.when, formatWhen(c.stored))
			require.Equal(t, c.day, formatDay(c.stored[:10]))
		})
	}
	i18n.SetCurrent("en")
	for _, s := range []string{"", "never", "2026-13-45", "yesterday"} {
		require.Equal(t, s, formatWhen(s), "not a timestamp: shown as it is")
		require.Equal(t, s, formatDay(s), "not a date: shown as it is")
	}
	i18n.SetCurrent(i18n.Pseudo)
	require.True(t, i18n.IsPseudo(formatWhen("2026-12-02T15:03:00Z")))
}
