package syncfolder

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// These tests play a stranger: someone with write access to the shared folder and no
// enrolled laptop, who edits, forges and cuts files there with ordinary file tools.

func TestFingerprintFormat(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	fp := KeyFingerprint(pub)
	require.Regexp(t, regexp.MustCompile(`^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$`), fp, "15 bytes of SHA-256 in base32, in groups of four")
	require.Equal(t, fp, Fingerprint(encodeKey(pub)))
	for _, typed := range []string{fp, strings.ToLower(fp), strings.ReplaceAll(fp, "-", " "), strings.ReplaceAll(fp, "-", ""), " " + fp + "\n"} {
		require.True(t, SameFingerprint(typed, fp), typed)
	}
	other, _, _ := ed25519.GenerateKey(rand.Reader)
	for _, typed := range []string{"", "-", KeyFingerprint(other), fp[:len(fp)-1]} {
		require.False(t, SameFingerprint(typed, fp), typed)
	}
	require.Equal(t, "?", Fingerprint("not a key"))
}

// strangerSegment writes, as a stranger would, a segment claiming to be segment num of
// device dev in the folder, with one new asset named name, signed with key (nil: an
// all-zero signature). It returns the file's path relative to the folder.
func strangerSegment(t *testing.T, root, ws, dev string, num, firstSeq int64, prev, name string, key ed25519.PrivateKey) string {
	t.Helper()
	return writeSegment(t, root, Header{Workspace: ws, Device: dev, Segment: num, FirstSeq: firstSeq, LastSeq: firstSeq, Prev: prev}, name, key)
}

// writeSegment writes a segment with header h and one new asset named name.
func writeSegment(t *testing.T, root string, h Header, name string, key ed25519.PrivateKey) string {
	t.Helper()
	dev, num, firstSeq := h.Device, h.Segment, h.FirstSeq
	row := model.NewID()
	chs := []model.Change{{Device: dev, Seq: firstSeq, HLC: model.HLC{Wall: time.Now().UnixMilli(), Device: dev}.String(), Table: "assets", Row: row,
		Fields: model.RawJSON(`{"name":` + jsonString(name) + `,"kind":"square"}`)}}
	signer := key
	if signer == nil {
		_, signer, _ = ed25519.GenerateKey(rand.Reader)
	}
	data, sha, err := Encode(h, chs, signer)
	require.NoError(t, err)
	if key == nil {
		seg, err := Decode(data)
		require.NoError(t, err)
		var tr Trailer
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &tr))
		tr.Sig = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="
		tb, _ := json.Marshal(tr)
		lines[len(lines)-1] = string(tb)
		data = []byte(strings.Join(lines, "\n") + "\n")
		require.Equal(t, seg.SHA256, sha)
	}
	rel := path.Join(logDir, dev, SegmentName(num, sha))
	require.NoError(t, os.MkdirAll(filepath.Join(root, logDir, dev), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, rel), data, 0o644))
	return rel
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func assetNames(t *testing.T, r *peer) []string {
	var names []string
	require.NoError(t, r.store.DB().Select(&names, "SELECT name FROM assets ORDER BY name"))
	return names
}

