package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Column values travel in the change log and the segments as JSON. A bulk import encodes
// millions of them and a replay decodes as many, so the kinds synced tables use (string,
// bool, integers, floats, *float64) have fast paths here; anything else goes through
// encoding/json. The bytes are exactly what json.Marshal would write, so values written by
// either path compare equal.

// appendValue appends the JSON encoding of v.
func appendValue(dst []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		return appendJSONString(dst, v.String()), nil
	case reflect.Bool:
		return strconv.AppendBool(dst, v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, v.Int(), 10), nil
	case reflect.Float64, reflect.Float32:
		return appendFloat(dst, v.Float(), v.Type().Bits())
	case reflect.Pointer:
		if v.IsNil() {
			return append(dst, "null"...), nil
		}
		if k := v.Elem().Kind(); k == reflect.Float64 || k == reflect.String || k == reflect.Int64 || k == reflect.Bool {
			return appendValue(dst, v.Elem())
		}
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// appendFloat writes a float the way encoding/json does (ES6 number formatting).
func appendFloat(dst []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, fmt.Errorf("unsupported value %v", f)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes appendJSONString copies as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// Word-at-a-time tests of 8 bytes at once (the classic "has a zero byte" trick): clocks
// and writers are read and written at every edit, and are plain ASCII.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByte reports whether a byte of w is b.
func hasByte(w uint64, b byte) bool {
	x := w ^ (ones * uint64(b))
	return (x-ones)&^x&highs != 0
}

// hasLess reports whether a byte of w is below n (n <= 128), or at least 0x80.
func hasLess(w uint64, n byte) bool { return ((w-ones*uint64(n))&^w|w)&highs != 0 }

// plainText reports whether s has no byte that JSON escapes or reads apart: no quote,
// backslash, control character or non-ASCII byte, and, with html, no <, > or &. Such a
// string is written and read between quotes as it is.
func plainText(s string, html bool) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
		if hasLess(w, 0x20) || hasByte(w, '"') || hasByte(w, '\\') ||
			html && (hasByte(w, '<') || hasByte(w, '>') || hasByte(w, '&')) {
			return false
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
			return false
		}
	}
	return true
}

// appendJSONString quotes s as encoding/json does: HTML-safe (<, >, & escaped), U+2028 and
// U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	if plainText(s, true) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// decodeValue sets dst (addressable, of a column's type) from its JSON encoding.
func decodeValue(raw []byte, dst reflect.Value) error {
	raw = bytes.Trim(raw, " \t\r\n") // JSON's white space only (TrimSpace also takes \v)
	switch dst.Kind() {
	case reflect.String:
		if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && plainString(raw[1:len(raw)-1]) {
			dst.SetString(string(raw[1 : len(raw)-1]))
			return nil
		}
	case reflect.Bool:
		switch string(raw) {
		case "true":
			dst.SetBool(true)
			return nil
		case "false":
			dst.SetBool(false)
			return nil
		}
	case reflect.Int64, reflect.Int:
		if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil && isJSONNumber(raw) && !dst.OverflowInt(n) {
			dst.SetInt(n)
			return nil
		}
	case reflect.Float64:
		if f, err := strconv.ParseFloat(string(raw), 64); err == nil && isJSONNumber(raw) {
			dst.SetFloat(f)
			return nil
		}
	case reflect.Pointer:
		if string(raw) == "null" {
			dst.SetZero()
			return nil
		}
		if dst.Type().Elem().Kind() == reflect.Float64 {
			if f, err := strconv.ParseFloat(string(raw), 64); err == nil && isJSONNumber(raw) {
				p := reflect.New(dst.Type().Elem())
				p.Elem().SetFloat(f)
				dst.Set(p)
				return nil
			}
		}
	}
	p := reflect.New(dst.Type())
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		return err
	}
	dst.Set(p.Elem())
	return nil
}

// plainString reports whether the inside of a JSON string needs no unescaping: no quote,
// backslash or control character, and valid UTF-8.
func plainString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

// isJSONNumber reports whether b is a number by JSON's grammar:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. ParseFloat and ParseInt also take "+1",
// "01", ".5", "1.", "Inf", "0x1p3" and underscores, which JSON does not.
func isJSONNumber(b []byte) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// equalValue reports whether two values of one column's type are the same value.
func equalValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Float64, reflect.Float32:
		return a.Float() == b.Float()
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValue(a.Elem(), b.Elem())
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
