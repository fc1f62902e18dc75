package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/councils"
)

func councilsPageOf(t *testing.T) (*Shell, *councilsPage) {
	t.Helper()
	sh := newTestShell(t)
	sh.Show("councils")
	p, ok := sh.Page("councils").(*councilsPage)
	require.True(t, ok)
	p.now = func() time.Time { return time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC) }
	return sh, p
}

// fieldSays is the message under a dialog's field at index i, "" when none shows.
func fieldSays(d *formDialog, i int) string {
	if f := d.fields[i]; f.msg.Visible() {
		return f.msg.Text
	}
	return ""
}

func TestCouncilsScreenShowsTheSample(t *testing.T) {
	_, p := councilsPageOf(t)
	require.Len(t, p.list, 2)
	c, ok := p.council()
	require.True(t, ok)
	assert.Equal(t, "Fountain District Council", c.Name)
	for _, want := range []string{"Parity holds", "Government", "Civil society", "Paolo Greco", "Rosa Amato", "Officer terms", "Meetings"} {
		assert.True(t, hasText(p.body, want) || hasTextPart(p.body, want), "the page shows %q", want)
	}
}

// hasTextPart reports whether a label or card title under o contains part.
func hasTextPart(o fyne.CanvasObject, part string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		switch w := c.(type) {
		case *widget.Label:
			found = found || strings.Contains(w.Text, part)
		case *widget.Card:
			found = found || strings.Contains(w.Title, part)
		}
	})
	return found
}

func TestCreateACouncilAddMembersAndAssignOfficers(t *testing.T) {
	_, p := councilsPageOf(t)

	// A refusal keeps the dialog open with what was typed, the message under the field.
	d := p.councilForm(nil)
	name := d.fields[0].widget.(*Entry)
	seats := d.fields[8].widget.(*Entry)
	jur := d.fields[2].widget.(*Entry)
	jur.SetText("Kalsa")
	seats.SetText("two")
	require.False(t, d.Submit())
	assert.NotEmpty(t, fieldSays(d, 8), "the seats field says what is wrong")
	assert.Equal(t, "Kalsa", jur.Text, "typing is kept")
	seats.SetText("2")
	require.False(t, d.Submit())
	assert.Contains(t, fieldSays(d, 0), "name", "general: %q, seats: %q", d.general.Text, fieldSays(d, 8))
	name.SetText("Consiglio Kalsa")
	d.fields[4].widget.(*Entry).SetText("2024-02-29")
	d.fields[5].widget.(*Select).SetSelectedIndex(1) // the first Chair from civil society
	require.True(t, d.Submit(), fieldSays(d, 0)+d.general.Text)
	c, ok := p.council()
	require.True(t, ok)
	assert.Equal(t, "Consiglio Kalsa", c.Name)
	assert.EqualValues(t, 2, c.SeatsPerSide)
	assert.Equal(t, councils.Civil, c.FirstChair)

	add := func(who string, side int) *formDialog {
		v, err := p.load(c)
		require.NoError(t, err)
		d := p.memberForm(v)
		d.fields[0].widget.(*Entry).SetText(who) // (fields[1]: the known people offered)
		d.fields[2].widget.(*Select).SetSelectedIndex(side)
		d.fields[4].widget.(*Entry).SetText("2024-02-29")
		d.Submit()
		return d
	}
	for _, m := range []struct {
		name string
		side int
	}{{"Ada Rossi", 0}, {"Bruno Neri", 0}, {"Carla Bianchi", 1}, {"Dario Verdi", 1}} {
		d := add(m.name, m.side)
		require.Empty(t, fieldSays(d, 0)+d.general.Text)
	}
	d = add("ada rossi", 1)
	assert.Contains(t, fieldSays(d, 0), "government side", "the same person on both sides is refused beside the name")
	assert.Equal(t, "ada rossi", d.fields[0].widget.(*Entry).Text)
	assert.True(t, hasTextPart(p.body, "Parity holds"))

	// A name typed is completed from the people seated already (accents and case aside).
	v, err := p.load(c)
	require.NoError(t, err)
	d = p.memberForm(v)
	known := d.fields[1].widget.(*fyne.Container)
	require.False(t, known.Visible(), "nothing offered before anything is typed")
	test.Type(d.fields[0].widget.(*Entry), "carla")
	require.True(t, known.Visible(), "Carla Bianchi is offered")
	require.True(t, hasTextPart(known, "Carla Bianchi"))
	d.Cancel()

	d = p.officersForm(v)
	term := d.fields[0].widget.(*Select)
	require.Equal(t, 1, term.SelectedIndex(), "the term in course (founded 2024, two-year terms), without a Chair yet, is offered first")
	term.SetSelectedIndex(0)
	chair, vice := d.fields[1].widget.(*Select), d.fields[2].widget.(*Select)
	require.Len(t, chair.Options, 2, "the Chair of term 0 comes from civil society: only its members are offered")
	for _, o := range chair.Options {
		assert.Contains(t, o, "civil society")
	}
	chair.SetSelected(chair.Options[0])
	vice.SetSelected(vice.Options[0])
	require.True(t, d.Submit(), d.general.Text)
	ts, err := councils.Schedule(p.db(), c, 0, 2)
	require.NoError(t, err)
	assert.Equal(t, "Carla Bianchi", ts[0].Chair)
	assert.Equal(t, "Ada Rossi", ts[0].ViceChair)
	assert.True(t, hasTextPart(p.body, "Chair: Carla Bianchi"))
}
