// A pact's own files (plans, the project, signed scans) and the checks every file of a pact
// passes: a known type whose content matches its name, at most MaxAttachment bytes.

package pacts

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
	"pacta/printing"
)

// pactTable is the owner table of a pact's own files; actTable that of an act's file.
const (
	pactTable = "pacts"
	actTable  = "pact_acts"
)

// fileTypes are the files a pact holds, by extension: PDF, images, ODT and DOCX documents,
// and files signed digitally in the CAdES envelope (.p7m, "progetto.pdf.p7m").
var fileTypes = map[string]string{
	".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
	".gif": "image/gif", ".webp": "image/webp", ".tif": "image/tiff", ".tiff": "image/tiff",
	".odt":  "application/vnd.oasis.opendocument.text",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".p7m":  "application/pkcs7-mime",
}

// FileExtensions lists the extensions a pact's file may have (for the file chooser).
func FileExtensions() []string {
	return []string{".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".odt", ".docx", ".p7m"}
}

// contentMatches reports whether the first bytes of a file are those of its type, so that a
// renamed program or a damaged download is not kept as "the project".
func contentMatches(ext string, head []byte) bool {
	has := func(p string) bool { return bytes.HasPrefix(head, []byte(p)) }
	switch ext {
	case ".pdf":
		return bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-"))
	case ".jpg", ".jpeg":
		return has("\xff\xd8\xff")
	case ".png":
		return has("\x89PNG\r\n\x1a\n")
	case ".gif":
		return has("GIF87a") || has("GIF89a")
	case ".webp":
		return len(head) >= 12 && has("RIFF") && string(head[8:12]) == "WEBP"
	case ".tif", ".tiff":
		return has("II*\x00") || has("MM\x00*")
	case ".odt", ".docx":
		return has("PK\x03\x04")
	case ".p7m":
		// DER (a SEQUENCE) or the same in base64, with or without PEM armour.
		return has("\x30") || has("MII") || has("-----BEGIN")
	}
	return false
}

// readFile reads a file to attach, refusing it before anything is written when it is too
// large or not of a known type. name is the file's name (its extension says its type).
func readFile(name string, r io.Reader) ([]byte, string, error) {
	base := filepath.Base(name)
	ext := strings.ToLower(filepath.Ext(base))
	mt, ok := fileTypes[ext]
	if !ok {
		return nil, "", errs.E(errs.Invalid, errs.Key("pact.error.file_type"), map[string]any{"Name": base})
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxAttachment+1))
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", base, err)
	}
	if len(b) > MaxAttachment {
		return nil, "", errs.E(errs.Invalid, errs.Key("pact.error.file_too_large"), map[string]any{"Name": base})
	}
	if len(b) == 0 {
		return nil, "", errs.E(errs.Invalid, errs.Key("pact.error.file_empty"), map[string]any{"Name": base})
	}
	if !contentMatches(ext, b) {
		return nil, "", errs.E(errs.Invalid, errs.Key("pact.error.file_content"), map[string]any{"Name": base, "Ext": ext})
	}
	return b, mt, nil
}

// openChecked opens a file on disk, refusing one over MaxAttachment before reading it.
func openChecked(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(errs.Invalid, errs.Key("pact.error.file_open"), map[string]any{"Name": path}, err)
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxAttachment {
		f.Close()
		return nil, errs.E(errs.Invalid, errs.Key("pact.error.file_too_large"), map[string]any{"Name": filepath.Base(path)})
	}
	return f, nil
}

