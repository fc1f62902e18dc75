// The pact commands for a pact's files (its annexes) and the acts of its procedure.

package app

import (
	"fmt"
	"os"
	"strings"

	"pacta/pacts"
)

func init() {
	for _, c := range []Command{
		{Name: "pact file add", Args: "REF FILE [--title T]", Short: "store a file with a pact (PDF, image, ODT/DOCX, .p7m; at most 25 MB): an annex of its agreement, synced", Run: cmdPactFileAdd},
		{Name: "pact file list", Args: "REF [--json]", Short: "list a pact's files", Run: cmdPactFileList},
		{Name: "pact file remove", Args: "REF --file TITLE|NAME|ID", Short: "take a file off a pact", Run: cmdPactFileRemove},
		{Name: "pact act add", Args: "REF --kind K --number N --date YYYY-MM-DD [--issuer I] [--file F]", Short: "record an act of the procedure (protocol, minutes, opinion, determination…), cited by the premises", Run: cmdPactActAdd},
		{Name: "pact act list", Args: "REF [--json]", Short: "list the acts of a pact's procedure", Run: cmdPactActList},
		{Name: "pact act remove", Args: "REF --kind K --number N", Short: "take an act recorded by mistake off a pact", Run: cmdPactActRemove},
	} {
		Register(c)
	}
	examples["pact file add"] = `pacta pact file add PACT-2026-0001 planimetria.pdf --title "Planimetria dell'area"`
	examples["pact file list"] = "pacta pact file list PACT-2026-0001"
	examples["pact file remove"] = `pacta pact file remove PACT-2026-0001 --file "Planimetria dell'area"`
	examples["pact act add"] = `pacta pact act add PACT-2026-0001 --kind determination --number 123/2024 --date 2024-03-12 --issuer "Area della Cultura" --file determina.pdf.p7m`
	examples["pact act list"] = "pacta pact act list PACT-2026-0001"
	examples["pact act remove"] = "pacta pact act remove PACT-2026-0001 --kind determination --number 123/2024"
}

func cmdPactFileAdd(env *Env, args []string) error {
	fs, home := Flags("pact file add")
	title := fs.String("title", "", "how the annex list names it (default: the file's name)")
	id := idFlag(fs)
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return Usagef("give the pact's reference and one file, e.g. pacta pact file add PACT-2026-0001 plan.pdf")
	}
	ws, d, err := pactOf(env, *home, fs.Arg(0), *id)
	if err != nil {
		return err
	}
	defer ws.Close()
	att, err := pacts.AddFileFrom(env.Ctx, ws.Store, ws.Blobs, d.Pact.ID, fs.Arg(1), *title)
	if err != nil {
		return err
	}
	env.Printf("%s: %s added (%d bytes, SHA-256 %s)\n", d.Pact.Ref, pacts.FileLabel(att), att.Size, att.SHA256[:12])
	return nil
}

func cmdPactFileList(env *Env, args []string) error {
	fs, home := Flags("pact file list")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	files, err := pacts.Files(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(files)
	}
	if len(files) == 0 {
		env.Printf("%s has no files; add one with pacta pact file add %s FILE\n", d.Pact.Ref, d.Pact.Ref)
	}
	for i, f := range files {
		here := ""
		if !ws.Blobs.Has(f.SHA256) {
			here = "  (not on this laptop yet: sync to fetch it)"
		}
		env.Printf("%2d. %-40s %-28s %9d  %s%s\n", i+1, clip(f.Caption, 40), clip(f.Name, 28), f.Size, f.SHA256[:12], here)
	}
	return nil
}

func cmdPactFileRemove(env *Env, args []string) error {
	fs, home := Flags("pact file remove")
	file := fs.String("file", "", "the file's title, name or id")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if strings.TrimSpace(*file) == "" {
		return Usagef("--file is required: the file's title, name or id (see pacta pact file list)")
	}
	att, err := pacts.FindFile(ws.Store.DB(), d.Pact.ID, *file)
	if err != nil {
		return err
	}
	if err := pacts.RemoveFile(env.Ctx, ws.Store, att); err != nil {
		return err
	}
	env.Printf("%s: %s removed\n", d.Pact.Ref, pacts.FileLabel(att))
	return nil
}

