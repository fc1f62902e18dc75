package ui

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
)

// DashboardCard is one block of the Dashboard; each capability adds its own. A card whose
// queries take long on a big workspace gives Load instead of Make: Load runs off the UI
// goroutine and returns what builds the card on it (Fyne's text shaping is not safe off
// it). Make, and what Load returns, may return nil: a card with nothing to say.
type DashboardCard struct {
	Order int
	Make  func(sh *Shell) fyne.CanvasObject
	Load  func(sh *Shell) func() fyne.CanvasObject
}

var dashboardCards []DashboardCard

// RegisterDashboardCard adds a card to the Dashboard.
func RegisterDashboardCard(c DashboardCard) {
	dashboardCards = append(dashboardCards, c)
	sort.SliceStable(dashboardCards, func(i, j int) bool { return dashboardCards[i].Order < dashboardCards[j].Order })
}

func init() {
	RegisterScreen(Screen{ID: "dashboard", Order: 0, TitleKey: "nav.dashboard", Icon: theme.HomeIcon, Make: newDashboard})
	RegisterDashboardCard(DashboardCard{Order: 0, Load: workspaceCard})
}

type dashboard struct {
	sh    *Shell
	box   *fyne.Container
	outer fyne.CanvasObject
	gen   int // the Reload whose cards are coming; a later Reload drops an earlier one's
}

func newDashboard(sh *Shell) Page {
	d := &dashboard{sh: sh, box: container.NewVBox()}
	d.outer = container.NewVScroll(d.box)
	d.Reload()
	return d
}

func (d *dashboard) Content() fyne.CanvasObject { return d.outer }

// Reload rebuilds every card from the database. The window must not wait for the cards'
// queries (on a workspace of 100,000 commons the integrity check and the count of changes
// not yet shared take most of a second each): the cards show at once as loading, and are
// made off the UI goroutine one after the other, each taking its place as it is ready.
func (d *dashboard) Reload() {
	d.gen++
	gen := d.gen
	slots := make([]fyne.CanvasObject, len(dashboardCards))
	for i := range dashboardCards {
		bar := widget.NewProgressBarInfinite()
		slots[i] = container.NewStack(widget.NewCard("", i18n.T("dashboard.loading"), bar))
	}
	d.layout(slots)
	made := make([]fyne.CanvasObject, len(dashboardCards))
	cards, sh := dashboardCards, d.sh
	inBackground(func() {
		// The queries start once the UI goroutine has drawn what it had to (the first frame
		// on opening): on a two-core laptop they would otherwise slow it down.
		drawn := make(chan struct{})
		onUI(func() { close(drawn) })
		<-drawn
		for i, c := range cards {
			build := func() fyne.CanvasObject { return c.Make(sh) }
			if c.Load != nil {
				build = c.Load(sh)
			}
			onUI(func() {
				if d.gen != gen {
					return
				}
				o := build()
				made[i] = o
				if i < len(cards)-1 {
					if o != nil {
						slot := slots[i].(*fyne.Container)
						slot.Objects = []fyne.CanvasObject{o}
						slot.Refresh()
					}
					return
				}
				// The last card: lay the page out again without the cards with nothing to say.
				objs := make([]fyne.CanvasObject, 0, len(made))
				for _, o := range made {
					if o != nil {
						objs = append(objs, o)
					}
				}
				d.layout(objs)
			})
		}
	})
}

// layout shows objs two a row, each row as tall as its taller card: nothing is clipped and
// no row takes the height of the tallest card of the page.
func (d *dashboard) layout(objs []fyne.CanvasObject) {
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
func workspaceCard(sh *Shell) func() fyne.CanvasObject {
	rep, err := sh.WS.Store.Check(sh.background())
	return func() fyne.CanvasObject { return workspaceCardOf(sh, rep, err) }
}

func workspaceCardOf(sh *Shell, rep model.IntegrityReport, err error) fyne.CanvasObject {
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
