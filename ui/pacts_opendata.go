// Publishing the register of pacts as open data from the Pacts screen: a CSV or JSON file
// and the datapackage.json that describes it, written beside each other.

package ui

import (
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"pacta/i18n"
	"pacta/pacts"
)

// chooseOpenDataExport asks where to save the open data (.json for JSON, else CSV) and
// writes it off the window's goroutine, with its datapackage.json beside it.
func (p *pactsPage) chooseOpenDataExport() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			p.sh.ShowError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		format := "csv"
		if strings.EqualFold(filepath.Ext(path), ".json") {
			format = "json"
		}
		setLine(p.notice, i18n.T("pact.ui.opendata.running"))
		ws, ctx := p.sh.WS, p.sh.Ctx
		go func() {
			n, err := pacts.ExportOpenData(ctx, ws.Store.DB(), ws.Municipality(), format, path, true, time.Now().UTC().Format(time.RFC3339))
			fyne.Do(func() {
				if err != nil {
					setLine(p.notice, p.sh.reportError(err))
					return
				}
				setLine(p.notice, i18n.N("pact.ui.opendata.done", n, map[string]any{"File": filepath.Base(path)}))
			})
		}()
	}, p.sh.Window)
	d.SetFileName("pacts.csv")
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}
