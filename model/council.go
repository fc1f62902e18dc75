package model

// Council is a joint municipal/civil council, or a board under a cap rule. The councils
// package owns its rules; this is its stored form. Dates are "YYYY-MM-DD".
type Council struct {
	Row
	Name         string `db:"name" json:"name"`
	Level        string `db:"level" json:"level"` // neighbourhood, municipal, regional
	Jurisdiction string `db:"jurisdiction" json:"jurisdiction"`
	Purpose      string `db:"purpose" json:"purpose"`
	SeatsPerSide int64  `db:"seats_per_side" json:"seats_per_side"` // parity councils
	Seats        int64  `db:"seats" json:"seats"`                   // boards under a cap rule: all seats
	TermYears    int64  `db:"term_years" json:"term_years"`         // officer term length
	FirstChair   string `db:"first_chair" json:"first_chair"`       // government, civil
	Founded      string `db:"founded" json:"founded"`
	Rule         string `db:"rule" json:"rule"`     // parity, or cap:CATEGORY:PERCENT
	ByLot        bool   `db:"by_lot" json:"by_lot"` // civil seats may be filled by a draw
	Quorum       string `db:"quorum" json:"quorum"` // each_side (a majority of each side), all (a majority of all seats)
	// The schedule's anchor: term AnchorIndex starts on AnchorStart with a Chair from
	// AnchorChair, and later terms follow every TermYears. A change of settings moves the
	// anchor to the next term not begun, so past terms keep their dates and sides.
	AnchorIndex int64  `db:"anchor_index" json:"anchor_index"`
	AnchorStart string `db:"anchor_start" json:"anchor_start"`
	AnchorChair string `db:"anchor_chair" json:"anchor_chair"`
	Notes       string `db:"notes" json:"notes"`
}

// TableName implements Entity.
func (*Council) TableName() string { return "councils" }

// CouncilMember is one person's seat on a council, from designation to cessation.
type CouncilMember struct {
	Row
	CouncilID     string `db:"council_id" json:"council_id"`
	Name          string `db:"name" json:"name"`
	Side          string `db:"side" json:"side"`         // government, civil; "" on a board
	Category      string `db:"category" json:"category"` // a board's category (member, non-member…)
	Org           string `db:"org" json:"org"`           // nominating organisation (civil members)
	Seat          int64  `db:"seat" json:"seat"`
	Designated    string `db:"designated" json:"designated"`
	Mode          string `db:"mode" json:"mode"` // appointed, elected, lot
	SelectionID   string `db:"selection_id" json:"selection_id"`
	Ceased        string `db:"ceased" json:"ceased"`
	CeasedReason  string `db:"ceased_reason" json:"ceased_reason"`
	SubstituteFor string `db:"substitute_for" json:"substitute_for"` // the member this one replaces
}

// TableName implements Entity.
func (*CouncilMember) TableName() string { return "council_members" }

// CouncilSelection records how civil members were chosen: a vote among organisations or
// a draw by lot (Record then holds the draw's JSON, which `council draw --verify` re-runs).
type CouncilSelection struct {
	Row
	CouncilID     string `db:"council_id" json:"council_id"`
	Date          string `db:"date" json:"date"`
	Method        string `db:"method" json:"method"` // vote, lot
	Seats         int64  `db:"seats" json:"seats"`
	Organisations string `db:"organisations" json:"organisations"` // one per line
	Candidates    string `db:"candidates" json:"candidates"`       // one per line
	Votes         string `db:"votes" json:"votes"`                 // "name: votes", one per line
	Result        string `db:"result" json:"result"`               // the chosen, one per line
	Seed          string `db:"seed" json:"seed"`
	Record        string `db:"record" json:"record"`
	MinutesID     string `db:"minutes_id" json:"minutes_id"` // attachment
	Notes         string `db:"notes" json:"notes"`
}

// TableName implements Entity.
func (*CouncilSelection) TableName() string { return "council_selections" }

// CouncilTerm is an officer term that has officers assigned or has been fixed by a change
// of settings; other terms are computed.
type CouncilTerm struct {
	Row
	CouncilID string `db:"council_id" json:"council_id"`
	Index     int64  `db:"term_index" json:"term_index"`
	Start     string `db:"start" json:"start"`
	End       string `db:"end" json:"end"` // inclusive
	ChairSide string `db:"chair_side" json:"chair_side"`
	Chair     string `db:"chair" json:"chair"` // member id
	ViceChair string `db:"vice_chair" json:"vice_chair"`
}

// TableName implements Entity.
func (*CouncilTerm) TableName() string { return "council_terms" }

// CouncilMeeting is one meeting: its agenda and who attended (member ids, one per line).
type CouncilMeeting struct {
	Row
	CouncilID string `db:"council_id" json:"council_id"`
	Date      string `db:"date" json:"date"`
	Agenda    string `db:"agenda" json:"agenda"`
	Present   string `db:"present" json:"present"`
	Notes     string `db:"notes" json:"notes"`
}

// TableName implements Entity.
func (*CouncilMeeting) TableName() string { return "council_meetings" }

// CouncilDecision is one decision of a meeting with its votes by side.
type CouncilDecision struct {
	Row
	MeetingID    string `db:"meeting_id" json:"meeting_id"`
	Position     int64  `db:"position" json:"position"`
	Text         string `db:"text" json:"text"`
	GovFor       int64  `db:"gov_for" json:"gov_for"`
	GovAgainst   int64  `db:"gov_against" json:"gov_against"`
	GovAbstain   int64  `db:"gov_abstain" json:"gov_abstain"`
	CivilFor     int64  `db:"civil_for" json:"civil_for"`
	CivilAgainst int64  `db:"civil_against" json:"civil_against"`
	CivilAbstain int64  `db:"civil_abstain" json:"civil_abstain"`
}

// TableName implements Entity.
func (*CouncilDecision) TableName() string { return "council_decisions" }

func init() {
	RegisterTable(&Council{})
	RegisterTable(&CouncilMember{})
	RegisterTable(&CouncilSelection{})
	RegisterTable(&CouncilTerm{})
	RegisterTable(&CouncilMeeting{})
	RegisterTable(&CouncilDecision{})
}
