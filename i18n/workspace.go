package i18n

import (
	"reflect"
	"sync/atomic"
)

// Translation is a workspace's own translation of one key (issue 22): it wins over the shipped
// bundle until a translator accepts the shipped text again. SourceHash is the English
// text's hash when it was translated (SourceHash): a different hash today means stale.
type Translation struct {
	Lang, Key  string
	One, Other string
	SourceHash string
}

// translations are kept behind an atomic pointer: the window reads messages while a sync
// replaces them.
type translations struct {
	p atomic.Pointer[map[string]map[string]Translation]
}

func (o *translations) get(lang, key string) (Translation, bool) {
	m := o.p.Load()
	if m == nil {
		return Translation{}, false
	}
	x, ok := (*m)[lang][key]
	return x, ok
}

// SetTranslations replaces the workspace's own translations (all of them: the store's live
// rows) and, when they changed, tells the language listeners, so that the window shows them
// without a restart. A translation CheckMessage refuses is ignored.
func (b *Bundle) SetTranslations(list []Translation) {
	m := map[string]map[string]Translation{}
	for _, o := range list {
		// A row from another laptop was not checked as an edit here is: it is checked now
		// as one, and left out (the shipped text shows) when it translates the source, a
		// language Pacta does not ship, a key the English lacks, or drops or adds a field
		// or uses more of the template language than a message may (CheckMessage).
		if o.Lang == Source || !Shipped(o.Lang) {
			continue
		}
		forms := map[string]string{"other": o.Other}
		if o.One != "" {
			forms["one"] = o.One
		}
		if b.CheckMessage(o.Lang, o.Key, forms) != nil {
			continue
		}
		if m[o.Lang] == nil {
			m[o.Lang] = map[string]Translation{}
		}
		m[o.Lang][o.Key] = o
	}
	old := b.over.p.Swap(&m)
	same := (old == nil && len(m) == 0) || (old != nil && reflect.DeepEqual(*old, m))
	if b == def && !same {
		notify(Current())
	}
}

// Status is where a key stands in a language.
type Status string

const (
	StatusMissing Status = "missing" // no text in that language
	StatusStale   Status = "stale"   // translated from an English text that changed since
	StatusDone    Status = "done"
)

// Entry is one key as the translators' screen shows it.
type Entry struct {
	Key        string
	English    string // the source's "other" form
	EnglishOne string // the source's "one" form, "" when it has none
	Text       string // the translation in use ("other"): the workspace's, else the shipped
	One        string
	Shipped    string // the shipped translation ("other"), "" when none
	Edited     bool   // the workspace has its own translation
	Status     Status
}

// Entries lists every source key with its translation into lang, sorted by key.
func (b *Bundle) Entries(lang string) []Entry {
	keys := b.Keys(Source)
	out := make([]Entry, 0, len(keys))
	for _, k := range keys {
		src := b.msgs[Source][k]
		e := Entry{Key: k, English: src.Other, EnglishOne: src.One, Status: StatusMissing}
		hash := SourceHash(src.Description, src.Other)
		if m, ok := b.msgs[lang][k]; ok && m.Other != "" {
			e.Shipped, e.Text, e.One, e.Status = m.Other, m.Other, m.One, StatusDone
			if m.Hash != "" && m.Hash != hash {
				e.Status = StatusStale
			}
		}
		if o, ok := b.over.get(lang, k); ok {
			e.Text, e.One, e.Edited, e.Status = o.Other, o.One, true, StatusDone
			if o.SourceHash != "" && o.SourceHash != hash {
				e.Status = StatusStale
			}
		}
		out = append(out, e)
	}
	return out
}

// Coverage is the share of source keys lang has a text for, the workspace's own
// translations included.
func (b *Bundle) Coverage(lang string) float64 {
	if lang == Source {
		return 1
	}
	es := b.Entries(lang)
	if len(es) == 0 {
		return 0
	}
	n := 0
	for _, e := range es {
		if e.Status != StatusMissing {
			n++
		}
	}
	return float64(n) / float64(len(es))
}

// SourceHashOf is the hash of the English text of key ("" for an unknown key).
func (b *Bundle) SourceHashOf(key string) string {
	src, ok := b.msgs[Source][key]
	if !ok {
		return ""
	}
	return SourceHash(src.Description, src.Other)
}

// FileOf is the shipped file that holds key in lang ("assets.es.json"); for a key lang does
// not have yet, the file of the same area ("assets.en.json" → "assets.es.json").
func (b *Bundle) FileOf(lang, key string) string {
	if f, ok := b.files[lang+"\x00"+key]; ok {
		return f
	}
	f, ok := b.files[Source+"\x00"+key]
	if !ok {
		return lang + ".json"
	}
	base := f[:len(f)-len(".json")]
	if base == Source {
		return lang + ".json"
	}
	return base[:len(base)-len(Source)] + lang + ".json"
}
