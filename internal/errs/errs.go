// Package errs gives Pacta's errors an operation, a kind and a translation key, in the style
// of Upspin's errors.E. The kind says what a person can do about the error; the key and its
// fields say it in their language; the cause stays wrapped, so errors.Is and errors.As see
// through every layer.
//
// Who shows an error chooses the words: the command line prints Error (English, for logs
// and scripts) with its own hint for the kind, and the window translates the key (or says a
// sentence of its own for the kind), so command-line flags never reach a dialog and a key
// never reaches a person.
//
// errs imports nothing of Pacta's: every package may use it. The English text of a key
// comes from the function given to SetText, which package i18n sets to its source language.
package errs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
)

// Kind is what sort of failure an error is: what a person can do about it.
type Kind uint8

// The kinds. Other is the zero value: KindOf then looks at the cause.
const (
	Other       Kind = iota // not classified here; the cause may say
	Invalid                 // a value given is not acceptable: fix it and try again
	NotFound                // no record has that reference or id
	Conflict                // the record's current state does not allow it, or another holds that already
	Permission              // this laptop or person may not do it
	Unavailable             // the shared folder or the disk is out of reach: try again when it is back
	Internal                // a fault of Pacta or damaged data: the details are for the log
)

var kindNames = [...]string{
	Other:       "other error",
	Invalid:     "invalid",
	NotFound:    "not found",
	Conflict:    "conflict",
	Permission:  "permission denied",
	Unavailable: "unavailable",
	Internal:    "internal error",
}

// Kinds lists every kind, Other first.
var Kinds = []Kind{Other, Invalid, NotFound, Conflict, Permission, Unavailable, Internal}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind %d", uint8(k))
}

// Op is the operation that failed, as a person or a log reads it: "new pact",
// "link asset", "sync". A plain string given to E is an Op too.
type Op string

// Key is a translation key: the message an error says, in the reader's language, with the
// error's Fields as its template data.
type Key string

// Error is an error with an operation, a kind, a translation key and a cause; every field
// may be empty.
type Error struct {
	Op     string
	Kind   Kind
	Key    string         // i18n key of the message; "" when the cause says it all
	Fields map[string]any // the key's template data
	Err    error          // the cause
}

// E builds an *Error from its arguments, in any order, by type:
//
//	Op or string     the operation
//	Kind             the kind
//	Key              the translation key
//	map[string]any   the key's fields
//	error            the cause (nil is ignored)
//
// For example errs.E("new pact", errs.Invalid, errs.Key("pact.error.title_required")).
// An argument of any other type is a mistake of the caller; the error then says so.
func E(args ...any) error {
	e := &Error{}
	for _, a := range args {
		switch a := a.(type) {
		case Op:
			e.Op = string(a)
		case string:
			e.Op = a
		case Kind:
			e.Kind = a
		case Key:
			e.Key = string(a)
		case map[string]any:
			e.Fields = a
		case error:
			e.Err = a
		case nil:
		default:
			return &Error{Op: e.Op, Kind: Internal, Err: fmt.Errorf("errs.E: argument of type %T (%v) is not an Op, Kind, Key, map or error", a, a)}
		}
	}
	return e
}

// Error is the English message, for logs and the command line: "op: message: cause", each
// part left out when empty. The message is the key's English text; without a key, an error
// with no cause says its kind.
func (e *Error) Error() string {
	var parts []string
	if e.Op != "" {
		parts = append(parts, e.Op)
	}
	switch {
	case e.Key != "":
		parts = append(parts, english(e.Key, e.Fields))
	case e.Err == nil && e.Kind != Other:
		parts = append(parts, e.Kind.String())
	}
	if e.Err != nil {
		cause := e.Err.Error()
		// An operation repeated by its cause ("new pact: new pact: …") is said once.
		if inner, ok := e.Err.(*Error); ok && e.Op != "" && inner.Op == e.Op {
			cause = strings.TrimPrefix(strings.TrimPrefix(cause, e.Op), ": ")
		}
		if cause != "" {
			parts = append(parts, cause)
		}
	}
	if len(parts) == 0 {
		return Other.String()
	}
	return strings.Join(parts, ": ")
}

// Unwrap is the cause.
func (e *Error) Unwrap() error { return e.Err }

// Kinded is an error of another type that knows its kind (a refusal of the pact rules, a
// list of validation problems); KindOf asks it.
type Kinded interface {
	error
	Kind() Kind
}

// KindOf is the kind of err: that of the outermost error in its chain that has one other
// than Other (an *Error or a Kinded error), or Other. For a joined error it is the first
// kind found among its parts.
func KindOf(err error) Kind {
	for err != nil {
		switch e := err.(type) {
		case *Error:
			if e.Kind != Other {
				return e.Kind
			}
		case Kinded:
			if k := e.Kind(); k != Other {
				return k
			}
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				if k := KindOf(x); k != Other {
					return k
				}
			}
			return Other
		}
		err = errors.Unwrap(err)
	}
	return Other
}

// Is reports whether err is of kind k (see KindOf).
func Is(k Kind, err error) bool { return err != nil && KindOf(err) == k }

// Keyed is the outermost *Error in err's chain that has a translation key, or nil: the one
// whose message a translated text should say. A joined error is not looked into (each of
// its parts has its own message).
func Keyed(err error) *Error {
	for err != nil {
		if e, ok := err.(*Error); ok && e.Key != "" {
			return e
		}
		err = errors.Unwrap(err)
	}
	return nil
}

// Message is e's message as t renders keys: t(e.Key, data), where data are e's fields with
// each field whose value is a Key rendered by t first (a status, a role, a field's label in
// the reader's words). It is "" when e has no key.
func (e *Error) Message(t func(key string, data map[string]any) string) string {
	if e.Key == "" {
		return ""
	}
	var data map[string]any
	if e.Fields != nil {
		data = make(map[string]any, len(e.Fields))
		for k, v := range e.Fields {
			if key, ok := v.(Key); ok {
				v = t(string(key), nil)
			}
			data[k] = v
		}
	}
	return t(e.Key, data)
}

// Join is errors.Join whose message is one line, its errors' messages separated by "; ":
// the problems of one form, each with its own key. It is nil when every error is nil.
func Join(errs ...error) error {
	j := &joined{}
	for _, e := range errs {
		if e != nil {
			j.errs = append(j.errs, e)
		}
	}
	if len(j.errs) == 0 {
		return nil
	}
	return j
}

type joined struct{ errs []error }

func (j *joined) Error() string {
	parts := make([]string, len(j.errs))
	for i, e := range j.errs {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

func (j *joined) Unwrap() []error { return j.errs }

var text atomic.Pointer[func(key string, fields map[string]any) string]

// SetText sets how Error renders a key in English (package i18n sets it, from its source
// language, when it loads). Until it is set, or when it returns the key itself, a key is
// shown as it is, with its fields.
func SetText(f func(key string, fields map[string]any) string) {
	if f == nil {
		text.Store(nil)
		return
	}
	text.Store(&f)
}

func english(key string, fields map[string]any) string {
	if f := text.Load(); f != nil {
		if s := (&Error{Key: key, Fields: fields}).Message(*f); s != "" && s != key {
			return s
		}
	}
	if len(fields) == 0 {
		return key
	}
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for i, k := range names {
		names[i] = fmt.Sprintf("%s=%v", k, fields[k])
	}
	return key + " (" + strings.Join(names, ", ") + ")"
}