func TestEditedDeviceFileNeverChangesAPinnedKey(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B", "C")
	a, b, c := rs[0], rs[1], rs[2]
	ws := a.eng.Workspace(ctx)
	pinned := KeyFingerprint(b.eng.ID.PublicKey)

	// The stranger puts their own key into B's device file...
	strangerPub, strangerPriv, _ := ed25519.GenerateKey(rand.Reader)
	p := filepath.Join(root, devicePath(b.eng.ID.Device))
	raw, err := os.ReadFile(p)
	require.NoError(t, err)
	var df DeviceFile
	require.NoError(t, json.Unmarshal(raw, &df))
	df.PublicKey = encodeKey(strangerPub)
	edited, _ := json.Marshal(df)
	require.NoError(t, os.WriteFile(p, edited, 0o644))

	// ...the administrator promotes B, as the stranger hoped...
	st, err := a.eng.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, []KeyChange{{Device: b.eng.ID.Device, Name: "B", Fingerprint: pinned, FolderFingerprint: KeyFingerprint(strangerPub)}}, st.KeyChanges)
	require.Empty(t, st.Requests, "a known device with another key is a key change, not a new request")
	require.NoError(t, a.eng.Enrol(ctx, b.eng.ID.Device, true))
	d, _, err := replica.GetDevice(a.store.DB(), b.eng.ID.Device)
	require.NoError(t, err)
	require.True(t, d.Admin)
	require.Equal(t, encodeKey(b.eng.ID.PublicKey), d.PublicKey, "promoting keeps the pinned key")
	a.sync(t)

	// ...and signs a segment as B with the stranger's key, before B's real next one.
	recB, _, err := replica.LastSegment(a.store.DB(), b.eng.ID.Device)
	require.NoError(t, err)
	strangerSegment(t, root, ws, b.eng.ID.Device, recB.Segment+1, recB.LastSeq+1, recB.SHA256, "Forged by the stranger", strangerPriv)
	b.put(t, &model.Asset{Name: "B's real work", Kind: "square"})
	b.sync(t)
	rep := c.sync(t)
	require.Empty(t, rep.Clones, "a forgery is never taken for a clone")
	require.Contains(t, assetNames(t, c), "B's real work")
	require.NotContains(t, assetNames(t, c), "Forged by the stranger")
	require.Contains(t, reasons(t, c), ReasonSignature)

	// B's own sync wrote its file again; the stranger edits it once more. Only a fingerprint
	// read on the laptop itself changes the key, and a wrong one is refused.
	st, err = a.eng.Status(ctx)
	require.NoError(t, err)
	require.Empty(t, st.KeyChanges, "B wrote its own file again")
	require.NoError(t, os.WriteFile(p, edited, 0o644))
	err = a.eng.EnrolKey(ctx, b.eng.ID.Device, true, pinned)
	var fe *FingerprintError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, KeyFingerprint(strangerPub), fe.Found)
	d, _, _ = replica.GetDevice(a.store.DB(), b.eng.ID.Device)
	require.Equal(t, encodeKey(b.eng.ID.PublicKey), d.PublicKey)
	require.NoError(t, a.eng.EnrolKey(ctx, b.eng.ID.Device, true, strings.ToLower(KeyFingerprint(strangerPub))))
	d, _, _ = replica.GetDevice(a.store.DB(), b.eng.ID.Device)
	require.Equal(t, encodeKey(strangerPub), d.PublicKey, "a person who compared the fingerprints accepted the new key")
}

func TestForgedFileNeverBlocksAGenuineSegment(t *testing.T) {
	for _, tc := range []struct {
		name string
		key  func() ed25519.PrivateKey
	}{
		{"zero signature", func() ed25519.PrivateKey { return nil }},
		{"a stranger's valid key", func() ed25519.PrivateKey { _, k, _ := ed25519.GenerateKey(rand.Reader); return k }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			root := t.TempDir()
			rs := founded(t, OSFS{Root: root}, "A", "B", "C")
			a, b, c := rs[0], rs[1], rs[2]
			b.put(t, &model.Asset{Name: "First", Kind: "square"})
			b.sync(t)
			a.sync(t)
			// The stranger names a file as B's next segment before B writes it.
			recB, _, err := replica.LastSegment(a.store.DB(), b.eng.ID.Device)
			require.NoError(t, err)
			forged := strangerSegment(t, root, a.eng.Workspace(ctx), b.eng.ID.Device, recB.Segment+1, recB.LastSeq+1, recB.SHA256, "Forged", tc.key())
			b.put(t, &model.Asset{Name: "Second", Kind: "square"})
			rep := b.sync(t)
			require.Equal(t, []string{path.Base(forged)}, rep.Foreign, "B is told of a file in its folder that it did not write")
			st, err := b.eng.Status(ctx)
			require.NoError(t, err)
			require.Contains(t, quarantinedReasons(st), ReasonForeign)
			b.put(t, &model.Asset{Name: "Third", Kind: "square"})
			b.sync(t)
			for _, r := range []*peer{a, c} {
				rep := r.sync(t)
				require.Empty(t, rep.Clones, r.name)
				require.Equal(t, []string{"First", "Second", "Third"}, assetNames(t, r), r.name)
				require.Equal(t, []string{ReasonSignature}, reasons(t, r), r.name)
				require.Zero(t, rep.Pending, r.name)
			}
			require.Equal(t, a.canonical(t), c.canonical(t))
		})
	}
}

