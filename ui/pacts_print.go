package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/pacts"
)

// printAgreement saves the agreement PDF in the workspace's documents folder and opens it
// with the system viewer.
func (e *pactEditor) printAgreement() error {
	b, err := pacts.AgreementPDF(e.db(), e.d, "", e.page.today())
	if err != nil {
		return err
	}
	return e.saveAndOpen(fmt.Sprintf("%s-v%d.pdf", e.d.Pact.Ref, e.d.Pact.Version), b)
}

func (e *pactEditor) saveAndOpen(name string, b []byte) error {
	dir := filepath.Join(e.sh.WS.Home, "documents")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err)
	}
	e.printed = path
	// Saved: that is what the message says, in the normal colour. A laptop without a PDF
	// viewer (no xdg-open) gets a button that opens the folder instead; the log says why.
	had := e.openDir
	e.fail(nil)
	if err := openURL(e.sh.App, fileURL(path)); err != nil {
		e.sh.WS.Log.Warn("open with the system viewer", "file", path, "err", err)
		e.openDir = dir
	}
	e.message.Importance = widget.MediumImportance
	setLine(e.message, i18n.T("pact.ui.saved_to", map[string]any{"Path": path}))
	if e.openDir != had {
		e.reload() // the header shows "Open folder", or no longer does
	}
	return nil
}

// fileURL is the file: URL of a path.
func fileURL(path string) *url.URL {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	}
	return u
}

// openFolder opens the folder of a saved document in the file manager; when that fails
// too, it says where the folder is.
func (e *pactEditor) openFolder(dir string) {
	if err := openURL(e.sh.App, fileURL(dir)); err != nil {
		e.sh.WS.Log.Warn("open the folder", "dir", dir, "err", err)
		e.message.Importance = widget.MediumImportance
		setLine(e.message, i18n.T("pact.ui.folder_not_opened", map[string]any{"Dir": dir}))
	}
}

// askBilingual asks for the two languages of an agreement printed section by section in
// both (or in one other language than the pact's, the second left empty), and prints it; a
// language that lacks some of its texts is refused in the dialog with what is missing.
func (e *pactEditor) askBilingual() *formDialog {
	names := langNames()
	first := newSelect(names, nil)
	first.SetSelected(langOption(e.d.Pact.Lang))
	second := newSelect(append([]string{i18n.T("pact.ui.print_lang_none")}, names...), nil)
	second.SetSelectedIndex(0)
	fields := []*formField{
		newField(i18n.T("pact.ui.print_lang1"), first, "pact.error.lang_unknown"),
		newField(i18n.T("pact.ui.print_lang2"), second),
	}
	d := newFormDialog(e.sh, i18n.T("pact.ui.print_langs_title"), i18n.T("pact.ui.print"), i18n.T("pact.ui.print_langs_intro"), fields, func() error {
		l1, l2 := langCode(first.Selected), ""
		if second.SelectedIndex() > 0 {
			l2 = langCode(second.Selected)
		}
		b, err := pacts.BilingualPDF(e.db(), e.d, l1, l2, e.page.today())
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%s-v%d-%s.pdf", e.d.Pact.Ref, e.d.Pact.Version, l1)
		if l2 != "" && l2 != l1 {
			name = fmt.Sprintf("%s-v%d-%s-%s.pdf", e.d.Pact.Ref, e.d.Pact.Version, l1, l2)
		}
		return e.saveAndOpen(name, b)
	})
	d.Show(fyne.NewSize(560, 0))
	return d
}
