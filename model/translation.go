package model

// Translation is a workspace's own translation of one key of the language bundles (issue
// 22): it wins over the shipped text until a translator accepts that again. Its id is
// "tr-<lang>-<key>". SourceHash is the English text's hash (go-i18n's) when it was
// translated: another hash today means the English changed since, and it is stale.
type Translation struct {
	Row
	Lang       string `db:"lang" json:"lang"`
	Key        string `db:"key" json:"key"`
	One        string `db:"one" json:"one"`
	Other      string `db:"other" json:"other"`
	SourceHash string `db:"source_hash" json:"source_hash"`
}

// TableName implements Entity.
func (*Translation) TableName() string { return "translations" }

func init() { RegisterTable(&Translation{}) }