func quarantinedReasons(st Status) []string {
	var out []string
	for _, q := range st.Quarantined {
		out = append(out, q.Reason)
	}
	return out
}

func TestRewrittenWorkspaceFileCapturesNobody(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b := rs[0], rs[1]
	a.put(t, &model.Asset{Name: "Founder's work", Kind: "square"})
	a.sync(t)
	st, err := a.eng.Status(ctx)
	require.NoError(t, err)
	real := st.WorkspaceFingerprint
	require.Equal(t, KeyFingerprint(a.eng.ID.PublicKey), real)

	// The stranger makes themselves founder in workspace.json and writes their own data.
	stranger := newReplica(t, "Stranger", OSFS{Root: root}, nil)
	raw, err := os.ReadFile(filepath.Join(root, workspaceFile))
	require.NoError(t, err)
	var w WorkspaceFile
	require.NoError(t, json.Unmarshal(raw, &w))
	w.FoundingDevice, w.FoundingKey = stranger.eng.ID.Device, encodeKey(stranger.eng.ID.PublicKey)
	forgedWS, _ := json.Marshal(w)
	require.NoError(t, os.WriteFile(filepath.Join(root, workspaceFile), forgedWS, 0o644))
	strangerSegment(t, root, w.ID, stranger.eng.ID.Device, 1, 1, "", "The stranger's data", stranger.eng.ID.PrivateKey)

	// A laptop joining now sees another code, and with the real one nothing is applied.
	c := newReplica(t, "C", OSFS{Root: root}, nil)
	peek, err := c.eng.Peek(ctx)
	require.NoError(t, err)
	require.NotEqual(t, real, WorkspaceFingerprint(peek))
	_, err = c.eng.Join(ctx, real)
	var fe *FingerprintError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, real, fe.Expected)
	require.Equal(t, WorkspaceFingerprint(peek), fe.Found)
	require.Empty(t, c.eng.Workspace(ctx), "nothing of the folder is trusted")
	require.Zero(t, assetCount(t, c))
	_, err = c.eng.Join(ctx, "")
	require.Error(t, err, "joining needs an accepted code")

	// A laptop that joined before keeps the founder it accepted and says the file changed.
	rep := b.sync(t)
	require.Equal(t, WorkspaceFingerprint(peek), rep.WorkspaceChanged)
	require.Equal(t, []string{"Founder's work"}, assetNames(t, b))
	require.Contains(t, reasons(t, b), ReasonUnenrolled, "the stranger is not the founder here")
	st, err = b.eng.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, real, st.WorkspaceFingerprint)
	require.Equal(t, WorkspaceFingerprint(peek), st.WorkspaceChanged)

	// The founder writes the file again as it made it; C can then join with the real code.
	rep = a.sync(t)
	require.Contains(t, rep.Repaired, workspaceFile)
	_, err = c.eng.Join(ctx, real)
	require.NoError(t, err)
	c.sync(t)
	require.Equal(t, []string{"Founder's work"}, assetNames(t, c))
	rep = b.sync(t)
	require.Empty(t, rep.WorkspaceChanged, "the flag clears once the file is right again")
}

func TestDamagedOwnSegmentIsRepaired(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, p string, data []byte)
	}{
		{"deleted", func(t *testing.T, p string, data []byte) { require.NoError(t, os.Remove(p)) }},
		{"cut", func(t *testing.T, p string, data []byte) {
			require.NoError(t, os.WriteFile(p, data[:len(data)/2], 0o644))
		}},
		{"byte flipped", func(t *testing.T, p string, data []byte) {
			bad := append([]byte{}, data...)
			bad[len(bad)/2] ^= 1
			require.NoError(t, os.WriteFile(p, bad, 0o644))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, root, rel := twoReplicas(t)
			p := filepath.Join(root, rel)
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			tc.damage(t, p, data)
			a.put(t, &model.Asset{Name: "Later work", Kind: "square"})
			rep := a.sync(t)
			require.Equal(t, []string{path.Base(rel)}, rep.Repaired)
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			require.Equal(t, data, got, "written again as it was sealed")
			rep = b.sync(t)
			require.Zero(t, rep.Quarantined)
			require.Zero(t, rep.Incomplete)
			require.Equal(t, []string{"Later work", "Piazza Magione"}, assetNames(t, b))
			require.Empty(t, a.sync(t).Repaired, "nothing to repair the next time")
		})
	}
}

