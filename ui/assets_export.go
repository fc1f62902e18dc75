// Exporting the registry from its screen: the rows the filters select as CSV, GeoJSON or JSON,
// and the public PDF list of available commons.

package ui

import (
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/errs"
)

// showExport asks for a format, then a file.
func (p *assetsPage) showExport() {
	format := newSelect([]string{"CSV", "GeoJSON", "JSON"}, nil)
	format.SetSelected("CSV")
	hint := widget.NewLabel(i18n.T("asset.export.hint"))
	hint.Wrapping = fyne.TextWrapWord
	showChoice(p.sh.Window, i18n.T("asset.export.title"), i18n.T("action.export"),
		container.NewVBox(labeled(i18n.T("asset.export.format"), format), hint), func(ok bool) {
			if !ok {
				return
			}
			f := strings.ToLower(format.Selected)
			d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
				if err != nil {
					p.sh.ShowError(err)
					return
				}
				if wc == nil {
					return
				}
				n, err := p.exportTo(f, wc)
				if cerr := wc.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					p.sh.ShowError(err)
					return
				}
				p.sh.ShowInfo("asset.export.title", i18n.N("asset.export.done", n, map[string]any{"Name": wc.URI().Name()}))
			}, p.sh.Window)
			d.SetFileName("assets." + f)
			showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
		})
}

// exportTo writes the rows the current filters select.
func (p *assetsPage) exportTo(format string, w io.Writer) (int, error) {
	q := p.query
	q.Limit, q.Offset = 0, 0
	return assets.Export(p.sh.Ctx, p.sh.WS.Store.DB(), q, format, w)
}

// printAvailable saves the public list of available commons as PDF.
func (p *assetsPage) printAvailable() {
	p.sh.saveFileAs(i18n.T("asset.print_available.file")+".pdf", p.writeAvailablePDF, nil)
}

func (p *assetsPage) writeAvailablePDF(w io.Writer) error {
	now := time.Now()
	b, err := assets.AvailableList(p.sh.Ctx, p.sh.WS.Store.DB(), p.sh.WS.Municipality(), i18n.Current(),
		time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return errs.E("print available commons", errs.Unavailable, errs.Key("save.error.write"), err)
	}
	return nil
}
