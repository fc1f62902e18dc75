package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func (e *pactEditor) supportTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, s := range e.d.Support {
		s := s
		text := i18n.T("pact.support." + s.Kind)
		if s.Details != "" {
			text += ": " + s.Details
		}
		if s.Value != 0 {
			text += " (" + ftoa(s.Value) + ")"
		}
		rows = append(rows, row(text, e.removeButton("support", text, func(tx *model.Tx) error { return pacts.RemoveSupport(tx, e.id, s.ID) })))
	}
	if len(rows) == 0 {
		rows = append(rows, wrapped(i18n.T("pact.ui.no_support")))
	}
	e.supportKind = newSelect(translated("pact.support.", pacts.SupportKinds), nil)
	e.supportKind.SetSelectedIndex(0)
	e.supportDetails, e.supportValue = newEntry(), newAmountEntry("pact.pdf.col_value")
	add := widget.NewButtonWithIcon(i18n.T("pact.ui.add_support"), theme.ContentAddIcon(), func() {
		value, ok := e.supportValue.Float()
		if !ok {
			e.failForm("support", checkFields(e.supportValue))
			return
		}
		s := model.PactSupport{Kind: keyAt(pacts.SupportKinds, e.supportKind.SelectedIndex()), Details: e.supportDetails.Text, Value: value}
		e.updateForm("support", func(tx *model.Tx) error { return pacts.AddSupport(tx, e.id, s) })
	})
	e.disableIfFrozen(e.supportKind, e.supportDetails, e.supportValue, add)
	e.adders["support"] = add.OnTapped
	form := e.inlineForm("support", newField(i18n.T("pact.pdf.col_support"), e.supportKind, "pact.error.support_unknown"),
		newField(i18n.T("pact.pdf.col_details"), e.supportDetails), newField(i18n.T("pact.pdf.col_value"), e.supportValue, "pact.pdf.col_value", "pact.error.support_negative"))
	return container.NewVScroll(container.NewVBox(container.NewVBox(rows...), widget.NewSeparator(), form, container.NewHBox(add)))
}

