package syncfolder

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"

	"pacta/internal/replica"
	"pacta/model"
)

// Fingerprint is the form of a public key (base64, as files and rows keep it) that people
// read aloud and compare: the first 15 bytes of the SHA-256 of the key in base32, in groups
// of four (ABCD-EFGH-IJKL-MNOP-QRST-UVWX). Devices and the workspace (its founding key)
// use the same form. "?" for a key that is not one.
func Fingerprint(key string) string {
	k, err := decodeKey(key)
	if err != nil {
		return "?"
	}
	return KeyFingerprint(k)
}

// KeyFingerprint is Fingerprint of a decoded key.
func KeyFingerprint(k ed25519.PublicKey) string {
	sum := sha256.Sum256(k)
	s := base32.StdEncoding.EncodeToString(sum[:15]) // 120 bits: 24 letters, no padding
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i : i+4])
	}
	return b.String()
}

// NormalizeFingerprint reduces a fingerprint as a person typed it to its letters: case,
// spaces and dashes do not count.
func NormalizeFingerprint(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// SameFingerprint reports whether typed is the fingerprint fp (as Fingerprint writes it).
func SameFingerprint(typed, fp string) bool {
	t := NormalizeFingerprint(typed)
	return t != "" && t == NormalizeFingerprint(fp)
}

// FingerprintError is a fingerprint that a person gave and that is not the one found.
type FingerprintError struct {
	What     string // "workspace" or a device's name
	Expected string // as the person gave it
	Found    string
}

func (e *FingerprintError) Error() string {
	return fmt.Sprintf("the fingerprint of %s is %s, not %s as expected: do not go on until you know why (someone may have changed the shared folder)", e.What, e.Found, e.Expected)
}

// trust is what this replica knows of a device's right to write: the pinned key (recorded
// by an administrator's enrolment, or the founding key this laptop accepted when it joined),
// and its standing.
type trust struct {
	key    ed25519.PublicKey // nil when no key is pinned (the device is unknown)
	admin  bool
	status string // a model.Device status
	// revocation is the change that revoked the device (for a revoked one).
	revocation model.Writer
}

// accepts reports whether a segment of the device with these deps is applied. A revoked
// device's segments are, as long as it had not applied its revocation when it sealed them
// (what it did before stays): a rule that every replica decides alike from the segment
// alone, since causal delivery applies the revocation first wherever a segment depends on
// it. (A laptop's Pacta stops exporting once it knows it is revoked.)
func (t trust) accepts(deps map[string]int64) bool {
	switch t.status {
	case model.DeviceEnrolled:
		return t.key != nil
	case model.DeviceRevoked:
		r := t.revocation
		return t.key != nil && r.Device != "" && deps[r.Device] < r.Seq
	}
	return false
}

// enrolled reports whether the device may write now.
func (t trust) enrolled() bool { return t.status == model.DeviceEnrolled && t.key != nil }

// trustOf reads a device's trust. The founder is an administrator by the founding key this
// laptop accepted, unless an administrator revoked it; any other device by its row.
func trustOf(q model.Querier, founder, founderKey, device string) trust {
	d, found, err := replica.GetDevice(q, device)
	if err != nil || found && d.Deleted {
		found = false
	}
	if device == founder && founder != "" {
		t := trust{admin: true, status: model.DeviceEnrolled}
		t.key, _ = decodeKey(founderKey)
		if found && d.Status == model.DeviceRevoked {
			t.status = d.Status
			t.revocation, _ = model.FieldWriter(q, "devices", device, "status")
		}
		return t
	}
	if !found {
		return trust{}
	}
	t := trust{admin: d.Admin, status: d.Status}
	t.key, _ = decodeKey(d.PublicKey)
	if t.status == model.DeviceRevoked {
		t.revocation, _ = model.FieldWriter(q, "devices", device, "status")
	}
	return t
}

// isEnrolled reports whether device may write to the workspace now, and with which key.
func isEnrolled(q model.Querier, founder, founderKey, device string) (key []byte, admin bool, ok bool) {
	t := trustOf(q, founder, founderKey, device)
	if !t.enrolled() {
		return nil, false, false
	}
	return t.key, t.admin, true
}

// KeyChange is a device whose file in the shared folder shows another key than the one an
// administrator enrolled: the file was edited, or the laptop was reinstalled. Nothing is
// adopted until an administrator enrols the new key after comparing fingerprints.
type KeyChange struct {
	Device            string `json:"device"`
	Name              string `json:"name"`
	Fingerprint       string `json:"fingerprint"`        // the pinned key's
	FolderFingerprint string `json:"folder_fingerprint"` // the key the device file shows
}

// keyChanges lists the device files whose key is not the pinned one of their device.
func keyChanges(q model.Querier, founder, founderKey string, files []DeviceFile) []KeyChange {
	out := []KeyChange{}
	for _, f := range files {
		t := trustOf(q, founder, founderKey, f.Device)
		if t.key == nil || encodeKey(t.key) == f.PublicKey {
			continue
		}
		out = append(out, KeyChange{Device: f.Device, Name: f.Name, Fingerprint: KeyFingerprint(t.key), FolderFingerprint: Fingerprint(f.PublicKey)})
	}
	return out
}
