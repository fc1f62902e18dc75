package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pacta/internal/errs"
)

// An error's English message comes from the source bundle, whatever the current language.
func TestErrorsSayTheirKeyInEnglish(t *testing.T) {
	defer SetCurrent(Source)
	SetCurrent("it")
	err := errs.E("deadlines", errs.Invalid, errs.Key("pact.error.deadline_range"),
		map[string]any{"Label": errs.Key("pact.ui.deadline.ordinary_answer"), "Days": 0})
	want := "deadlines: “Ordinary: answer within (days)” is out of range: give a number of days from 1 to 3650, not 0"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// Every key an error of ours names (errs.Key("…") in the sources) is in the bundles: a
// missing one would show as the key itself.
func TestErrorKeysExist(t *testing.T) {
	re := regexp.MustCompile(`errs\.Key\("([^"]+)"\)`)
	n := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if !Default().Has(m[1]) {
				t.Errorf("%s: errs.Key(%q) is not in the bundles", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no errs.Key found: the scan looks in the wrong place")
	}
}
