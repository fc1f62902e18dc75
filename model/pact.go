package model

// Pact is a collaboration pact between the municipality and active citizens. The pacts
// package owns its rules; this is its stored form. Dates are "YYYY-MM-DD".
type Pact struct {
	Row
	Ref             string `db:"ref" json:"ref"`       // PACT-2026-0042; not the key
	Title           string `db:"title" json:"title"`   // the project's name
	Kind            string `db:"kind" json:"kind"`     // ordinary, complex
	Status          string `db:"status" json:"status"` // draft, submitted, … (see pacts.Statuses)
	Lang            string `db:"lang" json:"lang"`     // language of the agreement text
	Summary         string `db:"summary" json:"summary"`
	Category        string `db:"category" json:"category"` // field of action ("Care of pedestrian areas")
	SubmittedOn     string `db:"submitted_on" json:"submitted_on"`
	PublishedOn     string `db:"published_on" json:"published_on"` // complex pacts: published for observations
	StatusSince     string `db:"status_since" json:"status_since"` // when the current status began
	StartDate       string `db:"start_date" json:"start_date"`
	DurationMonths  int64  `db:"duration_months" json:"duration_months"`
	ExtensionMonths int64  `db:"extension_months" json:"extension_months"` // the extension the pact allows
	ReportMonths    int64  `db:"report_months" json:"report_months"`       // monitoring report every N months
	Officer         string `db:"officer" json:"officer"`                   // referent municipal officer
	Immaterial      bool   `db:"immaterial" json:"immaterial"`             // explicit immaterial scope: no asset needed
	Version         int64  `db:"version" json:"version"`                   // current version: 1, then amendments
	Notes           string `db:"notes" json:"notes"`
	SourceID        string `db:"source_id" json:"source_id"` // id in the register it was imported from
	DocumentURL     string `db:"document_url" json:"document_url"`
	Renews          string `db:"renews" json:"renews"` // the id of the pact this one renews
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

// PactParty is one party of a pact: the municipality, a proponent or a co-signatory.
type PactParty struct {
	Row
	PactID         string `db:"pact_id" json:"pact_id"`
	Position       int64  `db:"position" json:"position"`
	Role           string `db:"role" json:"role"` // municipality, proponent, cosignatory
	Type           string `db:"type" json:"type"` // person, informal_group, association, …
	Name           string `db:"name" json:"name"`
	Representative string `db:"representative" json:"representative"`
	RepRole        string `db:"rep_role" json:"rep_role"` // "president", "head of the urban regeneration office"
	FiscalCode     string `db:"fiscal_code" json:"fiscal_code"`
	Address        string `db:"address" json:"address"`
	Email          string `db:"email" json:"email"`
	SocialEconomy  bool   `db:"social_economy" json:"social_economy"`
	VAT            string `db:"vat" json:"vat"`
	Powers         string `db:"powers" json:"powers"` // the source of the representative's powers
	Gender         string `db:"gender" json:"gender"` // m, f, or "" (guessed from the name)
	Plural         bool   `db:"plural" json:"plural"` // "i residenti di via Roma": the verbs agree
}

// TableName implements Entity.
func (*PactParty) TableName() string { return "pact_parties" }

// PactSection is the text of one section of a pact's agreement (a template with fields).
type PactSection struct {
	Row
	PactID   string `db:"pact_id" json:"pact_id"`
	Key      string `db:"key" json:"key"` // object, duration, roles, …
	Position int64  `db:"position" json:"position"`
	Text     string `db:"text" json:"text"`
	Title    string `db:"title" json:"title"`     // its own heading; empty: the workspace's
	Onerous  bool   `db:"onerous" json:"onerous"` // approved specifically (Art. 1341 c.c.)
	// Translate is the language the text of its own was written in when the pact's language
	// changed to another: it is to be translated; empty when the text is in the pact's.
	Translate string `db:"translate" json:"translate"`
}

// TableName implements Entity.
func (*PactSection) TableName() string { return "pact_sections" }

// PactSupport is one form of support the municipality gives.
type PactSupport struct {
	Row
	PactID   string  `db:"pact_id" json:"pact_id"`
	Position int64   `db:"position" json:"position"`
	Kind     string  `db:"kind" json:"kind"` // materials, ppe, space, fee_exemption, …
	Details  string  `db:"details" json:"details"`
	Value    float64 `db:"value" json:"value"` // estimated value in the workspace's currency
}

// TableName implements Entity.
func (*PactSupport) TableName() string { return "pact_support" }

// PactIndicator is a measure the monitoring reports give values for.
type PactIndicator struct {
	Row
	PactID   string  `db:"pact_id" json:"pact_id"`
	Position int64   `db:"position" json:"position"`
	Name     string  `db:"name" json:"name"`
	Unit     string  `db:"unit" json:"unit"`
	Target   float64 `db:"target" json:"target"`
}

// TableName implements Entity.
func (*PactIndicator) TableName() string { return "pact_indicators" }

// PactReport is a monitoring report filed by the active citizens.
type PactReport struct {
	Row
	PactID    string  `db:"pact_id" json:"pact_id"`
	Period    string  `db:"period" json:"period"` // "2026-H1", "2026-03"
	FiledOn   string  `db:"filed_on" json:"filed_on"`
	Hours     float64 `db:"hours" json:"hours"` // volunteer hours
	Resources string  `db:"resources" json:"resources"`
	Narrative string  `db:"narrative" json:"narrative"`
	FiledBy   string  `db:"filed_by" json:"filed_by"`
}

// TableName implements Entity.
func (*PactReport) TableName() string { return "pact_reports" }

// PactReportValue is the value of one indicator in one report.
type PactReportValue struct {
	Row
	ReportID    string  `db:"report_id" json:"report_id"`
	IndicatorID string  `db:"indicator_id" json:"indicator_id"`
	Value       float64 `db:"value" json:"value"`
}

// TableName implements Entity.
func (*PactReportValue) TableName() string { return "pact_report_values" }

// PactTransition records one change of status: who, when, from which device and why.
type PactTransition struct {
	Row
	PactID     string `db:"pact_id" json:"pact_id"`
	FromStatus string `db:"from_status" json:"from_status"`
	ToStatus   string `db:"to_status" json:"to_status"`
	At         string `db:"at" json:"at"` // RFC 3339
	Actor      string `db:"actor" json:"actor"`
	Device     string `db:"device" json:"device"`
	Reason     string `db:"reason" json:"reason"`
	Version    int64  `db:"version" json:"version"`
}

// TableName implements Entity.
func (*PactTransition) TableName() string { return "pact_transitions" }

// PactVersion is a frozen version of a pact: its canonical content and SHA-256. It is
// written when the first party signs that version and never changed afterwards.
type PactVersion struct {
	Row
	PactID   string `db:"pact_id" json:"pact_id"`
	Number   int64  `db:"number" json:"number"`
	Content  string `db:"content" json:"content"` // canonical JSON
	SHA256   string `db:"sha256" json:"sha256"`
	FrozenAt string `db:"frozen_at" json:"frozen_at"`
	Note     string `db:"note" json:"note"` // what an amendment changes
}

// TableName implements Entity.
func (*PactVersion) TableName() string { return "pact_versions" }

// PactSignature is one party's signature of one version.
type PactSignature struct {
	Row
	PactID    string `db:"pact_id" json:"pact_id"`
	VersionID string `db:"version_id" json:"version_id"`
	Version   int64  `db:"version" json:"version"`
	PartyID   string `db:"party_id" json:"party_id"`
	PartyName string `db:"party_name" json:"party_name"`
	Role      string `db:"role" json:"role"`
	Signer    string `db:"signer" json:"signer"`
	SignedOn  string `db:"signed_on" json:"signed_on"`
	Method    string `db:"method" json:"method"` // paper, digital
	SHA256    string `db:"sha256" json:"sha256"` // of the version signed
	Device    string `db:"device" json:"device"`
	Corrects  string `db:"corrects" json:"corrects"` // the id of the record this one corrects
	Reason    string `db:"reason" json:"reason"`     // why it was corrected
	Actor     string `db:"actor" json:"actor"`       // who recorded it
}

// TableName implements Entity.
func (*PactSignature) TableName() string { return "pact_signatures" }

// PactTemplate is a workspace's own text for one section in one language, overriding the
// embedded default. Its id is "tpl-<lang>-<key>" so two laptops editing it converge.
type PactTemplate struct {
	Row
	Lang  string `db:"lang" json:"lang"`
	Key   string `db:"key" json:"key"`
	Text  string `db:"text" json:"text"`
	Title string `db:"title" json:"title"` // the section's heading in that language; empty: the default
}

// TableName implements Entity.
func (*PactTemplate) TableName() string { return "pact_templates" }

// PactClause is one section of the workspace's list for a kind of pact: new pacts of that
// kind start with these sections, in this order. Its id is "clause-<kind>-<key>".
type PactClause struct {
	Row
	Kind     string `db:"kind" json:"kind"`
	Key      string `db:"key" json:"key"`
	Position int64  `db:"position" json:"position"`
	Onerous  bool   `db:"onerous" json:"onerous"`
}

// TableName implements Entity.
func (*PactClause) TableName() string { return "pact_clauses" }

func init() {
	RegisterTable(&PactClause{})
	RegisterTable(&Pact{})
	RegisterTable(&PactAsset{})
	RegisterTable(&PactParty{})
	RegisterTable(&PactSection{})
	RegisterTable(&PactSupport{})
	RegisterTable(&PactIndicator{})
	RegisterTable(&PactReport{})
	RegisterTable(&PactReportValue{})
	RegisterTable(&PactTransition{})
	RegisterTable(&PactVersion{})
	RegisterTable(&PactSignature{})
	RegisterTable(&PactTemplate{})
}

// PactStatusesHoldingAssets are the statuses in which a pact keeps its assets "under pact".
var PactStatusesHoldingAssets = []string{"signed", "active", "suspended", "extended"}
