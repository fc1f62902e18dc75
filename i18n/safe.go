package i18n

import (
	"fmt"
	"text/template/parse"
)

// maxTranslation is the longest text a workspace's translation may hold (the longest
// shipped message is a few hundred characters).
const maxTranslation = 8000

// safeTemplate reports whether a translation uses only what the shipped messages use: text,
// fields ({{.Name}}) and {{if .Name}}…{{else}}…{{end}} on a field. A workspace's
// translation comes from another laptop through the shared folder: {{printf "%0999999999d"
// 1}} would make every laptop that shows it allocate a gigabyte, and {{range}} or {{call}}
// have no place in a message.
func safeTemplate(text string) bool {
	if len(text) > maxTranslation {
		return false
	}
	trees, err := parse.Parse("t", text, "{{", "}}")
	if err != nil {
		return false
	}
	for name, t := range trees {
		if name != "t" || t.Root == nil || CheckTemplate(t.Root, nil) != nil {
			return false
		}
	}
	return true
}

// CheckTemplate refuses a parsed text that uses more of the template language than Pacta's
// own texts do: text, fields ({{.Name}}), calls of funcs (nil: none) whose arguments are
// fields and quoted words, and {{if}}…{{else}}…{{end}} on a field. Texts arrive from other
// laptops through the shared folder (translations, pact sections): {{printf "%0999999999d"
// 1}} would make every laptop that shows or prints one allocate a gigabyte, and {{range}},
// {{template}} or {{call}} have no place in a message or an agreement.
func CheckTemplate(l *parse.ListNode, funcs map[string]bool) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			if err := checkPipe(x.Pipe, funcs); err != nil {
				return err
			}
		case *parse.IfNode:
			if err := checkPipe(x.Pipe, nil); err != nil {
				return err
			}
			if err := CheckTemplate(x.List, funcs); err != nil {
				return err
			}
			if err := CheckTemplate(x.ElseList, funcs); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", n)
		}
	}
	return nil
}

// checkPipe allows one field, {{.Name}}, or a call of one of funcs with fields and quoted
// words as its arguments; nothing is declared.
func checkPipe(p *parse.PipeNode, funcs map[string]bool) error {
	refused := fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", p)
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) == 0 {
		return refused
	}
	args := p.Cmds[0].Args
	if f, ok := args[0].(*parse.FieldNode); ok && len(args) == 1 && len(f.Ident) == 1 {
		return nil
	}
	if id, ok := args[0].(*parse.IdentifierNode); !ok || !funcs[id.Ident] {
		return refused
	}
	for _, a := range args[1:] {
		switch x := a.(type) {
		case *parse.FieldNode:
			if len(x.Ident) != 1 {
				return refused
			}
		case *parse.StringNode:
		default:
			return refused
		}
	}
	return nil
}
