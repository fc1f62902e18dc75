package syncfolder

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"time"

	"pacta/internal/errs"
)

// Root is the directory Pacta owns inside the shared folder.
const Root = "pacta"

// Paths inside the shared folder.
const (
	workspaceFile = Root + "/workspace.json"
	devicesDir    = Root + "/devices"
	logDir        = Root + "/log"
	blobsDir      = Root + "/blobs"
)

// Errors a caller may want to tell apart.
var (
	ErrNoFolder        = errs.E(errs.Unavailable, errs.Key("sync.error.no_workspace_here"))
	ErrNotJoined       = errs.E(errs.Conflict, errs.Key("sync.error.not_joined"))
	ErrOtherWorkspace  = errs.E(errs.Conflict, errs.Key("sync.error.other_workspace"))
	ErrJoinedElsewhere = errs.E(errs.Conflict, errs.Key("sync.error.joined_elsewhere"))
)

// CloneError reports that two laptops write as the same device: the data directory was
// copied. The local laptop must take a new identity.
type CloneError struct{ Device string }

func (e *CloneError) Error() string {
	return fmt.Sprintf("another laptop writes as this device (%s): its data folder was copied from this one; this laptop takes a new identity and must be enrolled again", short(e.Device))
}

// Identity is this device as the engine needs it.
type Identity struct {
	Device     string
	PublicKey  ed25519.PublicKey
	PrivateKey ed25519.PrivateKey
}

// WorkspaceFile is workspace.json, written once by the founding device.
type WorkspaceFile struct {
	Format         string `json:"format"`
	ID             string `json:"id"`
	Name           string `json:"name"`
	FoundingDevice string `json:"founding_device"`
	FoundingKey    string `json:"founding_key"` // base64 Ed25519 public key
	Created        string `json:"created"`
}

// DeviceFile is devices/<device>.json: a device's name and public key, which is also its
// request to join.
type DeviceFile struct {
	Device    string `json:"device"`
	Name      string `json:"name"`
	PublicKey string `json:"public_key"` // base64
	Workspace string `json:"workspace"`
	Requested string `json:"requested"`
	// Reads lists the segment formats the device's Pacta reads. Pactas older than format 2
	// wrote no such list, and those of format 2 list formats 1 and 2: a device file
	// without Format was last written by a Pacta that quarantines this version's
	// segments, so the Sync screen asks for its upgrade.
	Reads []string `json:"reads,omitempty"`
}

// ReadsOurs reports whether the device's Pacta reads the segments this one writes.
func (d DeviceFile) ReadsOurs() bool { return slices.Contains(d.Reads, Format) }

var idRe = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)

// validID reports whether s may be used as a path element (device ids come from the folder).
func validID(s string) bool { return idRe.MatchString(s) }

func readWorkspaceFile(f FS) (WorkspaceFile, error) {
	var w WorkspaceFile
	b, err := f.ReadFile(workspaceFile)
	if errors.Is(err, fs.ErrNotExist) {
		return w, ErrNoFolder
	}
	if err != nil {
		return w, fmt.Errorf("read %s: %w", workspaceFile, err)
	}
	if err := json.Unmarshal(b, &w); err != nil || w.ID == "" || !validID(w.FoundingDevice) {
		return w, fmt.Errorf("read %s: the file is damaged or incomplete; wait for the folder to finish syncing", workspaceFile)
	}
	if _, err := decodeKey(w.FoundingKey); err != nil {
		return w, fmt.Errorf("read %s: %w", workspaceFile, err)
	}
	return w, nil
}

func decodeKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("the public key is not a valid Ed25519 key")
	}
	return ed25519.PublicKey(b), nil
}

func encodeKey(k ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(k) }

func devicePath(id string) string { return path.Join(devicesDir, id+".json") }

// ReadDeviceFiles lists the device files of the folder (damaged ones are skipped).
func ReadDeviceFiles(f FS, workspace string) ([]DeviceFile, error) {
	names, err := f.ReadDir(devicesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", devicesDir, err)
	}
	var out []DeviceFile
	for _, n := range names {
		if Ignored(n) || path.Ext(n) != ".json" {
			continue
		}
		b, err := f.ReadFile(path.Join(devicesDir, n))
		if err != nil {
			continue
		}
		var d DeviceFile
		if json.Unmarshal(b, &d) != nil || !validID(d.Device) || d.Device+".json" != n || d.Workspace != workspace {
			continue
		}
		if _, err := decodeKey(d.PublicKey); err != nil {
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

func blobPath(sha string) string { return path.Join(blobsDir, sha[:2], sha) }

func short(id string) string {
	if len(id) > 12 {
		return id[len(id)-12:]
	}
	return id
}

func nowString(t time.Time) string { return t.UTC().Format(time.RFC3339) }
