package app

import (
	"errors"
	"fmt"
	"os"

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
	limitSyncMemory()
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
	if err != nil {
		// Only the error: a result of zeros before it would read as a sync that did nothing.
		var clone *syncfolder.CloneError
		if errors.As(err, &clone) {
			return fmt.Errorf("%w; new device id %s: ask an administrator to run `pacta device enrol %s`", err, ws.Identity.Device, ws.Identity.Device)
		}
		return fmt.Errorf("%w (nothing is lost: the next sync retries)", err)
	}
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
	for _, id := range st.FlaggedDevices {
		env.Printf("clock ahead:  %s wrote changes while its own clock ran more than an hour ahead of this laptop's; set its date and time\n", nameOfDevice(st.Devices, id))
	}
	for _, d := range st.Behind {
		env.Printf("upgrade:      %s runs an older Pacta that cannot read this laptop's changes; install this version there, then sync there once\n", d.Name)
	}
	return nil
}

// nameOfDevice is a device's name, or its id when it has none here.
func nameOfDevice(ds []model.Device, id string) string {
	for _, d := range ds {
		if d.ID == id && d.Name != "" {
			return d.Name
		}
	}
	return id
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
