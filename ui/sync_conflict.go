package ui

import (
	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// conflictSubject says, in the user's words, what a conflict is about: the record (an
// asset by reference and name, a pact by reference and title, a section, a party or a
// setting by its name) and the field by its label on the screen where it is edited. A
// record or field it does not know is named by table, id and column, as stored.
func conflictSubject(db model.Querier, c model.Conflict) (what, field string) {
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
			field = sectionTitle(x.Key)
		}
		return pact(x.PactID), field
	case *model.PactParty:
		return pact(x.PactID) + " · " + x.Name, label("pact.ui.field."+c.Field, c.Field)
	case *model.PactTemplate:
		if c.Field == "text" {
			field = sectionTitle(x.Key)
		}
		return i18n.T("pact.ui.templates") + " · " + langName(x.Lang), field
	case *model.Setting:
		if c.Field == "value" {
			field = label("settings."+x.ID, x.ID)
		}
		return i18n.T("nav.settings"), field
	}
	return what, field
}

// pactFieldKey is the i18n key of the label of a pact's column in the overview form.
func pactFieldKey(column string) string {
	if k, ok := map[string]string{"start_date": "start", "duration_months": "duration", "extension_months": "extension",
		"report_months": "report_every"}[column]; ok {
		column = k
	}
	return "pact.ui.field." + column
}

// sectionTitle is the title of a template key (the premises or a section).
func sectionTitle(key string) string {
	if i := indexOf(pacts.TemplateKeys, key); i >= 0 {
		return templateTitles()[i]
	}
	return key
}

// label is the translation of key when the bundles have it, else fallback.
func label(key, fallback string) string {
	if i18n.Default().Has(key) {
		return i18n.T(key)
	}
	return fallback
}

// conflictValue shows a conflict's value of field: text as it reads, a deletion as
// deleted or kept, anything else as JSON.
func conflictValue(field string, raw model.RawJSON) string {
	if field == "deleted" {
		if string(raw) == "true" {
			return i18n.T("sync.value.deleted")
		}
		return i18n.T("sync.value.kept")
	}
	if s, ok := jsonText(raw); ok {
		return s
	}
	return string(raw)
}

// writtenOn names the laptop that wrote one side of a conflict ("" when it is unknown).
func writtenOn(db model.Querier, device string) string {
	d, ok, err := model.GetDevice(db, device)
	if err != nil || !ok || d.Name == "" {
		return ""
	}
	return i18n.T("sync.written_on", map[string]any{"Name": d.Name})
}
