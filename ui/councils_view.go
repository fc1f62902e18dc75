package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/councils"
	"pacta/i18n"
	"pacta/model"
)

// sides shows the members: the two sides in two columns (a board in one), then those who
// have ceased.
func (p *councilsPage) sides(v councilData) fyne.CanvasObject {
	today := councils.Day(p.today())
	column := func(side string) fyne.CanvasObject {
		var rows []fyne.CanvasObject
		for _, m := range v.members {
			if m.Side != side || !councils.ActiveOn(m, today) {
				continue
			}
			what := m.Org
			if side == "" {
				what = m.Category
			}
			line := i18n.T("council.ui.member_line", map[string]any{"Seat": m.Seat, "Name": m.Name, "Org": what,
				"Since": formatDay(m.Designated), "Mode": i18n.T("council.mode." + m.Mode)})
			rows = append(rows, wrappedLabel(strings.TrimSpace(line)))
		}
		seats := v.c.SeatsPerSide
		title := i18n.T("council.side_title." + side)
		if side == "" {
			seats, title = v.c.Seats, i18n.T("council.members")
		}
		if len(rows) == 0 {
			rows = append(rows, wrappedLabel(i18n.T("council.ui.nobody")))
		}
		n := countActive(v.members, side, today)
		count := wrappedLabel(i18n.T("council.ui.seats_taken", map[string]any{"Taken": n, "Seats": seats}))
		if int64(n) != seats {
			count.Importance = widget.WarningImportance
		}
		return widget.NewCard(title, "", container.NewVBox(append([]fyne.CanvasObject{count}, rows...)...))
	}
	var cols fyne.CanvasObject
	if p.board(v) {
		cols = column("")
	} else {
		cols = container.NewGridWithColumns(2, column(councils.Government), column(councils.Civil))
	}
	var ceased []string
	for _, m := range v.members {
		if m.Ceased != "" && m.Ceased <= today {
			ceased = append(ceased, i18n.T("council.ui.ceased_line", map[string]any{"Name": m.Name, "Date": formatDay(m.Ceased), "Reason": m.CeasedReason}))
		}
	}
	if len(ceased) == 0 {
		return cols
	}
	gone := wrappedLabel(i18n.T("council.pdf.ceased") + ": " + strings.Join(ceased, "; "))
	gone.Importance = widget.LowImportance
	return container.NewVBox(cols, gone)
}

func countActive(ms []model.CouncilMember, side, day string) int {
	n := 0
	for _, m := range ms {
		if m.Side == side && councils.ActiveOn(m, day) {
			n++
		}
	}
	return n
}

// sideColor tells the sides apart at a glance in the timeline.
func sideColor(side string) color.Color {
	switch side {
	case councils.Government:
		return color.NRGBA{R: 0x1e, G: 0x63, B: 0xb4, A: 0xff}
	case councils.Civil:
		return color.NRGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
}

// timeline shows the officer terms: past, current and future, each with a band in the
// colour of its Chair's side.
func (p *councilsPage) timeline(v councilData) fyne.CanvasObject {
	var cards []fyne.CanvasObject
	for _, t := range v.terms {
		band := canvas.NewRectangle(sideColor(t.ChairSide))
		band.SetMinSize(fyne.NewSize(8, 8))
		head := widget.NewLabelWithStyle(i18n.T("council.ui.term_title", map[string]any{"Term": t.Index,
			"When": i18n.T("council.term." + t.Status(p.today()))}), fyne.TextAlignLeading, fyne.TextStyle{Bold: t.Status(p.today()) == "current"})
		lines := []fyne.CanvasObject{band, head, widget.NewLabel(formatDay(t.Start) + " – " + formatDay(t.End))}
		if t.ChairSide != "" {
			lines = append(lines, widget.NewLabel(i18n.T("council.ui.chair_from", map[string]any{"Side": i18n.T("council.side." + t.ChairSide)})))
		}
		lines = append(lines, widget.NewLabel(i18n.T("council.field.chair")+": "+dashIfEmpty(t.Chair)),
			widget.NewLabel(i18n.T("council.field.vice")+": "+dashIfEmpty(t.ViceChair)))
		cards = append(cards, container.NewPadded(container.NewVBox(lines...)))
	}
	legend := wrappedLabel(i18n.T("council.ui.timeline_legend"))
	legend.SizeName = theme.SizeNameCaptionText
	return widget.NewCard(i18n.T("council.pdf.schedule"), "", container.NewVBox(container.NewHScroll(container.NewHBox(cards...)), legend))
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// records lists the selections and the meetings, each with its document.
func (p *councilsPage) records(v councilData) fyne.CanvasObject {
	var sel []fyne.CanvasObject
	for _, s := range v.selections {
		s := s
		text := i18n.T("council.ui.selection_line", map[string]any{"Date": formatDay(s.Date), "Method": i18n.T("council.method." + s.Method),
			"Result": strings.Join(councils.Lines(s.Result), ", ")})
		b := newButtonWithIcon(i18n.T("council.ui.print"), theme.DocumentPrintIcon(), func() { p.print(v, councils.DocDraw, s.ID) })
		sel = append(sel, container.NewBorder(nil, nil, nil, b, wrappedLabel(text)))
	}
	if len(sel) == 0 {
		sel = append(sel, wrappedLabel(i18n.T("council.ui.no_selections")))
	}
	var meets []fyne.CanvasObject
	for _, m := range v.meetings {
		m := m
		q := councils.QuorumOf(v.c, v.members, m)
		key := "council.ui.meeting_line"
		if !q.OK {
			key = "council.ui.meeting_line_no_quorum"
		}
		l := wrappedLabel(i18n.T(key, map[string]any{"Date": formatDay(m.Date), "Present": q.Total, "Agenda": firstLine(m.Agenda)}))
		if !q.OK {
			l.Importance = widget.WarningImportance
		}
		b := newButtonWithIcon(i18n.T("council.ui.print"), theme.DocumentPrintIcon(), func() { p.print(v, councils.DocMinutes, m.ID) })
		meets = append(meets, container.NewBorder(nil, nil, nil, b, l))
	}
	if len(meets) == 0 {
		meets = append(meets, wrappedLabel(i18n.T("council.ui.no_meetings")))
	}
	return container.NewVBox(widget.NewCard(i18n.T("council.ui.selections"), "", container.NewVBox(sel...)),
		widget.NewCard(i18n.T("council.ui.meetings"), "", container.NewVBox(meets...)))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
