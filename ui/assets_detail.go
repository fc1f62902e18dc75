package ui

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
)

// assetForm edits one asset. Validation comes from the assets package; the form shows
// each problem beside its field and in a summary.
type assetForm struct {
	sh      *Shell
	a       model.Asset
	entries map[string]*Entry
	selects map[string]*Select
	checks  map[string]*Check
	problem *widget.Label
	header  *widget.Label   // the reference
	refBox  *fyne.Container // what showRef says about it
	photos  *fyne.Container
	pacts   *fyne.Container
	addPh   *Button
	dlg     dialog.Dialog
	onSaved func()
	onGone  func(text string) // the asset is no longer in the workspace: the list says text
}

var assetTextFields = []string{"name", "address", "district", "municipality", "region", "territory", "lat", "lon", "owner",
	"control_rights", "community", "licence", "heritage", "tags", "source_id"}

// newAssetForm builds the form for the asset with id, or for a new one when id is "".
func newAssetForm(sh *Shell, id string) (*assetForm, error) {
	f := &assetForm{sh: sh, entries: map[string]*Entry{}, selects: map[string]*Select{}, checks: map[string]*Check{}}
	if id != "" {
		a, err := model.LoadAsset(sh.WS.Store.DB(), id)
		if err != nil {
			return nil, err
		}
		f.a = a
	} else {
		f.a = model.Asset{Kind: "", Municipality: sh.WS.Municipality(), Protection: "none", Availability: "available"}
	}
	for _, k := range assetTextFields {
		f.entries[k] = newEntry()
	}
	f.entries["description"] = multiLine(3)
	// Coordinates are refused as typed when they are not numbers in range (collect too).
	f.entries["lat"] = newDecimalEntry(assets.FieldLabelKey("lat")).within(-90, 90)
	f.entries["lon"] = newDecimalEntry(assets.FieldLabelKey("lon")).within(-180, 180)
	for field, codes := range map[string][]string{"kind": model.AssetKinds, "availability": model.Availabilities,
		"protection": model.Protections, "ownership": model.Ownerships} {
		opts := []string{}
		for _, c := range codes {
			opts = append(opts, assets.Label(field, c))
		}
		f.selects[field] = newSelect(opts, nil)
	}
	f.checks["designated"] = newCheck(i18n.T("asset.field.designated"), nil)
	f.checks["reserved"] = newCheck(i18n.T("asset.field.reserved"), nil)
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.photos = container.NewHBox()
	f.pacts = container.NewVBox()
	f.addPh = newButtonWithIcon(i18n.T("asset.photo.add"), theme.ContentAddIcon(), f.choosePhoto)
	f.header = widget.NewLabelWithStyle(f.a.Ref, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.refBox = container.NewVBox()
	f.fill()
	f.showRef()
	return f, nil
}

// showRef shows the asset's reference and, when another asset holds it too (two laptops
// gave out the same number offline), a warning with the button that gives this one a new
// number.
func (f *assetForm) showRef() {
	f.header.SetText(f.a.Ref)
	f.refBox.Objects = nil
	defer f.refBox.Refresh()
	if f.a.ID == "" {
		return
	}
	c, err := assets.CheckRef(f.sh.WS.Store.DB(), f.a.ID)
	if err != nil {
		return // deleted meanwhile: the form says so when it is saved
	}
	others := holderNames(c.Others, func(d string) string { return d })
	t := refText{
		warning: i18n.N("asset.ref.duplicate", len(c.Others), map[string]any{"Ref": c.Ref, "Others": others}),
		keeps:   i18n.T("asset.ref.keeps_signed", map[string]any{"Ref": c.Ref}),
	}
	if w := refWarning(c, t, i18n.T("asset.ref.renumber"), func() { f.askRenumber(c) }); w != nil {
		f.refBox.Add(w)
	}
}

// askRenumber asks, then gives the asset the next free number of the registry; the others
// keep the number they share.
func (f *assetForm) askRenumber(c model.RefCheck) {
	others := holderNames(c.Others, func(d string) string { return d })
	text := i18n.N("asset.ref.renumber.confirm", len(c.Others), map[string]any{"Ref": c.Ref, "Name": f.a.Name, "Others": others})
	confirmRenumber(f.sh.Window, i18n.T("asset.ref.renumber.title", map[string]any{"Name": f.a.Name}), text,
		i18n.T("asset.ref.renumber"), i18n.T("action.cancel"), func() { f.renumber() })
}

// renumber gives the asset a new number and shows it.
func (f *assetForm) renumber() {
	old := f.a.Ref
	after, err := assets.Renumber(f.sh.Ctx, f.sh.WS.Store, old, f.a.ID)
	if err != nil {
		f.problem.Importance = widget.DangerImportance
		if key := renumberRefused(err, "asset.ref.not_duplicated", "asset.ref.keeps_signed"); key != "" {
			f.problem.SetText(i18n.T(key, map[string]any{"Ref": old}))
		} else {
			f.problem.SetText(f.sh.reportError(err))
		}
		f.showRef()
		return
	}
	// Only the reference changed: what is typed in the form stays, over the same base.
	f.a.Ref = after.Ref
	if f.onSaved != nil {
		f.onSaved()
	}
	f.showRef()
	done := widget.NewLabel(i18n.T("asset.ref.renumbered", map[string]any{"Ref": old, "New": after.Ref}))
	done.Importance = widget.MediumImportance
	f.refBox.Add(done) // where the warning was, until the next change
}

func fmtCoord(p *float64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%.6f", *p)
}

// fill puts the asset's values into the widgets.
func (f *assetForm) fill() { f.fillWith(f.a) }

// fillWith puts a's values into the widgets. An entry that already shows its value is left
// alone, so that the one being typed in keeps its cursor.
func (f *assetForm) fillWith(a model.Asset) {
	vals := map[string]string{"name": a.Name, "address": a.Address, "district": a.District, "municipality": a.Municipality,
		"region": a.Region, "territory": a.Territory, "lat": fmtCoord(a.Lat), "lon": fmtCoord(a.Lon), "owner": a.Owner,
		"control_rights": a.ControlRights, "community": a.Community, "licence": a.Licence, "heritage": a.Heritage,
		"tags": a.Tags, "source_id": a.SourceID, "description": a.Description}
	for k, v := range vals {
		if f.entries[k].Text != v {
			f.entries[k].SetText(v)
		}
	}
	for field, code := range map[string]string{"kind": a.Kind, "availability": a.Availability, "protection": a.Protection, "ownership": a.Ownership} {
		if code != "" {
			f.selects[field].SetSelected(assets.Label(field, code))
		}
	}
	f.checks["designated"].SetChecked(a.Designated)
	f.checks["reserved"].SetChecked(a.Reserved)
	f.loadLinks()
}

// changedElsewhere follows a change made while the form is open (a sync, another window):
// the fields the user has not typed in show the asset as stored now, what they typed stays
// (with the values it began from, so that saving still finds the other edit), and the form
// says so. With a coordinate that does not read as a number the form stays as it is: the
// save merges all the same.
func (f *assetForm) changedElsewhere() {
	if f.a.ID == "" {
		return
	}
	defer f.showRef() // another asset may have taken or left its number
	fresh, err := model.LoadAsset(f.sh.WS.Store.DB(), f.a.ID)
	if errors.Is(err, model.ErrAssetNotFound) || err == nil && fresh.Deleted {
		f.vanished()
		return
	}
	if err != nil || reflect.DeepEqual(fresh, f.a) {
		return
	}
	typed, bad := f.collect()
	unsaved := len(bad) > 0 || !reflect.DeepEqual(typed, f.a)
	if len(bad) == 0 {
		var shown model.Asset
		shown, f.a = rebase(f.a, typed, fresh)
		f.fillWith(shown)
	}
	if unsaved {
		f.problem.Importance = widget.WarningImportance
		f.problem.SetText(i18n.T("asset.changed_elsewhere"))
	}
}

// collect reads the widgets into a copy of the asset. Coordinates that are not numbers
// are reported like any other problem.
func (f *assetForm) collect() (model.Asset, assets.ValidationError) {
	a := f.a
	get := func(k string) string { return f.entries[k].Text }
	a.Name, a.Address, a.District, a.Municipality = get("name"), get("address"), get("district"), get("municipality")
	a.Region, a.Territory, a.Owner, a.ControlRights = get("region"), get("territory"), get("owner"), get("control_rights")
	a.Community, a.Licence, a.Heritage, a.Tags, a.SourceID = get("community"), get("licence"), get("heritage"), get("tags"), get("source_id")
	a.Description = get("description")
	codes := map[string][]string{"kind": model.AssetKinds, "availability": model.Availabilities, "protection": model.Protections, "ownership": model.Ownerships}
	a.Kind = enumCode("kind", codes["kind"], f.selects["kind"].Selected)
	a.Availability = enumCode("availability", codes["availability"], f.selects["availability"].Selected)
	a.Protection = enumCode("protection", codes["protection"], f.selects["protection"].Selected)
	a.Ownership = enumCode("ownership", codes["ownership"], f.selects["ownership"].Selected)
	a.Designated, a.Reserved = f.checks["designated"].Checked, f.checks["reserved"].Checked
	var bad assets.ValidationError
	for _, c := range []struct {
		k   string
		dst **float64
	}{{"lat", &a.Lat}, {"lon", &a.Lon}} {
		s := strings.TrimSpace(get(c.k))
		if s == fmtCoord(*c.dst) {
			continue // as shown: keep the stored value, with all its digits
		}
		*c.dst = nil
		if s == "" {
			continue
		}
		v, err := assets.ParseNumber(s)
		if err != nil {
			bad = append(bad, assets.FieldError{Field: c.k, Key: "asset.import.bad_coordinates", Data: map[string]any{"Value": s}})
			continue
		}
		*c.dst = &v
	}
	return a, bad
}

// save validates and writes; it returns the problems shown, nil when saved.
func (f *assetForm) save() error {
	a, bad := f.collect()
	for _, e := range f.entries {
		e.SetValidationError(nil)
	}
	if len(bad) > 0 {
		f.showProblems(bad)
		return bad
	}
	// The form writes what its user changed since it opened, so that an edit a sync brought
	// meanwhile is not written over with the values the form showed before it.
	var err error
	if f.a.ID == "" {
		err = assets.Save(f.sh.Ctx, f.sh.WS.Store, &a)
	} else {
		err = assets.SaveEdit(f.sh.Ctx, f.sh.WS.Store, f.a, &a)
	}
	if v := assets.Problems(err); v != nil {
		f.showProblems(v)
		return err
	}
	if err != nil {
		f.problem.Importance = widget.DangerImportance
		f.problem.SetText(f.sh.reportError(err))
		return err
	}
	f.a = a
	f.fill() // a is the asset as written, with what the sync brought
	f.problem.SetText("")
	if f.onSaved != nil {
		f.onSaved()
	}
	return nil
}

func (f *assetForm) showProblems(v assets.ValidationError) {
	f.problem.Importance = widget.DangerImportance
	f.problem.SetText(errorText(v))
	for _, p := range v {
		if e, ok := f.entries[p.Field]; ok {
			e.SetValidationError(errors.New(p.Error()))
		}
	}
}

// content lays out the form, the linked pacts and the photos.
func (f *assetForm) content() fyne.CanvasObject {
	item := func(field string, w fyne.CanvasObject) *widget.FormItem {
		return &widget.FormItem{Text: i18n.T(assets.FieldLabelKey(field)), Widget: w}
	}
	coords := container.NewGridWithColumns(2, f.entries["lat"], f.entries["lon"])
	left := widget.NewForm(
		item("name", f.entries["name"]),
		item("kind", f.selects["kind"]),
		item("description", f.entries["description"]),
		item("address", f.entries["address"]),
		item("district", f.entries["district"]),
		item("municipality", f.entries["municipality"]),
		item("region", f.entries["region"]),
		item("territory", f.entries["territory"]),
		&widget.FormItem{Text: i18n.T("asset.field.coordinates"), Widget: coords, HintText: i18n.T("asset.field.coordinates.hint")},
		item("tags", f.entries["tags"]),
	)
	right := widget.NewForm(
		item("availability", f.selects["availability"]),
		item("protection", f.selects["protection"]),
		item("owner", f.entries["owner"]),
		item("ownership", f.selects["ownership"]),
		&widget.FormItem{Text: "", Widget: container.NewVBox(f.checks["designated"], f.checks["reserved"])},
		item("control_rights", f.entries["control_rights"]),
		item("community", f.entries["community"]),
		&widget.FormItem{Text: i18n.T("asset.field.licence"), Widget: f.entries["licence"], HintText: i18n.T("asset.field.licence.hint")},
		item("heritage", f.entries["heritage"]),
		item("source_id", f.entries["source_id"]),
	)
	links := container.NewVBox(
		widget.NewLabelWithStyle(i18n.T("asset.pacts.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.pacts,
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(i18n.T("asset.field.photos"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.addPh),
		container.NewHScroll(f.photos),
	)
	// Side by side when both halves fit the window, else one under the other: in Italian at
	// 1024 pixels the right half was cut off.
	var halves fyne.CanvasObject = container.NewGridWithColumns(2, left, right)
	if need := 2*fyne.Max(left.MinSize().Width, right.MinSize().Width) + 80; need > f.sh.Window.Canvas().Size().Width {
		halves = container.NewVBox(left, right)
	}
	body := container.NewVBox(f.header, f.refBox, halves, widget.NewSeparator(), links)
	// What stops a save stays in view above the buttons, not at the foot of a long form.
	return container.NewBorder(nil, f.problem, nil, nil, container.NewVScroll(body))
}
