// Package printing holds the PDF primitives every Pacta document shares: the embedded Go
// fonts (every Latin-script language prints: ñ, à, ü, Kichwa), the page frame (header with
// the municipality, footer with reference, version, page x of N and the short content
// hash), headings, paragraphs, tables, signature lines and the DRAFT mark. Output is
// byte-identical for the same content and date. Every gofpdf call lives in this package,
// so switching to the maintained fork is a one-line change.
package printing

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"pacta/i18n"
)

// Meta is what the page frame prints.
type Meta struct {
	Municipality string    // header, left
	Title        string    // header, right; also the PDF title
	Reference    string    // footer: PACT-2026-0042
	Version      string    // footer: "2"; empty for documents without versions
	Hash         string    // footer: the content hash (its first 12 digits are printed)
	Date         time.Time // the document date: also the PDF creation date, for determinism
	Lang         string    // language of the frame's own words
	Draft        bool      // a visible DRAFT mark on every page
	Logo         []byte    // a PNG or JPEG printed at the head of every page; nil for none
}

// Doc is a document being written.
type Doc struct {
	pdf  *gofpdf.Fpdf
	meta Meta
	loc  i18n.Localizer
	logo *gofpdf.ImageInfoType // registered from meta.Logo; nil without one
	opts gofpdf.ImageOptions
}

const (
	family   = "Go"
	margin   = 20.0
	bodySize = 10.5
	lineH    = 5.2
)

// New starts an A4 document.
func New(meta Meta) *Doc {
	pdf := gofpdf.New("P", "mm", "A4", "")
	fs := fonts()
	for _, style := range []string{"", "B", "I", "BI"} {
		pdf.AddUTF8FontFromBytes(family, style, fs[style])
	}
	d := &Doc{pdf: pdf, meta: meta, loc: i18n.In(meta.Lang)}
	if len(meta.Logo) > 0 {
		// A logo that cannot be read is left out: the document still prints.
		if _, format, err := image.DecodeConfig(bytes.NewReader(meta.Logo)); err == nil && (format == "png" || format == "jpeg") {
			d.opts = gofpdf.ImageOptions{ImageType: map[string]string{"png": "PNG", "jpeg": "JPG"}[format], ReadDpi: false}
			d.logo = pdf.RegisterImageOptionsReader("logo", d.opts, bytes.NewReader(meta.Logo))
			if pdf.Err() {
				pdf.ClearError()
				d.logo = nil
			}
		}
	}
	date := meta.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetTitle(meta.Title, true)
	pdf.SetAuthor(meta.Municipality, true)
	pdf.SetCreator("Pacta", true)
	pdf.SetProducer("Pacta", true)
	pdf.SetMargins(margin, 24, margin)
	pdf.SetAutoPageBreak(true, 22)
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()
	d.body()
	return d
}

func (d *Doc) body() {
	d.pdf.SetFont(family, "", bodySize)
	d.pdf.SetTextColor(20, 20, 20)
}

