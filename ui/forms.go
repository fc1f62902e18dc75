package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/pacts"
	"pacta/translations"
)

// Nothing typed is ever lost. A dialog that validates (formDialog) stays open when its
// input is refused, with every field as typed and each message under the field it is
// about; leaving a form that holds typing not saved asks first (askUnsaved); and what
// cannot be undone is confirmed by a dialog that names its consequence (confirmAction).

// formField is one field of a form that validates.
type formField struct {
	label  string // as shown
	hint   string
	widget fyne.CanvasObject
	// about names the errors this field is at fault for: the translation key of their
	// message, the translation key of the field label their message names (a "Label" in
	// its data), or the field's name in a domain validation error (assets.FieldError,
	// app.FieldError).
	about []string
	msg   *widget.Label // the message under the widget, hidden while empty
	hintl *widget.Label // the hint under the widget, hidden while a message shows
}

// say shows msg under the field, in place of its hint ("" shows the hint again).
func (f *formField) say(msg string) {
	setLine(f.msg, msg)
	if f.hintl != nil {
		if msg == "" && f.hint != "" {
			f.hintl.Show()
		} else {
			f.hintl.Hide()
		}
	}
}

// newField is a field labelled label that shows w, at fault for the errors about names.
func newField(label string, w fyne.CanvasObject, about ...string) *formField {
	return &formField{label: label, widget: w, about: about}
}

// fieldSet is the fields of a form and where their messages show: under the field at
// fault, and under the form for an error no field is at fault for.
type fieldSet struct {
	fields  []*formField
	general *widget.Label
	report  func(error) string // the sentence of an error no domain package explains
}

func newFieldSet(report func(error) string, fields []*formField) *fieldSet {
	s := &fieldSet{fields: fields, general: wrappedLabel(""), report: report}
	if s.report == nil {
		s.report = errorText
	}
	s.general.Importance = widget.DangerImportance
	s.general.Hide()
	for _, f := range fields {
		f.msg = wrappedLabel("")
		f.msg.Importance = widget.DangerImportance
		f.msg.Hide()
		f.hintl = hintLabel(f.hint)
		f.hintl.Importance = widget.LowImportance
		f.say("")
	}
	return s
}

// form lays the fields out, each with its hint and its message line under it.
func (s *fieldSet) form() *widget.Form {
	items := make([]*widget.FormItem, len(s.fields))
	for i, f := range s.fields {
		w := f.widget
		// A label that names a term of the glossary gets its definition beside the field.
		if k := translations.TermIn(f.label, i18n.Current()); k != "" {
			w = container.NewBorder(nil, nil, nil, container.NewVBox(newTermHint(k)), w) // at the top of a tall field
		}
		items[i] = &widget.FormItem{Text: f.label, Widget: container.NewVBox(w, f.hintl, f.msg)}
	}
	return widget.NewForm(items...)
}

// clear hides every message.
func (s *fieldSet) clear() {
	for _, f := range s.fields {
		f.say("")
	}
	setLine(s.general, "")
}

// show puts err's messages under the fields at fault, the others under the form; nil
// clears them. It reports whether there was an error.
func (s *fieldSet) show(err error) bool {
	s.clear()
	if err == nil {
		return false
	}
	lines := map[*formField][]string{}
	var general []string
	for _, p := range problemsOf(err) {
		text := p.text
		if text == "" {
			text = s.report(p.err)
		}
		if f := s.fieldFor(p.names); f != nil {
			if p.beside != "" {
				text = p.beside
			}
			lines[f] = append(lines[f], text)
		} else {
			general = append(general, text)
		}
	}
	for f, l := range lines {
		f.say(strings.Join(l, "\n"))
	}
	setLine(s.general, strings.Join(general, "\n"))
	return true
}

func (s *fieldSet) fieldFor(names []string) *formField {
	for _, f := range s.fields {
		for _, a := range f.about {
			for _, n := range names {
				if a != "" && a == n {
					return f
				}
			}
		}
	}
	return nil
}

// problem is one message of an error, with the names that tell which field it is about.
// text is "" for an error no domain package explains (the fieldSet's report says it).
type problem struct {
	text   string
	beside string // the message without the field's name, for under the field ("" when none)
	names  []string
	err    error
}

// besideText is the message of an error that names its field ("form.error.field_number":
// "“Latitude”: “north” is not a number…") as it reads under that field, without the name
// ("form.error.number"); "" when its key has no such form.
func besideText(e *errs.Error) string {
	i := strings.LastIndex(e.Key, ".field_")
	if i < 0 {
		return ""
	}
	key := e.Key[:i] + "." + e.Key[i+len(".field_"):]
	if !i18n.Default().Has(key) {
		return ""
	}
	return errorText(errs.E(e.Kind, errs.Key(key), e.Fields))
}

