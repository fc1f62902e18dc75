package model

// PactObservation is an observation or a competing proposal received while a complex pact
// was published, and the municipality's answer to it (issue 21).
type PactObservation struct {
	Row
	PactID     string `db:"pact_id" json:"pact_id"`
	Kind       string `db:"kind" json:"kind"`               // observation, proposal
	Author     string `db:"author" json:"author"`           // who sent it
	ReceivedOn string `db:"received_on" json:"received_on"` // YYYY-MM-DD
	Text       string `db:"text" json:"text"`
	Answer     string `db:"answer" json:"answer"`
	AnsweredOn string `db:"answered_on" json:"answered_on"`
	AnsweredBy string `db:"answered_by" json:"answered_by"`
	Actor      string `db:"actor" json:"actor"` // who recorded it
}

// TableName implements Entity.
func (*PactObservation) TableName() string { return "pact_observations" }

// PactInterruption is the single interruption of a pact's answer term some regulations
// allow (Regione Lazio: once, at most 30 days, to merge competing proposals). Its id is
// "interruption-<pact id>", so that two laptops interrupting the same pact meet on one row.
type PactInterruption struct {
	Row
	PactID   string `db:"pact_id" json:"pact_id"`
	FromDate string `db:"from_date" json:"from_date"` // YYYY-MM-DD
	Days     int64  `db:"days" json:"days"`
	Reason   string `db:"reason" json:"reason"`
	Actor    string `db:"actor" json:"actor"`
}

// TableName implements Entity.
func (*PactInterruption) TableName() string { return "pact_interruptions" }

func init() {
	RegisterTable(&PactObservation{})
	RegisterTable(&PactInterruption{})
}
