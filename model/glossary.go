package model

// GlossaryEntry is a translator's definition of one of the book's terms in one language
// (issue 22): its label as written in that language and its definition. Its id is
// "glossary-<term>-<lang>"; the built-in glossary gives what has no row.
type GlossaryEntry struct {
	Row
	Term       string `db:"term" json:"term"` // the term's key: "minga", "horizontal_subsidiarity"
	Lang       string `db:"lang" json:"lang"`
	Label      string `db:"label" json:"label"` // the term as written in lang
	Definition string `db:"definition" json:"definition"`
}

// TableName implements Entity.
func (*GlossaryEntry) TableName() string { return "glossary" }

func init() { RegisterTable(&GlossaryEntry{}) }
