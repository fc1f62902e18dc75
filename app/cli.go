package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"pacta/i18n"
	"pacta/internal/logfile"
	"pacta/model"
)

// Env is what a command runs with.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// verbose is the global flag -v; log is the log of the workspace in logHome that the
	// command opened (openOptions, run).
	verbose bool
	log     *slog.Logger
	logHome string
}

// Command is one `pacta …` command. Name may have several words ("asset list").
type Command struct {
	Name  string
	Args  string // argument synopsis for the help, e.g. "REF [--json]"
	Short string // one line of help
	Run   func(env *Env, args []string) error
}

var commands = map[string]Command{}

// Register adds a command; each area registers its own in an init function of its file.
func Register(c Command) {
	if _, dup := commands[c.Name]; dup {
		panic("app: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// UsageError is a mistake in how a command was called; it exits with status 2.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// Usagef makes a UsageError.
func Usagef(format string, a ...any) error { return UsageError{fmt.Sprintf(format, a...)} }

// Flags makes a flag set for a command with the --home flag every command takes.
func Flags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	home := fs.String("home", "", "the workspace `DIR` (default $PACTA_HOME, else the per-user data directory)")
	return fs, home
}

// Parse parses args, turning flag errors into UsageErrors. Flags may follow positional
// arguments ("pact show PACT-1 --json").
func Parse(fs *flag.FlagSet, args []string) error {
	lang := globalLang(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return helpRequest{fs}
			}
			return UsageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if lang != nil {
		useLang(*lang)
	}
	// Re-parse to leave the positional arguments in fs.Args().
	return fs.Parse(append([]string{"--"}, pos...))
}

// OpenHome opens the workspace chosen by the --home flag value.
func (e *Env) OpenHome(home string) (*Workspace, error) {
	dir := ResolveHome(home)
	return Open(dir, e.openOptions(dir))
}

// ParseOpen parses a command's arguments and opens the workspace its --home names; the
// caller closes it.
func (e *Env) ParseOpen(fs *flag.FlagSet, home *string, args []string) (*Workspace, error) {
	if err := Parse(fs, args); err != nil {
		return nil, err
	}
	return e.OpenHome(*home)
}

// JSON writes v as indented JSON to stdout.
func (e *Env) JSON(v any) error {
	enc := json.NewEncoder(e.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Printf writes to stdout.
func (e *Env) Printf(format string, a ...any) { fmt.Fprintf(e.Stdout, format, a...) }

// RunCLI runs a command line (without the program name) and returns the exit status.
func RunCLI(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	args, verbose := TakeVerbose(args)
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, verbose: verbose}
	askedLang.Store("")
	// A --lang is for this command line only (tests run many in one process).
	defer i18n.SetCurrent(i18n.Current())
	args, lang, err := takeGlobals(args)
	if err != nil {
		fmt.Fprintf(stderr, "pacta: %v\n", err)
		return 2
	}
	useLang(lang)
	switch {
	case len(args) == 0 || args[0] == "--help" || args[0] == "-h":
		printHelp(stdout)
		return 0
	case args[0] == "help":
		return cmdHelp(stdout, stderr, args[1:])
	case args[0] == "completion":
		return cmdCompletion(stdout, stderr, args[1:])
	}
	// The longest registered name that prefixes the arguments wins.
	cmd, n := lookup(args)
	if n == 0 {
		fmt.Fprintf(stderr, "pacta: unknown command %q; run `pacta help` for the list\n", strings.Join(args, " "))
		return 2
	}
	err = env.run(cmd, args[n:])
	if err == nil {
		return 0
	}
	if errors.As(err, new(helpRequest)) {
		printUsage(stdout, cmd)
		return 0
	}
	var ue UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "pacta %s: %v\nusage: pacta %s %s\n", cmd.Name, err, cmd.Name, cmd.Args)
		return 2
	}
	fmt.Fprintf(stderr, "pacta %s: %s%s\n", cmd.Name, messageOf(err), hint(cmd, err))
	return 1
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Pacta: co-management of the commons between a municipality and its citizens.")
	fmt.Fprintln(w, "\nWith no arguments pacta opens the window. Commands (each takes --home DIR or $PACTA_HOME):")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  pacta %-28s %s\n", strings.TrimSpace(n+" "+c.Args), c.Short)
	}
	fmt.Fprintln(w, "\nGlobal flags, before or after the command: --home DIR, --json (where offered), --lang L (the messages' language),")
	fmt.Fprintln(w, "-v (the log, pacta.log in the home, to standard error as well).")
	fmt.Fprintln(w, "`pacta help COMMAND` or `pacta COMMAND --help` shows one command's flags and an example;")
	fmt.Fprintln(w, "`pacta completion bash` prints a completion script.")
}

