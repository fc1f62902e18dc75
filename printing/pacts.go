package printing

// Centered prints a bold, centred line: the "BETWEEN", "AND" and "the parties agree as
// follows" of an agreement.
func (d *Doc) Centered(text string) {
	d.needSpace(14)
	d.pdf.Ln(1)
	d.pdf.SetFont(family, "B", bodySize+0.5)
	d.pdf.MultiCell(0, lineH+1, text, "", "C", false)
	d.pdf.Ln(1.5)
	d.body()
}