// AddFile stores a file with a pact (title: how the annex list names it; empty, its file
// name). The bytes go to the content-addressed blob store, which sync copies like asset
// photos; the attachment row goes through the change log. A file refused writes nothing.
func AddFile(ctx context.Context, st *model.Store, blobs model.Blobs, pactID, name, title string, r io.Reader) (model.Attachment, error) {
	b, mt, err := readFile(name, r)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("add file: %w", err)
	}
	a := model.Attachment{OwnerTable: pactTable, OwnerID: pactID, Name: filepath.Base(name), Mime: mt, Caption: strings.TrimSpace(title)}
	a.SHA256, a.Size, err = blobs.Put(bytes.NewReader(b))
	if err != nil {
		return model.Attachment{}, err
	}
	err = st.Update(ctx, func(tx *model.Tx) error {
		if _, err := PactByID(tx, pactID); err != nil {
			return errs.E(errs.NotFound, err)
		}
		return tx.Put(&a)
	})
	if err != nil {
		return model.Attachment{}, fmt.Errorf("add file %s: %w", a.Name, err)
	}
	return a, nil
}

// AddFileFrom stores a file from disk with a pact.
func AddFileFrom(ctx context.Context, st *model.Store, blobs model.Blobs, pactID, path, title string) (model.Attachment, error) {
	f, err := openChecked(path)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("add file: %w", err)
	}
	defer f.Close()
	return AddFile(ctx, st, blobs, pactID, path, title, f)
}

// Files lists a pact's own files, in the order they were added.
func Files(q model.Querier, pactID string) ([]model.Attachment, error) {
	return model.AttachmentsOf(q, pactTable, pactID)
}

// FindFile finds a pact's file by its id, its title or its file name.
func FindFile(q model.Querier, pactID, which string) (model.Attachment, error) {
	fs, err := Files(q, pactID)
	if err != nil {
		return model.Attachment{}, err
	}
	which = strings.TrimSpace(which)
	for _, f := range fs {
		if f.ID == which || strings.EqualFold(f.Caption, which) || strings.EqualFold(f.Name, which) {
			return f, nil
		}
	}
	return model.Attachment{}, errs.E(errs.NotFound, errs.Key("pact.error.no_file"), map[string]any{"File": which})
}

// RemoveFile takes a file off a pact (a tombstone; the blob stays, another row may share it).
func RemoveFile(ctx context.Context, st *model.Store, att model.Attachment) error {
	return st.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "attachments", att.ID)
		if err != nil {
			return fmt.Errorf("remove file %s: %w", att.Name, err)
		}
		return tx.Delete(e)
	})
}

// FileLabel is how lists and the annexes name a file: its title and file name.
func FileLabel(a model.Attachment) string {
	if a.Caption == "" || a.Caption == a.Name {
		return a.Name
	}
	return a.Caption + " (" + a.Name + ")"
}

// annexFiles lists the files annexed to the agreement, numbered, with their hashes.
func annexFiles(doc *printing.Doc, loc wording, a *Agreement) {
	if len(a.Files) == 0 {
		return
	}
	doc.Heading(loc.T("pact.pdf.annex_files"))
	rows := make([][]string, len(a.Files))
	for i, f := range a.Files {
		title := f.Title
		if title == "" {
			title = f.Name
		}
		rows[i] = []string{strconv.Itoa(i + 1), title, f.Name, formatSize(loc.Lang(), f.Size), short(f.SHA256)}
	}
	doc.Table([]string{loc.T("pact.pdf.col_annex"), loc.T("pact.pdf.col_title"), loc.T("pact.pdf.col_file"),
		loc.T("pact.pdf.col_size"), "SHA-256"}, []float64{0.8, 4, 3.2, 1.4, 2}, rows)
}

// wording is what the annexes need of an agreement's words: an i18n.Localizer, or the
// words of a bilingual agreement in both its languages.
type wording interface {
	T(key string, data ...any) string
	Lang() string
}

// formatSize writes a file's size in KB or MB, as lang writes numbers.
func formatSize(lang string, n int64) string {
	if n < 1<<20 {
		return FormatNumber(lang, float64((n+1023)/1024), 0) + " KB"
	}
	return FormatNumber(lang, float64(n)/(1<<20), 1) + " MB"
}