// problemsOf splits err into its messages, in the person's language: each part of a
// joined error, each reason of a refusal of the pact rules, each problem of a validation.
func problemsOf(err error) []problem {
	var out []problem
	lang := i18n.Current()
	var walk func(error)
	walk = func(e error) {
		for x := e; x != nil; x = errors.Unwrap(x) {
			switch v := x.(type) {
			case *pacts.Refusal:
				for _, r := range v.Reasons {
					out = append(out, problem{text: sentence(r.Text(lang)), names: []string{r.Key}, err: v})
				}
				return
			case assets.ValidationError:
				for _, fe := range v {
					out = append(out, problem{text: sentence(fe.Localized(lang)), names: []string{fe.Key, fe.Field}, err: fe})
				}
				return
			case assets.FieldError:
				out = append(out, problem{text: sentence(v.Localized(lang)), names: []string{v.Key, v.Field}, err: v})
				return
			case app.FieldError:
				out = append(out, problem{text: sentence(v.Localized(lang)), names: []string{v.Key, v.Field}, err: v})
				return
			case *errs.Error:
				if v.Key != "" {
					names := []string{v.Key}
					switch l := v.Fields["Label"].(type) {
					case errs.Key:
						names = append(names, string(l))
					case string:
						names = append(names, l)
					}
					out = append(out, problem{text: errorText(v), beside: besideText(v), names: names, err: v})
					return
				}
			}
			if j, ok := x.(interface{ Unwrap() []error }); ok {
				for _, p := range j.Unwrap() {
					walk(p)
				}
				return
			}
		}
		out = append(out, problem{err: e})
	}
	walk(err)
	return out
}

// formDialog is a dialog whose confirm button validates first: on a refusal it stays open,
// every field as typed, with each message under the field at fault.
type formDialog struct {
	*fieldSet
	win     fyne.Window
	dlg     *dialog.CustomDialog
	overlay fyne.CanvasObject // the dialog's own, once shown
	confirm *Button
	cancel  *Button
	do      func() error
	title   string
	shown   []string // what each field held when the dialog was shown (typed)
	// OnSubmit and OnCancel are what the confirm and cancel buttons, Enter and Escape
	// (showDialog) do: Submit and Cancel unless changed.
	OnSubmit, OnCancel func()
}

// newFormDialog builds (without showing) a dialog of fields, with intro above them when
// it is not "" (what the action does); confirm runs do, and closes the dialog when it
// returns nil.
func newFormDialog(sh *Shell, title, confirm, intro string, fields []*formField, do func() error) *formDialog {
	d := &formDialog{fieldSet: newFieldSet(sh.reportError, fields), win: sh.Window, do: do, title: title}
	d.OnSubmit, d.OnCancel = func() { d.Submit() }, d.Cancel
	d.confirm = newButtonWithIcon(confirm, theme.ConfirmIcon(), func() { d.OnSubmit() })
	d.confirm.Importance = widget.HighImportance
	d.cancel = newButtonWithIcon(i18n.T("action.cancel"), theme.CancelIcon(), d.leave)
	var top []fyne.CanvasObject
	if intro != "" {
		top = append(top, wrappedLabel(intro))
	}
	body := container.NewVBox(append(top, d.form(), d.general)...)
	d.dlg = dialog.NewCustomWithoutButtons(title, body, sh.Window)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.confirm})
	return d
}

// Submit runs the dialog's action: the dialog closes when it is done, and stays open with
// its messages when it is refused. It reports whether it was done.
func (d *formDialog) Submit() bool {
	if d.show(d.do()) {
		return false
	}
	d.hide()
	return true
}

// hide closes the dialog and keeps what its action opened over it (a message): Fyne takes
// the overlays above a dialog away with it.
func (d *formDialog) hide() {
	ov := d.win.Canvas().Overlays()
	var above []fyne.CanvasObject
	for i, o := range ov.List() {
		if o == d.overlay {
			above = append(above, ov.List()[i+1:]...)
		}
	}
	d.dlg.Hide()
	for _, o := range above {
		ov.Add(o)
	}
}

// Cancel closes the dialog; nothing is done.
func (d *formDialog) Cancel() { d.dlg.Hide() }

// leave is Cancel and Escape: with typing in the fields it asks first whether to save it,
// forget it or stay (Escape is pressed by mistake, and a form's typing is work).
func (d *formDialog) leave() {
	text := d.typed()
	if text == "" {
		d.OnCancel()
		return
	}
	askUnsaved(d.win, text, d.Submit, func() {}, func() {
		if d.win.Canvas().Overlays().Top() == d.overlay { // still open: Discard, not a Save that closed it
			d.OnCancel()
		}
	})
}

// Show shows the dialog at size (a zero size keeps the dialog's own) with the keyboard in
// its first field.
func (d *formDialog) Show(size fyne.Size) {
	if !size.IsZero() {
		d.dlg.Resize(size)
	}
	d.shown = d.values()
	showDialog(d.win, d.dlg, dialogKeys{ok: func() {
		if d.confirm.Importance != widget.DangerImportance { // Enter ends or removes nothing: only the button does
			d.OnSubmit()
		}
	}, cancel: d.leave, typed: d.typed, keep: d.Submit})
	d.overlay = d.win.Canvas().Overlays().Top()
	for _, f := range d.fields {
		if w, ok := f.widget.(fyne.Focusable); ok {
			if dis, ok := f.widget.(fyne.Disableable); !ok || !dis.Disabled() {
				d.win.Canvas().Focus(w)
				return
			}
		}
	}
}

// values is what each field holds: a text, a choice, a tick.
func (d *formDialog) values() []string {
	out := make([]string, len(d.fields))
	for i, f := range d.fields {
		switch w := f.widget.(type) {
		case *Entry:
			out[i] = w.Text
		case *Select:
			out[i] = w.Selected
		case *Check:
			out[i] = strconv.FormatBool(w.Checked)
		}
	}
	return out
}

// typed says that the dialog holds typing not saved, "" when its fields hold what they
// held when it was shown.
func (d *formDialog) typed() string {
	if slices.Equal(d.values(), d.shown) {
		return ""
	}
	return i18n.T("unsaved.dialog", map[string]any{"Title": d.title})
}
