package ui

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/syncfolder"
)

func TestSyncScreenSharesAndResolvesConflicts(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	require.True(t, hasText(sh.Window.Content(), "Share this workspace here"))
	require.True(t, hasText(sh.Window.Content(), "Never"))

	// No folder: a clear message, nothing started.
	p.folder.SetText("")
	p.start(true)
	require.Equal(t, i18n.T("sync.error.no_folder"), p.problem.Text)

	folder := t.TempDir()
	p.folder.SetText(folder)
	p.s.run(folder) // what the button starts in the background, run here to wait for it
	p.Reload()
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.NotEmpty(t, st.Workspace)
	require.True(t, st.Admin)
	require.NotEqual(t, i18n.T("sync.never"), st.LastSync)
	require.True(t, p.create.Disabled(), "a shared workspace cannot be shared again")

	// A second laptop joins; the request shows with Enrol buttons.
	ctx := context.Background()
	other, err := app.OpenForJoin(filepath.Join(t.TempDir(), "other"))
	require.NoError(t, err)
	defer other.Close()
	other.Config.DeviceName = "Laptop Maria"
	joinAccepting(t, other, folder, "Laptop Maria")
	p.Reload()
	require.True(t, hasText(sh.Window.Content(), "Enrol"))
	// The Dashboard says that a laptop waits.
	assert.True(t, hasText(syncCard(sh)(), "1 laptop asks to join: compare its fingerprint and enrol it on the Sync screen."))
	p.decide(other.Identity.Device, true, false)
	assert.False(t, hasTextPart(syncCard(sh)(), "asks to join"))
	require.False(t, hasText(sh.Window.Content(), "Enrol as administrator"))
	p.s.run("")
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	behind := i18n.T("sync.device.behind", map[string]any{"Name": "Laptop Maria"})
	require.False(t, hasText(sh.Window.Content(), behind))
	// Were Laptop Maria's device file written by a Pacta older than segment format 2, the
	// screen would ask for its upgrade.
	devFile := filepath.Join(folder, syncfolder.Root, "devices", other.Identity.Device+".json")
	raw, err := os.ReadFile(devFile)
	require.NoError(t, err)
	var df map[string]any
	require.NoError(t, json.Unmarshal(raw, &df))
	delete(df, "reads")
	raw, _ = json.Marshal(df)
	require.NoError(t, os.WriteFile(devFile, raw, 0o644))
	p.Reload()
	require.True(t, hasText(sh.Window.Content(), behind))
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	p.Reload()
	require.False(t, hasText(sh.Window.Content(), behind))

	// Concurrent edits of the municipality make a conflict shown side by side.
	require.NoError(t, other.SaveSettings(ctx, app.Settings{Municipality: "Comune B", DeviceName: "Laptop Maria"}))
	require.NoError(t, sh.WS.SaveSettings(ctx, app.Settings{Municipality: "Comune A", DeviceName: "x", Language: "en"}))
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	p.s.run("")
	p.Reload()
	cs, err := replica.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.True(t, hasText(sh.Window.Content(), "Keep the value of Laptop Maria"))
	require.True(t, hasText(sh.Window.Content(), "Comune B"), "a text value reads as text, not JSON")
	require.True(t, hasText(sh.Window.Content(), "Settings · Municipality"), "the conflict is named as the user knows it")
	require.True(t, hasText(sh.Window.Content(), "This laptop"), "each side says which laptop wrote it")
	p.resolve(cs[0].ID, replica.KeepTheirs, nil)
	require.Equal(t, "Comune B", sh.WS.Municipality())
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.conflicts.none")))

	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Sync"))
}

// joinAccepting joins ws to the workspace in folder, accepting the fingerprint it shows
// (what a person does after comparing it with the founder's laptop).
func joinAccepting(t *testing.T, ws *app.Workspace, folder, name string) {
	t.Helper()
	wf, err := ws.PeekFolder(context.Background(), folder)
	require.NoError(t, err)
	_, _, err = ws.JoinFolder(context.Background(), folder, name, syncfolder.WorkspaceFingerprint(wf))
	require.NoError(t, err)
}

