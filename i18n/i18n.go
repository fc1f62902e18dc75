// Package i18n holds Pacta's language bundles (go-i18n v2 JSON, English the source) and
// looks strings up with a fallback chain: Kichwa → Spanish → English, any other → English.
// It has no Fyne dependency, so documents can be printed in any language from any package.
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"pacta/internal/errs"
)

//go:embed translations/*.json
var embedded embed.FS

// Source is the language every key must exist in.
const Source = "en"

// Language is a language Pacta can show.
type Language struct {
	Code string // "es"
	Name string // its own name: "Español"
}

// Languages lists the shipped languages in menu order, named in themselves.
var Languages = []Language{
	{"en", "English"},
	{"es", "Español"},
	{"it", "Italiano"},
	{"qu", "Kichwa"},
}

// fallbacks says where a language looks for a key it lacks, before English.
var fallbacks = map[string][]string{"qu": {"es"}}

// FallbackName is the name of the language shown where lang has no text: the first of
// its fallbacks, else English.
func FallbackName(lang string) string {
	code := Source
	if f := fallbacks[lang]; len(f) > 0 {
		code = f[0]
	}
	return Name(code)
}

// Name is a language's own name ("Italiano"), its code when it is not shipped.
func Name(code string) string {
	for _, l := range Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// Bundle is a set of messages per language.
type Bundle struct {
	msgs  map[string]map[string]*goi18n.Message // lang → key → message, as shipped
	files map[string]string                     // lang NUL key → the file that holds it
	over  translations                          // the workspace's own translations
}

var (
	mu       sync.RWMutex
	current  = Source
	def      *Bundle
	loadErr  error
	onChange []*func(lang string)
)

func init() {
	def, loadErr = LoadFS(embedded, "translations")
	if loadErr != nil {
		def = &Bundle{msgs: map[string]map[string]*goi18n.Message{}}
	}
	// An error's message is English in logs and on the command line; the window
	// translates its key itself.
	errs.SetText(func(key string, data map[string]any) string {
		if data == nil {
			return In(Source).T(key)
		}
		return In(Source).T(key, data)
	})
}

// LoadError reports a problem with the embedded bundles (checked by tests and `pacta doctor`).
func LoadError() error { return loadErr }

// Default is the embedded bundle.
func Default() *Bundle { return def }

// langOfFile takes "en.json" or "assets.en.json" to "en".
func langOfFile(name string) string {
	base := strings.TrimSuffix(name, ".json")
	if i := strings.LastIndex(base, "."); i >= 0 {
		base = base[i+1:]
	}
	return base
}

// LoadFS reads every *.json file of dir; several files may hold one language
// ("en.json", "assets.en.json"), each area in its own file.
func LoadFS(fsys fs.FS, dir string) (*Bundle, error) {
	b := &Bundle{msgs: map[string]map[string]*goi18n.Message{}, files: map[string]string{}}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load bundles: %w", err)
	}
	// Every file is read, so that a check names every problem of every file at once.
	var problems FileErrors
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("load bundle %s: %w", e.Name(), err)
		}
		if err := b.Add(e.Name(), data); err != nil {
			var fe FileErrors
			var one *FileError
			switch {
			case errors.As(err, &fe):
				problems = append(problems, fe...)
			case errors.As(err, &one):
				problems = append(problems, one)
			default:
				return nil, err
			}
		}
	}
	if len(problems) > 0 {
		return b, problems
	}
	return b, nil
}

