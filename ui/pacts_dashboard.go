package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/pacts"
)

func init() {
	RegisterDashboardCard(DashboardCard{Order: 20, Make: pactsStatusCard})
	RegisterDashboardCard(DashboardCard{Order: 21, Make: pactsDueCard})
}

// pactsStatusCard counts the pacts in each status.
func pactsStatusCard(sh *Shell) fyne.CanvasObject {
	s, err := pacts.Summarise(sh.WS.Store.DB(), time.Now())
	if err != nil {
		return Card(i18n.T("pact.ui.card.status"), widget.NewLabel(errorText(err)))
	}
	// A small bar chart, sized to its content: every status shows, none behind a scrollbar.
	most := 0
	for _, st := range pacts.Statuses {
		most = max(most, s.ByStatus[st])
	}
	var rows []fyne.CanvasObject
	for _, st := range pacts.Statuses {
		n := s.ByStatus[st]
		if n == 0 {
			continue
		}
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(float32(4+100*n/most), 14))
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(bar), widget.NewLabel(formatInt(n))),
			wrappedLabel(i18n.T("pact.status."+st))))
	}
	if len(rows) == 0 {
		rows = append(rows, widget.NewLabel(i18n.T("pact.ui.none_yet")))
	}
	open := newButton(i18n.T("pact.ui.open_list"), func() { sh.Show("pacts") })
	return Card(i18n.T("pact.ui.card.status"), container.NewVBox(append(rows, open)...))
}

// pactsDueCard lists reviews overdue, reports due and pacts ending within 60 days.
func pactsDueCard(sh *Shell) fyne.CanvasObject {
	s, err := pacts.Summarise(sh.WS.Store.DB(), time.Now())
	if err != nil {
		return Card(i18n.T("pact.ui.card.due"), widget.NewLabel(errorText(err)))
	}
	var rows []fyne.CanvasObject
	group := func(key string, items []pacts.Item, kinds ...string) {
		h := widget.NewLabelWithStyle(fmt.Sprintf("%s: %d", i18n.T(key), len(items)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		rows = append(rows, h)
		for _, it := range items {
			for _, d := range it.Due {
				if indexOf(kinds, d.Kind) < 0 {
					continue
				}
				l := widget.NewLabel(fmt.Sprintf("%s %s — %s %s", it.Ref, it.Title, i18n.T("pact.due."+d.Kind), formatDay(d.Date)))
				l.Wrapping = fyne.TextWrapWord // a long title, a long due date in another language: never cut short
				if d.Overdue {
					l.Importance = widget.DangerImportance
				}
				rows = append(rows, l)
			}
		}
	}
	group("pact.ui.card.reviews_overdue", s.ReviewsOverdue, pacts.DueAnswer, pacts.DuePublication, pacts.DueDecision)
	group("pact.ui.card.reports_due", s.ReportsDue, pacts.DueReport)
	group("pact.ui.card.ending", s.Ending, pacts.DueEnd)
	if len(s.Expired) > 0 {
		rows = append(rows, widget.NewLabelWithStyle(fmt.Sprintf("%s: %d", i18n.T("pact.ui.card.expired"), len(s.Expired)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, it := range s.Expired {
			l := widget.NewLabel(i18n.T("pact.ui.expired_line", map[string]any{"Ref": it.Ref, "Title": it.Title, "Date": formatDay(it.EndDate)}))
			l.Wrapping, l.Importance = fyne.TextWrapWord, widget.WarningImportance
			rows = append(rows, l)
		}
	}
	return Card(i18n.T("pact.ui.card.due"), container.NewVBox(rows...)) // sized to its content: the Dashboard scrolls
}
