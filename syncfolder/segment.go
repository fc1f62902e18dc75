package syncfolder

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"pacta/model"
)

// Format names the segment format in every header. A line is one change of one row
// (model.Change). In format 3 the changes of a segment may skip sequence numbers: a
// device exports the changes still in place in its rows, and one it wrote over again
// before exporting never leaves it. Format 2 numbered every change, one after the other;
// format 1, written before the log kept one entry per row (schema 5), had one line per
// changed field. Both are still read, so that folders shared before an upgrade keep
// working.
const (
	Format   = "pacta-segment/3"
	formatV2 = "pacta-segment/2"
	formatV1 = "pacta-segment/1"
)

// readableFormats are the segment formats this Pacta reads (it writes Format). Device files
// list them, so that the others can tell a laptop that needs an upgrade.
var readableFormats = []string{formatV1, formatV2, Format}

// changeV1 is a line of a format-1 segment: one field of one row.
type changeV1 struct {
	Device     string          `json:"device"`
	Seq        int64           `json:"seq"`
	HLC        string          `json:"hlc"`
	Table      string          `json:"table"`
	Row        string          `json:"row"`
	Field      string          `json:"field"`
	Value      json.RawMessage `json:"value"`
	PrevDevice string          `json:"prev_device,omitempty"`
	PrevSeq    int64           `json:"prev_seq,omitempty"`
}

// decodeLine reads one change line of a segment in format f.
func decodeLine(f string, l []byte) (model.Change, error) {
	var c model.Change
	if f != formatV1 {
		err := json.Unmarshal(l, &c)
		return c, err
	}
	var old changeV1
	if err := json.Unmarshal(l, &old); err != nil {
		return c, err
	}
	if old.Field == "" || len(old.Value) == 0 {
		return c, fmt.Errorf("a format-1 change without a field or value")
	}
	fields, err := json.Marshal(map[string]json.RawMessage{old.Field: old.Value})
	if err != nil {
		return c, err
	}
	c = model.Change{Device: old.Device, Seq: old.Seq, HLC: old.HLC, Table: old.Table, Row: old.Row, Fields: fields}
	if old.PrevDevice != "" {
		if c.Prev, err = json.Marshal(map[string]model.Writer{old.Field: {Device: old.PrevDevice, Seq: old.PrevSeq}}); err != nil {
			return c, err
		}
	}
	return c, nil
}

// Header is a segment's first line.
type Header struct {
	Format    string           `json:"format"`
	Workspace string           `json:"workspace"`
	Device    string           `json:"device"`
	Segment   int64            `json:"segment"`
	FirstSeq  int64            `json:"first_seq"`
	LastSeq   int64            `json:"last_seq"`
	Deps      map[string]int64 `json:"deps"` // for every other device, the highest seq applied
	Prev      string           `json:"prev"` // hash of this device's previous segment
	// Wall is the author's own wall clock when it sealed the segment (Unix ms; 0 in
	// segments written before it travelled). A change's clock may run ahead because its
	// laptop saw a laptop whose clock is fast; this says whose clock it is.
	Wall int64 `json:"wall,omitempty"`
}

// Trailer is a segment's last line: the hash of every line before it and the device's
// Ed25519 signature of that hash.
type Trailer struct {
	Count  int    `json:"count"`
	SHA256 string `json:"sha256"`
	Sig    string `json:"sig"`
}

// Segment is a decoded segment file.
type Segment struct {
	Header
	Changes []model.Change
	SHA256  string
	Sig     []byte
}

// Reading outcomes that are not the segment's fault.
var (
	// ErrIncomplete means the file is still being copied (no trailer yet): try later.
	ErrIncomplete = errors.New("incomplete segment")
	// ErrDamaged means the file is whole but its content does not match its hash.
	ErrDamaged = errors.New("damaged segment")
)

// SegmentName is the file name of a segment: its number, then the start of its hash, so
// that two different segments with one number (a cloned device) never share a name.
func SegmentName(segment int64, sha string) string {
	return fmt.Sprintf("%08d-%s.jsonl", segment, sha[:16])
}

var segNameRe = regexp.MustCompile(`^(\d{8,})-([0-9a-f]{16})\.jsonl$`)

