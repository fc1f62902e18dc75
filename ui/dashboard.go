package ui

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// DashboardCard is one block of the Dashboard; each capability adds its own.
type DashboardCard struct {
	Order int
	Make  func(sh *Shell) fyne.CanvasObject
}

var dashboardCards []DashboardCard

// RegisterDashboardCard adds a card to the Dashboard.
func RegisterDashboardCard(c DashboardCard) {
	dashboardCards = append(dashboardCards, c)
	sort.SliceStable(dashboardCards, func(i, j int) bool { return dashboardCards[i].Order < dashboardCards[j].Order })
}

func init() {
	RegisterScreen(Screen{ID: "dashboard", Order: 0, TitleKey: "nav.dashboard", Icon: theme.HomeIcon, Make: newDashboard})
	RegisterDashboardCard(DashboardCard{Order: 0, Make: workspaceCard})
}

type dashboard struct {
	sh    *Shell
	box   *fyne.Container
	outer fyne.CanvasObject
}

func newDashboard(sh *Shell) Page {
	d := &dashboard{sh: sh, box: container.NewVBox()}
	d.outer = container.NewVScroll(d.box)
	d.Reload()
	return d
}

func (d *dashboard) Content() fyne.CanvasObject { return d.outer }

// Reload rebuilds every card from the database.
func (d *dashboard) Reload() {
	objs := make([]fyne.CanvasObject, 0, len(dashboardCards))
	for _, c := range dashboardCards {
		// A card with nothing to say returns nil and is left out.
		if o := c.Make(d.sh); o != nil {
			objs = append(objs, o)
		}
	}
	// Two cards a row, each row as tall as its taller card: nothing is clipped and no row
	// takes the height of the tallest card of the page.
	var rows []fyne.CanvasObject
	for i := 0; i < len(objs); i += 2 {
		if i+1 < len(objs) {
			rows = append(rows, container.NewGridWithColumns(2, objs[i], objs[i+1]))
		} else {
			rows = append(rows, container.NewGridWithColumns(2, objs[i], layout.NewSpacer()))
		}
	}
	d.box.Objects = rows
	d.box.Refresh()
}

// workspaceCard shows the workspace, this device and what the database holds.
func workspaceCard(sh *Shell) fyne.CanvasObject {
	rep, err := sh.WS.Store.Check(sh.Ctx)
	rows := []fyne.CanvasObject{
		keyValue(i18n.T("dashboard.municipality"), sh.WS.Municipality()),
		keyValue(i18n.T("dashboard.device"), sh.WS.Config.DeviceName),
	}
	if err != nil {
		rows = append(rows, widget.NewLabel(errorText(err)))
	} else {
		status := i18n.T("dashboard.integrity_ok")
		if rep.Integrity != "ok" {
			status = i18n.T("dashboard.integrity_bad")
		}
		rows = append(rows,
			keyValue(i18n.T("dashboard.database"), status),
			// The change log holds what other laptops changed; this one's own changes are in
			// its rows until they are shared (the Sync card counts those).
			keyValue(i18n.T("dashboard.changes_received"), formatInt(rep.Counts["changes"])),
		)
	}
	return Card(i18n.T("dashboard.workspace"), container.NewVBox(rows...))
}

// Card is a titled block used by the Dashboard.
func Card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard(title, "", body)
}

// keyValue is a label pair on one line.
func keyValue(k, v string) fyne.CanvasObject {
	kl := widget.NewLabelWithStyle(k, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	vl := widget.NewLabel(v)
	vl.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, kl, nil, vl)
}
