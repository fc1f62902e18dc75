package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// deleteButtons are the remove buttons (a bin, no label) under o.
func deleteButtons(o fyne.CanvasObject) []*Button {
	var out []*Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*Button); ok && b.Text == "" && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() && !b.Disabled() {
			out = append(out, b)
		}
	})
	return out
}

// TestRemovalsAreConfirmed: removing a party, an asset link, a form of support or an
// indicator of a pact asks first, naming what goes and what follows; Cancel (or Escape)
// removes nothing, the confirmation's button removes it.
func TestRemovalsAreConfirmed(t *testing.T) {
	sh, e := openDraftEditor(t)
	id := e.d.Pact.ID
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		if err := pacts.AddSupport(tx, id, model.PactSupport{Kind: pacts.SupportKinds[0], Details: "Rakes"}); err != nil {
			return err
		}
		return pacts.AddIndicator(tx, id, model.PactIndicator{Name: "Trees planted", Unit: "trees", Target: 40})
	}))
	e.reload()
	count := func() map[string]int {
		d, err := pacts.Load(sh.WS.Store.DB(), id)
		require.NoError(t, err)
		return map[string]int{"party": len(d.Parties), "asset": len(d.Assets), "support": len(d.Support), "indicator": len(d.Indicators)}
	}
	c := sh.Window.Canvas()
	kinds := map[string]bool{}
	for i := range e.tabs.Items {
		for {
			bs := deleteButtons(e.tabs.Items[i].Content)
			if len(bs) == 0 {
				break
			}
			before := count()
			test.Tap(bs[0])
			dlg := topDialog(t, sh)
			kind := ""
			for k := range before {
				if hasText(dlg, i18n.T("confirm.remove."+k+".title")) || hasTextPrefix(dlg, i18n.T("confirm.remove."+k+".title")) {
					kind = k
				}
			}
			require.NotEmpty(t, kind, "the confirmation says what is removed")
			require.True(t, i18n.Default().Has("confirm.remove."+kind+".text"), kind)
			pressKey(c, fyne.KeyEscape, 0)
			require.Equal(t, before, count(), "Escape removes nothing")
			test.Tap(bs[0])
			tapButton(t, topDialog(t, sh), i18n.T("confirm.remove_button"))
			after := count()
			require.Equal(t, before[kind]-1, after[kind], kind)
			kinds[kind] = true
			e = sh.Page("pacts").(*pactsPage).editor
		}
	}
	require.True(t, kinds["party"] && kinds["support"] && kinds["indicator"], "%v", kinds)
}

// TestTemplateResetIsConfirmed: Reset puts the default text back only once confirmed.
func TestTemplateResetIsConfirmed(t *testing.T) {
	sh := newTestShell(t)
	te := newTemplateEditor(sh)
	te.text.SetText("Our own wording.")
	require.True(t, te.save(te.text.Text))
	sh.Window.SetContent(te.content())
	var reset *Button
	walk(sh.Window.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*Button); ok && b.Text == i18n.T("pact.ui.template_reset") {
			reset = b
		}
	})
	require.NotNil(t, reset)
	test.Tap(reset)
	require.True(t, hasText(topDialog(t, sh), i18n.T("confirm.reset_template.text")))
	tapButton(t, topDialog(t, sh), i18n.T("action.cancel"))
	te.load()
	require.Equal(t, "Our own wording.", te.text.Text)
	test.Tap(reset)
	tapButton(t, topDialog(t, sh), i18n.T("pact.ui.template_reset"))
	require.NotEqual(t, "Our own wording.", te.text.Text)
}

// TestFilingAReportIsConfirmed: a filed report cannot be changed or removed, so the button
// asks first; Cancel files nothing.
func TestFilingAReportIsConfirmed(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	p.status.SetSelected("Active")
	p.Open(p.items[0].ID)
	e := p.editor
	n := len(e.d.Reports)
	e.tabs.SelectIndex(5) // monitoring
	e.repPeriod.SetText("Q3")
	e.repHours.SetText("12")
	tapButton(t, e.outer, i18n.T("pact.ui.file_report"))
	require.True(t, hasText(topDialog(t, sh), i18n.T("confirm.file_report.text", map[string]any{"Period": "Q3"})))
	tapButton(t, topDialog(t, sh), i18n.T("action.cancel"))
	require.Len(t, e.d.Reports, n)
	tapButton(t, e.outer, i18n.T("pact.ui.file_report"))
	tapButton(t, topDialog(t, sh), i18n.T("pact.ui.file_report"))
	require.Len(t, p.editor.d.Reports, n+1)
}
