package archtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestTheTreeKeepsItsLayers is the architecture test: every non-test file of this module
// keeps the layering of DESIGN §2 and writes no synced table outside model.
func TestTheTreeKeepsItsLayers(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, err := FindRoot(wd)
	require.NoError(t, err)
	tree, err := Load(root)
	require.NoError(t, err)
	require.Equal(t, "pacta", tree.Module)
	// The check saw the tree: the edges and files it must see are there.
	require.Contains(t, tree.Imports, importOf(tree, "app", "pacta/model"), "the walk missed app")
	require.Greater(t, len(tree.Files), 50)
	synced := model.SyncedTables()
	require.Contains(t, synced, "pacts")

	vs, err := tree.Check(synced)
	require.NoError(t, err)
	for _, v := range vs {
		t.Error(v)
	}
}

// importOf finds one import of pkg to path in the tree (any file, any line).
func importOf(tree *Tree, pkg, path string) Import {
	for _, im := range tree.Imports {
		if im.Pkg == pkg && im.Path == path {
			return im
		}
	}
	return Import{Pkg: pkg, Path: path}
}

func TestCheckImports(t *testing.T) {
	// internal/errs imports nothing of ours; internal/replica imports model.
	base := []Import{
		{File: "internal/errs/errs.go", Pkg: "internal/errs", Path: "fmt"},
		{File: "internal/replica/seal.go", Pkg: "internal/replica", Path: "pacta/model"},
		{File: "internal/replica/seal.go", Pkg: "internal/replica", Path: "pacta/internal/errs"},
	}
	tests := []struct {
		pkg, path string
		rule      string // "" when allowed
	}{
		{".", "pacta/ui", ""},
		{".", "pacta/app", ""},
		{".", "pacta/internal/logfile", ""},
		{".", "fyne.io/fyne/v2/app", ""},
		{".", "pacta/pacts", RuleLayers},
		{"ui", "pacta/app", ""},
		{"ui", "pacta/pacts", ""},
		{"ui", "pacta/model", ""},
		{"ui", "pacta/packaging", ""},
		{"ui", "fyne.io/fyne/v2/widget", ""},
		{"ui", "pacta", RuleLayers},
		{"app", "pacta/ui", RuleLayers},
		{"app", "pacta/councils", ""},
		{"app", "pacta/internal/replica", ""},
		{"app", "fyne.io/fyne/v2", RuleFyne},
		{"pacts", "pacta/model", ""},
		{"pacts", "pacta/printing", ""},
		{"pacts", "pacta/internal/errs", ""},
		{"pacts", "pacta/pacts/templates", ""},
		{"pacts", "pacta/ui", RuleLayers},
		{"pacts", "pacta/app", RuleLayers},
		{"pacts", "pacta/assets", RuleLayers},
		{"councils", "fyne.io/fyne/v2/widget", RuleFyne},
		{"procurement", "github.com/jung-kurt/gofpdf", RuleGofpdf},
		{"printing", "github.com/jung-kurt/gofpdf", ""},
		{"printing", "pacta/i18n", ""},
		{"printing", "pacta/model", RuleLayers},
		{"i18n", "pacta/printing", RuleLayers},
		{"model", "pacta/internal/errs", ""},
		{"model", "pacta/internal/replica", RuleLayers},
		{"model", "pacta/i18n", RuleLayers},
		{"model", "pacta/syncfolder", RuleLayers},
		{"internal/replica", "pacta/syncfolder", RuleLayers},
		{"internal/replica", "pacta/ui", RuleLayers},
		{"packaging", "pacta/model", RuleLayers},
		{"reports", "fmt", RulePlaced},
	}
	for _, tc := range tests {
		t.Run(tc.pkg+"→"+tc.path, func(t *testing.T) {
			im := Import{File: tc.pkg + "/x.go", Line: 7, Pkg: tc.pkg, Path: tc.path}
			vs := CheckImports("pacta", append(append([]Import{}, base...), im))
			if tc.rule == "" {
				require.Empty(t, vs)
				return
			}
			require.Len(t, vs, 1, "%v", vs)
			require.Equal(t, tc.rule, vs[0].Rule)
			require.Equal(t, tc.pkg+"/x.go", vs[0].File)
			require.Equal(t, 7, vs[0].Line)
			require.Contains(t, vs[0].String(), tc.pkg+"/x.go:7: ")
			require.Contains(t, vs[0].String(), "rule: "+tc.rule)
		})
	}
}