// CommandNames lists the registered commands (for the README check and help).
func CommandNames() []string {
	out := make([]string, 0, len(commands))
	for n := range commands {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func init() {
	Register(Command{Name: "version", Short: "print version, commit and build date", Args: "[--json]", Run: cmdVersion})
	Register(Command{Name: "init", Short: "create a workspace", Args: `--name "Comune di Esempio" [--sample]`, Run: cmdInit})
	Register(Command{Name: "doctor", Short: "check the database and report what it holds", Args: "[--json]", Run: cmdDoctor})
	Register(Command{Name: "backup", Short: "write a consistent copy of the database (safe while the app runs)", Args: "-o FILE", Run: cmdBackup})
	Register(Command{Name: "restore", Short: "replace the database by a backup", Args: "FILE --yes", Run: cmdRestore})
}

func cmdVersion(env *Env, args []string) error {
	fs, _ := Flags("version")
	asJSON := fs.Bool("json", false, "JSON output")
	if err := Parse(fs, args); err != nil {
		return err
	}
	v, c, d := BuildInfo()
	if *asJSON {
		return env.JSON(map[string]string{"version": v, "commit": c, "build_date": d})
	}
	env.Printf("pacta %s (commit %s, built %s)\n", v, c, d)
	return nil
}

func cmdInit(env *Env, args []string) error {
	fs, home := Flags("init")
	name := fs.String("name", "", "the municipality's name")
	sample := fs.Bool("sample", false, "fill the workspace with sample data")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return Usagef("--name is required")
	}
	dir := ResolveHome(*home)
	ws, err := Init(env.Ctx, dir, *name, *sample, env.openOptions(dir))
	if err != nil {
		return err
	}
	defer ws.Close()
	env.Printf("created workspace %q in %s (device %s)\n", *name, dir, ws.Identity.Device)
	return nil
}

// DoctorReport is `pacta doctor --json`.
type DoctorReport struct {
	Integrity     string         `json:"integrity"`
	ForeignKeys   []string       `json:"foreign_key_violations"`
	SchemaVersion int            `json:"schema_version"`
	Device        string         `json:"device"`
	DeviceName    string         `json:"device_name"`
	Workspace     string         `json:"workspace"`
	Home          string         `json:"home"`
	Counts        map[string]int `json:"counts"`
	// This device's own changes: numbered up to Reserved, shared up to Sealed, and how
	// many still wait in the rows for the next sync (the change log, counted in Counts,
	// holds the other devices' changes).
	Own struct {
		Reserved int64 `json:"reserved"`
		Sealed   int64 `json:"sealed"`
		Pending  int   `json:"pending"`
	} `json:"own_changes"`
	Bundles string `json:"bundles"`
	// The workspace's log and its last error records (doctorErrors of them, oldest first),
	// each {"time", "level", "msg", …} as the log holds it.
	Log          string          `json:"log"`
	RecentErrors []logfile.Entry `json:"recent_errors"`
	LogProblem   string          `json:"log_problem,omitempty"` // why the log could not be read
}

// doctorErrors is how many of the log's last errors doctor shows.
const doctorErrors = 10

func cmdDoctor(env *Env, args []string) error {
	fs, home := Flags("doctor")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	rep, err := ws.Store.Check(env.Ctx)
	if err != nil {
		return fmt.Errorf("doctor: %w", err)
	}
	d := DoctorReport{
		Integrity: rep.Integrity, ForeignKeys: rep.ForeignKeys, SchemaVersion: rep.Schema,
		Device: ws.Identity.Device, DeviceName: ws.Config.DeviceName, Workspace: ws.Municipality(),
		Home: ws.Home, Counts: rep.Counts, Bundles: "ok",
	}
	if d.ForeignKeys == nil {
		d.ForeignKeys = []string{}
	}
	num, err := model.ReadNumbering(ws.Store.DB())
	if err == nil {
		d.Own.Reserved, d.Own.Sealed = num.Reserved, num.Sealed
		d.Own.Pending, err = ws.Store.PendingCount(env.Ctx)
	}
	if err != nil {
		return fmt.Errorf("doctor: %w", err)
	}
	if err := bundleProblem(); err != nil {
		d.Bundles = err.Error()
	}
	d.Log = LogPath(ws.Home)
	recent, lerr := RecentErrors(ws.Home, doctorErrors)
	if lerr != nil {
		d.LogProblem = lerr.Error()
	}
	d.RecentErrors = append([]logfile.Entry{}, recent...)
	if *asJSON {
		if err := env.JSON(d); err != nil {
			return err
		}
	} else {
		env.Printf("workspace:      %s\nhome:           %s\ndevice:         %s (%s)\nschema version: %d\nintegrity:      %s\nforeign keys:   %d violations\nbundles:        %s\n",
			d.Workspace, d.Home, d.Device, d.DeviceName, d.SchemaVersion, d.Integrity, len(d.ForeignKeys), d.Bundles)
		env.Printf("own changes:    %d not shared yet (numbered up to %d, shared up to %d)\n", d.Own.Pending, d.Own.Reserved, d.Own.Sealed)
		keys := make([]string, 0, len(d.Counts))
		for k := range d.Counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			env.Printf("  %-14s %d\n", k, d.Counts[k])
		}
		env.Printf("log:            %s\n", d.Log)
		switch {
		case d.LogProblem != "":
			env.Printf("recent errors:  the log cannot be read: %s\n", d.LogProblem)
		case len(d.RecentErrors) == 0:
			env.Printf("recent errors:  none\n")
		default:
			env.Printf("recent errors:  the last %d, oldest first\n", len(d.RecentErrors))
			for _, e := range d.RecentErrors {
				env.Printf("  %s  %s\n", e.Time.Local().Format("2006-01-02 15:04:05"), e.Summary())
			}
		}
	}
	if d.Integrity != "ok" || len(d.ForeignKeys) > 0 {
		return errors.New("the database has problems: restore the latest backup with `pacta restore FILE --yes`")
	}
	return nil
}

func cmdBackup(env *Env, args []string) error {
	fs, home := Flags("backup")
	out := fs.String("o", "", "the backup file to write")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file name", *out)
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := ws.Store.Backup(env.Ctx, *out); err != nil {
		return err
	}
	env.Printf("backup written to %s\n", *out)
	return nil
}

func cmdRestore(env *Env, args []string) error {
	fs, home := Flags("restore")
	yes := fs.Bool("yes", false, "confirm that the current database is to be replaced")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give one backup FILE")
	}
	if !*yes {
		return Usagef("restoring replaces the current database; add --yes to confirm (the current one is kept as pacta.db.before-restore)")
	}
	dir := ResolveHome(*home)
	shared, err := Restore(env.Ctx, dir, fs.Arg(0))
	if err != nil {
		return err
	}
	env.openOptions(dir).Log.Info("restored a backup", "file", fs.Arg(0), "shared", shared)
	env.Printf("restored %s into %s\n", fs.Arg(0), dir)
	if shared {
		env.Printf("this laptop's own work shared after the backup comes back from the shared folder at the next sync, under the same identity (no new identity, no new enrolment); until then nothing leaves this laptop\n")
	}
	return nil
}
