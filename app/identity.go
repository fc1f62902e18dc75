package app

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pacta/model"
)

// Identity is this device: a random id and an Ed25519 key pair made on first run. The
// private key stays in the workspace directory with mode 0600, never in a shared folder.
type Identity struct {
	Device     string             `json:"device"`
	PublicKey  ed25519.PublicKey  `json:"public_key"`
	PrivateKey ed25519.PrivateKey `json:"-"`
}

// LoadOrCreateIdentity reads the identity from dir, making one if there is none.
func LoadOrCreateIdentity(dir string) (Identity, error) {
	id, err := LoadIdentity(dir)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return Identity{}, err
	}
	return NewIdentity(dir)
}

// NewIdentity makes and stores a fresh identity (also used when a cloned data directory
// is detected and this laptop must stop using the copied id).
func NewIdentity(dir string) (Identity, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Identity{}, fmt.Errorf("make device key: %w", err)
	}
	id := Identity{Device: model.NewID(), PublicKey: pub, PrivateKey: priv}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Identity{}, fmt.Errorf("make device identity: %w", err)
	}
	seed := base64.StdEncoding.EncodeToString(priv.Seed())
	if err := writeFileAtomic(filepath.Join(dir, keyFile), []byte(seed+"\n"), 0o600); err != nil {
		return Identity{}, fmt.Errorf("write device key: %w", err)
	}
	b, _ := json.MarshalIndent(id, "", "  ")
	if err := writeFileAtomic(filepath.Join(dir, deviceFile), append(b, '\n'), 0o644); err != nil {
		return Identity{}, fmt.Errorf("write device identity: %w", err)
	}
	return id, nil
}

// LoadIdentity reads an existing identity.
func LoadIdentity(dir string) (Identity, error) {
	var id Identity
	b, err := os.ReadFile(filepath.Join(dir, deviceFile))
	if err != nil {
		return id, fmt.Errorf("read device identity: %w", err)
	}
	if err := json.Unmarshal(b, &id); err != nil || id.Device == "" {
		return id, fmt.Errorf("read device identity %s: the file is damaged (%v); restore it from a backup", filepath.Join(dir, deviceFile), err)
	}
	k, err := os.ReadFile(filepath.Join(dir, keyFile))
	if err != nil {
		return id, fmt.Errorf("read device key: %w", err)
	}
	seed, err := base64.StdEncoding.DecodeString(string(trimSpace(k)))
	if err != nil || len(seed) != ed25519.SeedSize {
		return id, fmt.Errorf("read device key %s: the file is damaged; restore it from a backup", filepath.Join(dir, keyFile))
	}
	id.PrivateKey = ed25519.NewKeyFromSeed(seed)
	if !id.PrivateKey.Public().(ed25519.PublicKey).Equal(id.PublicKey) {
		return id, fmt.Errorf("read device key: the key does not match %s", deviceFile)
	}
	return id, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}

// writeFileAtomic writes through a temp file and a rename, so a crash leaves the old file or
// the new one, never half of one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