func syncStatus(sh *Shell) (syncfolder.Status, error) {
	eng, err := sh.WS.SyncEngine(sh.Ctx, "")
	if err != nil {
		return syncfolder.Status{}, err
	}
	return eng.Status(sh.Ctx)
}

func TestSyncReasonAndStatusKeysExist(t *testing.T) {
	for _, r := range syncfolder.Reasons {
		require.True(t, i18n.Default().Has("sync.reason."+r), r)
	}
	for _, s := range model.DeviceStatuses {
		require.True(t, i18n.Default().Has("sync.device.status."+s), s)
	}
}

// TestSyncScreenShowsReplayProgress: a large replay says how many changes of how many
// are applied, with the bar at that fraction.
func TestSyncScreenShowsReplayProgress(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	p.showProgress(27136, 60000)
	require.Equal(t, "Applying changes: 27 136 of 60 000", p.status.Text)
	require.InDelta(t, 0.452, p.progress.Value, 0.001)
	require.True(t, p.busy.Visible())
}

// TestSyncJoinShowsTheFingerprintFirst: Join reads the folder's workspace and shows its
// fingerprint to compare with the founder's laptop; Cancel applies nothing, a folder
// without a workspace or with a damaged one says so, and a workspace.json changed after
// the check is refused.
func TestSyncJoinShowsTheFingerprintFirst(t *testing.T) {
	ctx := context.Background()
	founder, err := app.Init(ctx, filepath.Join(t.TempDir(), "founder"), "Comune di Bari", false)
	require.NoError(t, err)
	defer founder.Close()
	folder := t.TempDir()
	_, err = founder.SyncOnce(ctx, folder, nil)
	require.NoError(t, err)
	fst, err := founder.SyncStatus(ctx)
	require.NoError(t, err)
	fp := fst.WorkspaceFingerprint
	require.NotEmpty(t, fp)

	sh := newTestShell(t) // holds the sample data: joining asks what to do with it
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	noDialog := func() {
		t.Helper()
		require.Nil(t, sh.Window.Canvas().Overlays().Top(), "no dialog")
	}
	notJoined := func() {
		t.Helper()
		st, err := syncStatus(sh)
		require.NoError(t, err)
		require.Empty(t, st.Workspace, "nothing joined")
	}

	// A folder with no workspace, then one whose workspace.json is damaged.
	p.folder.SetText(t.TempDir())
	p.joinFolder()
	require.Equal(t, i18n.T("sync.join.error.no_workspace"), p.problem.Text)
	noDialog()
	bad := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(bad, syncfolder.Root), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bad, syncfolder.Root, "workspace.json"), []byte(`{"id": "half-cop`), 0o644))
	p.folder.SetText(bad)
	p.joinFolder()
	require.True(t, strings.HasPrefix(p.problem.Text, "The shared workspace in this folder cannot be read"), p.problem.Text)
	require.Contains(t, p.problem.Text, "damaged")
	noDialog()
	notJoined()

	// The workspace's name and fingerprint are shown; Cancel applies nothing.
	p.folder.SetText(folder)
	p.joinFolder()
	require.Empty(t, p.problem.Text)
	d := topDialog(t, sh)
	require.True(t, hasText(d, fp), "the fingerprint is shown to compare")
	require.True(t, hasText(d, i18n.T("sync.join.confirm.intro", map[string]any{"Name": "Comune di Bari"})))
	tapButton(t, d, i18n.T("action.cancel"))
	noDialog()
	require.Equal(t, i18n.T("sync.join.cancelled"), p.status.Text)
	notJoined()

	// workspace.json rewritten between the check and the join: refused, nothing trusted.
	wsFile := filepath.Join(folder, syncfolder.Root, "workspace.json")
	genuine, err := os.ReadFile(wsFile)
	require.NoError(t, err)
	var w map[string]any
	require.NoError(t, json.Unmarshal(genuine, &w))
	forged := newKey(t)
	w["founding_key"] = forged
	raw, _ := json.Marshal(w)
	p.joinFolder()
	require.NoError(t, os.WriteFile(wsFile, raw, 0o644))
	tapButton(t, topDialog(t, sh), i18n.T("sync.join.confirm.same"))
	tapButton(t, topDialog(t, sh), i18n.T("sync.join.merge_button"))
	require.Equal(t, i18n.T("sync.error.fingerprint", map[string]any{"Expected": fp, "Found": syncfolder.Fingerprint(forged)}), p.problem.Text)
	notJoined()
	require.NoError(t, os.WriteFile(wsFile, genuine, 0o644))

	// Same code: the laptop's name (the person's and the computer's by default) may be
	// changed before joining; then the own-data question, then the join with the accepted
	// fingerprint.
	p.joinFolder()
	d = topDialog(t, sh)
	name := entryIn(t, d)
	require.Equal(t, sh.WS.Config.DeviceName, name.Text)
	name.SetText(" Ufficio tecnico (Maria) ")
	tapButton(t, d, i18n.T("sync.join.confirm.same"))
	d = topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("sync.join.merge")))
	tapButton(t, d, i18n.T("sync.join.replace"))
	noDialog()
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.Equal(t, fst.Workspace, st.Workspace)
	require.Equal(t, fp, st.WorkspaceFingerprint)
	require.False(t, st.Enrolled)
	require.True(t, strings.HasPrefix(p.note.Text, "This laptop's earlier data was set aside in"), "the join says where the sample went: %q", p.note.Text)
	p.s.run("") // the syncs that follow leave it said
	require.True(t, p.note.Visible())
	// The state card shows the fingerprint it accepted and this laptop's key, which the
	// administrator compares before enrolling it.
	content := sh.Window.Content()
	require.True(t, hasText(content, i18n.T("sync.fingerprint")))
	require.True(t, hasText(content, fp))
	require.True(t, hasText(content, syncfolder.KeyFingerprint(sh.WS.Identity.PublicKey)))
	require.Equal(t, "Ufficio tecnico (Maria)", sh.WS.Config.DeviceName)
	require.True(t, hasText(content, i18n.T("sync.waiting_enrolment", map[string]any{"Device": "Ufficio tecnico (Maria)"})))
}