// header prints the logo, the municipality's name (wrapped on two lines, smaller if it must,
// never over the title) and the document's title, right, cut short when it does not fit.
func (d *Doc) header() {
	p := d.pdf
	if d.meta.Draft {
		d.draftMark()
	}
	w, _ := p.GetPageSize()
	x, full := margin, w-2*margin
	if d.logo != nil && d.logo.Height() > 0 {
		lh := 9.0
		lw := min(lh*d.logo.Width()/d.logo.Height(), 40)
		p.ImageOptions("logo", margin, 7, lw, lh, false, d.opts, 0, "")
		x += lw + 3
	}
	avail := margin + full - x
	title := d.meta.Title
	if d.meta.Draft {
		// Also in words, so that a draft is recognisable in extracted text and screen readers.
		title = d.loc.T("print.draft") + " · " + title
	}
	// The title (with the document's reference) takes what it needs up to half of the room;
	// the name the rest, on two lines at most, smaller if it must.
	p.SetFont(family, "", 9)
	tw := min(p.GetStringWidth(title)+2, avail*0.5)
	size := 9.0
	p.SetFont(family, "B", size)
	nameW := min(p.GetStringWidth(d.meta.Municipality)+2, avail-tw-3)
	lines := p.SplitText(d.meta.Municipality, nameW)
	if len(lines) > 2 {
		size = 7.5
		p.SetFont(family, "B", size)
		lines = p.SplitText(d.meta.Municipality, nameW)
	}
	if len(lines) > 2 {
		lines = []string{lines[0], truncate(p, strings.Join(lines[1:], " "), nameW-2)}
	}
	p.SetTextColor(31, 107, 74)
	lineH := 4.0
	top := 10.0
	if len(lines) > 1 {
		top = 8.5
	}
	for i, l := range lines {
		p.SetXY(x, top+float64(i)*lineH)
		p.CellFormat(nameW, lineH+0.5, l, "", 0, "L", false, 0, "")
	}
	p.SetFont(family, "", 9)
	p.SetTextColor(90, 90, 90)
	p.SetXY(margin+full-tw, 10)
	p.CellFormat(tw, 5, truncate(p, title, tw), "", 1, "R", false, 0, "")
	p.SetDrawColor(31, 107, 74)
	p.SetLineWidth(0.4)
	p.Line(margin, 17, w-margin, 17)
	p.SetXY(margin, 24)
	d.body()
}

func (d *Doc) draftMark() {
	p := d.pdf
	w, h := p.GetPageSize()
	p.SetFont(family, "B", 90)
	p.SetTextColor(215, 215, 215)
	text := d.loc.T("print.draft")
	tw := p.GetStringWidth(text)
	p.TransformBegin()
	p.TransformRotate(45, w/2, h/2)
	p.Text(w/2-tw/2, h/2+12, text)
	p.TransformEnd()
	d.body()
}

func (d *Doc) footer() {
	p := d.pdf
	w, _ := p.GetPageSize()
	p.SetY(-15)
	p.SetDrawColor(200, 200, 200)
	p.SetLineWidth(0.2)
	p.Line(margin, p.GetY()-1, w-margin, p.GetY()-1)
	p.SetFont(family, "", 8)
	p.SetTextColor(90, 90, 90)
	var left []string
	if d.meta.Reference != "" {
		left = append(left, d.meta.Reference)
	}
	if d.meta.Version != "" {
		left = append(left, d.loc.T("print.version", map[string]string{"Version": d.meta.Version}))
	}
	if d.meta.Hash != "" {
		h := d.meta.Hash
		if len(h) > 12 {
			h = h[:12]
		}
		left = append(left, "SHA-256 "+h)
	}
	third := (w - 2*margin) / 3
	p.CellFormat(2*third, 5, strings.Join(left, "  ·  "), "", 0, "L", false, 0, "")
	page := d.loc.T("print.page", map[string]any{"Page": p.PageNo(), "Total": "{nb}"})
	p.CellFormat(third, 5, page, "", 0, "R", false, 0, "")
}

func truncate(p *gofpdf.Fpdf, s string, w float64) string {
	if p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// Space adds vertical space in millimetres.
func (d *Doc) Space(mm float64) { d.pdf.Ln(mm) }

// PageBreak starts a new page.
func (d *Doc) PageBreak() { d.pdf.AddPage(); d.body() }

// needSpace breaks the page when less than h mm remain.
func (d *Doc) needSpace(h float64) {
	_, ph := d.pdf.GetPageSize()
	_, _, _, bottom := d.pdf.GetMargins()
	if d.pdf.GetY()+h > ph-bottom {
		d.PageBreak()
	}
}

// Err is the first error gofpdf met (a bad font, an image it could not read).
func (d *Doc) Err() error { return d.pdf.Error() }

// Write finishes the document into w.
func (d *Doc) Write(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// Bytes finishes the document and returns it.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
