package assets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Record is one row of an import file.
type Record struct {
	Line   int      // line of the file where the row starts (CSV), or the feature's number (GeoJSON)
	Values []string // one per header column
	Lat    *float64 // from a GeoJSON geometry
	Lon    *float64
	Err    error // the row could not be read; it is reported and skipped
}

// Source is an import file: its format, header and rows. Rows are read again on each
// pass (preview, validation, import), so a large CSV is streamed and never held in memory.
type Source struct {
	Name      string
	Format    string // "csv" or "geojson"
	Header    []string
	Delimiter rune   // CSV only
	Charset   string // "utf-8", "utf-8 with BOM" or "windows-1252"
	open      func() (io.ReadCloser, error)
	features  []Record // GeoJSON: the decoded features
}

// ErrEmpty is returned for a file with no header.
var ErrEmpty = errors.New("the file is empty: it needs a header line with the column names")

// OpenFile opens an import file; the format comes from the extension (.geojson, .json) or
// the content (a file starting with "{" is GeoJSON).
func OpenFile(path string) (*Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open import file: %w", err)
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	f.Close()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".geojson" || ext == ".json" || bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(head[:n], bom)), []byte("{")) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("open import file: %w", err)
		}
		return ReadGeoJSON(filepath.Base(path), b)
	}
	return openCSV(filepath.Base(path), func() (io.ReadCloser, error) { return os.Open(path) })
}

// OpenBytes reads an import file held in memory (tests, fuzzing, drag and drop).
func OpenBytes(name string, b []byte) (*Source, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, bom))
	if strings.HasSuffix(strings.ToLower(name), "json") || bytes.HasPrefix(t, []byte("{")) {
		return ReadGeoJSON(name, b)
	}
	return openCSV(name, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// csvReader prepares a reader over the whole file: BOM skipped, Windows-1252 decoded when
// the start of the file is not UTF-8 (spreadsheets on Windows still save that way).
func csvReader(open func() (io.ReadCloser, error)) (io.ReadCloser, *bufio.Reader, string, error) {
	rc, err := open()
	if err != nil {
		return nil, nil, "", fmt.Errorf("open import file: %w", err)
	}
	br := bufio.NewReaderSize(rc, 64*1024)
	peek, _ := br.Peek(64 * 1024)
	charset := "utf-8"
	if bytes.HasPrefix(peek, bom) {
		br.Discard(len(bom))
		peek = peek[len(bom):]
		charset = "utf-8 with BOM"
	}
	if !validUTF8Prefix(peek) {
		charset = "windows-1252"
		br = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 64*1024)
	}
	return rc, br, charset, nil
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut by the end of the peeked bytes.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return false
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// detectDelimiter picks ",", ";" or tab: the one found most often in the first line,
// outside quotes.
func detectDelimiter(br *bufio.Reader) rune {
	peek, _ := br.Peek(64 * 1024)
	counts := map[rune]int{}
	inQuote := false
	for _, r := range string(peek) {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func openCSV(name string, open func() (io.ReadCloser, error)) (*Source, error) {
	rc, br, charset, err := csvReader(open)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := &Source{Name: name, Format: "csv", Charset: charset, open: open, Delimiter: detectDelimiter(br)}
	r := newCSV(br, s.Delimiter)
	for {
		h, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: the header line cannot be read (%v); check the quotes", name, err)
		}
		if allEmpty(h) {
			continue
		}
		for i := range h {
			h[i] = strings.TrimSpace(strings.TrimPrefix(h[i], "\ufeff"))
		}
		s.Header = h
		return s, nil
	}
}

func newCSV(r io.Reader, delim rune) *csv.Reader {
	c := csv.NewReader(r)
	c.Comma = delim
	c.LazyQuotes = true // real registers have bare quotes inside cells: Via "Roma"
	c.FieldsPerRecord = -1
	return c
}

func allEmpty(v []string) bool {
	for _, s := range v {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// Each calls fn for every data row, in order. A row that cannot be read comes with Err
// set. It stops at the first error fn returns, or when ctx is done.
func (s *Source) Each(ctx context.Context, fn func(Record) error) error {
	if s.Format == "geojson" {
		for _, r := range s.features {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	rc, br, _, err := csvReader(s.open)
	if err != nil {
		return err
	}
	defer rc.Close()
	r := newCSV(br, s.Delimiter)
	header := true
	lastErrLine := -1
	for n := 0; ; n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		vals, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if pe.StartLine == lastErrLine {
				return nil // the reader cannot move on
			}
			lastErrLine = pe.StartLine
			if err := fn(Record{Line: pe.StartLine, Err: FieldError{Key: "asset.import.error.unreadable", Data: map[string]any{"Error": pe.Err.Error()}}}); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", s.Name, err)
		}
		if header {
			if allEmpty(vals) {
				continue
			}
			header = false
			continue
		}
		if allEmpty(vals) {
			continue
		}
		line, _ := r.FieldPos(0)
		rec := Record{Line: line, Values: vals}
		switch {
		case swallowedLines(vals, s.Delimiter, len(s.Header)):
			rec.Err = FieldError{Key: "asset.import.error.unclosed_quote"}
		case len(vals) < len(s.Header):
			rec.Values = append(vals, make([]string, len(s.Header)-len(vals))...)
		case len(vals) > len(s.Header) && !allEmpty(vals[len(s.Header):]):
			rec.Err = FieldError{Key: "asset.import.error.cells", Data: map[string]any{"Cells": len(vals), "Header": len(s.Header)}}
		default:
			rec.Values = vals[:len(s.Header)]
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// errStop ends Each early without an error.
var errStop = errors.New("stop")

// Preview returns the first n data rows.
func (s *Source) Preview(n int) ([]Record, error) {
	var out []Record
	err := s.Each(context.Background(), func(r Record) error {
		if len(out) >= n {
			return errStop
		}
		out = append(out, r)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return out, err
	}
	return out, nil
}

// swallowedLines reports whether a cell holds whole lines of the file: with lazy quotes, an
// opening quotation mark that is never closed makes the reader take everything up to the
// end of the file as one cell. A legitimate multi-line cell (an address on two lines) does
// not hold a line with as many separators as a row has.
func swallowedLines(vals []string, delim rune, columns int) bool {
	if columns < 2 {
		return false
	}
	for _, v := range vals {
		if !strings.ContainsAny(v, "\r\n") {
			continue
		}
		for _, l := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if strings.Count(l, string(delim)) >= columns-1 {
				return true
			}
		}
	}
	return false
}
