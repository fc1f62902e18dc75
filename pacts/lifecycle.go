// Package pacts holds the rules of collaboration pacts: the lifecycle and its conditions,
// deadlines, section templates, signatures and versions, the agreement PDF, monitoring
// reports and the import of a real register. It reads and writes through model only.
package pacts

import (
	"fmt"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
)

// Statuses of a pact, in lifecycle order (DESIGN §6).
const (
	Draft        = "draft"
	Submitted    = "submitted"
	InReview     = "in_review"
	AwaitingInfo = "awaiting_info"
	Published    = "published"
	CoDesign     = "co_design"
	// ExecutiveReview is the executive's (Giunta's) decision on a complex pact, a step the
	// workspace turns on (SettingExecutiveStep).
	ExecutiveReview = "executive_review"
	Approved        = "approved"
	Signed          = "signed"
	Active          = "active"
	Suspended       = "suspended"
	Extended        = "extended"
	Concluded       = "concluded"
	Terminated      = "terminated"
	Revoked         = "revoked"
	Rejected        = "rejected"
	Withdrawn       = "withdrawn"
	Archived        = "archived"
)

// Statuses lists every status in lifecycle order.
var Statuses = []string{Draft, Submitted, InReview, AwaitingInfo, Published, CoDesign, ExecutiveReview, Approved, Signed,
	Active, Suspended, Extended, Concluded, Terminated, Revoked, Rejected, Withdrawn, Archived}

// Kinds of pact.
const (
	Ordinary = "ordinary"
	Complex  = "complex"
)

// Kinds lists the pact kinds.
var Kinds = []string{Ordinary, Complex}

// Party roles.
const (
	RoleMunicipality = "municipality"
	RoleProponent    = "proponent"
	RoleCosignatory  = "cosignatory"
)

// Roles lists the party roles.
var Roles = []string{RoleMunicipality, RoleProponent, RoleCosignatory}

// PartyTypes lists the kinds of party.
var PartyTypes = []string{"person", "informal_group", "association", "committee", "social_cooperative", "cooperative",
	"social_enterprise", "foundation", "school", "company", "public_body"}

// SocialEconomyTypes are the party types that belong to the social economy by default.
var SocialEconomyTypes = map[string]bool{"association": true, "committee": true, "social_cooperative": true,
	"cooperative": true, "social_enterprise": true, "foundation": true}

// SupportKinds lists the forms of municipal support (Bologna model, Capo VI).
var SupportKinds = []string{"materials", "ppe", "space", "fee_exemption", "training", "reimbursement", "design", "communication", "misc"}

// SignMethods lists how a party signs.
var SignMethods = []string{"paper", "digital"}

// edges is the lifecycle graph: from each status, the statuses it may move to.
var edges = map[string][]string{
	Draft:           {Submitted, Withdrawn},
	Submitted:       {InReview, Withdrawn},
	InReview:        {AwaitingInfo, Published, Approved, Rejected, Withdrawn},
	AwaitingInfo:    {InReview, Withdrawn, Archived},
	Published:       {CoDesign, Rejected, Withdrawn},
	CoDesign:        {ExecutiveReview, Approved, Rejected, Withdrawn},
	ExecutiveReview: {Approved, Rejected, Withdrawn},
	Approved:        {Signed, Withdrawn},
	Signed:          {Active, Terminated, Revoked},
	Active:          {Suspended, Extended, Concluded, Terminated, Revoked},
	Suspended:       {Active, Terminated, Revoked},
	Extended:        {Suspended, Concluded, Terminated, Revoked},
	Concluded:       {Archived},
	Terminated:      {Archived},
	Revoked:         {Archived},
	Rejected:        {Archived},
	Withdrawn:       {Archived},
	Archived:        nil,
}

// Next lists the statuses a pact in status from may move to, whatever the conditions.
func Next(from string) []string { return append([]string(nil), edges[from]...) }

// needsReason are the transitions whose reason the parties must be told.
var needsReason = map[string]bool{AwaitingInfo: true, Rejected: true, Withdrawn: true, Suspended: true, Terminated: true, Revoked: true}

// ValidStatus reports whether s is a status.
func ValidStatus(s string) bool { _, ok := edges[s]; return ok }

// Reason is one failed condition: an i18n key and its data, so that the screen shows it in
// the user's language and the command line in English.
type Reason struct {
	Key  string
	Data map[string]any
}

// Text renders the reason in lang; statuses and sections in its data are named in lang too.
func (r Reason) Text(lang string) string {
	loc := i18n.In(lang)
	data := make(map[string]any, len(r.Data))
	for k, v := range r.Data {
		switch x := v.(type) {
		case statusRef:
			data[k] = loc.T("pact.status." + string(x))
		case statusList:
			names := make([]string, len(x))
			for i, s := range x {
				names[i] = loc.T("pact.status." + s)
			}
			if len(names) == 0 {
				names = []string{loc.T("pact.refuse.nothing")}
			}
			data[k] = strings.Join(names, ", ")
		case sectionRef:
			data[k] = loc.T("pact.section." + string(x))
		default:
			data[k] = v
		}
	}
	return loc.T(r.Key, data)
}

// Values of a Reason's data that are named in the reader's language.
type (
	statusRef  string
	statusList []string
	sectionRef string
)

// Refusal is a transition or signature that the rules do not allow, with every failed
// condition.
type Refusal struct {
	Action  string // "in_review → approved", "sign"
	Reasons []Reason
}

func (r *Refusal) Error() string { return fmt.Sprintf("%s: %s", r.Action, r.Localized(i18n.Source)) }

// Localized renders the refusal's reasons in lang, for a person who sees which pact and
// which action they are about (the window); Error adds the action, in the words of a log.
func (r *Refusal) Localized(lang string) string {
	parts := make([]string, len(r.Reasons))
	for i, x := range r.Reasons {
		parts[i] = x.Text(lang)
	}
	return strings.Join(parts, "; ")
}

// Kind is errs.Conflict: the pact's current state does not allow the action.
func (r *Refusal) Kind() errs.Kind { return errs.Conflict }

func reason(key string, kv ...any) Reason {
	r := Reason{Key: key, Data: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Data[kv[i].(string)] = kv[i+1]
	}
	return r
}
