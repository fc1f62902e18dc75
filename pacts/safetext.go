package pacts

import (
	"fmt"
	"text/template"

	"pacta/i18n"
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
	return i18n.CheckTemplate(t.Tree.Root, grammarFuncs)
}
