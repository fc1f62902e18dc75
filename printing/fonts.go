// The Go fonts as documents embed them, with one change: the hyphen.

package printing

import (
	"encoding/binary"
	"sort"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// fonts are the four styles' font files, read and patched once for every document.
var fonts = sync.OnceValue(func() map[string][]byte {
	out := map[string][]byte{}
	for style, ttf := range map[string][]byte{"": goregular.TTF, "B": gobold.TTF, "I": goitalic.TTF, "BI": gobolditalic.TTF} {
		out[style] = narrowHyphen(ttf)
	}
	return out
})

// narrowHyphen returns the font with the hyphen-minus (U+002D) drawn with the glyph of the
// soft hyphen (U+00AD). The Go fonts draw U+002D as wide as a minus sign, wider than their
// en dash, so that "PACT-2026-0001" or "e-mail" print with dashes; their soft hyphen is a
// hyphen's width. Only the character map changes: documents keep U+002D in their text (the
// PDF's codes are the characters), so that copying or searching them finds "-". A font
// that cannot be read, or has no soft hyphen, is returned as it is.
func narrowHyphen(ttf []byte) []byte {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return ttf
	}
	var buf sfnt.Buffer
	soft, err := f.GlyphIndex(&buf, 0xAD)
	if err != nil || soft == 0 {
		return ttf
	}
	glyphs := map[uint16]uint16{}
	for r := rune(0x20); r < 0xFFFF; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			glyphs[uint16(r)] = uint16(g)
		}
	}
	glyphs['-'] = uint16(soft)
	return replaceTable(ttf, "cmap", cmapFormat4(glyphs))
}

// cmapFormat4 is a cmap table with one Windows Unicode BMP subtable (format 4) for the map.
func cmapFormat4(m map[uint16]uint16) []byte {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	// Segments of consecutive codes whose glyphs are consecutive too: idDelta, no array.
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, c := range codes {
		d := int(m[uint16(c)]) - c
		if n := len(segs); n > 0 && segs[n-1].end == c-1 && segs[n-1].delta == d {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, seg{c, c, d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= n*2 {
		searchRange *= 2
		entrySelector++
	}
	length := 16 + 8*n
	sub := make([]uint16, 0, length/2)
	sub = append(sub, 4, uint16(length), 0, uint16(2*n), uint16(searchRange), uint16(entrySelector), uint16(2*n-searchRange))
	for _, s := range segs {
		sub = append(sub, uint16(s.end))
	}
	sub = append(sub, 0)
	for _, s := range segs {
		sub = append(sub, uint16(s.start))
	}
	for _, s := range segs {
		sub = append(sub, uint16(s.delta))
	}
	for range segs {
		sub = append(sub, 0)
	}
	out := make([]byte, 0, 12+length)
	out = binary.BigEndian.AppendUint16(out, 0) // version
	out = binary.BigEndian.AppendUint16(out, 1) // one subtable
	out = binary.BigEndian.AppendUint16(out, 3) // Windows
	out = binary.BigEndian.AppendUint16(out, 1) // Unicode BMP
	out = binary.BigEndian.AppendUint32(out, 12)
	for _, v := range sub {
		out = binary.BigEndian.AppendUint16(out, v)
	}
	return out
}

// replaceTable returns the font with the table tag's data replaced by data, appended at the
// end of the file; the other tables stay where they are.
func replaceTable(ttf []byte, tag string, data []byte) []byte {
	if len(ttf) < 12 {
		return ttf
	}
	numTables := int(binary.BigEndian.Uint16(ttf[4:]))
	out := append([]byte(nil), ttf...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return ttf
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		offset := len(out)
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		var sum uint32
		for j := offset; j < len(out); j += 4 {
			sum += binary.BigEndian.Uint32(out[j:])
		}
		binary.BigEndian.PutUint32(out[rec+4:], sum)
		binary.BigEndian.PutUint32(out[rec+8:], uint32(offset))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(data)))
		return out
	}
	return ttf
}
