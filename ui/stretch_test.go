package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"
)

// TestTablesStretchWithTheWindow: the pacts' and the commons' tables are laid out to the
// window's width; in a wide window the titles and names get the room left, in a narrow one
// every column keeps the width its labels need.
func TestTablesStretchWithTheWindow(t *testing.T) {
	for _, c := range []struct {
		screen string
		base   func(col int) float32
		weight []float32
	}{
		{"pacts", func(i int) float32 { return pactColumnWidth(i, pactColumns[i].width) }, pactColumnWeights},
		{"assets", func(i int) float32 { return assetColumnWidth(i, assetColumns[i].width) }, []float32{0, 3, 0, 1, 0, 0}},
	} {
		t.Run(c.screen, func(t *testing.T) {
			sh := newTestShell(t)
			sh.Show(c.screen)
			sh.Window.Resize(fyne.NewSize(1920, 1000))
			var l *stretchLayout
			walk(sh.Window.Content(), func(o fyne.CanvasObject) {
				if ct, ok := o.(*fyne.Container); ok {
					if s, ok := ct.Layout.(*stretchLayout); ok {
						l = s
					}
				}
			})
			require.NotNil(t, l, "the table is in a stretching container")
			require.Greater(t, l.last, float32(1400), "laid out to the wide window")
			wide := stretchWidths(l.last, c.base, c.weight)
			require.Greater(t, wide[1], c.base(1)+100, "a wide window widens the title or name")
			require.Equal(t, c.base(0), wide[0], "the reference keeps its width")
			for i, w := range stretchWidths(600, c.base, c.weight) {
				require.Equal(t, c.base(i), w, "a narrow window keeps every column's width")
			}
		})
	}
}
