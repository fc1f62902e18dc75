package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/pacts"
)

// Entry is the window's one text field; every field of ui is one (a test forbids Fyne's
// own constructors here). Beyond widget.Entry:
//   - Tab and Shift+Tab leave a multi-line field like any other: it never takes the Tab key.
//   - Enter in a single-line field, and Ctrl+Enter in any field, submit: OnSubmitted when the
//     field has one, else the confirm of the dialog it is in (showDialog).
//   - Escape and the window's Ctrl+key shortcuts (appKeys) reach the window from the field
//     that has the keyboard: Fyne gives a focused Entry keys and shortcuts before the window.
//   - A number or a date field (newIntEntry, newDecimalEntry, newDateEntry) refuses what
//     does not read as one while it is typed (Fyne shows the message by the field), and
//     its value is read with Int, Float or Date, whose ok is false then: a form that gets
//     !ok writes nothing and says why (checkFields), never a 0 in place of what was typed.
type Entry struct {
	widget.Entry

	kind     entryKind
	field    any // the field's name in messages: its label's key (errs.Key) or a name from the data
	min, max float64
	ranged   bool
}

type entryKind uint8

const (
	textField entryKind = iota
	intField
	decimalField
	amountField
	dateField
)

// newEntry is a single-line text field.
func newEntry() *Entry {
	e := &Entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a multi-line text field (multiLine sets its rows and wrapping).
func newMultiLineEntry() *Entry {
	e := newEntry()
	e.MultiLine = true
	return e
}

// newIntEntry is a field for a whole number; labelKey is the translation key of its label,
// which names it in messages (called names it otherwise). An empty field reads as 0.
func newIntEntry(labelKey string) *Entry { return newValueEntry(intField, labelKey) }

// newDecimalEntry is a field for a number with a decimal point or comma ("12.5", "12,5"),
// a coordinate among others (within sets its bounds); labelKey as for newIntEntry. An
// empty field reads as 0.
func newDecimalEntry(labelKey string) *Entry { return newValueEntry(decimalField, labelKey) }

// newAmountEntry is a field for an amount of money or a quantity, written as the user's
// language writes numbers: "50.000" is fifty thousand in Spanish and Italian, "50,000" in
// English (readAmount). labelKey as for newIntEntry. An empty field reads as 0.
func newAmountEntry(labelKey string) *Entry { return newValueEntry(amountField, labelKey) }

// newDateEntry is a field for a date, written as the user's language writes dates
// (31/12/2026 in Spanish and Italian, 12/31/2026 in English) or YYYY-MM-DD (readDate);
// its placeholder shows both. labelKey as for newIntEntry. An empty field reads as "".
func newDateEntry(labelKey string) *Entry {
	e := newValueEntry(dateField, labelKey)
	e.SetPlaceHolder(i18n.T("date.input_formats"))
	return e
}

func newValueEntry(kind entryKind, labelKey string) *Entry {
	e := newEntry()
	e.kind, e.field = kind, errs.Key(labelKey)
	e.Validator = func(s string) error {
		if err := e.problem(s, false); err != nil {
			return errors.New(errorText(err))
		}
		return nil
	}
	return e
}

// called names the field in messages by a name from the data (an indicator's), in place of
// its label's key.
func (e *Entry) called(name string) *Entry {
	e.field = name
	return e
}

// within bounds a number field: a number outside [min, max] is refused like one that
// does not read.
func (e *Entry) within(min, max float64) *Entry {
	e.min, e.max, e.ranged = min, max, true
	return e
}

// readDate reads a date as typed in a date field, as YYYY-MM-DD: typed so, or as the
// user's language writes dates, day, month and year in the order date.input_order gives
// ("DMY", "MDY"), with a slash, a point or a dash between them.
func readDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := pacts.ParseDate(s); err == nil {
		return pacts.Day(t), nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	order := strings.TrimSpace(i18n.T("date.input_order"))
	if len(parts) == 3 && len(order) == 3 {
		var y, m, d int
		ok := true
		for i, c := range order {
			n, err := strconv.Atoi(parts[i])
			ok = ok && err == nil && n > 0
			switch c {
			case 'D':
				d = n
			case 'M':
				m = n
			case 'Y':
				y = n
				ok = ok && len(parts[i]) == 4
			}
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if ok && t.Day() == d && int(t.Month()) == m { // 31/02 is no date
			return pacts.Day(t), nil
		}
	}
	return "", errs.E(errs.Invalid, errs.Key("form.error.date"), map[string]any{"Value": s, "Formats": i18n.T("date.input_formats")})
}

// problem is why s cannot be the field's value, nil when it can: an Invalid error with
// the message's key. named says the field's name in the message (a form's summary), else
// the message stands beside the field.
func (e *Entry) problem(s string, named bool) error {
	s = strings.TrimSpace(s)
	if s == "" || e.kind == textField {
		return nil
	}
	refuse := func(beside, withName string, fields map[string]any) error {
		fields["Value"] = s
		if named {
			fields["Label"] = e.field
			return errs.E(errs.Invalid, errs.Key(withName), fields)
		}
		return errs.E(errs.Invalid, errs.Key(beside), fields)
	}
	var v float64
	switch e.kind {
	case intField:
		n, err := strconv.Atoi(s)
		if err != nil {
			return refuse("form.error.whole_number", "form.error.field_whole_number", map[string]any{})
		}
		v = float64(n)
	case decimalField:
		f, err := assets.ParseNumber(s)
		if err != nil {
			return refuse("form.error.number", "form.error.field_number", map[string]any{})
		}
		v = f
	case amountField:
		f, err := readAmount(s, i18n.Current())
		if err != nil {
			return refuse("form.error.number", "form.error.field_number", map[string]any{})
		}
		v = f
	case dateField:
		if _, err := readDate(s); err != nil {
			return refuse("form.error.date", "form.error.field_date", map[string]any{"Formats": i18n.T("date.input_formats")})
		}
		return nil
	}
	if e.ranged && (v < e.min || v > e.max) {
		return refuse("form.error.range", "form.error.field_range", map[string]any{"Min": ftoa(e.min), "Max": ftoa(e.max)})
	}
	return nil
}

// Problem is why the field's text cannot be written, in a sentence that names the field;
// nil when it can.
func (e *Entry) Problem() error { return e.problem(e.Text, true) }

// Int is the whole number typed, 0 when the field is empty; ok is false when the text is
// not a whole number (or is out of bounds).
func (e *Entry) Int() (n int, ok bool) {
	if e.problem(e.Text, false) != nil {
		return 0, false
	}
	n, _ = strconv.Atoi(strings.TrimSpace(e.Text))
	return n, true
}

// Float is the number typed, 0 when the field is empty; ok is false when the text is not
// a number (or is out of bounds).
func (e *Entry) Float() (f float64, ok bool) {
	if e.problem(e.Text, false) != nil {
		return 0, false
	}
	if s := strings.TrimSpace(e.Text); s != "" && e.kind == amountField {
		f, _ = readAmount(s, i18n.Current())
	} else if s != "" {
		f, _ = assets.ParseNumber(s)
	}
	return f, true
}

// Date is the date typed as YYYY-MM-DD, "" when the field is empty; ok is false when the
// text is not a date.
func (e *Entry) Date() (day string, ok bool) {
	s := strings.TrimSpace(e.Text)
	if s == "" {
		return "", true
	}
	day, err := readDate(s)
	return day, err == nil
}

// checkFields is nil when every field's text can be written, else an Invalid error with a
// sentence for each field that cannot, naming it: the form writes nothing then.
func checkFields(fields ...*Entry) error {
	var problems []error
	for _, f := range fields {
		if err := f.Problem(); err != nil {
			f.SetValidationError(errors.New(errorText(f.problem(f.Text, false))))
			problems = append(problems, err)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return errs.E(errs.Invalid, errs.Join(problems...))
}

// AcceptsTab is false: Tab and Shift+Tab move to the next and previous field, also from a
// multi-line one (Fyne lets a multi-line Entry type a tab character instead).
func (e *Entry) AcceptsTab() bool { return false }

// TypedKey gives Escape to the window (it cancels the dialog on top), and Enter in a
// single-line field without an OnSubmitted of its own to the dialog it is in.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if windowKey(e.canvas(), ev) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && windowKey(e.canvas(), ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut submits on Ctrl+Enter, and gives the window's shortcuts (appKeys) to the
// window; every other shortcut (copy, paste, undo…) is the field's.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault &&
		(cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) {
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		} else {
			windowKey(e.canvas(), &fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		return
	}
	if typedAppShortcut(e.canvas(), s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// canvas is the canvas of the window this field has the keyboard of.
func (e *Entry) canvas() fyne.Canvas { return focusCanvas(e) }
