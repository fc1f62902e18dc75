package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"pacta/i18n"
	"pacta/model"
)

// The pact editor's inline forms (a party, an asset, a form of support, an indicator, a
// report) are fieldSets: a refusal keeps every field as typed and shows its message under
// the field at fault, or under the form when no field is; the editor's header line says
// nothing of it.

// inlineForm lays out the fields of the form name, and makes it the one its refusals show in.
func (e *pactEditor) inlineForm(name string, fields ...*formField) fyne.CanvasObject {
	if e.forms == nil {
		e.forms = map[string]*fieldSet{}
	}
	fs := newFieldSet(e.errorSentence, fields)
	e.forms[name] = fs
	return container.NewVBox(fs.form(), fs.general)
}

// failForm shows err in the form name (under its fields), or in the editor's header line
// when the editor has no such form; it reports whether there was an error.
func (e *pactEditor) failForm(name string, err error) bool {
	fs := e.forms[name]
	if fs == nil {
		return e.fail(err)
	}
	e.fail(nil)
	return fs.show(err)
}

// failBoth shows err in the form name and in the header line too: for a save made from
// another tab (Ctrl+S, leaving the editor), where the form may not be on screen.
func (e *pactEditor) failBoth(name string, err error) bool {
	if fs := e.forms[name]; fs != nil {
		fs.show(err)
	}
	return e.fail(err)
}

// errorSentence is err as the editor says it: an asset's number that two laptops gave out
// names the laptops, as the command line cannot.
func (e *pactEditor) errorSentence(err error) string {
	var amb *model.AmbiguousRefError
	if errors.As(err, &amb) {
		return i18n.T("pact.ui.asset_ref_ambiguous", map[string]any{"Ref": amb.Ref, "Count": len(amb.Holders),
			"Others": holderNames(amb.Holders, func(d string) string { return d })})
	}
	return e.sh.reportError(err)
}
