package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/pacts"
)

// importWizard walks through an import: the chosen file's first rows with a field select
// under each column, validation of every row, then the import itself with a progress bar
// and Cancel, and the report of rejected rows. Work runs off the UI goroutine.
type importWizard struct {
	sh       *Shell
	src      *assets.Source
	selects  []*Select
	status   *widget.Label
	rejects  *widget.Label
	progress *widget.ProgressBar
	validate *Button
	run      *Button
	cancel   *Button
	dlg      *dialog.CustomDialog

	mu       sync.Mutex
	stop     context.CancelFunc
	wg       sync.WaitGroup
	report   assets.ImportReport
	imported bool

	undo       *Button // "Undo last import", once the import is done
	path       string  // the file
	register   *Button // "Import as pacts", when the file is a register of pacts
	registered bool    // it was imported so
}

// fieldOptions are the choices under each column: ignore, then every importable field.
func fieldOptions() []string {
	out := []string{i18n.T("asset.field.ignore")}
	for _, f := range assets.ImportFields {
		out = append(out, i18n.T(assets.FieldLabelKey(f)))
	}
	return out
}

func fieldOfOption(opt string) string {
	for _, f := range assets.ImportFields {
		if i18n.T(assets.FieldLabelKey(f)) == opt {
			return f
		}
	}
	return ""
}

func (p *assetsPage) chooseImportFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			p.sh.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.startImport(path)
	}, p.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".geojson", ".json", ".CSV"}))
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

// startImport opens the wizard on a file.
func (p *assetsPage) startImport(path string) *importWizard {
	src, err := assets.OpenFile(path)
	if err != nil {
		p.sh.ShowError(err)
		return nil
	}
	w := &importWizard{sh: p.sh, src: src, path: path}
	w.build()
	p.wizard = w
	// Enter takes the next step (validate, then import), Escape is Cancel (or Close).
	showDialog(p.sh.Window, w.dlg, dialogKeys{ok: w.next, cancel: w.cancelOrClose})
	return w
}

func (w *importWizard) build() {
	m := assets.RememberedMapping(w.sh.Ctx, w.sh.WS.Store, w.src.Header)
	preview, err := w.src.Preview(5)
	opts := fieldOptions()
	cols := make([]fyne.CanvasObject, len(w.src.Header))
	for i, h := range w.src.Header {
		sel := newSelect(opts, func(string) { w.mappingChanged() })
		sel.SetSelectedIndex(0)
		if i < len(m) && m[i] != "" {
			sel.SetSelected(i18n.T(assets.FieldLabelKey(m[i])))
		}
		w.selects = append(w.selects, sel)
		head := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		col := []fyne.CanvasObject{head, sel, widget.NewSeparator()}
		for _, r := range preview {
			v := ""
			if r.Err == nil && i < len(r.Values) {
				v = r.Values[i]
			}
			l := widget.NewLabel(v)
			l.Truncation = fyne.TextTruncateEllipsis
			col = append(col, l)
		}
		// A fixed width for every column, and the height its choice and preview need (a
		// grid cell of height 0 showed the header alone: no choices, no preview).
		box := container.NewVBox(col...)
		cols[i] = container.NewGridWrap(fyne.NewSize(selectWidth(190, opts...), box.MinSize().Height), box)
	}
	grid := container.NewHScroll(container.NewHBox(cols...))
	info := i18n.T("asset.import.file_info", map[string]any{"Name": w.src.Name, "Format": strings.ToUpper(w.src.Format), "Columns": i18n.N("asset.import.columns", len(w.src.Header))})
	w.status = widget.NewLabel(info)
	w.status.Wrapping = fyne.TextWrapWord
	if err != nil {
		w.status.SetText(w.sh.reportError(err))
	}
	w.rejects = widget.NewLabel("")
	w.rejects.Wrapping = fyne.TextWrapWord
	w.progress = widget.NewProgressBar()
	w.progress.Hide()
	w.validate = newButtonWithIcon(i18n.T("asset.import.validate"), theme.ConfirmIcon(), w.startValidate)
	w.run = newButtonWithIcon(i18n.T("action.import"), theme.UploadIcon(), w.startImport)
	w.run.Importance = widget.HighImportance
	w.run.Disable()
	w.cancel = newButton(i18n.T("action.cancel"), w.cancelOrClose)
	top := []fyne.CanvasObject{widget.NewLabel(i18n.T("asset.import.mapping_help")), grid, widget.NewSeparator(), w.status, w.progress}
	if pacts.LooksLikeRegister(w.src.Header) {
		// A register of pacts is not a list of commons: say so before anything is mapped,
		// and offer the import that reads it as pacts (each with its place as a commons).
		w.register = newButtonWithIcon(i18n.T("asset.import.as_register"), theme.DocumentIcon(), w.importAsRegister)
		w.register.Importance = widget.HighImportance
		warn := warningLabel(i18n.T("asset.import.looks_like_register"))
		top = append([]fyne.CanvasObject{warn, container.NewHBox(w.register)}, top...)
	}
	body := container.NewBorder(
		container.NewVBox(top...),
		nil, nil, nil, container.NewVScroll(w.rejects))
	w.dlg = dialog.NewCustomWithoutButtons(i18n.T("asset.import.title"), body, w.sh.Window)
	w.dlg.SetButtons([]fyne.CanvasObject{w.cancel, w.validate, w.run})
	w.dlg.Resize(dialogSize(w.sh.Window, fyne.NewSize(1100, 680)))
}

