// Joining a shared workspace and the devices' commands.

package app

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/term"

	"pacta/model"
	"pacta/syncfolder"
)

func cmdJoin(env *Env, args []string) error {
	limitSyncMemory()
	fs, home := Flags("join")
	folder := fs.String("folder", "", "the shared folder to join")
	name := fs.String("name", "", "this laptop's name, as the others will see it")
	expect := fs.String("expect", "", "the workspace's fingerprint as the founder's laptop shows it")
	merge := fs.Bool("merge", false, "merge what this workspace already holds into the shared one")
	replace := fs.Bool("replace", false, "set what this workspace holds aside (kept as pacta.db.set-aside-…) and join with an empty one")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *folder == "" || strings.TrimSpace(*name) == "" {
		return Usagef("--folder and --name are required")
	}
	if *merge && *replace {
		return Usagef("choose --merge or --replace, not both")
	}
	dir := ResolveHome(*home)
	ws, err := OpenForJoin(dir, env.openOptions(dir))
	if err != nil {
		return err
	}
	defer func() { ws.Close() }()
	eng, err := ws.SyncEngine(env.Ctx, *folder)
	if err != nil {
		return err
	}
	joined := eng.Workspace(env.Ctx) != ""
	// The founder is checked before anything is set aside, trusted or applied.
	if !joined {
		accepted, err := acceptWorkspace(env, ws, *folder, *expect)
		if err != nil {
			return err
		}
		*expect = accepted
	}
	if own, err := ws.HasOwnChanges(); err != nil {
		return err
	} else if own && *replace {
		aside, err := ws.SetAside(env.Ctx)
		if err != nil {
			return err
		}
		env.Printf("this workspace's data was set aside in %s\n", aside)
	} else if own && !*merge && !joined {
		what := "data of its own"
		if ws.IsSample(env.Ctx) {
			what = "the sample data"
		}
		return fmt.Errorf("join: the workspace in %s already holds %s; add --replace to set it aside (nothing is deleted) and join with an empty one, or --merge to bring it into the shared workspace", dir, what)
	}
	wf, rep, err := ws.JoinFolder(env.Ctx, *folder, strings.TrimSpace(*name), *expect)
	if err != nil && wf.ID == "" {
		return err
	}
	var fe *syncfolder.FingerprintError
	if errors.As(err, &fe) {
		return err
	}
	env.Printf("joined %q as %q (device %s, key %s)\n", wf.Name, ws.Config.DeviceName, ws.Identity.Device, syncfolder.Fingerprint(syncfolderKey(ws)))
	env.Printf("applied %d changes; an administrator must now run `pacta device enrol %s`, then sync again on both laptops\n", rep.Applied, ws.Identity.Device)
	if err != nil {
		return fmt.Errorf("%w (the next sync retries)", err)
	}
	return nil
}

// acceptWorkspace shows the fingerprint of the workspace in folder and returns it once it is
// accepted: given with --expect (refused on a mismatch, with both codes), confirmed at a
// terminal, or, with no terminal to ask, taken with a warning that nobody checked it.
func acceptWorkspace(env *Env, ws *Workspace, folder, expect string) (string, error) {
	wf, err := ws.PeekFolder(env.Ctx, folder)
	if err != nil {
		return "", fmt.Errorf("join: %w", err)
	}
	fp := syncfolder.WorkspaceFingerprint(wf)
	switch {
	case expect != "":
		if !syncfolder.SameFingerprint(expect, fp) {
			return "", fmt.Errorf("join: %w", &syncfolder.FingerprintError{What: "the workspace " + strconv.Quote(wf.Name), Expected: expect, Found: fp})
		}
		return fp, nil
	case isTerminal(env.Stdin):
		env.Printf("The shared workspace %q has the fingerprint\n\n    %s\n\nCompare it with the one shown on the founder's laptop (Sync screen, or `pacta sync status`).\nIs it the same? [y/N] ", wf.Name, fp)
		line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" {
			return "", errors.New("join: not joined, nothing was applied; check the fingerprint with the founder, then join again")
		}
		return fp, nil
	}
	fmt.Fprintf(env.Stderr, "warning: nobody checked the fingerprint of the workspace %q: %s\n  compare it with the founder's laptop; scripts should pass --expect %s\n", wf.Name, fp, fp)
	return fp, nil
}

// isTerminal reports whether r is a terminal a person can answer at (not /dev/null, a
// pipe or a file, which are what scripts give).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func syncfolderKey(ws *Workspace) string {
	return base64.StdEncoding.EncodeToString(ws.Identity.PublicKey)
}

