package ui

import (
	"os"
	"path/filepath"
	"strings"

	"pacta/councils"
	"pacta/i18n"
	"pacta/internal/errs"
)

// print saves a document of the council in the workspace's documents folder and opens it.
func (p *councilsPage) print(v councilData, doc, id string) {
	q := p.db()
	lang := i18n.Current()
	var b []byte
	var err error
	name := councilFileName(v.c.Name)
	switch doc {
	case councils.DocRoster:
		b, err = councils.RosterPDF(q, v.c, lang, p.today())
		name += "-roster.pdf"
	case councils.DocDraw:
		for _, s := range v.selections {
			if s.ID == id {
				b, err = councils.DrawPDF(q, v.c, s, lang, p.today())
				name += "-selection-" + s.Date + ".pdf"
			}
		}
	case councils.DocMinutes:
		for _, m := range v.meetings {
			if m.ID == id {
				b, err = councils.MinutesPDF(q, v.c, m, lang, p.today())
				name += "-minutes-" + m.Date + ".pdf"
			}
		}
	}
	if err == nil && b == nil {
		err = errs.E("print", errs.NotFound, errs.Key("council.ui.gone"))
	}
	if err != nil {
		p.sh.ShowError(err)
		return
	}
	dir := filepath.Join(p.sh.WS.Home, "documents")
	path := filepath.Join(dir, name)
	if err = os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		p.sh.ShowError(errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err))
		return
	}
	p.say(i18n.T("pact.ui.saved_to", map[string]any{"Path": path}))
	if err := openURL(p.sh.App, fileURL(path)); err != nil {
		p.sh.WS.Log.Warn("open with the system viewer", "file", path, "err", err)
	}
}

// councilFileName makes a file name of a council's name.
func councilFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			b.WriteRune('-')
		}
	}
	if b.Len() == 0 {
		return "council"
	}
	return b.String()
}
