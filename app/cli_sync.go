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

func init() {
	Register(Command{Name: "sync", Args: "[--folder DIR] [--json]", Short: "exchange changes with the shared folder once (the folder is remembered)", Run: cmdSync})
	Register(Command{Name: "sync status", Args: "[--json]", Short: "show the last sync, waiting changes, quarantine, conflicts and devices", Run: cmdSyncStatus})
	Register(Command{Name: "join", Args: `--folder DIR --name "Laptop Maria" [--expect CODE] [--merge | --replace]`, Short: "join the shared workspace in a folder, once its fingerprint is checked (creates the local workspace if needed)", Run: cmdJoin})
	Register(Command{Name: "device list", Args: "[--json]", Short: "list the workspace's devices and the requests to join", Run: cmdDeviceList})
	Register(Command{Name: "device enrol", Args: "ID [--admin] [--key FINGERPRINT]", Short: "enrol a device that asked to join, or accept its new key (administrators only)", Run: cmdDeviceEnrol})
	Register(Command{Name: "device revoke", Args: "ID", Short: "revoke a lost or stolen device: nothing it writes from now on is applied (administrators only)", Run: cmdDeviceRevoke})
	Register(Command{Name: "device reject", Args: "ID", Short: "refuse a device's request to join (administrators only)", Run: cmdDeviceReject})
	Register(Command{Name: "conflicts list", Args: "[--all] [--json]", Short: "list concurrent edits waiting for a decision", Run: cmdConflictsList})
	Register(Command{Name: "conflicts resolve", Args: "ID --keep mine|theirs|current|LAPTOP", Short: "settle a conflict by keeping one laptop's value (by name or device id); the decision syncs like any change", Run: cmdConflictsResolve})
	Register(Command{Name: "export canonical", Args: "-o FILE", Short: "write all synced data as sorted JSON (compare replicas byte for byte)", Run: cmdExportCanonical})
}

func cmdSync(env *Env, args []string) error {
	fs, home := Flags("sync")
	folder := fs.String("folder", "", "the shared folder (default: the last one used)")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer func() { ws.Close() }()
	rep, err := ws.SyncOnce(env.Ctx, *folder, nil)
	if *asJSON {
		if jerr := env.JSON(rep); jerr != nil {
			return jerr
		}
	} else {
		env.Printf("exported %d, applied %d, pending %d (out %d, in %d), quarantined %d, conflicts %d\n",
			rep.Exported, rep.Applied, rep.Pending, rep.PendingOut, rep.PendingIn, rep.Quarantined, rep.Conflicts)
		if rep.WaitingEnrol {
			env.Printf("this device waits to be enrolled by an administrator (device id %s)\n", ws.Identity.Device)
		}
		if rep.Incomplete > 0 {
			env.Printf("%d segment files are still being copied into the folder; they will be read at the next sync\n", rep.Incomplete)
		}
		for _, c := range rep.Clones {
			env.Printf("warning: device %s wrote two different segments with one number (a copied data folder); its laptops must be enrolled again\n", c)
		}
		for _, r := range rep.Repaired {
			env.Printf("repaired: %s was missing, cut or damaged in the shared folder and was written again\n", r)
		}
		for _, f := range rep.Foreign {
			env.Printf("warning: %s in this laptop's own log folder was not written by this laptop: someone with access to the shared folder put it there (it is never applied)\n", f)
		}
		if rep.WorkspaceChanged != "" {
			env.Printf("warning: the shared folder's workspace.json was changed (it now shows fingerprint %s); this laptop keeps the workspace it joined\n", rep.WorkspaceChanged)
		}
		if rep.Revoked {
			env.Printf("warning: an administrator revoked this laptop; its changes stay here and are not shared\n")
		}
	}
	var clone *syncfolder.CloneError
	if errors.As(err, &clone) {
		return fmt.Errorf("%w; new device id %s: ask an administrator to run `pacta device enrol %s`", err, ws.Identity.Device, ws.Identity.Device)
	}
	if err != nil {
		return fmt.Errorf("%w (nothing is lost: the next sync retries)", err)
	}
	return nil
}

func cmdSyncStatus(env *Env, args []string) error {
	fs, home := Flags("sync status")
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
	folder := ws.SyncFolder(env.Ctx)
	if *asJSON {
		return env.JSON(struct {
			Folder string `json:"folder"`
			syncfolder.Status
		}{folder, st})
	}
	if st.Workspace == "" {
		env.Printf("not syncing yet: run `pacta sync --folder DIR` to share this workspace, or `pacta join --folder DIR --name NAME`\n")
		return nil
	}
	last := st.LastSync
	if last == "" {
		last = "never"
	}
	env.Printf("folder:       %s\nworkspace:    %s (%s)\nfingerprint:  %s (read it to whoever joins)\ndevice:       %s (enrolled %v, admin %v)\nlast sync:    %s\n",
		folder, st.WorkspaceName, st.Workspace, st.WorkspaceFingerprint, st.Device, st.Enrolled, st.Admin, last)
	if st.WorkspaceChanged != "" {
		env.Printf("warning:      the shared folder's workspace.json now shows fingerprint %s; this laptop keeps trusting %s\n", st.WorkspaceChanged, st.WorkspaceFingerprint)
	}
	if st.Revoked {
		env.Printf("warning:      an administrator revoked this laptop: what it writes now is not applied elsewhere\n")
	}
	for _, k := range st.KeyChanges {
		env.Printf("key changed:  %s (%s): enrolled with key %s, its file in the folder shows %s\n", k.Name, k.Device, k.Fingerprint, k.FolderFingerprint)
	}
	if st.LastError != "" {
		env.Printf("last problem: %s\n", st.LastError)
	}
	env.Printf("waiting:      %d to send, %d to apply\nconflicts:    %d\nquarantined:  %d\nflagged:      %d\ndevices:      %d enrolled or known, %d asking to join\n",
		st.PendingOut, st.PendingIn, st.Conflicts, len(st.Quarantined), st.Flagged, len(st.Devices), len(st.Requests))
	for _, q := range st.Quarantined {
		env.Printf("  quarantined %s: %s (%s)\n", q.Name, q.Reason, q.Detail)
	}
	for _, d := range st.Behind {
		env.Printf("upgrade:      %s runs an older Pacta that cannot read this laptop's changes; install this version there, then sync there once\n", d.Name)
	}
	return nil
}

