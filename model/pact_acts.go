package model

// PactAct is one act of a pact's procedure: a protocol record, the working group's
// minutes, an opinion, the officer's determination, the executive's resolution, the
// publication… The pacts package owns its rules; its file, if any, is an attachment
// owned by this row.
type PactAct struct {
	Row
	PactID string `db:"pact_id" json:"pact_id"`
	Kind   string `db:"kind" json:"kind"`     // protocol, minutes, opinion, determination, resolution, publication, misc
	Number string `db:"number" json:"number"` // as the register writes it: "669703", "123/2024"
	Date   string `db:"date" json:"date"`     // YYYY-MM-DD
	Issuer string `db:"issuer" json:"issuer"` // the office or body that issued it
}

// TableName implements Entity.
func (*PactAct) TableName() string { return "pact_acts" }

func init() { RegisterTable(&PactAct{}) }
