package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/model"
)

// Two laptops that work offline can give out the same reference number (DESIGN §4). Lists
// mark such a number (dupMark); the asset form and the pact editor say which other record
// holds it and offer to give this one the next free number.

// dupMark follows a reference that another record holds too, in a list.
const dupMark = " ⚠"

// refText is what a form says about its record's reference: the warning that others hold
// it too, and, when this one must keep it (a signed agreement bears it), why. Empty when no
// other record holds it.
type refText struct {
	warning string // "ASSET-0042 is also the number of …"
	keeps   string // shown instead of the button when the rules keep the number
}

// refWarning is the warning line of a duplicated reference, with a button that gives this
// record a new number (after ask confirms) when the rules allow it; nil when the reference
// is not duplicated.
func refWarning(c model.RefCheck, t refText, button string, ask func()) fyne.CanvasObject {
	if !c.Duplicate() {
		return nil
	}
	l := widget.NewLabel(t.warning)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	if !c.Renumberable() {
		keeps := widget.NewLabel(t.keeps)
		keeps.Wrapping = fyne.TextWrapWord
		return container.NewVBox(l, keeps)
	}
	b := newButtonWithIcon(button, theme.WarningIcon(), ask)
	b.Importance = widget.WarningImportance
	return container.NewBorder(nil, nil, nil, container.NewVBox(b), l)
}

// confirmRenumber asks before a record takes a new number, saying what changes.
func confirmRenumber(win fyne.Window, title, text, button, cancel string, ok func()) dialog.Dialog {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	no := newButton(cancel, func() { dlg.Hide() })
	yes := newButtonWithIcon(button, theme.ConfirmIcon(), func() {
		dlg.Hide()
		ok()
	})
	yes.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), no, yes), nil, nil, msg)
	dlg = dialog.NewCustomWithoutButtons(title, body, win)
	dlg.Resize(fyne.NewSize(600, 200))
	showDialog(win, dlg, dialogKeys{ok: yes.OnTapped})
	return dlg
}

// holderNames names the other holders of a reference for a sentence: "Orto Zisa (Zisa);
// Piazza Magione". detail translates a holder's detail (a status) or leaves it.
func holderNames(hs []model.RefHolder, detail func(string) string) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.Name
		if d := detail(h.Detail); d != "" {
			parts[i] += " (" + d + ")"
		}
	}
	return strings.Join(parts, "; ")
}

// renumberRefused is the key of the message for a renumbering the rules refused (the
// record changed meanwhile, by a sync or another window), "" for any other error.
func renumberRefused(err error, notDuplicated, keeps string) string {
	switch {
	case errors.Is(err, model.ErrNotDuplicated):
		return notDuplicated
	case errors.Is(err, model.ErrRefSigned):
		return keeps
	}
	return ""
}