// TestSyncAdminRevokesAndAcceptsANewKey: the founder's screen shows the workspace's
// fingerprint; an administrator revokes a laptop after a confirmation, and accepts a new
// key only when the fingerprint typed is the one the folder shows, keeping what was typed
// when it is not. After a sync, mended and foreign files are told.
func TestSyncAdminRevokesAndAcceptsANewKey(t *testing.T) {
	ctx := context.Background()
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	folder := t.TempDir()
	p.folder.SetText(folder)
	p.s.run(folder)
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.NotEmpty(t, st.WorkspaceFingerprint)
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.fingerprint")))
	require.True(t, hasText(sh.Window.Content(), st.WorkspaceFingerprint), "the founder reads it to whoever joins")

	other, err := app.OpenForJoin(filepath.Join(t.TempDir(), "other"))
	require.NoError(t, err)
	defer other.Close()
	joinAccepting(t, other, folder, "Laptop Maria")
	p.Reload()
	maria := other.Identity.Device
	oldFP := syncfolder.KeyFingerprint(other.Identity.PublicKey)
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.request", map[string]any{"Name": "Laptop Maria", "Key": oldFP})))
	p.decide(maria, true, false)
	require.Equal(t, 1, countButtons(sh.Window.Content(), i18n.T("sync.revoke")), "only the other laptop can be revoked, not this one")
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.device.status.enrolled")+" · "+oldFP))

	// Revoke asks first; Cancel keeps the laptop enrolled.
	tapButton(t, sh.Window.Content(), i18n.T("sync.revoke"))
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("sync.revoke.confirm", map[string]any{"Name": "Laptop Maria"})))
	tapButton(t, d, i18n.T("action.cancel"))
	require.Equal(t, model.DeviceEnrolled, deviceOf(t, sh, maria).Status)
	tapButton(t, sh.Window.Content(), i18n.T("sync.revoke"))
	tapButton(t, topDialog(t, sh), i18n.T("sync.revoke.button", map[string]any{"Name": "Laptop Maria"}))
	require.Equal(t, model.DeviceRevoked, deviceOf(t, sh, maria).Status)
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.device.status.revoked")+" · "+oldFP))
	require.Zero(t, countButtons(sh.Window.Content(), i18n.T("sync.revoke")))

	// Laptop Maria's file in the folder now shows another key: both fingerprints are shown.
	devFile := filepath.Join(folder, syncfolder.Root, "devices", maria+".json")
	raw, err := os.ReadFile(devFile)
	require.NoError(t, err)
	var df map[string]any
	require.NoError(t, json.Unmarshal(raw, &df))
	newKeyB64 := newKey(t)
	newFP := syncfolder.Fingerprint(newKeyB64)
	df["public_key"] = newKeyB64
	raw, _ = json.Marshal(df)
	require.NoError(t, os.WriteFile(devFile, raw, 0o644))
	p.Reload()
	changed := i18n.T("sync.key_change", map[string]any{"Name": "Laptop Maria", "Enrolled": oldFP, "Folder": newFP})
	require.True(t, hasText(sh.Window.Content(), changed))

	// A wrong fingerprint: the dialog stays, with what was typed and why it is refused.
	tapButton(t, sh.Window.Content(), i18n.T("sync.key_change.accept"))
	d = topDialog(t, sh)
	entry := entryIn(t, d)
	tapButton(t, d, i18n.T("sync.accept_key.accept"))
	require.True(t, hasText(d, i18n.T("sync.accept_key.empty", map[string]any{"Name": "Laptop Maria"})))
	test.Type(entry, oldFP)
	tapButton(t, d, i18n.T("sync.accept_key.accept"))
	require.Equal(t, d, sh.Window.Canvas().Overlays().Top(), "the dialog stays open")
	require.Equal(t, oldFP, entry.Text, "what was typed is kept")
	require.True(t, hasText(d, i18n.T("sync.accept_key.mismatch", map[string]any{"Name": "Laptop Maria"})))
	require.Equal(t, model.DeviceRevoked, deviceOf(t, sh, maria).Status)

	// The right one, typed loosely (small letters, no dashes), enrols the new key.
	entry.SetText(strings.ToLower(strings.ReplaceAll(newFP, "-", " ")))
	tapButton(t, d, i18n.T("sync.accept_key.accept"))
	require.Nil(t, sh.Window.Canvas().Overlays().Top())
	dev := deviceOf(t, sh, maria)
	require.Equal(t, model.DeviceEnrolled, dev.Status)
	require.Equal(t, newKeyB64, dev.PublicKey)
	require.False(t, hasText(sh.Window.Content(), changed))
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.device.status.enrolled")+" · "+newFP))

	// A segment of this laptop lost from the folder and a stranger's file in its place.
	own := filepath.Join(folder, syncfolder.Root, "log", sh.WS.Identity.Device)
	segs, err := os.ReadDir(own)
	require.NoError(t, err)
	require.NotEmpty(t, segs)
	lost := segs[0].Name()
	require.NoError(t, os.Remove(filepath.Join(own, lost)))
	require.NoError(t, os.WriteFile(filepath.Join(own, "notes.txt"), []byte("hello"), 0o644))
	p.s.run("")
	require.True(t, p.repaired.Visible())
	require.Equal(t, i18n.N("sync.repaired", 1, map[string]any{"Names": lost}), p.repaired.Text)
	require.True(t, p.foreign.Visible())
	require.Equal(t, i18n.N("sync.foreign", 1, map[string]any{"Names": "notes.txt"}), p.foreign.Text)
	require.FileExists(t, filepath.Join(own, lost))
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.quarantine.line",
		map[string]any{"Name": filepath.Join(sh.WS.Identity.Device, "notes.txt"), "Reason": i18n.T("sync.reason.foreign")})))
	// The stranger's file removed: that line goes; what was mended stays said.
	require.NoError(t, os.Remove(filepath.Join(own, "notes.txt")))
	p.s.run("")
	require.False(t, p.foreign.Visible())
	require.True(t, p.repaired.Visible())
	_ = ctx
}