// Add parses one bundle file; its language comes from its name. Every problem of the
// file is returned (FileErrors, each with its file, line and key).
func (b *Bundle) Add(name string, data []byte) error {
	lang, err := FileLang(name)
	if err != nil {
		return err
	}
	msgs, err := ParseFile(name, data)
	if err != nil {
		return err
	}
	m := b.msgs[lang]
	if m == nil {
		m = map[string]*goi18n.Message{}
		b.msgs[lang] = m
	}
	var errs FileErrors
	for _, msg := range msgs {
		if _, dup := m[msg.Key]; dup {
			errs = append(errs, fileError(name, msg.Line, msg.Key, "i18n.file.twice_lang", map[string]any{"Lang": lang}))
			continue
		}
		for form, text := range msg.Forms {
			if !safeTemplate(text) {
				errs = append(errs, fileError(name, msg.Line, msg.Key, "i18n.problem.action", nil))
			}
			if !slices.Contains(PluralForms(lang), form) {
				errs = append(errs, fileError(name, msg.Line, msg.Key, "i18n.file.form_not_used",
					map[string]any{"Form": form, "Lang": lang, "Forms": strings.Join(PluralForms(lang), ", ")}))
			}
		}
		m[msg.Key] = msg.message()
		if b.files != nil {
			b.files[lang+"\x00"+msg.Key] = name
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Keys lists the keys of one language, sorted.
func (b *Bundle) Keys(lang string) []string {
	out := make([]string, 0, len(b.msgs[lang]))
	for k := range b.msgs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the source language has key.
func (b *Bundle) Has(key string) bool { _, ok := b.msgs[Source][key]; return ok }

// Text returns the raw text of key in exactly lang (no fallback), the workspace's own
// translation first, and whether it exists.
func (b *Bundle) Text(lang, key string) (string, bool) {
	if o, ok := b.over.get(lang, key); ok {
		return o.Other, true
	}
	m, ok := b.msgs[lang][key]
	if !ok {
		return "", false
	}
	return m.Other, true
}

// Chain is the order in which lang looks for a key.
func Chain(lang string) []string {
	out := []string{lang}
	out = append(out, fallbacks[lang]...)
	if lang != Source {
		out = append(out, Source)
	}
	return out
}

func (b *Bundle) lookup(lang, key string) *goi18n.Message {
	for _, l := range Chain(lang) {
		if o, ok := b.over.get(l, key); ok && o.Other != "" {
			return &goi18n.Message{ID: key, One: o.One, Other: o.Other}
		}
		if m, ok := b.msgs[l][key]; ok && (m.Other != "" || m.One != "") {
			return m
		}
	}
	return nil
}

// N renders a counted message in the current language.
func N(key string, count int, data ...map[string]any) string {
	return In(Current()).N(key, count, data...)
}

// Current is the language in use.
func Current() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// Normalize maps a locale or language tag ("es_EC.UTF-8", "it-IT", "C", "") to a shipped
// language code, falling back to English for anything unknown; the pseudo-locale
// ("xx-pseudo") stays itself.
func Normalize(locale string) string {
	s := strings.ToLower(strings.TrimSpace(locale))
	if s == Pseudo {
		return Pseudo
	}
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, "_-"); i >= 0 {
		s = s[:i]
	}
	if s == "qvi" || s == "quz" || s == "que" || s == "kichwa" {
		s = "qu"
	}
	for _, l := range Languages {
		if l.Code == s {
			return s
		}
	}
	return Source
}

// FromEnvironment picks the language from PACTA_LANG, then LANGUAGE, LC_ALL, LC_MESSAGES
// and LANG, in the order POSIX gives them; "C", "POSIX" or an unknown locale give English
// without error.
func FromEnvironment() string {
	if v := Override(); v != "" {
		return v
	}
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		for _, part := range strings.Split(val, ":") {
			if n := Normalize(part); n != Source || strings.HasPrefix(strings.ToLower(part), "en") {
				return n
			}
		}
		return Source
	}
	return Source
}

// Override is the language PACTA_LANG asks for ("es", "xx-pseudo"), "" when it is unset:
// it wins over the Settings screen's choice and the system locale.
func Override() string {
	if v := strings.TrimSpace(os.Getenv("PACTA_LANG")); v != "" {
		return Normalize(v)
	}
	return ""
}

// SetCurrent switches the language in use and tells the listeners (the UI refreshes its
// labels and Fyne's own strings without a restart).
func SetCurrent(lang string) {
	lang = Normalize(lang)
	mu.Lock()
	changed := lang != current
	current = lang
	mu.Unlock()
	if changed {
		notify(lang)
	}
}

// notify tells the language listeners that the texts of lang changed.
func notify(lang string) {
	mu.RLock()
	ls := append([]*func(string){}, onChange...)
	mu.RUnlock()
	for _, f := range ls {
		(*f)(lang)
	}
}

// OnChange registers a listener for language switches; the function returned removes it
// (a window that closes must not be kept alive by its listener).
func OnChange(f func(lang string)) (remove func()) {
	mu.Lock()
	defer mu.Unlock()
	p := &f
	onChange = append(onChange, p)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		for i, x := range onChange {
			if x == p {
				onChange = append(onChange[:i], onChange[i+1:]...)
				return
			}
		}
	}
}

var templateFieldRe = regexp.MustCompile(`{{\s*\.([A-Za-z0-9_]+)`)

// Placeholders lists the {{.Name}} fields a text uses, sorted and unique.
func Placeholders(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range templateFieldRe.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}
