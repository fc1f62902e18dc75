package app

import (
	"os"
	"path/filepath"
	"time"

	"pacta/pacts"
)

func init() {
	Register(Command{Name: "export pacts", Args: "--format csv|json [-o FILE] [--datapackage]",
		Short: "publish the register of pacts as open data (organisations only, no natural person named); with --datapackage, a Frictionless datapackage.json beside the file",
		Run:   cmdExportPacts})
}

func cmdExportPacts(env *Env, args []string) error {
	fs, home := Flags("export pacts")
	format := fs.String("format", "", "csv or json")
	out := fs.String("o", "", "the file to write (standard output when not given)")
	dp := fs.Bool("datapackage", false, "also write a Frictionless datapackage.json, with the table schema of the columns, beside the file")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if !contains(pacts.OpenDataFormats, *format) {
		return Usagef("--format must be csv or json")
	}
	if *dp && *out == "" {
		return Usagef("--datapackage needs -o FILE: the datapackage.json is written beside the file it describes")
	}
	if fs.NArg() > 0 {
		return Usagef("export pacts takes no arguments; give the file with -o FILE")
	}
	if *out != "" {
		if st, err := os.Stat(filepath.Dir(*out)); err != nil || !st.IsDir() {
			return Usagef("-o %s: the folder %s does not exist; create it or choose another file", *out, filepath.Dir(*out))
		}
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		rows, err := pacts.OpenData(env.Ctx, ws.Store.DB())
		if err != nil {
			return err
		}
		return pacts.WriteOpenData(env.Stdout, *format, rows)
	}
	n, err := pacts.ExportOpenData(env.Ctx, ws.Store.DB(), ws.Municipality(), *format, *out, *dp, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	env.Printf("exported %d pacts to %s\n", n, *out)
	if *dp {
		env.Printf("described by %s\n", filepath.Join(filepath.Dir(*out), "datapackage.json"))
	}
	return nil
}