func cmdPactActAdd(env *Env, args []string) error {
	fs, home := Flags("pact act add")
	kind := fs.String("kind", "", "the kind of act: "+strings.Join(pacts.ActKinds, ", "))
	number := fs.String("number", "", "its number, as the register writes it")
	date := fs.String("date", "", "its date, YYYY-MM-DD")
	issuer := fs.String("issuer", "", "the office or body that issued it")
	file := fs.String("file", "", "its file (PDF, image, ODT/DOCX, .p7m; at most 25 MB)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *number == "" || *date == "" {
		return Usagef("--kind, --number and --date are required")
	}
	a, err := pacts.AddActFrom(env.Ctx, ws.Store, ws.Blobs, d.Pact.ID, pacts.Act{Kind: *kind, Number: *number, Date: *date, Issuer: *issuer}, *file)
	if err != nil {
		return err
	}
	env.Printf("%s: %s\n", d.Pact.Ref, pacts.Citation(d.Pact.Lang, a.PactAct))
	return nil
}

func cmdPactActList(env *Env, args []string) error {
	fs, home := Flags("pact act list")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	acts, err := pacts.Acts(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(acts)
	}
	if len(acts) == 0 {
		env.Printf("%s has no acts recorded; add one with pacta pact act add %s --kind K --number N --date D\n", d.Pact.Ref, d.Pact.Ref)
	}
	for _, a := range acts {
		file := ""
		if a.File != nil {
			file = "  [" + a.File.Name + "]"
		}
		env.Printf("%-10s %-14s %-14s %s%s\n", a.Date, a.Kind, clip(a.Number, 14), a.Issuer, file)
	}
	return nil
}

func cmdPactActRemove(env *Env, args []string) error {
	fs, home := Flags("pact act remove")
	kind := fs.String("kind", "", "the act's kind")
	number := fs.String("number", "", "the act's number")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *number == "" {
		return Usagef("--kind and --number are required (see pacta pact act list)")
	}
	a, err := pacts.FindAct(ws.Store.DB(), d.Pact.ID, "", *kind, *number)
	if err != nil {
		return err
	}
	if err := pacts.RemoveAct(env.Ctx, ws.Store, a.ID); err != nil {
		return err
	}
	env.Printf("%s: %s act %s removed\n", d.Pact.Ref, a.Kind, a.Number)
	return nil
}

// pactOf opens the workspace and reads the pact a command names by reference (and --id).
func pactOf(env *Env, home, ref, id string) (*Workspace, *pacts.Dossier, error) {
	ws, err := env.OpenHome(home)
	if err != nil {
		return nil, nil, err
	}
	var d *pacts.Dossier
	if id == "" {
		d, err = pacts.LoadRef(ws.Store.DB(), ref)
	} else {
		d, err = pacts.Resolve(ws.Store.DB(), ref, id)
	}
	if err != nil {
		ws.Close()
		return nil, nil, ambiguous(err, "--id ID")
	}
	return ws, d, nil
}

func init() {
	Register(Command{Name: "pact notice", Args: "REF --kind receipt|documents|rejection|publication|extension -o FILE [--text T | --text-file F] [--date YYYY-MM-DD] [--lang L]",
		Short: "print a notice of the procedure in the pact's language: receipt, request for documents, rejection with reasons, public notice, extension", Run: cmdPactNotice})
	examples["pact notice"] = `pacta pact notice PACT-2026-0001 --kind documents --text "the insurance policy of the volunteers" -o richiesta.pdf`
}

func cmdPactNotice(env *Env, args []string) error {
	fs, home := Flags("pact notice")
	kind := fs.String("kind", "", "the notice: "+strings.Join(pacts.NoticeKinds, ", "))
	out := fs.String("o", "", "the PDF file to write")
	text := fs.String("text", "", "documents requested, reasons, or a note (default: the reason recorded with the status)")
	textFile := fs.String("text-file", "", "file with that text")
	date := fs.String("date", "", "the notice's date YYYY-MM-DD (default today)")
	lang := fs.String("lang", "", "language of the notice (default the pact's)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *kind == "" || *out == "" {
		return Usagef("--kind and -o are required")
	}
	if *textFile != "" {
		if *text, err = readText("pact notice", *textFile); err != nil {
			return err
		}
	}
	n := pacts.Notice{Kind: *kind, Text: *text, Lang: *lang}
	if *date != "" {
		if n.Date, err = pacts.ParseDate(*date); err != nil {
			return err
		}
	}
	b, err := pacts.NoticePDF(ws.Store.DB(), d, n)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("pact notice: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}