// DeviceRow is one line of `pacta device list --json`.
type DeviceRow struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Admin  bool   `json:"admin"`
	// Fingerprint is the pinned key's; FolderFingerprint that of the key the device's file in
	// the shared folder shows ("" when it has none there); KeyChanged when they differ.
	Fingerprint       string `json:"fingerprint"`
	FolderFingerprint string `json:"folder_fingerprint,omitempty"`
	KeyChanged        bool   `json:"key_changed"`
	This              bool   `json:"this_device"`
	// Upgrade: the device's Pacta cannot read this one's segments (Status.Behind).
	Upgrade bool `json:"needs_upgrade"`
}

func cmdDeviceList(env *Env, args []string) error {
	fs, home := Flags("device list")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	st, err := ws.SyncStatus(env.Ctx)
	if err != nil {
		return err
	}
	rows := []DeviceRow{}
	for _, d := range st.Devices {
		upgrade := slices.ContainsFunc(st.Behind, func(b model.Device) bool { return b.ID == d.ID })
		row := DeviceRow{ID: d.ID, Name: d.Name, Status: d.Status, Admin: d.Admin, Fingerprint: syncfolder.Fingerprint(d.PublicKey),
			FolderFingerprint: st.FolderFingerprints[d.ID], This: d.ID == ws.Identity.Device, Upgrade: upgrade}
		for _, k := range st.KeyChanges {
			if k.Device == d.ID {
				row.FolderFingerprint, row.KeyChanged = k.FolderFingerprint, true
			}
		}
		rows = append(rows, row)
	}
	for _, r := range st.Requests {
		rows = append(rows, DeviceRow{ID: r.Device, Name: r.Name, Status: model.DeviceRequested, Fingerprint: syncfolder.Fingerprint(r.PublicKey), This: r.Device == ws.Identity.Device})
	}
	if *asJSON {
		return env.JSON(rows)
	}
	for _, r := range rows {
		admin := ""
		if r.Admin {
			admin = " admin"
		}
		if r.Upgrade {
			admin += "  needs an upgrade: its Pacta cannot read this laptop's changes"
		}
		if r.KeyChanged {
			admin += fmt.Sprintf("  KEY CHANGED: its file in the shared folder shows key %s; if that laptop shows the same, accept it with `pacta device enrol %s --key %s`", r.FolderFingerprint, r.ID, r.FolderFingerprint)
		}
		env.Printf("%s  %-10s %-24s key %s%s\n", r.ID, r.Status, r.Name, r.Fingerprint, admin)
	}
	return nil
}

func cmdDeviceEnrol(env *Env, args []string) error {
	fs, home := Flags("device enrol")
	admin := fs.Bool("admin", false, "make the device an administrator too")
	key := fs.String("key", "", "accept the key with this fingerprint, read on that laptop")
	if err := Parse(fs, args); err != nil {
		return err
	}
	return decideDevice(env, *home, fs.Args(), func(eng *syncfolder.Engine, id string) error {
		if *key != "" {
			return eng.EnrolKey(env.Ctx, id, *admin, *key)
		}
		return eng.Enrol(env.Ctx, id, *admin)
	}, "enrolled")
}

func cmdDeviceRevoke(env *Env, args []string) error {
	fs, home := Flags("device revoke")
	if err := Parse(fs, args); err != nil {
		return err
	}
	return decideDevice(env, *home, fs.Args(), func(eng *syncfolder.Engine, id string) error { return eng.Revoke(env.Ctx, id) }, "revoked")
}

func cmdDeviceReject(env *Env, args []string) error {
	fs, home := Flags("device reject")
	if err := Parse(fs, args); err != nil {
		return err
	}
	return decideDevice(env, *home, fs.Args(), func(eng *syncfolder.Engine, id string) error { return eng.Reject(env.Ctx, id) }, "rejected")
}

func decideDevice(env *Env, home string, args []string, do func(*syncfolder.Engine, string) error, verb string) error {
	if len(args) != 1 {
		return Usagef("give one device ID (see `pacta device list`)")
	}
	ws, err := env.OpenHome(home)
	if err != nil {
		return err
	}
	defer ws.Close()
	eng, err := ws.SyncEngine(env.Ctx, "")
	if err != nil {
		return err
	}
	if eng.FS == nil {
		return ErrNoSyncFolder
	}
	if err := do(eng, args[0]); err != nil {
		return err
	}
	env.Printf("device %s %s; it takes effect on the other laptops at their next sync\n", args[0], verb)
	return nil
}
