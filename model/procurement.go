package model

// ProcurementCall is a social procurement call. The procurement package owns its rules;
// this is its stored form. Frozen holds the criteria and weights published when the call
// opened (canonical JSON), FrozenHash their SHA-256: scoring uses them, whatever a row of
// criteria says later.
type ProcurementCall struct {
	Row
	Ref         string  `db:"ref" json:"ref"` // CALL-2026-0001; not the key
	Title       string  `db:"title" json:"title"`
	Description string  `db:"description" json:"description"`
	Budget      float64 `db:"budget" json:"budget"`
	Currency    string  `db:"currency" json:"currency"`
	Procedure   string  `db:"procedure" json:"procedure"`     // open, reserved_disadvantaged, reserved_social
	Status      string  `db:"status" json:"status"`           // draft, open, evaluation, awarded, closed
	Aggregation string  `db:"aggregation" json:"aggregation"` // mean, median
	SocialMin   float64 `db:"social_min" json:"social_min"`   // the social-value share the weights must reach, %
	OpenedOn    string  `db:"opened_on" json:"opened_on"`
	Frozen      string  `db:"frozen" json:"frozen"`
	FrozenHash  string  `db:"frozen_hash" json:"frozen_hash"`
	AwardedBid  string  `db:"awarded_bid" json:"awarded_bid"`
	Notes       string  `db:"notes" json:"notes"`
}

// TableName implements Entity.
func (*ProcurementCall) TableName() string { return "procurement_calls" }

// ProcurementLot is one lot of a call.
type ProcurementLot struct {
	Row
	CallID   string `db:"call_id" json:"call_id"`
	Position int64  `db:"position" json:"position"`
	Name     string `db:"name" json:"name"`
}

// TableName implements Entity.
func (*ProcurementLot) TableName() string { return "procurement_lots" }

// ProcurementCriterion is one award criterion of a call.
type ProcurementCriterion struct {
	Row
	CallID      string  `db:"call_id" json:"call_id"`
	Position    int64   `db:"position" json:"position"`
	Key         string  `db:"key" json:"key"`
	Title       string  `db:"title" json:"title"`
	Kind        string  `db:"kind" json:"kind"` // gate, scale, price, quantity
	Weight      float64 `db:"weight" json:"weight"`
	SocialValue bool    `db:"social_value" json:"social_value"`
	Formula     string  `db:"formula" json:"formula"` // price: proportional, linear, log
	Param       float64 `db:"param" json:"param"`     // linear: deduction rate; log: the multiple that scores 0
	Unit        string  `db:"unit" json:"unit"`       // quantity
	Proxy       float64 `db:"proxy" json:"proxy"`     // quantity: value of one unit
	Citation    string  `db:"citation" json:"citation"`
	Descriptors string  `db:"descriptors" json:"descriptors"` // scale: what each point means, one per line
}

// TableName implements Entity.
func (*ProcurementCriterion) TableName() string { return "procurement_criteria" }

// ProcurementBid is one bidder's offer for a lot of a call.
type ProcurementBid struct {
	Row
	CallID           string  `db:"call_id" json:"call_id"`
	Bidder           string  `db:"bidder" json:"bidder"`
	BidderType       string  `db:"bidder_type" json:"bidder_type"`
	SocialEconomy    bool    `db:"social_economy" json:"social_economy"`
	Local            bool    `db:"local" json:"local"`
	DisadvantagedPct float64 `db:"disadvantaged_pct" json:"disadvantaged_pct"` // share of disadvantaged workers, %
	Evidence         string  `db:"evidence" json:"evidence"`
	Lot              string  `db:"lot" json:"lot"`
	Price            float64 `db:"price" json:"price"`
	SubmittedAt      string  `db:"submitted_at" json:"submitted_at"`
	Quantities       string  `db:"quantities" json:"quantities"` // JSON object: criterion key → quantity
	Gates            string  `db:"gates" json:"gates"`           // JSON object: criterion key → passed
	Notes            string  `db:"notes" json:"notes"`
}

// TableName implements Entity.
func (*ProcurementBid) TableName() string { return "procurement_bids" }

// ProcurementScore is one evaluator's score of one bid on one scale criterion.
type ProcurementScore struct {
	Row
	CallID        string  `db:"call_id" json:"call_id"`
	BidID         string  `db:"bid_id" json:"bid_id"`
	Criterion     string  `db:"criterion" json:"criterion"`
	Evaluator     string  `db:"evaluator" json:"evaluator"`
	Score         float64 `db:"score" json:"score"`
	Justification string  `db:"justification" json:"justification"`
}

// TableName implements Entity.
func (*ProcurementScore) TableName() string { return "procurement_scores" }

func init() {
	RegisterTable(&ProcurementCall{})
	RegisterTable(&ProcurementLot{})
	RegisterTable(&ProcurementCriterion{})
	RegisterTable(&ProcurementBid{})
	RegisterTable(&ProcurementScore{})
}
