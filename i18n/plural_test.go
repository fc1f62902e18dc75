package i18n

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// countedButSingular are messages with a count that can never be one.
var countedButSingular = map[string]string{
	"asset.error.name_too_long":   "only said of more than 300 characters",
	"pact.ui.asset_ref_ambiguous": "two assets or more hold the number",
}

// TestCountedMessagesHavePluralForms: a message that says a count has a "one" form in
// every complete language, so that no window says "1 assets exported".
func TestCountedMessagesHavePluralForms(t *testing.T) {
	b := Default()
	for _, key := range b.Keys(Source) {
		m := b.msgs[Source][key]
		if !strings.Contains(m.Other, "{{.Count}}") || countedButSingular[key] != "" {
			continue
		}
		for _, l := range Complete {
			tm, ok := b.msgs[l][key]
			require.True(t, ok, "%s lacks %s", l, key)
			require.NotEmpty(t, tm.One, "%s: %s says a count without a one form", l, key)
		}
	}
}

func TestPluralForms(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		count     int
		data      map[string]any
		want      string
	}{
		{"en", "asset.export.done", 1, map[string]any{"Name": "a.csv"}, "1 asset exported to a.csv."},
		{"en", "asset.export.done", 3, map[string]any{"Name": "a.csv"}, "3 assets exported to a.csv."},
		{"es", "asset.export.done", 1, map[string]any{"Name": "a.csv"}, "1 bien exportado a a.csv."},
		{"it", "asset.export.done", 2, map[string]any{"Name": "a.csv"}, "2 beni esportati in a.csv."},
		{"en", "sync.done.sent", 1, nil, "1 change sent"},
		{"en", "sync.done.received", 0, nil, "0 received"},
		{"es", "sync.done.sent", 1, nil, "1 cambio enviado"},
		{"it", "sync.done.received", 1, nil, "1 ricevuta"},
		{"en", "asset.import.columns", 1, nil, "1 column"},
		{"it", "asset.import.count.rows", 1, nil, "1 riga"},
		{"es", "asset.import.count.new", 2, nil, "2 nuevas"},
		{"en", "asset.import.more_rejects", 1, nil, "… and 1 more rejected row."},
		{"en", "asset.pdf.total", 1, nil, "1 common available in total."},
		{"it", "pact.ui.report_hours", 1, map[string]any{"Count": "1"}, "1 ora di volontariato"},
		{"en", "pact.ui.report_hours", 2, map[string]any{"Count": "2.5"}, "2.5 volunteer hours"},
	} {
		t.Run(c.lang+" "+c.key, func(t *testing.T) {
			var got string
			if c.data == nil {
				got = In(c.lang).N(c.key, c.count)
			} else {
				got = In(c.lang).N(c.key, c.count, c.data)
			}
			require.Equal(t, c.want, got)
		})
	}
	sent, received := In("en").N("sync.done.sent", 1), In("en").N("sync.done.received", 1)
	require.Equal(t, "Sync finished: 1 change sent, 1 received.", In("en").T("sync.done", map[string]any{"Sent": sent, "Received": received}))
}
