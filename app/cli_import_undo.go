package app

import "pacta/assets"

func init() {
	Register(Command{Name: "import undo", Args: "[--json]", Short: "undo this laptop's last import of commons (assets edited since are left alone and listed)", Run: cmdImportUndo})
	examples["import undo"] = "pacta import undo --json"
}

func cmdImportUndo(env *Env, args []string) error {
	fs, home := Flags("import undo")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	last, ok, err := assets.LastImportOf(env.Ctx, ws.Store)
	if err != nil {
		return err
	}
	rep, err := assets.UndoLastImport(env.Ctx, ws.Store)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(map[string]any{"file": last.File, "removed": rep.Removed, "restored": rep.Restored, "kept": rep.Kept, "had_import": ok})
	}
	env.Printf("import of %s undone: %d new assets removed, %d given back their values\n", last.File, rep.Removed, rep.Restored)
	for _, k := range rep.Kept {
		env.Printf("  kept (edited or linked to a pact since): %s\n", k)
	}
	return nil
}