// importAsRegister imports the file as a register of pacts instead of commons.
func (w *importWizard) importAsRegister() {
	w.register.Disable()
	w.validate.Disable()
	w.run.Disable()
	w.progress.Show()
	w.status.SetText(i18n.T("pact.ui.register.running"))
	w.wg.Add(1)
	importRegisterFile(w.sh, w.path, func(text string, err error) {
		defer w.wg.Done()
		w.progress.Hide()
		if err != nil {
			w.status.SetText(w.sh.reportError(err))
			w.register.Enable()
			return
		}
		w.status.SetText(text)
		w.cancel.SetText(i18n.T("action.close"))
		w.registered = true
	})
}

// mapping reads the selects.
func (w *importWizard) mapping() assets.Mapping {
	m := make(assets.Mapping, len(w.selects))
	for i, s := range w.selects {
		m[i] = fieldOfOption(s.Selected)
	}
	return m
}

// mappingChanged asks for a new validation before importing.
func (w *importWizard) mappingChanged() {
	if w.run != nil {
		w.run.Disable()
	}
}

func (w *importWizard) showReport(rep assets.ImportReport, dry bool) {
	key := "asset.import.summary"
	if dry {
		key = "asset.import.summary_dry"
	}
	n := func(k string, count int) string { return i18n.N("asset.import.count."+k, count) }
	w.status.SetText(i18n.T(key, map[string]any{"Rows": n("rows", rep.Rows), "New": n("new", rep.New), "Updated": n("updated", rep.Updated),
		"Unchanged": n("unchanged", rep.Unchanged), "Rejected": n("rejected", len(rep.Rejected))}))
	var b strings.Builder
	for i, r := range rep.Rejected {
		if i == 1000 {
			b.WriteString(i18n.N("asset.import.more_rejects", len(rep.Rejected)-i))
			break
		}
		b.WriteString(i18n.T("asset.import.reject_line", map[string]any{"Line": r.Line, "Reason": r.Reason}))
		b.WriteString("\n")
	}
	w.rejects.SetText(b.String())
}

// startValidate checks every row without writing.
func (w *importWizard) startValidate() {
	m := w.mapping()
	if err := m.Check(); err != nil {
		w.status.SetText(i18n.T("asset.import.need_name"))
		return
	}
	w.begin()
	w.status.SetText(i18n.T("asset.import.validating"))
	ctx, stop := context.WithCancel(w.sh.background())
	w.setStop(stop)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		rep, err := assets.Import(ctx, w.sh.WS.Store, w.src, assets.ImportOptions{Mapping: m, DryRun: true, Municipality: w.sh.WS.Municipality()})
		w.sh.WS.LogImport(w.src.Name, true, rep, err)
		fyne.Do(func() {
			w.end()
			if err != nil {
				w.status.SetText(w.sh.reportError(err))
				return
			}
			w.showReport(rep, true)
			if rep.New+rep.Updated > 0 {
				w.run.Enable()
			}
		})
	}()
}

