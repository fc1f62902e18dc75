package ui

import (
	"fyne.io/fyne/v2"

	"pacta/packaging"
)

// AppIcon is the window and About icon.
var AppIcon fyne.Resource = fyne.NewStaticResource("pacta.png", packaging.Icon)
