package i18n

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// fileMessage is a message as Pacta writes it in a bundle file, go-i18n v2's fields in
// their usual order.
type fileMessage struct {
	Description string `json:"description,omitempty"`
	Hash        string `json:"hash,omitempty"`
	Zero        string `json:"zero,omitempty"`
	One         string `json:"one,omitempty"`
	Two         string `json:"two,omitempty"`
	Few         string `json:"few,omitempty"`
	Many        string `json:"many,omitempty"`
	Other       string `json:"other"`
}

// encode writes messages as a bundle file: keys sorted, two spaces, a plain text where
// the message is only its text, an object where it has plural forms or a hash.
func encode(msgs map[string]*goi18n.Message) ([]byte, error) {
	out := make(map[string]any, len(msgs))
	for k, m := range msgs {
		if m.Description == "" && m.Hash == "" && m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" {
			out[k] = m.Other
			continue
		}
		out[k] = fileMessage{Description: m.Description, Hash: m.Hash, Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "<" stays "<": translators read these files
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Export is one go-i18n v2 bundle of lang merging every area's file and the workspace's own
// translations, as Weblate and `goi18n merge` read it: each translation carries the hash of
// the English text it renders, so that a later import knows a stale one.
func (b *Bundle) Export(lang string) ([]byte, error) {
	msgs := map[string]*goi18n.Message{}
	for _, e := range b.Entries(lang) {
		if e.Status == StatusMissing {
			continue
		}
		m := &goi18n.Message{ID: e.Key, One: e.One, Other: e.Text}
		if lang != Source {
			m.Hash = b.SourceHashOf(e.Key)
			if e.Status == StatusStale {
				m.Hash = b.staleHash(lang, e.Key)
			}
		}
		msgs[e.Key] = m
	}
	return encode(msgs)
}

// staleHash is the hash a stale translation of key was made from.
func (b *Bundle) staleHash(lang, key string) string {
	if o, ok := b.over.get(lang, key); ok {
		return o.SourceHash
	}
	return b.msgs[lang][key].Hash
}

// Change is one key an import changes.
type Change struct {
	Key        string
	Line       int
	Old        string // the text in use now ("other"), "" when missing
	New        string
	One        string
	SourceHash string // the English text's hash the translation was made from
	Stale      bool   // made from an English text that changed since
}

// ReadImport reads a bundle to import into lang ("" takes the language from the file's
// name) and lists what it changes against b. Every problem of the file is returned, with
// its line and key, and then there are no changes: nothing is written from a bad file.
func (b *Bundle) ReadImport(name string, data []byte, lang string) (string, []Change, error) {
	if lang == "" {
		l, err := FileLang(filepath.Base(name))
		if err != nil {
			return "", nil, err
		}
		lang = l
	}
	if !Shipped(lang) {
		return "", nil, fileError(name, 0, "", "i18n.file.not_shipped", map[string]any{"Lang": lang, "Codes": Codes()})
	}
	if lang == Source {
		return "", nil, fileError(name, 0, "", "i18n.file.source", nil)
	}
	msgs, err := ParseFile(name, data)
	if err != nil {
		return "", nil, err
	}
	var problems FileErrors
	var changes []Change
	current := map[string]Entry{}
	for _, e := range b.Entries(lang) {
		current[e.Key] = e
	}
	for _, m := range msgs {
		last := m.Key[strings.LastIndex(m.Key, ".")+1:]
		if slices.Contains(Reserved, strings.ToLower(last)) {
			problems = append(problems, fileError(name, m.Line, m.Key, "i18n.file.reserved", map[string]any{"Word": last}))
			continue
		}
		cur, ok := current[m.Key]
		if !ok {
			problems = append(problems, fileError(name, m.Line, m.Key, "i18n.problem.unknown_key", nil))
			continue
		}
		if p := b.CheckMessage(lang, m.Key, m.Forms); p != nil {
			problems = append(problems, fileError(name, m.Line, m.Key, p.Key, p.Data))
			continue
		}
		hash := b.SourceHashOf(m.Key)
		c := Change{Key: m.Key, Line: m.Line, Old: cur.Text, New: m.Other(), One: m.One(), SourceHash: hash}
		if m.Hash != "" && m.Hash != hash {
			c.Stale, c.SourceHash = true, m.Hash
		}
		if c.New == cur.Text && c.One == cur.One && !c.Stale {
			continue // the same text: nothing to do
		}
		changes = append(changes, c)
	}
	if len(problems) > 0 {
		return "", nil, problems
	}
	return lang, changes, nil
}

// WriteDir applies changes to lang's area files in dir (the repository's bundles): each
// key goes to the file of its area, sorted; a stale translation keeps its hash, so that
// the check reports it.
func (b *Bundle) WriteDir(dir, lang string, changes []Change) ([]string, error) {
	byFile := map[string][]Change{}
	for _, c := range changes {
		f := b.FileOf(lang, c.Key)
		byFile[f] = append(byFile[f], c)
	}
	files := slices.Sorted(maps.Keys(byFile))
	for _, f := range files {
		p := filepath.Join(dir, f)
		msgs := map[string]*goi18n.Message{}
		if data, err := os.ReadFile(p); err == nil {
			have, err := ParseFile(f, data)
			if err != nil {
				return nil, err
			}
			for _, m := range have {
				msgs[m.Key] = m.message()
			}
		} else if !os.IsNotExist(err) {
			return nil, err
		}
		for _, c := range byFile[f] {
			m := &goi18n.Message{ID: c.Key, One: c.One, Other: c.New}
			if c.Stale {
				m.Hash = c.SourceHash
			}
			msgs[c.Key] = m
		}
		data, err := encode(msgs)
		if err != nil {
			return nil, err
		}
		// Written beside, then renamed: a crash leaves the old file or the new one.
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, p); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Shipped reports whether lang is one of Languages.
func Shipped(lang string) bool {
	for _, l := range Languages {
		if l.Code == lang {
			return true
		}
	}
	return false
}

// Codes lists the shipped languages' codes, for a message: "en, es, it, qu".
func Codes() string {
	out := make([]string, len(Languages))
	for i, l := range Languages {
		out[i] = l.Code
	}
	return strings.Join(out, ", ")
}
