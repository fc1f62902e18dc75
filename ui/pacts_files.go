// The pact editor's Files & acts tab (the pact's files, its annexes; the acts of its
// procedure, cited by the premises) and the notices it prints.

package ui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/pacts"
)

// actForm is the form that adds an act (kept for the tests).
type actForm struct {
	number, date, issuer *Entry
	kind                 *Select
	add                  func()
}

// actFile is the file chosen for the act being added, not read yet.
type actFile struct {
	uri  fyne.URI
	name string
}

func (e *pactEditor) filesTab() fyne.CanvasObject {
	var files []fyne.CanvasObject
	for _, f := range e.d.Files {
		f := f
		text := pacts.FileLabel(f) + " — " + i18n.T("pact.ui.file_size", map[string]any{"KB": (f.Size + 1023) / 1024})
		if !e.sh.WS.Blobs.Has(f.SHA256) {
			text += "\n" + i18n.T("pact.ui.file_missing")
		}
		remove := newButtonWithIcon("", theme.DeleteIcon(), func() {
			confirmAction(e.sh.Window, i18n.T("pact.ui.file_remove"), i18n.T("pact.ui.file_remove_text", map[string]any{"What": pacts.FileLabel(f)}),
				i18n.T("confirm.remove_button"), true, func() {
					if !e.fail(pacts.RemoveFile(e.sh.Ctx, e.sh.WS.Store, f)) {
						e.reload()
					}
				})
		})
		files = append(files, row(text, remove))
	}
	if len(files) == 0 {
		files = append(files, wrapped(i18n.T("pact.ui.no_files")))
	}
	title := newEntry()
	title.SetPlaceHolder(i18n.T("pact.ui.file_title_hint"))
	addFile := newButtonWithIcon(i18n.T("pact.ui.add_file"), theme.ContentAddIcon(), func() {
		e.chooseFile(func(r fyne.URIReadCloser) {
			_, err := pacts.AddFile(e.sh.Ctx, e.sh.WS.Store, e.sh.WS.Blobs, e.id, r.URI().Name(), title.Text, r)
			if !e.failForm("file", err) {
				e.reload()
			}
		})
	})
	fileForm := e.inlineForm("file", newField(i18n.T("pact.ui.file_title"), title))

	var acts []fyne.CanvasObject
	list, err := pacts.Acts(e.db(), e.id)
	if err != nil {
		acts = append(acts, wrapped(errorText(err)))
	}
	for _, a := range list {
		a := a
		text := i18n.T("pact.act.kind."+a.Kind) + " — " + pacts.Citation(e.d.Pact.Lang, a.PactAct)
		if a.File != nil {
			text += "\n" + i18n.T("pact.ui.act_file", map[string]any{"Name": a.File.Name})
		}
		remove := newButtonWithIcon("", theme.DeleteIcon(), func() {
			confirmAction(e.sh.Window, i18n.T("pact.ui.act_remove"), i18n.T("pact.ui.act_remove_text", map[string]any{"What": a.Kind + " " + a.Number}),
				i18n.T("confirm.remove_button"), true, func() {
					if !e.fail(pacts.RemoveAct(e.sh.Ctx, e.sh.WS.Store, a.ID)) {
						e.reload()
					}
				})
		})
		acts = append(acts, row(text, remove))
	}
	if len(list) == 0 {
		acts = append(acts, wrapped(i18n.T("pact.ui.no_acts")))
	}
	kind := newSelect(translated("pact.act.kind.", pacts.ActKinds), nil)
	kind.SetSelectedIndex(0)
	number, issuer := newEntry(), newEntry()
	date := newDateEntry("pact.ui.field.date")
	var chosen *actFile
	chosenLabel := wrapped(i18n.T("pact.ui.act_no_file"))
	chooseActFile := newButtonWithIcon(i18n.T("pact.ui.act_choose_file"), theme.MailAttachmentIcon(), func() {
		e.chooseFile(func(r fyne.URIReadCloser) {
			chosen = &actFile{uri: r.URI(), name: r.URI().Name()}
			chosenLabel.SetText(chosen.name)
		})
	})
	addAct := newButtonWithIcon(i18n.T("pact.ui.add_act"), theme.ContentAddIcon(), func() {
		day, ok := date.Date()
		if !ok {
			day = date.Text // refused by the rules, which say how to write it
		}
		a := pacts.Act{Kind: keyAt(pacts.ActKinds, kind.SelectedIndex()), Number: number.Text, Date: day, Issuer: issuer.Text}
		var name string
		var r io.Reader
		if chosen != nil {
			rc, err := storage.Reader(chosen.uri)
			if e.failForm("act", err) {
				return
			}
			defer rc.Close()
			name, r = chosen.name, rc
		}
		_, err := pacts.AddAct(e.sh.Ctx, e.sh.WS.Store, e.sh.WS.Blobs, e.id, a, name, r)
		if !e.failForm("act", err) {
			e.reload()
		}
	})
	e.acts = actForm{number: number, date: date, issuer: issuer, kind: kind, add: addAct.OnTapped}
	dateField := newField(i18n.T("pact.ui.field.date"), date, "pact.error.not_a_date", "form.error.date", "pact.ui.field.date")
	dateField.hint = i18n.T("date.input_formats")
	actForm := e.inlineForm("act",
		newField(i18n.T("pact.ui.act_kind"), kind, "pact.error.act_kind"),
		newField(i18n.T("pact.ui.act_number"), number, "pact.error.act_number", "pact.error.act_number_used"),
		dateField,
		newField(i18n.T("pact.ui.act_issuer"), issuer),
		newField(i18n.T("pact.ui.act_file_field"), container.NewBorder(nil, nil, nil, chooseActFile, chosenLabel),
			"pact.error.file_type", "pact.error.file_too_large", "pact.error.file_content", "pact.error.file_empty"))

	heading := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(i18n.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.NewVScroll(container.NewVBox(
		heading("pact.ui.files_heading"), wrapped(i18n.T("pact.ui.files_intro")), container.NewVBox(files...),
		fileForm, container.NewHBox(addFile), widget.NewSeparator(),
		heading("pact.ui.acts_heading"), wrapped(i18n.T("pact.ui.acts_intro")), container.NewVBox(acts...),
		actForm, container.NewHBox(addAct)))
}

// chooseFile asks for a file of a type a pact holds and gives it, open, to use (which
// need not close it).
func (e *pactEditor) chooseFile(use func(r fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.fail(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		use(r)
	}, e.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter(append(pacts.FileExtensions(), upper(pacts.FileExtensions())...)))
	showDialog(e.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

func upper(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToUpper(x)
	}
	return out
}

// askNotice asks which notice to print, and the documents requested, the reasons or a
// note; the notice is saved in the documents folder and opened.
func (e *pactEditor) askNotice() *formDialog {
	kind := newSelect(translated("pact.notice.kind.", pacts.NoticeKinds), nil)
	kind.SetSelectedIndex(0)
	text := multiLine(5)
	text.SetPlaceHolder(i18n.T("pact.notice.text_hint"))
	fields := []*formField{
		newField(i18n.T("pact.notice.choose"), kind, "pact.error.notice_kind", "pact.error.notice_not_submitted",
			"pact.error.notice_not_published", "pact.error.notice_no_extension"),
		newField(i18n.T("pact.notice.text"), text, "pact.error.notice_no_text"),
	}
	d := newFormDialog(e.sh, i18n.T("pact.notice.button"), i18n.T("pact.notice.print"), "", fields, func() error {
		k := keyAt(pacts.NoticeKinds, kind.SelectedIndex())
		b, err := pacts.NoticePDF(e.db(), e.d, pacts.Notice{Kind: k, Text: text.Text, Date: e.page.today()})
		if err != nil {
			return err
		}
		return e.saveAndOpen(fmt.Sprintf("%s-%s-%s.pdf", e.d.Pact.Ref, k, pacts.Day(e.page.today())), b)
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}
