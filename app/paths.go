// Package app is Pacta's composition root: where the workspace lives, opening it, the
// device identity, local configuration, sample data and the command-line commands. It
// hands its services to ui and never imports it.
package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// EnvHome names the environment variable that overrides the workspace directory.
const EnvHome = "PACTA_HOME"

// DefaultHome is the per-OS data directory: $XDG_DATA_HOME/pacta (~/.local/share/pacta)
// on Linux and BSD, %AppData%\Pacta on Windows, ~/Library/Application Support/Pacta on macOS.
func DefaultHome() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("AppData"); d != "" {
			return filepath.Join(d, "Pacta")
		}
		return filepath.Join(home, "AppData", "Roaming", "Pacta")
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Pacta")
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "pacta")
		}
		return filepath.Join(home, ".local", "share", "pacta")
	}
}

// ResolveHome picks the workspace directory: the --home flag, then $PACTA_HOME, then the default.
func ResolveHome(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvHome); env != "" {
		return env
	}
	return DefaultHome()
}

// Files inside a workspace directory.
const (
	dbFile       = "pacta.db"
	configFile   = "config.json"
	deviceFile   = "device.json"
	keyFile      = "device.key"
	blobDir      = "blobs"
	guiLockFile  = "gui.lock"
	logFile      = "pacta.log"
	exportDirRel = "exports"
)
