package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// SQL that writes a table, and the table it names (a schema prefix and quotes aside).
// UPDATE needs its SET, so that a sentence such as "update pacts: …" is not taken for one.
const ident = "(?:\\w+\\.)?[`\"\\[]?(\\w+)[`\"\\]]?"

var writeRes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+` + ident),
	regexp.MustCompile(`(?i)\bDELETE\s+FROM\s+` + ident),
	regexp.MustCompile(`(?i)\bUPDATE(?:\s+OR\s+\w+)?\s+` + ident + `(?:\s+(?:AS\s+)?\w+)?\s+SET\b`),
}

// Any SQL statement, as the code of this project writes it (upper-case keywords), for ui.
var sqlRe = regexp.MustCompile(`\bSELECT\s[\s\S]*\sFROM\s|\b(?:INSERT|REPLACE)\s[\s\S]*\bINTO\s|\bUPDATE\s+\S+\s+SET\s|\bDELETE\s+FROM\s`)

// ScanSQL looks at the strings of one non-test Go file of package pkg (its directory
// relative to the module root) for SQL that writes one of the synced tables, unless pkg is
// model or inside it, and, in ui, for any SQL at all. A string built with + is read whole,
// with the values of the file's string constants; what is built at run time (fmt.Sprintf,
// a variable) is not seen.
func ScanSQL(file, pkg string, src []byte, synced []string) ([]Violation, error) {
	if kindOf(pkg) == kindModel {
		return nil, nil
	}
	isSynced := map[string]bool{}
	for _, t := range synced {
		isSynced[strings.ToLower(t)] = true
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", file, err)
	}
	consts := stringConsts(f)
	var vs []Violation
	check := func(pos token.Pos, s string) {
		line := fset.Position(pos).Line
		for _, re := range writeRes {
			for _, m := range re.FindAllStringSubmatch(s, -1) {
				if isSynced[strings.ToLower(m[1])] {
					vs = append(vs, Violation{File: file, Line: line, Rule: RuleWrite,
						Msg: fmt.Sprintf("writes the synced table %s: %q", m[1], shorten(m[0]))})
				}
			}
		}
		if kindOf(pkg) == kindUI {
			if m := sqlRe.FindString(s); m != "" {
				vs = append(vs, Violation{File: file, Line: line, Rule: RuleUINoSQL,
					Msg: fmt.Sprintf("SQL in ui: %q", shorten(m))})
			}
		}
	}
	read := map[ast.Node]bool{} // the parts of a chain of + already read with it
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || read[n] {
			return true
		}
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op != token.ADD {
				return true
			}
			s, isStr, _ := concat(n, consts, read)
			if isStr {
				check(n.Pos(), s)
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, err := strconv.Unquote(n.Value); err == nil {
					check(n.Pos(), s)
				}
			}
		}
		return true
	})
	return vs, nil
}

// concat reads a chain of + as one string: literals and the file's string constants as
// they are, anything else as " ? ". some tells whether a part is a string, all whether every
// part is. The parts read are marked in read (when read is not nil).
func concat(e ast.Expr, consts map[string]string, read map[ast.Node]bool) (s string, some, all bool) {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			if read != nil {
				read[e] = true
			}
			l, la, ll := concat(e.X, consts, read)
			r, ra, rl := concat(e.Y, consts, read)
			return l + r, la || ra, ll && rl
		}
	case *ast.ParenExpr:
		return concat(e.X, consts, read)
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			if v, err := strconv.Unquote(e.Value); err == nil {
				if read != nil {
					read[e] = true
				}
				return v, true, true
			}
		}
	case *ast.Ident:
		if v, ok := consts[e.Name]; ok {
			return v, true, true
		}
	}
	return " ? ", false, false
}

// stringConsts gives the value of each string constant the file declares (at any level)
// from literals and other such constants.
func stringConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	for changed := true; changed; {
		changed = false
		ast.Inspect(f, func(n ast.Node) bool {
			d, ok := n.(*ast.GenDecl)
			if !ok || d.Tok != token.CONST {
				return true
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						break
					}
					if _, done := out[name.Name]; done {
						continue
					}
					if v, _, all := concat(vs.Values[i], out, nil); all {
						out[name.Name] = v
						changed = true
					}
				}
			}
			return true
		})
	}
	return out
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "…"
	}
	return s
}
