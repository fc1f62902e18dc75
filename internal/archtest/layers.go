package archtest

import (
	"fmt"
	"strings"
)

// Domain lists the domain packages: one per module of the application, each with its rules
// and its own queries. A package nested in one of them (pacts/x) belongs to it.
var Domain = []string{"pacts", "assets", "councils", "procurement", "syncfolder", "translations"}

// The kinds of package of the layering.
const (
	kindMain      = "main"      // the module's root: main.go
	kindUI        = "ui"        // Fyne screens
	kindApp       = "app"       // composition root and command line
	kindDomain    = "domain"    // see Domain
	kindModel     = "model"     // records and the store's write path
	kindPrinting  = "printing"  // PDF primitives
	kindI18n      = "i18n"      // language bundles
	kindInternal  = "internal"  // internal/…
	kindPackaging = "packaging" // icon and packaging tools
	kindLeaf      = "leaf"      // an internal/ package that imports nothing of ours outside internal/
)

// may lists, for each kind of package, the kinds of our packages it may import (a package
// may always import its own sub-packages and they it). Every other import of ours points
// upwards or sideways, or skips into a layer that is not its own.
var may = map[string][]string{
	kindMain:      {kindUI, kindApp, kindInternal},
	kindUI:        {kindApp, kindDomain, kindModel, kindPrinting, kindI18n, kindInternal, kindPackaging},
	kindApp:       {kindDomain, kindModel, kindPrinting, kindI18n, kindInternal},
	kindDomain:    {kindModel, kindPrinting, kindI18n, kindInternal},
	kindInternal:  {kindModel, kindPrinting, kindI18n, kindInternal},
	kindPrinting:  {kindI18n, kindLeaf},
	kindI18n:      {kindLeaf},
	kindModel:     {kindLeaf},
	kindPackaging: nil,
}

// mayText says the rule of may for each kind, for a failure's message.
var mayText = map[string]string{
	kindMain:      "main may import only ui, app and internal/ packages",
	kindUI:        "ui may import app, the domain packages, model, printing, i18n, packaging and internal/ packages",
	kindApp:       "app may import the domain packages, model, printing, i18n and internal/ packages; never ui",
	kindDomain:    "a domain package (" + strings.Join(Domain, ", ") + ") may import only model, printing, i18n and internal/ packages: not another domain package, app or ui",
	kindInternal:  "an internal/ package may import only model, printing, i18n and other internal/ packages",
	kindPrinting:  "printing may import only i18n and internal/ packages that import nothing of ours outside internal/",
	kindI18n:      "i18n may import only internal/ packages that import nothing of ours outside internal/",
	kindModel:     "model imports nothing of ours but internal/ packages that import nothing of ours outside internal/ (internal/errs)",
	kindPackaging: "packaging imports nothing of ours",
}

// kindOf places a package, by its directory relative to the module root, in the layering;
// "" when it has no place.
func kindOf(pkg string) string {
	if pkg == "." || pkg == "" {
		return kindMain
	}
	top, _, _ := strings.Cut(pkg, "/")
	switch top {
	case "ui":
		return kindUI
	case "app":
		return kindApp
	case "model":
		return kindModel
	case "printing":
		return kindPrinting
	case "i18n":
		return kindI18n
	case "internal":
		return kindInternal
	case "packaging":
		return kindPackaging
	}
	for _, d := range Domain {
		if top == d {
			return kindDomain
		}
	}
	return ""
}

// unit is the top directory of a package: a package and its sub-packages are one unit,
// except under internal/, where each package is its own.
func unit(pkg string) string {
	if strings.HasPrefix(pkg, "internal/") {
		return pkg
	}
	top, _, _ := strings.Cut(pkg, "/")
	return top
}

// CheckImports checks the imports of non-test files against the layering: module is the
// module path, by which an import is ours.
func CheckImports(module string, imports []Import) []Violation {
	ours := func(p string) (string, bool) {
		if p == module {
			return ".", true
		}
		if rest, ok := strings.CutPrefix(p, module+"/"); ok {
			return rest, true
		}
		return "", false
	}
	// An internal package is a leaf when nothing it imports, directly or not, is ours
	// outside internal/.
	deps := map[string][]string{}
	for _, im := range imports {
		if to, ok := ours(im.Path); ok {
			deps[im.Pkg] = append(deps[im.Pkg], to)
		}
	}
	leaf := map[string]bool{}
	var isLeaf func(pkg string, seen map[string]bool) bool
	isLeaf = func(pkg string, seen map[string]bool) bool {
		if v, ok := leaf[pkg]; ok {
			return v
		}
		if kindOf(pkg) != kindInternal {
			return false
		}
		if seen[pkg] {
			return true // a cycle, which the compiler refuses anyway
		}
		seen[pkg] = true
		ok := true
		for _, d := range deps[pkg] {
			if !isLeaf(d, seen) {
				ok = false
				break
			}
		}
		leaf[pkg] = ok
		return ok
	}

	var vs []Violation
	unplaced := map[string]bool{}
	for _, im := range imports {
		from := kindOf(im.Pkg)
		if from == "" {
			if !unplaced[im.Pkg] {
				unplaced[im.Pkg] = true
				vs = append(vs, Violation{File: im.File, Line: im.Line, Rule: RulePlaced,
					Msg: fmt.Sprintf("package %s has no place in the layering: add it to kindOf in internal/archtest and to docs/ARCHITECTURE.md", im.Pkg)})
			}
			continue
		}
		if strings.HasPrefix(im.Path, "fyne.io/") && from != kindMain && from != kindUI {
			vs = append(vs, Violation{File: im.File, Line: im.Line, Rule: RuleFyne,
				Msg: fmt.Sprintf("package %s imports %s", im.Pkg, im.Path)})
		}
		if strings.Contains(" "+pdfLibraries+" ", " "+im.Path+" ") && from != kindPrinting {
			vs = append(vs, Violation{File: im.File, Line: im.Line, Rule: RuleGofpdf,
				Msg: fmt.Sprintf("package %s imports %s", im.Pkg, im.Path)})
		}
		to, ok := ours(im.Path)
		if !ok || unit(to) == unit(im.Pkg) {
			continue
		}
		toKind := kindOf(to)
		allowed := false
		for _, k := range may[from] {
			if k == toKind || (k == kindLeaf && isLeaf(to, map[string]bool{})) {
				allowed = true
				break
			}
		}
		if !allowed {
			vs = append(vs, Violation{File: im.File, Line: im.Line, Rule: RuleLayers,
				Msg: fmt.Sprintf("package %s imports %s: %s", im.Pkg, im.Path, mayText[from])})
		}
	}
	return vs
}
