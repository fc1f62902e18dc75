package pacts

import (
	"fmt"
	"text/template"
	"text/template/parse"
)

// maxSectionText is the longest section text Pacta renders (the longest built-in one is a
// few thousand characters).
const maxSectionText = 100_000

// grammarFuncs are the functions a section text may call: the agreement's grammar and the
// numbers of its sections (Fields.funcs).
var grammarFuncs = map[string]bool{"the": true, "to": true, "of": true, "by": true, "agree": true, "verb": true, "seat": true, "section": true}

// checkSafe refuses a section text that uses more of the template language than the
// built-in texts do: text, fields, the grammar's functions on fields and quoted words, and
// {{if}}…{{else}}…{{end}} on a field. A text comes from another laptop through the shared
// folder as well as from this one: {{printf "%0999999999d" 1}} would make printing the
// agreement allocate a gigabyte on every laptop, and {{range}}, {{template}} or the other
// built-in functions have no place in an agreement.
func checkSafe(t *template.Template, text string) error {
	if len(text) > maxSectionText {
		return fmt.Errorf("the text is longer than %d characters", maxSectionText)
	}
	if len(t.Templates()) > 1 {
		return fmt.Errorf("a text may not define templates")
	}
	if t.Tree == nil {
		return nil
	}
	return safeList(t.Tree.Root)
}

func safeList(l *parse.ListNode) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		switch x := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			if err := safePipe(x.Pipe, true); err != nil {
				return err
			}
		case *parse.IfNode:
			if err := safePipe(x.Pipe, false); err != nil {
				return err
			}
			if err := safeList(x.List); err != nil {
				return err
			}
			if err := safeList(x.ElseList); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", n)
		}
	}
	return nil
}

// safePipe allows one field, or (calls) one of the grammar's functions with fields and
// quoted words as its arguments.
func safePipe(p *parse.PipeNode, calls bool) error {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", p)
	}
	args := p.Cmds[0].Args
	if f, ok := args[0].(*parse.FieldNode); ok && len(args) == 1 && len(f.Ident) == 1 {
		return nil
	}
	id, ok := args[0].(*parse.IdentifierNode)
	if !calls || !ok || !grammarFuncs[id.Ident] {
		return fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", p)
	}
	for _, a := range args[1:] {
		switch x := a.(type) {
		case *parse.FieldNode:
			if len(x.Ident) != 1 {
				return fmt.Errorf("%s is not allowed", p)
			}
		case *parse.StringNode:
		default:
			return fmt.Errorf("%s is not allowed: use fields, the grammar's words and if … else … end", p)
		}
	}
	return nil
}