func cmdJoin(env *Env, args []string) error {
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

func cmdConflictsList(env *Env, args []string) error {
	fs, home := Flags("conflicts list")
	asJSON := fs.Bool("json", false, "JSON output")
	all := fs.Bool("all", false, "include resolved conflicts")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	cs, err := model.ListConflicts(ws.Store.DB(), !*all)
	if err != nil {
		return err
	}
	// Each conflict as stored, with what it is about in the user's words (ConflictSubject)
	// and the laptops that wrote its two values.
	type named struct {
		model.Conflict
		Subject      string `json:"subject"`
		FieldLabel   string `json:"field_label"`
		LocalName    string `json:"local_laptop"`
		IncomingName string `json:"incoming_laptop"`
		Removal      bool   `json:"removed_while_edited"`
	}
	db, self := ws.Store.DB(), ws.Identity.Device
	out := make([]named, len(cs))
	for i, c := range cs {
		out[i].Conflict = c
		out[i].Subject, out[i].FieldLabel = ConflictSubject(db, c)
		out[i].LocalName, out[i].IncomingName = LaptopName(db, c.LocalDevice, self), LaptopName(db, c.IncomingDevice, self)
		_, _, out[i].Removal = IsRemoval(c)
	}
	if *asJSON {
		return env.JSON(out)
	}
	if len(cs) == 0 {
		env.Printf("no conflicts\n")
	}
	for _, c := range out {
		inPlace := c.LocalName
		if c.Winner == "incoming" {
			inPlace = c.IncomingName
		}
		if removal, edit, ok := IsRemoval(c.Conflict); ok {
			env.Printf("%d  %s: removed on %s while edited on %s (now: %s)%s\n", c.ID, c.Subject,
				LaptopName(db, SideDevice(c.Conflict, removal), self), LaptopName(db, SideDevice(c.Conflict, edit), self),
				ConflictValue(c.Field, InPlace(c.Conflict)), resolvedNote(c.Conflict))
			continue
		}
		env.Printf("%d  %s · %s: %s %q, %s %q (in place: %s)%s\n", c.ID, c.Subject, c.FieldLabel,
			c.LocalName, ConflictValue(c.Field, c.LocalValue), c.IncomingName, ConflictValue(c.Field, c.IncomingValue), inPlace, resolvedNote(c.Conflict))
	}
	return nil
}

func resolvedNote(c model.Conflict) string {
	if c.Resolved == "" {
		return ""
	}
	return " resolved: " + c.Resolved
}

func cmdConflictsResolve(env *Env, args []string) error {
	fs, home := Flags("conflicts resolve")
	keep := fs.String("keep", "", "mine, theirs, current (the value in place now), or the laptop whose value to keep (its name or device id)")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give one conflict ID (see `pacta conflicts list`)")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return Usagef("the conflict ID is a number, not %q", fs.Arg(0))
	}
	if strings.TrimSpace(*keep) == "" {
		return Usagef("--keep must be mine, theirs, or the laptop whose value to keep")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	db, self := ws.Store.DB(), ws.Identity.Device
	c, err := model.GetConflict(db, id)
	if err != nil {
		return err
	}
	choice := *keep
	if choice == "current" {
		choice = model.KeepInPlace
	} else if choice != model.KeepMine && choice != model.KeepTheirs {
		dev, ok := ResolveDevice(db, c, choice)
		if !ok {
			return Usagef("--keep %q: conflict %d is between %s (%s) and %s (%s); name one of them", choice, id,
				LaptopName(db, c.LocalDevice, self), c.LocalDevice, LaptopName(db, c.IncomingDevice, self), c.IncomingDevice)
		}
		choice = dev
	} else if choice != model.KeepInPlace && self != c.LocalDevice && self != c.IncomingDevice {
		return Usagef("conflict %d is between %s (%s) and %s (%s), not this laptop: say which one to keep with --keep LAPTOP", id,
			LaptopName(db, c.LocalDevice, self), c.LocalDevice, LaptopName(db, c.IncomingDevice, self), c.IncomingDevice)
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return tx.ResolveConflict(id, choice, nil) }); err != nil {
		return err
	}
	if choice == model.KeepInPlace {
		env.Printf("conflict %d resolved: kept the value in place now; sync to share the decision\n", id)
		return nil
	}
	side, _ := c.Side(choice, self)
	env.Printf("conflict %d resolved: kept the value of %s; sync to share the decision\n", id, LaptopName(db, SideDevice(c, side), self))
	return nil
}

func cmdExportCanonical(env *Env, args []string) error {
	fs, home := Flags("export canonical")
	out := fs.String("o", "", "the file to write")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	b, err := model.CanonicalExport(ws.Store.DB())
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("export canonical: %w", err)
	}
	env.Printf("wrote %s (%d bytes)\n", *out, len(b))
	return nil
}