func TestRevokedDeviceIsQuarantinedFromThenOn(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B", "C")
	a, b, c := rs[0], rs[1], rs[2]
	b.put(t, &model.Asset{Name: "Before the theft", Kind: "square"})
	b.sync(t)
	a.sync(t)
	require.Error(t, b.eng.Revoke(ctx, c.eng.ID.Device), "only an administrator revokes")
	require.NoError(t, a.eng.Revoke(ctx, b.eng.ID.Device))
	a.sync(t)
	// B's next sync still exports what it wrote before it learnt of its revocation: that
	// stays, on every laptop alike.
	b.put(t, &model.Asset{Name: "Before B knew", Kind: "square"})
	rep := b.sync(t)
	require.Positive(t, rep.Exported)
	// Once B knows, its Pacta shares nothing more...
	b.put(t, &model.Asset{Name: "Kept on B", Kind: "square"})
	rep = b.sync(t)
	require.True(t, rep.Revoked)
	require.Zero(t, rep.Exported, "a revoked laptop keeps its changes to itself")
	st, err := b.eng.Status(ctx)
	require.NoError(t, err)
	require.True(t, st.Revoked)
	require.False(t, st.Enrolled)
	// ...and a segment the thief signs with B's key after it had the revocation is
	// quarantined everywhere.
	recB, _, err := replica.LastSegment(b.store.DB(), b.eng.ID.Device)
	require.NoError(t, err)
	deps, err := replica.VersionVector(b.store.DB())
	require.NoError(t, err)
	delete(deps, b.eng.ID.Device)
	writeSegment(t, root, Header{Workspace: a.eng.Workspace(ctx), Device: b.eng.ID.Device, Segment: recB.Segment + 1,
		FirstSeq: recB.LastSeq + 1, LastSeq: recB.LastSeq + 1, Prev: recB.SHA256, Deps: deps}, "Signed by the thief", b.eng.ID.PrivateKey)
	for _, r := range []*peer{a, c} {
		r.sync(t)
		require.Equal(t, []string{"Before B knew", "Before the theft"}, assetNames(t, r), r.name)
		require.Contains(t, reasons(t, r), ReasonRevoked, r.name)
	}
	require.Equal(t, a.canonical(t), c.canonical(t))
	d, _, err := replica.GetDevice(c.store.DB(), b.eng.ID.Device)
	require.NoError(t, err)
	require.Equal(t, model.DeviceRevoked, d.Status)
	// Enrolled again only with a new key.
	require.Error(t, a.eng.Enrol(ctx, b.eng.ID.Device, false))
	require.Error(t, a.eng.EnrolKey(ctx, b.eng.ID.Device, false, KeyFingerprint(b.eng.ID.PublicKey)))
}

func TestDamageHiddenBehindAnOldModificationTimeIsRepairedWithinTheHour(t *testing.T) {
	a, b, root, rel := twoReplicas(t)
	p := filepath.Join(root, rel)
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	st, err := os.Stat(p)
	require.NoError(t, err)
	bad := append([]byte{}, data...)
	bad[len(bad)/2] ^= 1
	require.NoError(t, os.WriteFile(p, bad, 0o644))
	require.NoError(t, os.Chtimes(p, st.ModTime(), st.ModTime()))
	require.Empty(t, a.sync(t).Repaired, "the stamp is unchanged: the file is not read back at every sync")
	later := time.Now().Add(fullCheckEvery + time.Minute)
	a.eng.Now = func() time.Time { return later }
	require.Equal(t, []string{path.Base(rel)}, a.sync(t).Repaired)
	b.sync(t)
	require.Equal(t, []string{"Piazza Magione"}, assetNames(t, b))
}
