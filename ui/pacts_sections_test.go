package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/pacts"
)

// TestPactEditorAddsASection: the user adds a section of the pact's own after the one
// selected; a key used twice is refused under its field with the typing kept; the new
// section is numbered in its place and shows in the list.
func TestPactEditorAddsASection(t *testing.T) {
	sh, e := openDraftEditor(t)
	e.showSection("roles")
	d := e.askAddSection()
	key, title, text := d.fields[0].widget.(*Entry), d.fields[1].widget.(*Entry), d.fields[2].widget.(*Entry)
	test.Type(key, "risks")
	test.Type(title, "Orari di apertura")
	test.Type(text, "Aperto il sabato.")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh), "refused: the dialog stays")
	require.NotEmpty(t, fieldMessage(d, i18n.T("pact.ui.field.section_key")), "the key is used already")
	require.Equal(t, "Aperto il sabato.", text.Text, "the typing stays")
	key.SetText("open_hours")
	test.Tap(d.confirm)
	keys := e.sectionKeys()
	require.Equal(t, "open_hours", keys[indexOf(keys, "roles")+1], "after the section selected")
	require.Equal(t, "open_hours", e.sectionKey, "the new section is shown")
	require.Equal(t, "Aperto il sabato.", e.sectionText.Text)
	require.Contains(t, listText(e, "open_hours"), "4. Orari di apertura")
	require.Contains(t, listText(e, "monitoring"), "5. ", "the sections after it are numbered again")
}

// TestPactEditorInsertsAField: a field chosen from the menu goes in where the cursor is, and
// the preview shows its value.
func TestPactEditorInsertsAField(t *testing.T) {
	_, e := openDraftEditor(t)
	e.showSection("risks")
	e.sectionText.SetText("Vigila ")
	e.sectionText.CursorRow, e.sectionText.CursorColumn = 0, len([]rune("Vigila "))
	e.insertField.SetSelectedIndex(indexOf(pacts.FieldNames(), "Proponent"))
	require.Equal(t, "Vigila [Proponent]", e.sectionText.Text, "a field shows as a token, not as template code")
	require.Equal(t, -1, e.insertField.SelectedIndex(), "the menu is ready for the next field")
	var proponent string
	for _, p := range e.d.Parties {
		if p.Role == pacts.RoleProponent {
			proponent = p.Name
			break
		}
	}
	require.True(t, strings.HasPrefix(e.preview.Text, "Vigila "+proponent), e.preview.Text)
	require.True(t, e.saveSection(), e.message.Text)
	s, _ := e.d.Section("risks")
	require.Equal(t, "Vigila {{.Proponent}}", s.Text, "stored as its template")
	require.Equal(t, "Vigila [Proponent]", e.sectionText.Text)
	// A default text shows no template code; a field misspelt is said in the preview.
	e.showSection("duration")
	require.NotContains(t, e.sectionText.Text, "{{")
	require.Contains(t, e.sectionText.Text, "[Duration]")
	e.sectionText.SetText("Per [Propnent].")
	require.Contains(t, e.preview.Text, "[Propnent]")
	require.Equal(t, widget.DangerImportance, e.preview.Importance)
}

// TestWorkspaceSectionLists: the lists of sections new pacts start with are reordered, cut
// and extended from the templates' dialog; a required section cannot be removed.
func TestWorkspaceSectionLists(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("pacts")
	c := showClauses(sh)
	require.Len(t, c.rows.Objects, len(pacts.SectionKeys))
	buttons := func(i int) []fyne.CanvasObject {
		return c.rows.Objects[i].(*fyne.Container).Objects[1].(*fyne.Container).Objects
	}
	// The last section moves up one place; the first cannot be removed (it is required).
	test.Tap(buttons(len(pacts.SectionKeys) - 1)[1].(*Button))
	require.True(t, buttons(0)[3].(*Button).Disabled())
	cs, err := pacts.Clauses(sh.WS.Store.DB(), pacts.Ordinary)
	require.NoError(t, err)
	require.Equal(t, "privacy", cs[len(cs)-2].Key)
	d := c.askAdd()
	test.Type(d.fields[0].widget.(*Entry), "open_hours")
	test.Type(d.fields[2].widget.(*Entry), "Orari")
	test.Type(d.fields[3].widget.(*Entry), "Aperto per [the Proponents].")
	test.Tap(d.confirm)
	require.Empty(t, c.status.Text)
	cs, err = pacts.Clauses(sh.WS.Store.DB(), pacts.Ordinary)
	require.NoError(t, err)
	require.Equal(t, "open_hours", cs[len(cs)-1].Key)
	require.Len(t, c.rows.Objects, len(pacts.SectionKeys)+1)
	text, err := pacts.TemplateText(sh.WS.Store.DB(), langCode(d.fields[1].widget.(*Select).Selected), "open_hours")
	require.NoError(t, err)
	require.Equal(t, "Aperto per {{the .Proponents}}.", text)
}
