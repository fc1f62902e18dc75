package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// clauseList edits the workspace's list of sections for a kind of pact: the sections new
// pacts of that kind start with, in order. Each can move up or down, be removed (not one the
// regulation requires), be marked as approved by the second signature, and a section of the
// workspace's own can be added with its title and text in a language.
type clauseList struct {
	sh     *Shell
	kind   *Select
	rows   *fyne.Container
	status *widget.Label
}

func newClauseList(sh *Shell) *clauseList {
	c := &clauseList{sh: sh, rows: container.NewVBox(), status: wrapped("")}
	c.kind = newSelect(translated("pact.kind.", pacts.Kinds), func(string) { c.refresh() })
	c.kind.SetSelectedIndex(0)
	return c
}

func (c *clauseList) kindKey() string { return keyAt(pacts.Kinds, c.kind.SelectedIndex()) }

// update runs a change of the list and shows the list as it is then.
func (c *clauseList) update(f func(tx *model.Tx) error) bool {
	if err := c.sh.WS.Store.Update(c.sh.Ctx, f); err != nil {
		c.status.Importance = widget.DangerImportance
		c.status.SetText(c.sh.reportError(err))
		return false
	}
	c.status.SetText("")
	c.refresh()
	return true
}

func (c *clauseList) refresh() {
	if c.rows == nil {
		return
	}
	db := c.sh.WS.Store.DB()
	cs, err := pacts.Clauses(db, c.kindKey())
	if err != nil {
		c.status.SetText(errorText(err))
		return
	}
	kind := c.kindKey()
	var rows []fyne.CanvasObject
	for i, cl := range cs {
		cl, n := cl, i+1
		label := wrapped(fmt.Sprintf("%d. %s", n, pacts.SectionTitle(db, i18n.Current(), cl.Key)))
		up := newButtonWithIcon("", theme.MoveUpIcon(), func() { c.update(func(tx *model.Tx) error { return pacts.MoveClause(tx, kind, cl.Key, n-1) }) })
		down := newButtonWithIcon("", theme.MoveDownIcon(), func() { c.update(func(tx *model.Tx) error { return pacts.MoveClause(tx, kind, cl.Key, n+1) }) })
		onerous := newCheck(i18n.T("pact.ui.onerous"), nil)
		onerous.SetChecked(cl.Onerous)
		onerous.OnChanged = func(v bool) {
			c.update(func(tx *model.Tx) error { return pacts.SetClauseOnerous(tx, kind, cl.Key, v) })
		}
		remove := newButtonWithIcon("", theme.DeleteIcon(), func() {
			c.update(func(tx *model.Tx) error { return pacts.RemoveClause(tx, kind, cl.Key) })
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(cs)-1 {
			down.Disable()
		}
		if cl.Required {
			remove.Disable()
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(onerous, up, down, remove), label))
	}
	c.rows.Objects = rows
	c.rows.Refresh()
}

// askAdd asks for a section of the workspace's own: key, language, title and text.
func (c *clauseList) askAdd() *formDialog {
	key, title, text := newEntry(), newEntry(), multiLine(6)
	key.SetPlaceHolder(i18n.T("pact.ui.field.section_key.placeholder"))
	lang := newSelect(langNames()[:3], nil)
	lang.SetSelected(langOption(c.sh.WS.Language()))
	if lang.SelectedIndex() < 0 {
		lang.SetSelectedIndex(0)
	}
	fields := []*formField{
		newField(i18n.T("pact.ui.field.section_key"), key, "pact.error.section_key", "pact.error.section_twice"),
		newField(i18n.T("pact.ui.field.lang"), lang),
		newField(i18n.T("pact.ui.field.section_title"), title, "pact.error.section_title_required"),
		newField(i18n.T("pact.ui.field.section_text"), text, "pact.error.template"),
	}
	fields[0].hint = i18n.T("pact.ui.field.section_key.hint")
	d := newFormDialog(c.sh, i18n.T("pact.ui.add_section"), i18n.T("pact.ui.add_section"), i18n.T("pact.ui.clauses.add_intro"), fields, func() error {
		n := pacts.NewClause{Kind: c.kindKey(), Key: key.Text, Lang: langCode(lang.Selected), Title: title.Text, Text: text.Text}
		err := c.sh.WS.Store.Update(c.sh.Ctx, func(tx *model.Tx) error { return pacts.AddClause(tx, n) })
		if err == nil {
			c.refresh()
		}
		return err
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

func (c *clauseList) content() fyne.CanvasObject {
	c.refresh()
	add := newButtonWithIcon(i18n.T("pact.ui.add_section"), theme.ContentAddIcon(), func() { c.askAdd() })
	hint := wrapped(i18n.T("pact.ui.clauses.hint"))
	hint.Importance = widget.LowImportance
	return container.NewBorder(container.NewVBox(c.kind, hint), container.NewVBox(container.NewHBox(add), c.status), nil, nil,
		container.NewVScroll(c.rows))
}

// showClauses opens the workspace's lists of sections.
func showClauses(sh *Shell) *clauseList {
	c := newClauseList(sh)
	d := dialog.NewCustomWithoutButtons(i18n.T("pact.ui.clauses"), c.content(), sh.Window)
	d.SetButtons([]fyne.CanvasObject{newButton(i18n.T("action.close"), func() { d.Hide() })})
	d.Resize(fyne.NewSize(820, 620))
	showDialog(sh.Window, d, dialogKeys{cancel: d.Hide})
	return c
}
