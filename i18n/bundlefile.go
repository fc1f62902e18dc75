package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// A bundle file is go-i18n v2 JSON: an object whose values are a text, a message object
// (its plural forms, and optionally "description" and "hash"), or an object of nested keys
// ("a": {"b": "x"} is the key "a.b"). Pacta reads it itself, not through go-i18n, so that
// every problem names its file, line and key, and so that a plural category go-i18n would
// silently ignore ("several") is refused.

// FileError is one problem at one place of a bundle file. Problem says it in English (the
// command line, the log, JSON); Why is the same as a message of this package, which the
// window says in the reader's language (Localized).
type FileError struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Key     string   `json:"key,omitempty"`
	Problem string   `json:"problem"`
	Why     *Problem `json:"-"`
}

// fileError is a FileError whose problem is the message why (a key of this package).
func fileError(file string, line int, key string, why string, data map[string]any) *FileError {
	p := &Problem{Key: why, Data: data}
	return &FileError{File: file, Line: line, Key: key, Problem: p.english(), Why: p}
}

func (e *FileError) where() string {
	var sb strings.Builder
	sb.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&sb, ":%d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&sb, ": %s", e.Key)
	}
	return sb.String() + ": "
}

func (e *FileError) Error() string { return e.where() + e.Problem }

// Localized says the problem in lang, after its file, line and key.
func (e *FileError) Localized(lang string) string {
	if e.Why == nil {
		return e.Error()
	}
	return e.where() + e.Why.In(lang)
}

// FileErrors are every problem found in a set of files; nil when there is none.
type FileErrors []*FileError

func (es FileErrors) Error() string { return es.Localized(Source) }

// Localized says every problem in lang, one per line.
func (es FileErrors) Localized(lang string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Localized(lang)
	}
	return strings.Join(parts, "\n")
}

// FileMessage is one message as a bundle file gives it.
type FileMessage struct {
	Key         string
	Line        int
	Description string
	Hash        string            // go-i18n's: the English text it was translated from
	Forms       map[string]string // plural category → text; a plain string is "other"
}

// Other is the message's text (its "other" form).
func (m FileMessage) Other() string { return m.Forms["other"] }

// One is its "one" form, "" when it has none.
func (m FileMessage) One() string { return m.Forms["one"] }

// message converts it to go-i18n's type, which the bundle keeps.
func (m FileMessage) message() *goi18n.Message {
	f := m.Forms
	return &goi18n.Message{ID: m.Key, Description: m.Description, Hash: m.Hash,
		Zero: f["zero"], One: f["one"], Two: f["two"], Few: f["few"], Many: f["many"], Other: f["other"]}
}

// pluralCategories are CLDR's plural categories: the forms a message may have.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// messageFields are the fields of a message object that are not plural forms.
var messageFields = []string{"id", "description", "hash", "leftdelim", "rightdelim", "translation"}

// PluralForms are the plural categories a language uses (CLDR); a form outside them is
// refused. Kichwa, like Quechua in CLDR, does not inflect for number.
func PluralForms(lang string) []string {
	switch lang {
	case "en", Pseudo:
		return []string{"one", "other"}
	case "es", "it":
		return []string{"one", "many", "other"}
	case "qu":
		return []string{"other"}
	}
	return pluralCategories
}

// FileLang is the language of a bundle file's name ("assets.es.json" → "es"), checked to be
// a BCP 47 tag.
func FileLang(name string) (string, error) {
	lang := langOfFile(name)
	if _, err := language.Parse(lang); err != nil || lang == "" {
		return "", fileError(name, 0, "", "i18n.file.not_bcp47", map[string]any{"Lang": lang})
	}
	return lang, nil
}

// ParseFile reads one bundle file. A syntax error stops the reading; the other problems
// (a value that is neither text nor message, an unknown plural category, a key defined
// twice) are all collected, as FileErrors.
func ParseFile(name string, data []byte) ([]FileMessage, error) {
	p := &fileParser{name: name, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	if err := p.expectDelim('{', ""); err != nil {
		return nil, FileErrors{err}
	}
	if err := p.object(""); err != nil {
		return nil, FileErrors{err}
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, FileErrors{p.fail("", "i18n.file.trailing", nil)}
	}
	seen := map[string]int{}
	for _, m := range p.out {
		if line, dup := seen[m.Key]; dup {
			p.errs = append(p.errs, fileError(name, m.Line, m.Key, "i18n.file.twice", map[string]any{"Line": line}))
		}
		seen[m.Key] = m.Line
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return p.out, nil
}

type fileParser struct {
	name string
	data []byte
	dec  *json.Decoder
	out  []FileMessage
	errs FileErrors
}

// line is the line of the decoder's position.
func (p *fileParser) line() int {
	off := int(p.dec.InputOffset())
	return 1 + bytes.Count(p.data[:min(off, len(p.data))], []byte("\n"))
}

func (p *fileParser) fail(key, why string, data map[string]any) *FileError {
	return fileError(p.name, p.line(), key, why, data)
}

// syntax turns a decoder error into a FileError at its line, with what to do.
func (p *fileParser) syntax(key string, err error) *FileError {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(p.data[:min(int(se.Offset), len(p.data))], []byte("\n"))
		return fileError(p.name, line, key, "i18n.file.broken_json", map[string]any{"Detail": se.Error()})
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.fail(key, "i18n.file.ends_early", nil)
	}
	return p.fail(key, "i18n.file.broken_json", map[string]any{"Detail": err.Error()})
}

func (p *fileParser) expectDelim(d json.Delim, key string) *FileError {
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntax(key, err)
	}
	if tok != d {
		return p.fail(key, "i18n.file.expected", map[string]any{"What": string(d)})
	}
	return nil
}