// startImport writes the valid rows in one transaction, with progress and Cancel.
func (w *importWizard) startImport() {
	m := w.mapping()
	w.begin()
	w.progress.SetValue(0)
	w.progress.Show()
	w.status.SetText(i18n.T("asset.import.importing"))
	ctx, stop := context.WithCancel(w.sh.background())
	w.setStop(stop)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		var last time.Time
		rep, err := assets.Import(ctx, w.sh.WS.Store, w.src, assets.ImportOptions{Mapping: m, Municipality: w.sh.WS.Municipality(),
			Progress: func(done, total int) {
				if time.Since(last) < 50*time.Millisecond && done < total {
					return
				}
				last = time.Now()
				fyne.Do(func() { w.progress.SetValue(float64(done) / float64(total)) })
			}})
		w.sh.WS.LogImport(w.src.Name, false, rep, err)
		if err == nil {
			err = assets.RememberMapping(context.Background(), w.sh.WS.Store, w.src.Header, m)
			if err != nil {
				w.sh.WS.Log.Error("import: remember the columns' fields", "file", w.src.Name, "err", err)
			}
		}
		fyne.Do(func() {
			w.end()
			w.progress.Hide()
			if errors.Is(err, context.Canceled) {
				w.status.SetText(i18n.T("asset.import.cancelled"))
				return
			}
			if err != nil {
				w.status.SetText(w.sh.reportError(err))
				return
			}
			w.mu.Lock()
			w.report, w.imported = rep, true
			w.mu.Unlock()
			w.showReport(rep, false)
			w.cancel.SetText(i18n.T("action.close"))
			w.run.Disable()
			w.validate.Disable()
			if rep.New+rep.Updated > 0 {
				w.undo = newButtonWithIcon(i18n.T("asset.undo.button"), theme.ContentUndoIcon(), w.askUndo)
				w.dlg.SetButtons([]fyne.CanvasObject{w.cancel, w.undo})
			}
			w.sh.Changed()
		})
	}()
}

// askUndo confirms, then undoes the import just made.
func (w *importWizard) askUndo() {
	last, ok, err := assets.LastImportOf(w.sh.Ctx, w.sh.WS.Store)
	if err != nil || !ok {
		w.status.SetText(i18n.T("asset.undo.none"))
		return
	}
	text := i18n.T("asset.undo.confirm", map[string]any{"File": last.File, "At": formatWhen(last.At), "Created": last.Created, "Updated": last.Updated})
	confirmAction(w.sh.Window, i18n.T("asset.undo.button"), text, i18n.T("asset.undo.button"), true, w.undoImport)
}

// undoImport undoes the last import and says what it did and left alone.
func (w *importWizard) undoImport() {
	rep, err := assets.UndoLastImport(w.sh.Ctx, w.sh.WS.Store)
	if err != nil {
		w.status.SetText(w.sh.reportError(err))
		return
	}
	text := i18n.T("asset.undo.done", map[string]any{"Removed": rep.Removed, "Restored": rep.Restored})
	if len(rep.Kept) > 0 {
		text += "\n" + i18n.T("asset.undo.kept", map[string]any{"List": strings.Join(rep.Kept, "; ")})
	}
	w.status.SetText(text)
	if w.undo != nil {
		w.undo.Disable()
	}
	w.sh.Changed()
}

func (w *importWizard) setStop(stop context.CancelFunc) {
	w.mu.Lock()
	w.stop = stop
	w.mu.Unlock()
}

// begin and end switch the buttons while work runs: only Cancel stays active.
func (w *importWizard) begin() {
	w.validate.Disable()
	w.run.Disable()
	for _, s := range w.selects {
		s.Disable()
	}
}

func (w *importWizard) end() {
	w.mu.Lock()
	w.stop = nil
	done := w.imported
	w.mu.Unlock()
	if !done {
		w.validate.Enable()
		for _, s := range w.selects {
			s.Enable()
		}
	}
}

// cancelOrClose stops running work, or closes the wizard when nothing runs.
func (w *importWizard) cancelOrClose() {
	w.mu.Lock()
	stop := w.stop
	w.mu.Unlock()
	if stop != nil {
		stop()
		return
	}
	w.dlg.Hide()
}

// next is the wizard's next step: import once validated, else validate.
func (w *importWizard) next() {
	switch {
	case !w.run.Disabled():
		w.run.OnTapped()
	case !w.validate.Disabled():
		w.validate.OnTapped()
	}
}

// wait blocks until background work has finished (tests).
func (w *importWizard) wait() { w.wg.Wait() }
