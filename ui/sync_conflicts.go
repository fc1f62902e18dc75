// The Sync screen's conflicts: each value named by the laptop that wrote it, and the
// decisions.

package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/internal/replica"
	"pacta/model"
)

func (p *syncPage) showConflicts() {
	cs, err := replica.ListConflicts(p.sh.WS.Store.DB(), true)
	if err != nil {
		setLine(p.problem, errorText(err))
		return
	}
	var objs []fyne.CanvasObject
	if len(cs) == 0 {
		objs = append(objs, widget.NewLabel(i18n.T("sync.conflicts.none")))
	}
	db, self := p.sh.WS.Store.DB(), p.sh.WS.Identity.Device
	for _, c := range cs {
		c := c
		what, field := app.ConflictSubject(db, c)
		local, incoming := app.LaptopTitle(db, c.LocalDevice, self), app.LaptopTitle(db, c.IncomingDevice, self)
		keep := func(device string) string {
			if device == self {
				return i18n.T("sync.keep_this")
			}
			return i18n.T("sync.keep_laptop", map[string]any{"Name": app.LaptopName(db, device, self)})
		}
		if removal, edit, ok := app.IsRemoval(c); ok {
			// One laptop removed the record while another edited it: keep it removed, or
			// bring it back with the edit (which is kept in the record either way).
			removedOn, editedOn := app.LaptopName(db, app.SideDevice(c, removal), self), app.LaptopName(db, app.SideDevice(c, edit), self)
			title := wrappedLabel(what + " · " + i18n.T("sync.removal.title", map[string]any{"Removed": removedOn, "Edited": editedOn}))
			title.TextStyle = fyne.TextStyle{Bold: true}
			subject := what
			buttons := container.NewHBox(
				newButton(i18n.T("sync.keep_removed"), func() {
					p.askResolve(c.ID, app.SideDevice(c, removal), i18n.T("sync.resolve.keep_removed", map[string]any{"Subject": subject}))
				}),
				newButton(i18n.T("sync.restore_edit"), func() {
					p.askResolve(c.ID, app.SideDevice(c, edit), i18n.T("sync.resolve.restore", map[string]any{"Subject": subject, "Laptop": editedOn}))
				}))
			objs = append(objs, title, detectedLabel(c), buttons, widget.NewSeparator())
			continue
		}
		title := widget.NewLabelWithStyle(what+" · "+field, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		lv := wrappedLabel(app.ConflictValue(c.Field, c.LocalValue))
		iv := wrappedLabel(app.ConflictValue(c.Field, c.IncomingValue))
		sides := container.NewGridWithColumns(2,
			widget.NewCard(local, "", lv),
			widget.NewCard(incoming, "", iv))
		subject := what + " · " + field
		keepText := func(v model.RawJSON) string {
			return i18n.T("sync.resolve.keep", map[string]any{"Value": app.ConflictValue(c.Field, v), "Subject": subject})
		}
		buttons := container.NewHBox(
			newButton(keep(c.LocalDevice), func() { p.askResolve(c.ID, c.LocalDevice, keepText(c.LocalValue)) }),
			newButton(keep(c.IncomingDevice), func() { p.askResolve(c.ID, c.IncomingDevice, keepText(c.IncomingValue)) }),
			newButton(i18n.T("action.edit"), func() { p.editConflict(c) }))
		if w, err := model.FieldWriter(db, c.Table, c.Row, c.Field); err == nil &&
			w != (model.Writer{Device: c.LocalDevice, Seq: c.LocalSeq}) && w != (model.Writer{Device: c.IncomingDevice, Seq: c.IncomingSeq}) {
			// Both values were changed since (three laptops or more wrote the field):
			// only the value in place now, or a typed one, may be kept.
			now, _ := replica.InPlace(db, c)
			objs = append(objs, title, detectedLabel(c), sides, wrappedLabel(i18n.T("sync.conflict.stale", map[string]any{"Value": app.ConflictValue(c.Field, now)})),
				container.NewHBox(newButton(i18n.T("sync.keep_in_place"), func() { p.askResolve(c.ID, replica.KeepInPlace, keepText(now)) }),
					newButton(i18n.T("action.edit"), func() { p.editConflict(c) })), widget.NewSeparator())
			continue
		}
		objs = append(objs, title, detectedLabel(c), sides, buttons, widget.NewSeparator())
	}
	p.conflict.Objects = objs
	p.conflict.Refresh()
}

// detectedLabel says when a conflict was found, in local time.
func detectedLabel(c replica.Conflict) fyne.CanvasObject {
	return hintLabel(i18n.T("sync.conflict.detected", map[string]any{"When": formatWhen(c.Detected)}))
}

// askResolve asks before settling a conflict (text says what is kept, and that the other
// value goes, here and on the other laptops), then settles it.
func (p *syncPage) askResolve(id int64, keep, text string) dialog.Dialog {
	return confirmAction(p.sh.Window, i18n.T("sync.resolve.title"), text, i18n.T("sync.resolve.button"), false,
		func() { p.resolve(id, keep, nil) })
}

func (p *syncPage) resolve(id int64, keep string, value model.RawJSON) {
	p.sh.ShowError(p.settle(id, keep, value))
}

// settle settles conflict id, keeping keep's value (or value); a conflict whose field
// changed since is refused, and the screen shows it as it is now.
func (p *syncPage) settle(id int64, keep string, value model.RawJSON) error {
	err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, id, keep, value) })
	if errors.Is(err, replica.ErrStaleConflict) {
		p.Reload()
		return errs.E(errs.Conflict, errs.Key("sync.error.stale"))
	}
	if err != nil {
		return err
	}
	p.sh.Changed()
	return nil
}

// editConflict lets a person type the value to keep (as JSON, shown decoded for text).
func (p *syncPage) editConflict(c replica.Conflict) {
	_, field := app.ConflictSubject(p.sh.WS.Store.DB(), c)
	text, isText := app.ConflictText(c.LocalValue)
	if !isText {
		text = string(c.LocalValue)
	}
	askText(p.sh, i18n.T("sync.edit_value"), i18n.T("sync.resolve.edited"), field, i18n.T("sync.resolve.button"), text, nil, func(typed string) error {
		v := model.RawJSON(typed)
		if isText {
			v = app.TextValue(typed)
		}
		return p.settle(c.ID, replica.KeepEdited, v)
	})
}