func TestScanSQL(t *testing.T) {
	synced := []string{"pacts", "pact_parties", "assets", "settings"}
	tests := []struct {
		name, pkg, code string
		want            []string // the rules broken, in order
	}{
		{"insert", "pacts", `var q = "INSERT INTO pacts(id, title) VALUES (?, ?)"`, []string{RuleWrite}},
		{"lower-case update", "assets", "var q = `update assets set name = ? where id = ?`", []string{RuleWrite}},
		{"quoted table", "syncfolder", "var q = `UPDATE \"pact_parties\" SET name = ?`", []string{RuleWrite}},
		{"delete", "app", `var q = "DELETE FROM assets WHERE id = ?"`, []string{RuleWrite}},
		{"replace", "internal/replica", `var q = "INSERT OR REPLACE INTO settings(id) VALUES (?)"`, []string{RuleWrite}},
		{"schema prefix", "pacts", `var q = "DELETE FROM main.pacts"`, []string{RuleWrite}},
		{"concatenated", "pacts", `var q = "UPDATE " + "pacts" + " SET deleted = 1"`, []string{RuleWrite}},
		{"through a constant", "pacts", "const t = \"pacts\"\nconst set = \" SET title = ? WHERE id = ? \"\nvar q = \"UPDATE \" + t + set", []string{RuleWrite}},
		{"two statements", "pacts", `var q = "DELETE FROM pacts; DELETE FROM assets"`, []string{RuleWrite, RuleWrite}},
		{"local table", "assets", `var q = "INSERT INTO assets_fts(assets_fts) VALUES('rebuild')"`, nil},
		{"meta", "syncfolder", `var q = "INSERT INTO meta(key, value) VALUES (?, ?)"`, nil},
		{"read", "pacts", `var q = "SELECT id FROM pacts WHERE deleted = 0"`, nil},
		{"a sentence", "pacts", `var e = fmt.Errorf("update pacts: %w", err)`, nil},
		{"built at run time", "pacts", `var q = fmt.Sprintf("UPDATE %s SET x = 1", t)`, nil},
		{"model writes", "model", `var q = "UPDATE pacts SET title = ?"`, nil},
		{"inside model", "model/sub", `var q = "DELETE FROM assets"`, nil},
		{"ui reads", "ui", `var q = "SELECT name FROM assets"`, []string{RuleUINoSQL}},
		{"ui writes", "ui", `var q = "DELETE FROM assets"`, []string{RuleWrite, RuleUINoSQL}},
		{"ui words", "ui", `var s = "Select a file from the list"`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.pkg + "/x.go"
			src := "package x\n\n" + tc.code + "\n"
			vs, err := ScanSQL(file, tc.pkg, []byte(src), synced)
			require.NoError(t, err)
			var got []string
			for _, v := range vs {
				got = append(got, v.Rule)
				require.Equal(t, file, v.File)
				require.GreaterOrEqual(t, v.Line, 3)
			}
			require.Equal(t, tc.want, got, "%v", vs)
		})
	}
}

// TestCheckFindsViolationsInAModule runs the whole check on a small module written for it.
func TestCheckFindsViolationsInAModule(t *testing.T) {
	root := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	write("go.mod", "module fake\n\ngo 1.22\n")
	write("main.go", "package main\n\nimport (\n\t_ \"fake/app\"\n\t_ \"fake/pacts\"\n)\n")
	write("ui/ui.go", "package ui\n\nimport (\n\t_ \"fake/app\"\n\t_ \"fyne.io/fyne/v2\"\n)\n")
	write("app/app.go", "package app\n\nimport _ \"fake/ui\"\n")
	write("pacts/pacts.go", "package pacts\n\nimport _ \"fyne.io/fyne/v2/widget\"\n\nconst q = `UPDATE pacts SET title = ?`\n")
	write("pacts/pacts_test.go", "package pacts\n\nimport _ \"fake/ui\"\n\nconst q2 = `DELETE FROM pacts`\n")
	write("model/model.go", "package model\n\nimport _ \"fake/internal/errs\"\n\nconst q = `INSERT INTO pacts(id) VALUES (?)`\n")
	write("internal/errs/errs.go", "package errs\n")
	write("extra/extra.go", "package extra\n\nimport _ \"fmt\"\n")
	write("nested/go.mod", "module other\n")
	write("nested/n.go", "package n\n\nimport _ \"fake/ui\"\n")
	write("pacts/testdata/bad.go", "package bad\n\nimport _ \"fake/ui\"\n")

	tree, err := Load(root)
	require.NoError(t, err)
	vs, err := tree.Check([]string{"pacts"})
	require.NoError(t, err)
	var got []string
	for _, v := range vs {
		got = append(got, fmt.Sprintf("%s:%d %s", v.File, v.Line, v.Rule))
	}
	require.Equal(t, []string{
		"app/app.go:3 " + RuleLayers,
		"extra/extra.go:3 " + RulePlaced,
		"main.go:5 " + RuleLayers,
		"pacts/pacts.go:3 " + RuleFyne,
		"pacts/pacts.go:5 " + RuleWrite,
	}, got)
	require.Contains(t, vs[0].String(), "app/app.go:3: package app imports fake/ui: app may import")
}
