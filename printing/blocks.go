// The blocks a document is written with: titles, headings, paragraphs, bullets, key-value
// lines, tables whose rows never split across pages, and signature blocks.

package printing

import "strings"

// Title prints the document title, centred.
func (d *Doc) Title(text string) {
	d.pdf.SetFont(family, "B", 16)
	d.pdf.MultiCell(0, 8, text, "", "C", false)
	d.pdf.Ln(2)
	d.body()
}

// Subtitle prints a centred line under the title.
func (d *Doc) Subtitle(text string) {
	d.pdf.SetFont(family, "I", 10.5)
	d.pdf.MultiCell(0, 5.5, text, "", "C", false)
	d.pdf.Ln(3)
	d.body()
}

// Heading prints a section heading, keeping it with at least a few lines of what follows.
func (d *Doc) Heading(text string) {
	d.needSpace(22)
	d.pdf.Ln(2)
	d.pdf.SetFont(family, "B", 12)
	d.pdf.SetTextColor(31, 107, 74)
	d.pdf.MultiCell(0, 6.5, text, "", "L", false)
	d.pdf.Ln(1)
	d.body()
}

// Subheading prints a smaller heading.
func (d *Doc) Subheading(text string) {
	d.needSpace(14)
	d.pdf.SetFont(family, "B", bodySize)
	d.pdf.MultiCell(0, lineH+0.6, text, "", "L", false)
	d.body()
}

// Para prints a justified paragraph; blank lines in text start new paragraphs. No
// paragraph leaves a single line alone at the foot of a page or at the head of the next:
// one of three lines or fewer moves whole to the next page, a longer one breaks a line
// earlier.
func (d *Doc) Para(text string) {
	for _, part := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		d.lines(part, "J")
		d.pdf.Ln(1.5)
	}
}

// lines prints text in the current font as MultiCell does, keeping orphans and widows away.
func (d *Doc) lines(text, align string) {
	p := d.pdf
	pw, ph := p.GetPageSize()
	_, _, right, bottom := p.GetMargins()
	n := len(p.SplitText(text, pw-right-p.GetX()))
	room := int((ph - bottom - p.GetY() + 0.01) / lineH)
	if n > room && n*2 < int((ph-bottom-24)/lineH) {
		switch {
		case room < 2 || n <= 3:
			p.AddPage() // the font in use comes back after the page's header
		case n-room == 1:
			// One line would go over alone: the page breaks a line earlier.
			p.SetAutoPageBreak(true, bottom+lineH)
			p.MultiCell(0, lineH, text, "", align, false)
			p.SetAutoPageBreak(true, bottom)
			return
		}
	}
	p.MultiCell(0, lineH, text, "", align, false)
}

// KeepWith breaks the page when less than h millimetres remain, so that what follows (h
// millimetres of it) stays together.
func (d *Doc) KeepWith(h float64) { d.needSpace(h) }

// Italic prints an italic paragraph.
func (d *Doc) Italic(text string) {
	d.pdf.SetFont(family, "I", bodySize)
	d.Para(text)
	d.body()
}

// Bullet prints an indented item.
func (d *Doc) Bullet(text string) {
	p := d.pdf
	x := p.GetX()
	p.CellFormat(6, lineH, "•", "", 0, "L", false, 0, "")
	p.SetLeftMargin(margin + 6)
	p.MultiCell(0, lineH, text, "", "L", false)
	p.SetLeftMargin(margin)
	p.SetX(x)
}

// KV prints "label: value" with the label in bold.
func (d *Doc) KV(label, value string) {
	p := d.pdf
	p.SetFont(family, "B", bodySize)
	lw := p.GetStringWidth(label+": ") + 1
	if lw > 60 {
		lw = 60
	}
	p.CellFormat(lw, lineH, label+":", "", 0, "L", false, 0, "")
	d.body()
	p.MultiCell(0, lineH, value, "", "L", false)
}

// Table prints a table with a header row; widths are fractions of the text width and
// cells wrap. Rows never split across pages.
func (d *Doc) Table(headers []string, widths []float64, rows [][]string) {
	p := d.pdf
	pw, _ := p.GetPageSize()
	total := pw - 2*margin
	ws := make([]float64, len(headers))
	var sum float64
	for i := range headers {
		if i < len(widths) {
			sum += widths[i]
		}
	}
	for i := range headers {
		if i < len(widths) && sum > 0 {
			ws[i] = total * widths[i] / sum
		} else {
			ws[i] = total / float64(len(headers))
		}
	}
	printRow := func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont(family, style, 9)
		lines := 1
		split := make([][]string, len(cells))
		for i, c := range cells {
			if i >= len(ws) {
				break
			}
			split[i] = p.SplitText(c, ws[i]-2)
			if len(split[i]) > lines {
				lines = len(split[i])
			}
		}
		h := float64(lines)*4.4 + 2
		d.needSpace(h)
		p.SetFont(family, style, 9) // a page break resets the font; the row was measured at 9 pt
		x, y := p.GetXY()
		if bold {
			p.SetFillColor(232, 242, 236)
			p.Rect(x, y, total, h, "F")
		}
		for i := range ws {
			text := ""
			if i < len(split) {
				text = strings.Join(split[i], "\n")
			}
			p.SetXY(x, y+1)
			p.MultiCell(ws[i], 4.4, text, "", "L", false)
			x += ws[i]
		}
		p.SetDrawColor(210, 210, 210)
		p.SetLineWidth(0.2)
		p.Line(margin, y+h, margin+total, y+h)
		p.SetXY(margin, y+h)
	}
	printRow(headers, true)
	for _, r := range rows {
		printRow(r, false)
	}
	p.Ln(3)
	d.body()
}

// Signature prints a signature line for one party.
func (d *Doc) Signature(role, name, detail string) {
	p := d.pdf
	d.needSpace(30)
	p.Ln(4)
	p.SetFont(family, "B", bodySize)
	p.MultiCell(0, lineH, role, "", "L", false)
	d.body()
	if name != "" {
		p.MultiCell(0, lineH, name, "", "L", false)
	}
	if detail != "" {
		p.SetFont(family, "I", 9)
		p.MultiCell(0, 4.5, detail, "", "L", false)
		d.body()
	}
	p.Ln(8)
	y := p.GetY()
	p.SetDrawColor(60, 60, 60)
	p.Line(margin, y, margin+80, y)
	p.SetFont(family, "", 8)
	p.SetXY(margin, y+1)
	p.CellFormat(80, 4, d.loc.T("print.signature"), "", 1, "L", false, 0, "")
	d.body()
}