// object reads the members of an object whose "{" was read, up to its "}".
func (p *fileParser) object(prefix string) *FileError {
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax(prefix, err)
		}
		line := p.line() // the offset is at the end of the key
		name, _ := tok.(string)
		key := name
		if prefix != "" {
			key = prefix + "." + name
		}
		tok, err = p.dec.Token()
		if err != nil {
			return p.syntax(key, err)
		}
		switch v := tok.(type) {
		case string:
			p.out = append(p.out, FileMessage{Key: key, Line: line, Forms: map[string]string{"other": v}})
		case json.Delim:
			if v != '{' {
				if err := p.skip(); err != nil {
					return err
				}
				p.errs = append(p.errs, fileError(p.name, line, key, "i18n.file.list", nil))
				continue
			}
			if err := p.value(key, line); err != nil {
				return err
			}
		default:
			p.errs = append(p.errs, fileError(p.name, line, key, "i18n.file.not_text", map[string]any{"Value": fmt.Sprint(v)}))
		}
	}
	_, err := p.dec.Token() // the closing "}"
	if err != nil {
		return p.syntax(prefix, err)
	}
	return nil
}

// value reads an object after its "{": a message when it has a plural form or a message
// field, else nested keys.
func (p *fileParser) value(key string, line int) *FileError {
	// Read the members first, then decide: a message's members are all texts.
	type member struct {
		name, text string
		line       int
		nested     bool
	}
	var members []member
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax(key, err)
		}
		l := p.line()
		name, _ := tok.(string)
		tok, err = p.dec.Token()
		if err != nil {
			return p.syntax(key, err)
		}
		switch v := tok.(type) {
		case string:
			members = append(members, member{name: name, text: v, line: l})
		case json.Delim:
			if v == '{' {
				// Nested keys: read them now, under this key.
				if err := p.object(key + "." + name); err != nil {
					return err
				}
				members = append(members, member{name: name, line: l, nested: true})
				continue
			}
			if err := p.skip(); err != nil {
				return err
			}
			p.errs = append(p.errs, fileError(p.name, l, key+"."+name, "i18n.file.list", nil))
		default:
			p.errs = append(p.errs, fileError(p.name, l, key+"."+name, "i18n.file.not_text", map[string]any{"Value": fmt.Sprint(v)}))
		}
	}
	if _, err := p.dec.Token(); err != nil {
		return p.syntax(key, err)
	}
	isMessage := false
	for _, m := range members {
		n := strings.ToLower(m.name)
		if slices.Contains(pluralCategories, n) || slices.Contains(messageFields, n) {
			isMessage = true
		}
	}
	if !isMessage {
		for _, m := range members {
			if !m.nested {
				p.out = append(p.out, FileMessage{Key: key + "." + m.name, Line: m.line, Forms: map[string]string{"other": m.text}})
			}
		}
		return nil
	}
	msg := FileMessage{Key: key, Line: line, Forms: map[string]string{}}
	for _, m := range members {
		n := strings.ToLower(m.name)
		switch {
		case m.nested:
			p.errs = append(p.errs, fileError(p.name, m.line, key, "i18n.file.nested", map[string]any{"Name": m.name, "Forms": strings.Join(pluralCategories, ", ")}))
		case slices.Contains(pluralCategories, n):
			msg.Forms[n] = m.text
		case n == "description":
			msg.Description = m.text
		case n == "hash":
			msg.Hash = m.text
		case slices.Contains(messageFields, n):
			// id, delimiters, translation: go-i18n's own, not used by Pacta
		default:
			p.errs = append(p.errs, fileError(p.name, m.line, key, "i18n.file.unknown_form", map[string]any{"Name": m.name, "Forms": strings.Join(pluralCategories, ", ")}))
		}
	}
	p.out = append(p.out, msg)
	return nil
}

// skip reads past an array or object whose opening delimiter was read.
func (p *fileParser) skip() *FileError {
	depth := 1
	for depth > 0 {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax("", err)
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}
