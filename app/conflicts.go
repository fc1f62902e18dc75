package app

import (
	"encoding/json"
	"strings"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

// ConflictSubject says, in the user's words, what a conflict is about: the record (an
// asset by reference and name, a pact by reference and title, a section, a party, a
// template or a setting) and the field by its label on the screen where it is edited. A
// record or field it does not know is named by table, id and column, as stored.
func ConflictSubject(db model.Querier, c replica.Conflict) (what, field string) {
	what, field = c.Table+" "+c.Row, c.Field
	e, err := model.LoadEntity(db, c.Table, c.Row)
	if err != nil {
		return what, field
	}
	if c.Field == "deleted" {
		// Every table has it: one side deleted the record, the other kept it.
		defer func() { field = i18n.T("sync.field.deleted") }()
	}
	pact := func(id string) string {
		if e, err := model.LoadEntity(db, "pacts", id); err == nil {
			p := e.(*model.Pact)
			return p.Ref + " — " + p.Title
		}
		return id
	}
	switch x := e.(type) {
	case *model.Asset:
		return x.Ref + " — " + x.Name, label(assets.FieldLabelKey(c.Field), c.Field)
	case *model.Pact:
		return pact(x.ID), label(pactFieldKey(c.Field), c.Field)
	case *model.PactSection:
		if c.Field == "text" {
			field = SectionTitle(x.Key)
		}
		return pact(x.PactID), field
	case *model.PactParty:
		return pact(x.PactID) + " · " + x.Name, label("pact.ui.field."+c.Field, c.Field)
	case *model.PactTemplate:
		if c.Field == "text" {
			field = SectionTitle(x.Key)
		}
		return i18n.T("pact.ui.templates") + " · " + LanguageName(x.Lang), field
	case *model.Setting:
		if c.Field == "value" {
			field = label("settings."+x.ID, x.ID)
		}
		return i18n.T("nav.settings"), field
	case *model.Council:
		return x.Name, label("council.field."+c.Field, c.Field)
	case *model.CouncilMember:
		return council(db, x.CouncilID) + " · " + x.Name, label("council.field."+c.Field, c.Field)
	case *model.CouncilTerm, *model.CouncilMeeting, *model.CouncilSelection, *model.CouncilDecision:
		return i18n.T("council.ui.nav") + " · " + what, label("council.field."+c.Field, c.Field)
	case *model.ProcurementCall:
		return x.Ref + " — " + x.Title, label("procurement.field."+c.Field, c.Field)
	case *model.ProcurementCriterion:
		return call(db, x.CallID) + " · " + x.Title, label("procurement.field."+c.Field, c.Field)
	case *model.ProcurementBid:
		return call(db, x.CallID) + " · " + x.Bidder, label("procurement.field."+c.Field, c.Field)
	case *model.ProcurementScore:
		return call(db, x.CallID) + " · " + x.Evaluator, label("procurement.field."+c.Field, c.Field)
	}
	return what, field
}

// council names a council by its name.
func council(db model.Querier, id string) string {
	if e, err := model.LoadEntity(db, "councils", id); err == nil {
		return e.(*model.Council).Name
	}
	return id
}

// call names a procurement call by its reference and title.
func call(db model.Querier, id string) string {
	if e, err := model.LoadEntity(db, "procurement_calls", id); err == nil {
		c := e.(*model.ProcurementCall)
		return c.Ref + " — " + c.Title
	}
	return id
}

// LaptopName names a device for people, within a sentence: its name as enrolled, "this
// laptop" for self, or the end of its id when the workspace does not know it.
func LaptopName(db model.Querier, device, self string) string {
	if device == self {
		return i18n.T("sync.device.this")
	}
	return laptopName(db, device)
}

// LaptopTitle is LaptopName as a heading ("This laptop").
func LaptopTitle(db model.Querier, device, self string) string {
	if device == self {
		return i18n.T("sync.this_laptop")
	}
	return laptopName(db, device)
}

func laptopName(db model.Querier, device string) string {
	if d, ok, err := replica.GetDevice(db, device); err == nil && ok && d.Name != "" {
		return d.Name
	}
	if len(device) > 8 {
		return "…" + device[len(device)-8:]
	}
	return device
}

// IsRemoval reports whether c is a "removed on one laptop while edited on another"
// conflict; removal and edit are then its sides ("local" or "incoming").
func IsRemoval(c replica.Conflict) (removal, edit string, ok bool) {
	if c.Kind != replica.ConflictRemoval {
		return "", "", false
	}
	switch {
	case string(c.LocalValue) == "true" && string(c.IncomingValue) == "false":
		return "local", "incoming", true
	case string(c.LocalValue) == "false" && string(c.IncomingValue) == "true":
		return "incoming", "local", true
	}
	return "", "", false
}

// InPlace is the value of c's side that is in place.
func InPlace(c replica.Conflict) model.RawJSON {
	if c.Winner == "local" {
		return c.LocalValue
	}
	return c.IncomingValue
}

// SideDevice is the device that wrote side ("local" or "incoming") of c.
func SideDevice(c replica.Conflict, side string) string {
	if side == "local" {
		return c.LocalDevice
	}
	return c.IncomingDevice
}

// ResolveDevice finds the device a person named to keep its value in conflict c: its id
// or the end of it, or its name as enrolled.
func ResolveDevice(db model.Querier, c replica.Conflict, named string) (string, bool) {
	for _, d := range []string{c.LocalDevice, c.IncomingDevice} {
		if named == d || len(named) >= 6 && strings.HasSuffix(d, named) {
			return d, true
		}
		if dv, ok, err := replica.GetDevice(db, d); err == nil && ok && dv.Name != "" && strings.EqualFold(dv.Name, named) {
			return d, true
		}
	}
	return "", false
}

// ConflictValue shows a conflict's value of field: text as it reads, a deletion as deleted
// or kept, anything else as JSON.
func ConflictValue(field string, raw model.RawJSON) string {
	if field == "deleted" {
		if string(raw) == "true" {
			return i18n.T("sync.value.deleted")
		}
		return i18n.T("sync.value.kept")
	}
	if s, ok := ConflictText(raw); ok {
		return s
	}
	return string(raw)
}

// ConflictText decodes a conflict's value when it is text; ok is false for any other
// JSON value.
func ConflictText(raw model.RawJSON) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// TextValue is text as a conflict's value (JSON), for a person's own resolution.
func TextValue(s string) model.RawJSON {
	b, _ := json.Marshal(s)
	return b
}

// SectionTitle is the title of a template key: the premises or a section.
func SectionTitle(key string) string {
	if key == pacts.PremisesKey {
		return i18n.T("pact.pdf.premises")
	}
	return label("pact.section."+key, key)
}

// LanguageName is the name of a language Pacta speaks, by code (the code itself when it
// speaks no such language).
func LanguageName(code string) string {
	for _, l := range i18n.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// pactFieldKey is the i18n key of the label of a pact's column in the overview form.
func pactFieldKey(column string) string {
	if k, ok := map[string]string{"start_date": "start", "duration_months": "duration", "extension_months": "extension",
		"report_months": "report_every"}[column]; ok {
		column = k
	}
	return "pact.ui.field." + column
}

// label is the translation of key when the bundles have it, else fallback.
func label(key, fallback string) string {
	if i18n.Default().Has(key) {
		return i18n.T(key)
	}
	return fallback
}
