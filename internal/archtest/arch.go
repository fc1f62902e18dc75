// Package archtest checks the source tree against the layering of DESIGN §2 and the one
// write path of DESIGN §4: which of our packages may import which, who may import Fyne and
// gofpdf, that ui holds no SQL, and that no code outside model writes SQL to a synced
// table. Its test runs the check on this module (docs/ARCHITECTURE.md explains the rules);
// a new package fails it until it has a place in the layering here.
//
// Only non-test files are checked: a test may import what it needs to drive the code, and
// may write a table to stage what it checks.
package archtest

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Rules, as a failure names them.
const (
	RuleLayers   = "imports point downwards only (DESIGN §2)"
	RulePlaced   = "every package has a place in the layering (DESIGN §2; internal/archtest)"
	RuleFyne     = "only main and ui import Fyne; domain packages never do (DESIGN §2)"
	RuleGofpdf   = "every gofpdf call stays inside printing (DESIGN §3)"
	RuleWrite    = "no code outside model writes SQL to a synced table: every write goes through store.Update and tx.Put, tx.PutEdit or tx.Delete (DESIGN §4)"
	RuleUINoSQL  = "ui holds no SQL: a query belongs to a domain package (DESIGN §2)"
	pdfLibraries = "github.com/jung-kurt/gofpdf codeberg.org/go-pdf/fpdf github.com/go-pdf/fpdf"
)

// Violation is one place where the tree breaks a rule.
type Violation struct {
	File string // slash-separated, relative to the module root
	Line int
	Rule string
	Msg  string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s:%d: %s\n\trule: %s", v.File, v.Line, v.Msg, v.Rule)
}

// Import is one import of a non-test Go file.
type Import struct {
	File string // slash-separated, relative to the module root
	Line int
	Pkg  string // the importing package's directory, relative to the module root ("." for the root)
	Path string // the import path
}

// SourceFile is one non-test Go file.
type SourceFile struct {
	File string // slash-separated, relative to the module root
	Pkg  string // its directory, relative to the module root
	Src  []byte
}

// Tree is what Check reads of a module.
type Tree struct {
	Module  string
	Imports []Import
	Files   []SourceFile
}

// Load reads the non-test Go files of the module at root, leaving out nested modules (a
// directory with its own go.mod), testdata, vendor and directories whose name starts with
// "." or "_", as the go command does.
func Load(root string) (*Tree, error) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", root, err)
	}
	t := &Tree{Module: modulePath(mod)}
	if t.Module == "" {
		return nil, fmt.Errorf("load %s: go.mod names no module", root)
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p == root {
				return nil
			}
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, rel, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := path.Dir(rel)
		for _, is := range f.Imports {
			ip, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			t.Imports = append(t.Imports, Import{File: rel, Line: fset.Position(is.Pos()).Line, Pkg: pkg, Path: ip})
		}
		t.Files = append(t.Files, SourceFile{File: rel, Pkg: pkg, Src: src})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", root, err)
	}
	return t, nil
}

var moduleRe = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?\s*$`)

func modulePath(gomod []byte) string {
	if m := moduleRe.FindSubmatch(gomod); m != nil {
		return string(m[1])
	}
	return ""
}

// Check runs every rule over the tree; synced names the synced tables (model.SyncedTables).
func (t *Tree) Check(synced []string) ([]Violation, error) {
	vs := CheckImports(t.Module, t.Imports)
	for _, f := range t.Files {
		fv, err := ScanSQL(f.File, f.Pkg, f.Src, synced)
		if err != nil {
			return nil, err
		}
		vs = append(vs, fv...)
	}
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].File != vs[j].File {
			return vs[i].File < vs[j].File
		}
		return vs[i].Line < vs[j].Line
	})
	return vs, nil
}

// FindRoot walks up from dir to the directory that holds go.mod.
func FindRoot(dir string) (string, error) {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("no go.mod above " + dir)
		}
		d = parent
	}
}
