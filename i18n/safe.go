package i18n

import (
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
		if name != "t" || t.Root == nil || !safeNodes(t.Root) {
			return false
		}
	}
	return true
}

func safeNodes(l *parse.ListNode) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			if !fieldOnly(x.Pipe) {
				return false
			}
		case *parse.IfNode:
			if !fieldOnly(x.Pipe) || !safeNodes(x.List) || !safeNodes(x.ElseList) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// fieldOnly reports whether a pipeline is one field, {{.Name}}, and declares nothing.
func fieldOnly(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	return ok && len(f.Ident) == 1
}
