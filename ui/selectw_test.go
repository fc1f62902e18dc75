package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

// TestNoBareSelect fails on a widget.NewSelect or NewSelectEntry outside newSelect: its
// placeholder would be Fyne's English "(Select one)" in every language.
func TestNoBareSelect(t *testing.T) {
	bare := regexp.MustCompile(`widget\.NewSelect(Entry|WithData)?\(|&widget\.Select(Entry)?\{`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var found []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "selectw.go" {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			if bare.MatchString(line) {
				found = append(found, f+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
			}
		}
	}
	require.Empty(t, found, "use newSelect (ui/selectw.go), which sets a translated placeholder")
}

func TestSelectPlaceholderIsTranslated(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetCurrent(i18n.Source) })
	for _, c := range []struct{ lang, want string }{
		{"en", "Choose…"}, {"es", "Elija…"}, {"it", "Scegli…"}, {"qu", "Elija…"},
	} {
		i18n.SetCurrent(c.lang)
		s := newSelect([]string{"a", "b"}, nil)
		test.WidgetRenderer(s) // Fyne puts its own placeholder back into an empty one when drawn
		require.Equal(t, c.want, s.PlaceHolder, c.lang)
		require.NotContains(t, s.PlaceHolder, "Select one")
	}
}
