// The asset commands that read or write files: photos, the printed list, import and export.

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pacta/assets"
	"pacta/i18n"
)

func cmdAssetPhoto(env *Env, args []string) error {
	fs, home := Flags("asset photo")
	ws, a, err := oneAsset(env, fs, home, args, 2, "give the asset reference and the photo file")
	if err != nil {
		return err
	}
	defer ws.Close()
	att, err := assets.AddPhotoFile(env.Ctx, ws.Store, ws.Blobs, a.ID, fs.Arg(1))
	if err != nil {
		return err
	}
	env.Printf("attached %s to %s\n", att.Name, a.Ref)
	return nil
}

func cmdAssetPDF(env *Env, args []string) error {
	fs, home := Flags("asset pdf-available")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the document (en, es, it; default: the app's)")
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
	l := ws.Language()
	if *lang != "" {
		l = i18n.Normalize(*lang)
	}
	now := time.Now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	b, err := assets.AvailableList(env.Ctx, ws.Store.DB(), ws.Municipality(), l, day)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, b, 0o644); err != nil {
		return fmt.Errorf("asset pdf-available: %w", err)
	}
	env.Printf("wrote %s\n", *out)
	return nil
}

func cmdImportAssets(env *Env, args []string) error {
	fs, home := Flags("import assets")
	var maps multiFlag
	fs.Var(&maps, "map", "column=field (repeatable); an empty field ignores the column. Fields: "+strings.Join(assets.ImportFields, ", "))
	dry := fs.Bool("dry-run", false, "validate and report, write nothing")
	asJSON := fs.Bool("json", false, "JSON report")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give one CSV or GeoJSON file")
	}
	src, err := assets.OpenFile(fs.Arg(0))
	if err != nil {
		return err
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	m, err := assets.ParseMapping(src.Header, assets.RememberedMapping(env.Ctx, ws.Store, src.Header), maps)
	if err != nil {
		return UsageError{"--map " + err.Error()}
	}
	rep, err := assets.Import(env.Ctx, ws.Store, src, assets.ImportOptions{Mapping: m, DryRun: *dry, Municipality: ws.Municipality()})
	if err != nil {
		return err
	}
	if !*dry {
		if err := assets.RememberMapping(env.Ctx, ws.Store, src.Header, m); err != nil {
			return fmt.Errorf("import assets: remember the mapping: %w", err)
		}
	}
	if *asJSON {
		return env.JSON(rep)
	}
	if !*asJSON && len(maps) == 0 {
		var used []string
		for i, f := range m {
			if f != "" {
				used = append(used, fmt.Sprintf("%s=%s", src.Header[i], f))
			}
		}
		env.Printf("mapping: %s\n", strings.Join(used, ", "))
	}
	verb := "imported"
	if *dry {
		verb = "would import"
	}
	env.Printf("%s %s: %d rows, %d new, %d updated, %d unchanged, %d rejected\n", verb, filepath.Base(fs.Arg(0)), rep.Rows, rep.New, rep.Updated, rep.Unchanged, len(rep.Rejected))
	for _, r := range rep.Rejected {
		env.Printf("  line %d: %s\n", r.Line, r.Reason)
	}
	return nil
}

func cmdExportAssets(env *Env, args []string) error {
	fs, home := Flags("export assets")
	format := fs.String("format", "", "csv, geojson or json")
	out := fs.String("o", "", "the file to write")
	dp := fs.Bool("datapackage", false, "with --format json, also write a Frictionless datapackage.json beside the file")
	kind := fs.String("kind", "", "only this kind")
	available := fs.Bool("available", false, "only available assets")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if !contains(assets.Formats, *format) {
		return Usagef("--format must be csv, geojson or json")
	}
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	if *dp && *format != "json" {
		return Usagef("--datapackage goes with --format json")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	q := assets.Query{Kind: *kind}
	if *available {
		q.Availability = "available"
	}
	n, err := assets.ExportFile(env.Ctx, ws.Store.DB(), q, *format, *out)
	if err != nil {
		return err
	}
	if *dp {
		b, err := assets.DataPackage(ws.Municipality(), filepath.Base(*out), time.Now().UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(filepath.Dir(*out), "datapackage.json"), append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("export assets: %w", err)
		}
	}
	env.Printf("exported %d assets to %s\n", n, *out)
	return nil
}
