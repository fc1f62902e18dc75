package ui

import (
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/procurement"
)

// bidsTab lists the bids and imports or adds them.
func (p *procurementPage) bidsTab(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	loc := i18n.In(i18n.Current())
	rows := []fyne.CanvasObject{}
	for _, b := range r.Bids {
		what := []string{i18n.T("procurement.bidder_type." + orOther(b.BidderType)), procurement.Money(loc, b.Price, c.Currency)}
		if b.Lot != "" {
			what = append([]string{b.Lot}, what...)
		}
		if b.SubmittedAt != "" {
			what = append(what, formatWhen(b.SubmittedAt))
		}
		rows = append(rows, wrappedLabel(b.Bidder+" — "+strings.Join(what, " · ")))
	}
	if len(rows) == 0 {
		rows = append(rows, wrappedLabel(i18n.T("procurement.ui.no_bids")))
	}
	imp := newButtonWithIcon(i18n.T("procurement.ui.import_bids"), theme.UploadIcon(), func() { p.chooseBids(c) })
	add := newButtonWithIcon(i18n.T("procurement.ui.add_bid"), theme.ContentAddIcon(), func() { p.bidForm(c, r) })
	if c.Status != procurement.OpenStatus && c.Status != procurement.Evaluation {
		imp.Disable()
		add.Disable()
		rows = append([]fyne.CanvasObject{hintLabel(i18n.T("procurement.ui.bids_when"))}, rows...)
	}
	return container.NewBorder(container.NewHBox(imp, add), nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

func orOther(t string) string {
	if t == "" {
		return "unknown"
	}
	return t
}

// chooseBids imports a bids CSV chosen on the disk.
func (p *procurementPage) chooseBids(c model.ProcurementCall) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		p.importBids(c, path)
	}, p.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt"}))
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

// importBids imports the bids of a CSV file; a refusal names the line and writes nothing.
func (p *procurementPage) importBids(c model.ProcurementCall, path string) {
	f, err := os.Open(path)
	if err != nil {
		p.say(p.sh.reportError(errs.E(errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": path}, err)), true)
		return
	}
	defer f.Close()
	var added, updated int
	err = p.write(func(tx *model.Tx) error {
		bids, err := procurement.ReadBids(tx, c, f)
		if err != nil {
			return err
		}
		added, updated, err = procurement.ImportBids(tx, c, bids)
		return err
	})
	if err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	p.say(i18n.T("procurement.ui.bids_imported", map[string]any{"Added": added, "Updated": updated}), false)
}

// bidForm adds one bid by hand: the bidder, its type, lot and price, and the call's gates
// and quantities.
func (p *procurementPage) bidForm(c model.ProcurementCall, r procurement.Report) *formDialog {
	bidder := newEntry()
	typ := newSelect(translated("procurement.bidder_type.", procurement.BidderTypes), nil)
	typ.SetSelectedIndex(0)
	lot := newSelect(r.Snapshot.Lots, nil)
	price := newAmountEntry("procurement.field.price")
	submitted := newEntry()
	submitted.SetText(p.now().UTC().Format("2006-01-02 15:04"))
	// Bidders of earlier calls are offered as the name is typed, with their type.
	var known []model.ProcurementBid
	names := newSuggestions(bidder, func(text string) ([]string, error) {
		var err error
		if known, err = procurement.KnownBidders(p.db(), text, pickerRows); err != nil {
			return nil, err
		}
		lines := make([]string, len(known))
		for i, b := range known {
			lines[i] = b.Bidder + " (" + i18n.T("procurement.bidder_type."+b.BidderType) + ")"
		}
		return lines, nil
	})
	names.OnChosen = func(i int) {
		bidder.SetText(known[i].Bidder)
		if j := indexOf(procurement.BidderTypes, known[i].BidderType); j >= 0 {
			typ.SetSelectedIndex(j)
		}
	}
	fields := []*formField{
		newField(i18n.T("procurement.field.bidder"), bidder, "procurement.error.bidder_required", "procurement.error.bid_twice"),
		newField("", names.box),
		newField(i18n.T("procurement.field.bidder_type"), typ),
	}
	if len(r.Snapshot.Lots) > 0 {
		fields = append(fields, newField(i18n.T("procurement.field.lot"), lot, "procurement.error.lot_required", "procurement.error.lot_unknown"))
	}
	fields = append(fields, newField(i18n.T("procurement.field.price"), price, "procurement.field.price", "procurement.error.price"),
		newField(i18n.T("procurement.field.submitted_at"), submitted, "procurement.error.submitted_at"))
	gates := map[string]*Check{}
	qty := map[string]*Entry{}
	for _, k := range r.Snapshot.Criteria {
		switch k.Kind {
		case procurement.Gate:
			gates[k.Key] = newCheck(k.Title, nil)
			fields = append(fields, newField("", gates[k.Key]))
		case procurement.Quantity:
			qty[k.Key] = newAmountEntry("procurement.field.quantity").called(k.Title)
			fields = append(fields, newField(k.Title+" ("+k.Unit+")", qty[k.Key], k.Title))
		}
	}
	d := newFormDialog(p.sh, i18n.T("procurement.ui.add_bid"), i18n.T("action.save"), "", fields, func() error {
		all := []*Entry{price}
		for _, e := range qty {
			all = append(all, e)
		}
		if err := checkFields(all...); err != nil {
			return err
		}
		// The form writes one line of a bids file, so that it is checked as an import is.
		head := []string{"bidder", "type", "lot", "price", "submitted_at"}
		// Numbers go as the file's reader reads them, not as typed ("45.000" is 45000 in Spanish).
		vals := []string{bidder.Text, keyAt(procurement.BidderTypes, typ.SelectedIndex()), lot.Selected, amountText(price), submitted.Text}
		for k, ch := range gates {
			head, vals = append(head, "gate:"+k), append(vals, strconv.FormatBool(ch.Checked))
		}
		for k, e := range qty {
			head, vals = append(head, "q:"+k), append(vals, amountText(e))
		}
		line := csvLine(head) + csvLine(vals)
		return p.write(func(tx *model.Tx) error {
			bids, err := procurement.ReadBids(tx, c, strings.NewReader(line))
			if err != nil {
				return err
			}
			_, _, err = procurement.ImportBids(tx, c, bids)
			return err
		})
	})
	d.Show(fyne.NewSize(640, 0))
	p.last = d
	return d
}

// csvLine writes one CSV line.
func csvLine(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
	}
	return strings.Join(out, ",") + "\n"
}

// amountText is what an amount field holds, as a bids file writes numbers ("" when empty).
func amountText(e *Entry) string {
	if strings.TrimSpace(e.Text) == "" {
		return ""
	}
	f, _ := e.Float()
	return strconv.FormatFloat(f, 'f', -1, 64)
}
