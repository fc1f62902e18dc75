package model

// Pact is a collaboration pact between the municipality and active citizens. The pacts
// package owns its rules; this is its stored form.
type Pact struct {
	Row
	Ref    string `db:"ref" json:"ref"` // PACT-2026-0042; not the key
	Title  string `db:"title" json:"title"`
	Kind   string `db:"kind" json:"kind"`     // ordinary, complex
	Status string `db:"status" json:"status"` // draft, submitted, … (see pacts.Statuses)
	Lang   string `db:"lang" json:"lang"`     // language of the agreement text
}

// TableName implements Entity.
func (*Pact) TableName() string { return "pacts" }

// PactAsset links a pact to a commons of the registry.
type PactAsset struct {
	Row
	PactID  string `db:"pact_id" json:"pact_id"`
	AssetID string `db:"asset_id" json:"asset_id"`
}

// TableName implements Entity.
func (*PactAsset) TableName() string { return "pact_assets" }

func init() {
	RegisterTable(&Pact{})
	RegisterTable(&PactAsset{})
}

// PactStatusesHoldingAssets are the statuses in which a pact keeps its assets "under pact".
var PactStatusesHoldingAssets = []string{"signed", "active", "suspended", "extended"}
