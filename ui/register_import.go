package ui

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/pacts"
)

// importRegisterFile imports a municipal register of pacts (the Palermo CSV) off the UI
// goroutine; done is told, on the UI goroutine, the sentence that says what was imported
// and what was skipped, or the error. The returned function cancels it: nothing is
// imported then.
func importRegisterFile(sh *Shell, path string, done func(text string, err error)) (cancel func()) {
	ctx, stop := context.WithCancel(sh.background())
	go func() {
		defer stop()
		text, err := importRegister(ctx, sh, path)
		fyne.Do(func() { done(text, err) })
	}()
	return stop
}

func importRegister(ctx context.Context, sh *Shell, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", errs.E(errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": path}, err)
	}
	defer f.Close()
	rows, skipped, err := pacts.ReadRegister(f)
	if err != nil {
		return "", errs.E("import register", errs.Invalid, errs.Key("pact.ui.register.unreadable"), map[string]any{"File": path}, err)
	}
	res, err := pacts.ImportRegister(ctx, sh.WS.Store, rows, pacts.By{Actor: app.Actor(sh.WS)})
	if err != nil {
		return "", err
	}
	res.Skipped = append(res.Skipped, skipped...)
	sh.Changed()
	text := i18n.T("pact.ui.register.done", map[string]any{"Created": res.Created, "Updated": res.Updated + res.Unchanged,
		"Assets": res.AssetsCreated, "Skipped": len(res.Skipped)})
	for i, s := range res.Skipped {
		if i == 20 {
			break
		}
		text += "\n" + i18n.T("pact.ui.register.skipped_line", map[string]any{"Line": s.Line, "Reason": s.Reason})
	}
	return text, nil
}

// chooseRegister asks for a register file and imports it.
func (p *pactsPage) chooseRegister() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.importRegister(path)
	}, p.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV"}))
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

// importRegister imports the register in path, saying so under the filters meanwhile.
func (p *pactsPage) importRegister(path string) {
	setLine(p.notice, i18n.T("pact.ui.register.running"))
	importRegisterFile(p.sh, path, func(text string, err error) {
		if err != nil {
			setLine(p.notice, p.sh.reportError(err))
			return
		}
		setLine(p.notice, text)
		p.Reload()
	})
}
