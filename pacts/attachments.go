package pacts

import (
	"context"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// reportTable is the owner table of a monitoring report's attachments.
const reportTable = "pact_reports"

// MaxAttachment is the largest file a report accepts: photos and scans, not videos, so
// that a shared folder on a USB stick stays small.
const MaxAttachment = 25 << 20

// ErrTooLarge is returned for a file above MaxAttachment.
var ErrTooLarge = errs.E(errs.Invalid, errs.Key("pact.error.too_large"))

// AttachToReport stores a file (a photo of the work, a scanned attendance sheet…) with a
// monitoring report. The bytes go to the content-addressed blob store, so sync carries them
// to the other laptops; the attachment row goes through the change log like any other.
func AttachToReport(ctx context.Context, st *model.Store, blobs model.Blobs, reportID, name string, r io.Reader) (model.Attachment, error) {
	mt := mime.TypeByExtension(strings.ToLower(filepath.Ext(name)))
	if mt == "" {
		mt = "application/octet-stream"
	}
	att, err := st.Attach(ctx, blobs, model.Attachment{OwnerTable: reportTable, OwnerID: reportID, Name: name, Mime: mt}, r, MaxAttachment, ErrTooLarge,
		func(tx *model.Tx) error {
			if _, err := ReportByID(tx, reportID); err != nil {
				return errs.E(errs.NotFound, fmt.Errorf("no such report: %w", err))
			}
			return nil
		})
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach %s: %w", name, err)
	}
	return att, nil
}

// AttachFileToReport attaches a file from disk.
func AttachFileToReport(ctx context.Context, st *model.Store, blobs model.Blobs, reportID, path string) (model.Attachment, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("attach: %w", err)
	}
	defer f.Close()
	return AttachToReport(ctx, st, blobs, reportID, path, f)
}

// ReportAttachments lists a report's attachments.
func ReportAttachments(q model.Querier, reportID string) ([]model.Attachment, error) {
	return model.AttachmentsOf(q, reportTable, reportID)
}

// FindReport returns the report of a pact for a period.
func FindReport(d *Dossier, period string) (model.PactReport, error) {
	for _, r := range d.Reports {
		if r.Period == period {
			return r, nil
		}
	}
	return model.PactReport{}, errs.E(errs.NotFound, errs.Key("pact.error.no_report_for_period"), map[string]any{"Ref": d.Pact.Ref, "Period": period})
}