func (e *pactEditor) monitoringTab() fyne.CanvasObject {
	var inds []fyne.CanvasObject
	for _, x := range e.d.Indicators {
		x := x
		inds = append(inds, row(fmt.Sprintf("%s — %s %s", x.Name, ftoa(x.Target), x.Unit),
			e.removeButton("indicator", x.Name, func(tx *model.Tx) error { return pacts.RemoveIndicator(tx, e.id, x.ID) })))
	}
	if len(inds) == 0 {
		inds = append(inds, wrapped(i18n.T("pact.ui.no_indicators")))
	}
	e.indName, e.indUnit, e.indTarget = newEntry(), newEntry(), newDecimalEntry("pact.pdf.col_target")
	addInd := widget.NewButtonWithIcon(i18n.T("pact.ui.add_indicator"), theme.ContentAddIcon(), func() {
		target, ok := e.indTarget.Float()
		if !ok {
			e.failForm("indicator", checkFields(e.indTarget))
			return
		}
		x := model.PactIndicator{Name: e.indName.Text, Unit: e.indUnit.Text, Target: target}
		e.updateForm("indicator", func(tx *model.Tx) error { return pacts.AddIndicator(tx, e.id, x) })
	})
	e.disableIfFrozen(e.indName, e.indUnit, e.indTarget, addInd)
	e.adders["indicator"] = addInd.OnTapped
	indForm := container.NewVBox(e.inlineForm("indicator", newField(i18n.T("pact.pdf.col_indicator"), e.indName, "pact.error.indicator_name_required"),
		newField(i18n.T("pact.pdf.col_unit"), e.indUnit), newField(i18n.T("pact.pdf.col_target"), e.indTarget, "pact.pdf.col_target")), container.NewHBox(addInd))

	var reps []fyne.CanvasObject
	for _, r := range e.d.Reports {
		r := r
		print := widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), func() {
			day, _ := pacts.ParseDate(r.FiledOn)
			b, err := pacts.ReportPDF(e.db(), e.d, r.ID, "", day)
			if err == nil {
				err = e.saveAndOpen(fmt.Sprintf("%s-report-%s.pdf", e.d.Pact.Ref, strings.ReplaceAll(r.Period, "/", "-")), b)
			}
			if err != nil {
				e.fail(err)
			}
		})
		attach := widget.NewButtonWithIcon("", theme.MailAttachmentIcon(), func() { e.chooseAttachment(r.ID) })
		line := i18n.T("pact.ui.report_line", map[string]any{"Period": r.Period, "Date": formatDay(r.FiledOn), "Hours": hoursText(r.Hours)})
		if atts, err := pacts.ReportAttachments(e.db(), r.ID); err == nil && len(atts) > 0 {
			names := make([]string, len(atts))
			for i, a := range atts {
				names[i] = a.Name
			}
			line += "\n" + i18n.T("pact.ui.report_attachments", map[string]any{"Files": strings.Join(names, ", ")})
		}
		reps = append(reps, container.NewBorder(nil, nil, nil, container.NewHBox(attach, print), wrapped(line)))
	}
	if len(reps) == 0 {
		reps = append(reps, wrapped(i18n.T("pact.ui.no_reports")))
	}
	e.repPeriod, e.repHours, e.repResources, e.repText = newEntry(), newDecimalEntry("pact.report.hours"), newEntry(), multiLine(4)
	items := []*formField{
		newField(i18n.T("pact.report.period"), e.repPeriod, "pact.error.report_period_required", "pact.error.report_exists"),
		newField(i18n.T("pact.report.hours"), e.repHours, "pact.report.hours", "pact.error.report_hours_negative"),
		newField(i18n.T("pact.report.resources"), e.repResources),
		newField(i18n.T("pact.report.narrative"), e.repText),
	}
	e.repValues = map[string]*Entry{}
	for _, x := range e.d.Indicators {
		en := newDecimalEntry("").called(x.Name)
		e.repValues[x.ID] = en
		items = append(items, newField(x.Name, en, x.Name))
	}
	file := widget.NewButtonWithIcon(i18n.T("pact.ui.file_report"), theme.MailSendIcon(), func() { // a filed report stays as filed
		confirmAction(e.sh.Window, i18n.T("confirm.file_report.title"), i18n.T("confirm.file_report.text", map[string]any{"Period": e.repPeriod.Text}),
			i18n.T("pact.ui.file_report"), false, func() { e.fileReport() })
	})
	// A report is filed on a pact being carried out: on a draft the form is there to be
	// seen, disabled, with the reason.
	var why fyne.CanvasObject = container.NewWithoutLayout()
	if r := pacts.ReportRefusal(e.d.Pact.Ref, e.d.Pact.Status); r != nil {
		l := wrapped(sentence(r.Localized(i18n.Current())))
		l.Importance = widget.WarningImportance
		why = l
		file.Disable()
		for _, f := range items {
			if d, ok := f.widget.(fyne.Disableable); ok {
				d.Disable()
			}
		}
	}
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(i18n.T("pact.report.indicators"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(inds...), indForm, widget.NewSeparator(),
		widget.NewLabelWithStyle(i18n.T("pact.ui.reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(reps...), why, e.inlineForm("report", items...), container.NewHBox(file)))
}

func (e *pactEditor) fileReport() bool {
	numbers := []*Entry{e.repHours}
	for _, x := range e.d.Indicators {
		if en, ok := e.repValues[x.ID]; ok {
			numbers = append(numbers, en)
		}
	}
	if e.failForm("report", checkFields(numbers...)) {
		return false
	}
	vals := map[string]float64{}
	for id, en := range e.repValues {
		if strings.TrimSpace(en.Text) != "" {
			vals[id], _ = en.Float()
		}
	}
	hours, _ := e.repHours.Float()
	r := pacts.Report{Period: e.repPeriod.Text, FiledOn: pacts.Day(e.page.today()), Hours: hours, Resources: e.repResources.Text,
		Narrative: e.repText.Text, Values: vals}
	return e.updateForm("report", func(tx *model.Tx) error { _, err := pacts.FileReport(tx, e.id, r, e.by()); return err })
}

// chooseAttachment attaches a photo or scan to a monitoring report.
func (e *pactEditor) chooseAttachment(reportID string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.fail(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		if _, err := pacts.AttachToReport(e.sh.Ctx, e.sh.WS.Store, e.sh.WS.Blobs, reportID, r.URI().Name(), r); e.fail(err) {
			return
		}
		e.reload()
	}, e.sh.Window)
	showDialog(e.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}