// TestSyncStateWarnsOfRewrittenWorkspaceAndRevocation: a joined laptop whose folder's
// workspace.json shows another founder says so, and a revoked laptop says it is.
func TestSyncStateWarnsOfRewrittenWorkspaceAndRevocation(t *testing.T) {
	ctx := context.Background()
	founder, err := app.Init(ctx, filepath.Join(t.TempDir(), "founder"), "Comune di Bari", false)
	require.NoError(t, err)
	defer founder.Close()
	folder := t.TempDir()
	_, err = founder.SyncOnce(ctx, folder, nil)
	require.NoError(t, err)

	sh := newTestShell(t)
	_, err = sh.WS.SetAside(ctx)
	require.NoError(t, err)
	joinAccepting(t, sh.WS, folder, "Laptop Maria")
	feng, err := founder.SyncEngine(ctx, "")
	require.NoError(t, err)
	require.NoError(t, feng.Enrol(ctx, sh.WS.Identity.Device, false))
	_, err = founder.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	p.s.run("")
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.True(t, st.Enrolled)
	accepted := st.WorkspaceFingerprint
	require.False(t, hasText(sh.Window.Content(), i18n.T("sync.waiting_enrolment", map[string]any{"Device": sh.WS.Identity.Device})))

	wsFile := filepath.Join(folder, syncfolder.Root, "workspace.json")
	raw, err := os.ReadFile(wsFile)
	require.NoError(t, err)
	var w map[string]any
	require.NoError(t, json.Unmarshal(raw, &w))
	forged := newKey(t)
	w["founding_key"] = forged
	raw, _ = json.Marshal(w)
	require.NoError(t, os.WriteFile(wsFile, raw, 0o644))
	p.s.run("")
	warn := i18n.T("sync.workspace_changed", map[string]any{"Found": syncfolder.Fingerprint(forged), "Accepted": accepted})
	require.True(t, hasText(sh.Window.Content(), warn))
	require.True(t, hasText(sh.Window.Content(), accepted), "the accepted fingerprint stays the one shown")

	// The founder mends the file and revokes this laptop.
	require.NoError(t, feng.Revoke(ctx, sh.WS.Identity.Device))
	_, err = founder.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	p.s.run("")
	require.False(t, hasText(sh.Window.Content(), warn))
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.revoked")))
	require.False(t, hasText(sh.Window.Content(), i18n.T("sync.waiting_enrolment", map[string]any{"Device": sh.WS.Identity.Device})))
}

// newKey is a fresh Ed25519 public key as files keep it (base64).
func newKey(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(pub)
}

func deviceOf(t *testing.T, sh *Shell, id string) model.Device {
	t.Helper()
	d, ok, err := replica.GetDevice(sh.WS.Store.DB(), id)
	require.NoError(t, err)
	require.True(t, ok)
	return d
}

// countButtons counts the buttons labelled text under o.
func countButtons(o fyne.CanvasObject, text string) int {
	n := 0
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			n++
		}
	})
	return n
}

// entryIn is the one entry under o.
func entryIn(t *testing.T, o fyne.CanvasObject) *Entry {
	t.Helper()
	var found []*Entry
	walk(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*Entry); ok {
			found = append(found, e)
		}
	})
	require.Len(t, found, 1)
	return found[0]
}
