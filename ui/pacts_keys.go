package ui

import "fyne.io/fyne/v2"

// SwitchTab shows the open pact's next or previous tab (Ctrl+Page Down, Ctrl+Page Up;
// TabSwitcher): Fyne's tabs cannot take the keyboard. The list has no tabs.
func (p *pactsPage) SwitchTab(delta int) {
	if p.editor != nil {
		p.editor.switchTab(delta)
	}
}

// switchTab shows the tab delta places away, round the ends, with the keyboard in its
// first field (a field of a tab out of sight would take the typing otherwise).
func (e *pactEditor) switchTab(delta int) {
	if e.tabs == nil || len(e.tabs.Items) == 0 {
		return
	}
	n := len(e.tabs.Items)
	i := ((e.tabs.SelectedIndex()+delta)%n + n) % n
	e.tabs.SelectIndex(i)
	c := e.sh.Window.Canvas()
	c.Unfocus()
	var first fyne.Focusable
	switch i {
	case 0:
		first = e.title
	case 1:
		first = e.partyName
	case 2:
		first = e.assetRef
	case 3:
		first = e.sectionList
	case 4:
		first = e.supportKind
	case 5:
		first = e.indName
	}
	if d, ok := first.(fyne.Disableable); first == nil || (ok && d.Disabled()) {
		return
	}
	c.Focus(first)
}
