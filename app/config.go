package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
)

// Config is this laptop's own settings: never synced.
type Config struct {
	Language   string `json:"language"`    // "" means from the system locale
	DeviceName string `json:"device_name"` // how other laptops see this one
}

// LoadConfig reads config.json; a missing file gives defaults, a damaged one an error that
// says how to recover.
func LoadConfig(dir string) (Config, error) {
	var c Config
	b, err := os.ReadFile(filepath.Join(dir, configFile))
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("read settings %s: the file is damaged (%v); delete it to start from defaults", filepath.Join(dir, configFile), err)
	}
	return c, nil
}

// SaveConfig writes config.json atomically.
func SaveConfig(dir string, c Config) error {
	b, _ := json.MarshalIndent(c, "", "  ")
	if err := writeFileAtomic(filepath.Join(dir, configFile), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// DefaultDeviceName is how a new laptop is named until its person changes it (in Settings,
// or when joining): the person's full name, else their login name, and the computer's
// name, "Maria Rossi (vm)". Two laptops on the same model of machine stay apart.
func DefaultDeviceName() string {
	host, _ := os.Hostname()
	return deviceName(personName(), host)
}

// personName is the full name of the person logged in, else their login name.
func personName() string {
	u, err := user.Current()
	if err != nil {
		return firstNonEmpty(os.Getenv("USER"), os.Getenv("USERNAME"))
	}
	// The full name is the first field of the GECOS entry ("Maria Rossi,Room 2,,").
	full, _, _ := strings.Cut(u.Name, ",")
	login := u.Username
	if i := strings.LastIndexAny(login, `\`); i >= 0 { // DOMAIN\maria on Windows
		login = login[i+1:]
	}
	return firstNonEmpty(full, login, os.Getenv("USER"), os.Getenv("USERNAME"))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// maxDeviceName is the longest name Settings accepts for a device.
const maxDeviceName = 80

// deviceName joins a person's name and a host name into a device name that Settings
// accepts: "Maria Rossi (vm)", either alone when the other is unknown, "Pacta" when both are.
func deviceName(person, host string) string {
	person = strings.TrimSpace(person)
	host, _, _ = strings.Cut(strings.TrimSpace(host), ".") // "vm.example.org" → "vm"
	var name string
	switch {
	case person != "" && host != "":
		name = person + " (" + host + ")"
	case person != "":
		name = person
	case host != "":
		name = host
	default:
		name = "Pacta"
	}
	if r := []rune(name); len(r) > maxDeviceName {
		name = strings.TrimSpace(string(r[:maxDeviceName]))
	}
	return name
}

// Settings are what the Settings screen edits: workspace-wide values (synced) and this
// laptop's own.
type Settings struct {
	Municipality string
	LegalBasis   string
	Language     string
	DeviceName   string
}

// FieldError is a validation failure of one settings field; Key is an i18n key.
type FieldError struct {
	Field string
	Key   string
}

func (e FieldError) Error() string { return e.Field + ": " + i18n.In(i18n.Source).T(e.Key) }

// Localized is the message in lang (the window's).
func (e FieldError) Localized(lang string) string { return i18n.In(lang).T(e.Key) }

// Kind is errs.Invalid.
func (e FieldError) Kind() errs.Kind { return errs.Invalid }

// Validate checks settings before they are saved.
func (s Settings) Validate() error {
	var errs []error
	if strings.TrimSpace(s.Municipality) == "" {
		errs = append(errs, FieldError{"municipality", "settings.error.municipality_required"})
	}
	if len([]rune(s.Municipality)) > 200 {
		errs = append(errs, FieldError{"municipality", "settings.error.too_long"})
	}
	if len([]rune(s.LegalBasis)) > 20000 {
		errs = append(errs, FieldError{"legal_basis", "settings.error.too_long"})
	}
	if s.Language != "" && i18n.Normalize(s.Language) != s.Language {
		errs = append(errs, FieldError{"language", "settings.error.language"})
	}
	if strings.TrimSpace(s.DeviceName) == "" {
		errs = append(errs, FieldError{"device_name", "settings.error.device_required"})
	}
	if len([]rune(s.DeviceName)) > maxDeviceName {
		errs = append(errs, FieldError{"device_name", "settings.error.too_long"})
	}
	return errors.Join(errs...)
}

// LanguageAt is the language configured for the workspace in home (without opening its
// database, which another window may hold), else the system locale's.
func LanguageAt(home string) string {
	if l := i18n.Override(); l != "" {
		return l
	}
	if c, err := LoadConfig(home); err == nil && c.Language != "" {
		return i18n.Normalize(c.Language)
	}
	return i18n.FromEnvironment()
}
