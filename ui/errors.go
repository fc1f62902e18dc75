package ui

import (
	"errors"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"pacta/i18n"
	"pacta/internal/errs"
)

// localizer is an error that says itself in a language (a refusal of the pact rules, the
// problems of an asset or of the settings).
type localizer interface {
	Localized(lang string) string
}

// kindKeys are the window's own sentences for an error that has no message of its own in
// the person's language.
var kindKeys = map[errs.Kind]string{
	errs.Invalid:     "error.invalid",
	errs.NotFound:    "error.not_found",
	errs.Conflict:    "error.conflict",
	errs.Permission:  "error.permission",
	errs.Unavailable: "error.unavailable",
	errs.Internal:    "error.internal",
}

// errorText is err as the window says it, in the person's language: the message of its
// translation key, or the error's own translation, or else the window's sentence for its
// kind. It never shows a key or the words of the command line; only an error no package
// has classified yet (errs.Other) shows its English text, after a sentence that says it
// failed. Each part of a joined error gets its own line.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	if lines := localized(err, i18n.Current(), sentence); len(lines) > 0 {
		return strings.Join(lines, "\n")
	}
	return kindText(err)
}

// sentence is a message as a line of its own: messages are written as clauses, to be
// joined after an operation on the command line; on screen each starts with a capital and
// ends with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if last, _ := utf8.DecodeLastRuneInString(s); s != "" && !strings.ContainsRune(".!?…:", last) {
		s += "."
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// localized is the translated message of err, each line passed through form; nil when
// it has none.
func localized(err error, lang string, form func(string) string) []string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch x := e.(type) {
		case *errs.Error:
			if x.Key != "" {
				return []string{form(x.Message(func(key string, data map[string]any) string {
					if data == nil {
						return i18n.In(lang).T(key)
					}
					return i18n.In(lang).T(key, data)
				}))}
			}
		case localizer:
			return []string{form(x.Localized(lang))}
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			var out []string
			for _, p := range j.Unwrap() {
				if l := localized(p, lang, form); len(l) > 0 {
					out = append(out, l...)
				} else {
					out = append(out, kindText(p))
				}
			}
			return out
		}
	}
	return nil
}

// kindText is the window's sentence for err's kind; an error no package has classified
// says its English text after a sentence that says it failed.
func kindText(err error) string {
	if key, ok := kindKeys[errs.KindOf(err)]; ok {
		return i18n.T(key)
	}
	return i18n.T("error.failed", map[string]any{"Error": err.Error()})
}

// errorDetail is errorText for a sentence that says what failed already ("The last sync
// did not finish: {{.Error}}"): the message as a clause, and an error no package has
// classified gives its text alone.
func errorDetail(err error) string {
	if err == nil {
		return ""
	}
	clause := func(s string) string { return s }
	if lines := localized(err, i18n.Current(), clause); len(lines) > 0 {
		return strings.Join(lines, "; ")
	}
	if _, ok := kindKeys[errs.KindOf(err)]; !ok {
		return err.Error()
	}
	return strings.TrimSuffix(kindText(err), ".")
}

// reportError is errorText for the failure of something the person just did: an error
// that is not theirs to fix (a fault, or a failure no package has classified) is written to
// the workspace's log too, and a fault's sentence says where the details are.
func (sh *Shell) reportError(err error) string {
	if err == nil {
		return ""
	}
	k := errs.KindOf(err)
	if k != errs.Internal && k != errs.Other {
		return errorText(err)
	}
	log := slog.Default()
	if sh != nil && sh.WS != nil && sh.WS.Log != nil {
		log = sh.WS.Log
	}
	log.Error("shown in the window", "err", err, "kind", k.String())
	if k == errs.Internal && len(localized(err, i18n.Current(), sentence)) == 0 {
		return i18n.T("error.internal.logged")
	}
	return errorText(err)
}