// ParseSegmentName splits a segment file name; ok false for any other name.
func ParseSegmentName(name string) (segment int64, shaPrefix string, ok bool) {
	m := segNameRe.FindStringSubmatch(name)
	if m == nil {
		return 0, "", false
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n <= 0 {
		return 0, "", false
	}
	return n, m[2], true
}

// Encode writes a segment and signs it; it returns the bytes and the segment's hash.
func Encode(h Header, changes []model.Change, key ed25519.PrivateKey) ([]byte, string, error) {
	lines := make([][]byte, len(changes))
	for i, c := range changes {
		l, err := segmentLine(c)
		if err != nil {
			return nil, "", err
		}
		lines[i] = l
	}
	return encodeLines(h, lines, key)
}

// encodeLines writes a segment of changes already encoded as lines (segmentLine) and
// signs it.
func encodeLines(h Header, lines [][]byte, key ed25519.PrivateKey) ([]byte, string, error) {
	var buf bytes.Buffer
	h.Format = Format
	if h.Deps == nil {
		h.Deps = map[string]int64{}
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, "", fmt.Errorf("encode segment: %w", err)
	}
	n := len(hb) + 256
	for _, l := range lines {
		n += len(l) + 1
	}
	buf.Grow(n)
	buf.Write(hb)
	buf.WriteByte('\n')
	for _, l := range lines {
		buf.Write(l)
		buf.WriteByte('\n')
	}
	sum := sha256.Sum256(buf.Bytes())
	sha := hex.EncodeToString(sum[:])
	t := Trailer{Count: len(lines), SHA256: sha, Sig: base64.StdEncoding.EncodeToString(ed25519.Sign(key, sum[:]))}
	tb, _ := json.Marshal(t)
	buf.Write(tb)
	buf.WriteByte('\n')
	return buf.Bytes(), sha, nil
}

// Decode parses a segment and checks its hash and shape (not its signature, which needs
// the device's key: see Verify).
func Decode(data []byte) (*Segment, error) {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, ErrIncomplete
	}
	body := data[:len(data)-1]
	i := bytes.LastIndexByte(body, '\n')
	if i < 0 {
		return nil, ErrIncomplete
	}
	var t Trailer
	dec := json.NewDecoder(bytes.NewReader(body[i+1:]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil || len(t.SHA256) != 64 || t.Sig == "" {
		return nil, ErrIncomplete
	}
	content := data[:i+1]
	sum := sha256.Sum256(content)
	if hex.EncodeToString(sum[:]) != t.SHA256 {
		return nil, fmt.Errorf("%w: the content does not match its hash", ErrDamaged)
	}
	sig, err := base64.StdEncoding.DecodeString(t.Sig)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: the signature is not readable", ErrDamaged)
	}
	lines := bytes.Split(content[:len(content)-1], []byte{'\n'})
	s := &Segment{SHA256: t.SHA256, Sig: sig}
	hd := json.NewDecoder(bytes.NewReader(lines[0]))
	if err := hd.Decode(&s.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrDamaged, err)
	}
	if !slices.Contains(readableFormats, s.Format) {
		return nil, fmt.Errorf("%w: unknown format %q (a newer Pacta may have written it)", ErrDamaged, s.Format)
	}
	if len(lines)-1 != t.Count {
		return nil, fmt.Errorf("%w: %d changes, the trailer says %d", ErrDamaged, len(lines)-1, t.Count)
	}
	s.Changes = make([]model.Change, 0, t.Count)
	// Format 3 numbers its changes in order within the header's range, the last one
	// ending it; the older formats number them one after the other from its start.
	next := s.FirstSeq
	for k, l := range lines[1:] {
		c, err := decodeLine(s.Format, l)
		if err != nil {
			return nil, fmt.Errorf("%w: change %d: %v", ErrDamaged, k+1, err)
		}
		if c.Device != s.Device || c.Seq < next || s.Format != Format && c.Seq != next {
			return nil, fmt.Errorf("%w: change %d is not %s/%d", ErrDamaged, k+1, s.Device, next)
		}
		next = c.Seq + 1
		s.Changes = append(s.Changes, c)
	}
	if t.Count == 0 || s.FirstSeq <= 0 || s.LastSeq != next-1 || s.Segment <= 0 {
		return nil, fmt.Errorf("%w: the header's sequence numbers do not match its changes", ErrDamaged)
	}
	return s, nil
}

// Verify checks the segment's signature with the device's public key.
func (s *Segment) Verify(pub ed25519.PublicKey) bool {
	if len(pub) != ed25519.PublicKeySize {
		return false
	}
	sum, err := hex.DecodeString(s.SHA256)
	if err != nil {
		return false
	}
	return ed25519.Verify(pub, sum, s.Sig)
}
