package syncfolder

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestSegmentRoundTrip(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	chs := []model.Change{
		{Device: "dev-a", Seq: 7, HLC: "0001a2b3c4d5e.00000000.dev-a", Table: "assets", Row: "r1",
			Fields: model.RawJSON(`{"id":"r1","name":"Piazza Città","lat":38.1}`)},
		{Device: "dev-a", Seq: 8, HLC: "0001a2b3c4d5f.00000000.dev-a", Table: "assets", Row: "r1",
			Fields: model.RawJSON(`{"name":"Piazza"}`), Prev: model.RawJSON(`{"name":["dev-a",7]}`)},
	}
	data, sha, err := Encode(Header{Workspace: "w", Device: "dev-a", Segment: 3, FirstSeq: 7, LastSeq: 8}, chs, key)
	require.NoError(t, err)
	seg, err := Decode(data)
	require.NoError(t, err)
	require.Equal(t, sha, seg.SHA256)
	require.True(t, seg.Verify(pub))
	require.Equal(t, Format, seg.Format)
	require.Equal(t, chs, seg.Changes)
}

// formatV1Segment writes a signed format-1 segment of lines.
func formatV1Segment(t *testing.T, key ed25519.PrivateKey, lines ...string) []byte {
	var buf bytes.Buffer
	hb, err := json.Marshal(Header{Format: "pacta-segment/1", Workspace: "w", Device: "dev-b", Segment: 1, FirstSeq: 1,
		LastSeq: int64(len(lines)), Deps: map[string]int64{"dev-a": 3}})
	require.NoError(t, err)
	buf.Write(hb)
	buf.WriteString("\n")
	for _, l := range lines {
		buf.WriteString(l + "\n")
	}
	sum := sha256.Sum256(buf.Bytes())
	tb, _ := json.Marshal(Trailer{Count: len(lines), SHA256: hex.EncodeToString(sum[:]), Sig: base64.StdEncoding.EncodeToString(ed25519.Sign(key, sum[:]))})
	buf.Write(tb)
	buf.WriteString("\n")
	return buf.Bytes()
}

// TestSegmentFormat1IsStillRead: a folder shared before the change log kept one entry per
// row holds segments with one line per field; they read as one-field changes.
func TestSegmentFormat1IsStillRead(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	data := formatV1Segment(t, key,
		`{"device":"dev-b","seq":1,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r1","field":"name","value":"Piazza \u003cNuova\u003e","prev_device":"dev-a","prev_seq":1}`,
		`{"device":"dev-b","seq":2,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r1","field":"lat","value":38.1}`)
	seg, err := Decode(data)
	require.NoError(t, err)
	require.True(t, seg.Verify(pub), "the signature covers the bytes as written")
	require.Len(t, seg.Changes, 2)
	require.JSONEq(t, `{"name":"Piazza <Nuova>"}`, string(seg.Changes[0].Fields))
	require.JSONEq(t, `{"name":["dev-a",1]}`, string(seg.Changes[0].Prev))
	require.JSONEq(t, `{"lat":38.1}`, string(seg.Changes[1].Fields))
	require.Empty(t, seg.Changes[1].Prev)

	// A format-1 line without a field is damaged, not guessed at.
	_, err = Decode(formatV1Segment(t, key, `{"device":"dev-b","seq":1,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r1","value":38.1}`))
	require.ErrorIs(t, err, ErrDamaged)
}

// TestSegmentNumbering: a format-3 segment's changes go up within its header's range and
// the last one ends it, with gaps where changes were written over before the export; the
// older formats number every change, one after the other.
func TestSegmentNumbering(t *testing.T) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	ch := func(seq int64) model.Change {
		return model.Change{Device: "dev-a", Seq: seq, HLC: "0001a2b3c4d5e.00000000.dev-a", Table: "assets", Row: "r1", Fields: model.RawJSON(`{"name":"x"}`)}
	}
	tests := []struct {
		name        string
		first, last int64
		seqs        []int64
		ok          bool
	}{
		{"contiguous", 5, 7, []int64{5, 6, 7}, true},
		{"gaps", 5, 9, []int64{6, 9}, true},
		{"one change", 1, 4, []int64{4}, true},
		{"before the range", 5, 9, []int64{4, 9}, false},
		{"not the last of the range", 5, 9, []int64{5, 8}, false},
		{"beyond the range", 5, 9, []int64{5, 10}, false},
		{"out of order", 5, 9, []int64{7, 6, 9}, false},
		{"twice", 5, 9, []int64{6, 6, 9}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var chs []model.Change
			for _, q := range tc.seqs {
				chs = append(chs, ch(q))
			}
			data, _, err := Encode(Header{Workspace: "w", Device: "dev-a", Segment: 1, FirstSeq: tc.first, LastSeq: tc.last}, chs, key)
			require.NoError(t, err)
			seg, err := Decode(data)
			if !tc.ok {
				require.ErrorIs(t, err, ErrDamaged)
				return
			}
			require.NoError(t, err)
			require.Len(t, seg.Changes, len(tc.seqs))
		})
	}
	// Format 2 admits no gap.
	data := formatV1Segment(t, key, `{"device":"dev-b","seq":1,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r1","field":"name","value":"x"}`,
		`{"device":"dev-b","seq":3,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r1","field":"name","value":"y"}`)
	_, err = Decode(data)
	require.ErrorIs(t, err, ErrDamaged)
}

// FuzzDecode feeds the segment decoder what a stranger could write into the shared folder.
// It must never panic, and whatever it accepts must be a segment that hashes to its trailer,
// with its changes all of its device and numbered in order within its header's range.
func FuzzDecode(f *testing.F) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(f, err)
	chs := []model.Change{
		{Device: "dev-a", Seq: 7, HLC: "0001a2b3c4d5e.00000000.dev-a", Table: "assets", Row: "r1", Fields: model.RawJSON(`{"name":"Piazza Città"}`)},
		{Device: "dev-a", Seq: 9, HLC: "0001a2b3c4d5f.00000000.dev-a", Table: "assets", Row: "r1", Fields: model.RawJSON(`{"name":"Piazza"}`), Prev: model.RawJSON(`{"name":["dev-a",7]}`)},
	}
	good, _, err := Encode(Header{Workspace: "w", Device: "dev-a", Segment: 3, FirstSeq: 7, LastSeq: 9, Deps: map[string]int64{"dev-b": 4}}, chs, key)
	require.NoError(f, err)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Add([]byte("\n\n\n"))
	f.Add(formatV1Segment(&testing.T{}, key, `{"device":"dev-b","seq":1,"hlc":"0001a2b3c4d5e.00000000.dev-b","table":"assets","row":"r","field":"name","value":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		seg, err := Decode(data)
		if err != nil {
			require.Nil(t, seg)
			return
		}
		i := bytes.LastIndexByte(data[:len(data)-1], '\n')
		sum := sha256.Sum256(data[:i+1])
		require.Equal(t, hex.EncodeToString(sum[:]), seg.SHA256)
		require.NotEmpty(t, seg.Changes)
		require.Positive(t, seg.Segment)
		prev := seg.FirstSeq - 1
		for _, c := range seg.Changes {
			require.Equal(t, seg.Device, c.Device)
			require.Greater(t, c.Seq, prev)
			prev = c.Seq
		}
		require.Equal(t, seg.LastSeq, prev)
		require.Len(t, seg.Sig, ed25519.SignatureSize)
	})
}
