package procurement

import (
	"encoding/json"
	"fmt"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// Template is a criterion of the library: the book's social-economy criteria (each with
// its lines in the book), social-value themes with a proxy value where a published one
// exists, and the usual price and quality criteria. Picking one copies it into a call.
type Template struct {
	Criterion
	Source string `json:"source"` // book, tom, common, workspace
}

// builtin are the library's own templates; their titles are translated (procurement.lib.KEY).
var builtin = []Template{
	{Criterion{Key: "price", Kind: Price, Weight: 30, Formula: Proportional, Citation: "REFERENCES §3.5"}, "common"},
	{Criterion{Key: "quality", Kind: Scale, Weight: 25, Citation: "REFERENCES §3.5"}, "common"},
	{Criterion{Key: "delivery_plan", Kind: Scale, Weight: 15, Citation: "REFERENCES §3.5"}, "common"},
	{Criterion{Key: "insurance", Kind: Gate}, "common"},
	{Criterion{Key: "user_control", Kind: Gate, SocialValue: true, Citation: "Book L3505–3508, L3518–3520 (C11)"}, "book"},
	{Criterion{Key: "social_economy", Kind: Scale, Weight: 10, SocialValue: true, Citation: "Book L4064–4066, L4795–4797, L4685–4686 (C1)"}, "book"},
	{Criterion{Key: "social_objectives", Kind: Scale, Weight: 10, SocialValue: true, Citation: "Book L4120–4121 (C2)"}, "book"},
	{Criterion{Key: "environment", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4120–4121 (C3)"}, "book"},
	{Criterion{Key: "job_creation", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4121 (C4)"}, "book"},
	{Criterion{Key: "new_services", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4122–4123 (C7)"}, "book"},
	{Criterion{Key: "local_roots", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4252–4255, L4277–4280, L4295–4296 (C8)"}, "book"},
	{Criterion{Key: "governance", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L2309–2313, L2335–2337, L4013–4014 (C9)"}, "book"},
	{Criterion{Key: "open_books", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4956, L2774–2776 (C12)"}, "book"},
	{Criterion{Key: "service_metrics", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4954–4955 (C13)"}, "book"},
	{Criterion{Key: "open_technology", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L5766–5771, L5734–5735 (C14)"}, "book"},
	{Criterion{Key: "consortium", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4949, L4911–4915, L4470–4473 (C15)"}, "book"},
	{Criterion{Key: "inclusion", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L4015–4017 (C17)"}, "book"},
	{Criterion{Key: "wage_ratio", Kind: Scale, Weight: 5, SocialValue: true, Citation: "Book L2788–2789 (C18)"}, "book"},
	{Criterion{Key: "carbon", Kind: Quantity, Weight: 10, SocialValue: true, Unit: "tCO2e", Proxy: 244.63,
		Citation: "National TOMs NT31 (NT2022), £244.63/tCO2e"}, "tom"},
}

// SettingLibrary holds the workspace's own templates (JSON), synced like any setting.
const SettingLibrary = "procurement.library"

// Library lists the templates: the built-in ones, titled in lang, then the workspace's.
func Library(q model.Querier, lang string) ([]Template, error) {
	loc := i18n.In(lang)
	out := make([]Template, 0, len(builtin))
	for _, t := range builtin {
		t.Title = loc.T("procurement.lib." + t.Key)
		out = append(out, t)
	}
	own, err := workspaceLibrary(q)
	if err != nil {
		return nil, err
	}
	return append(out, own...), nil
}

func workspaceLibrary(q model.Querier) ([]Template, error) {
	v, err := model.GetSetting(q, SettingLibrary, "")
	if err != nil || v == "" {
		return nil, err
	}
	var own []Template
	if err := json.Unmarshal([]byte(v), &own); err != nil {
		return nil, fmt.Errorf("read the workspace's criteria library: %w", err)
	}
	return own, nil
}

// AddToLibrary keeps a criterion of the workspace's own in the library (replacing one
// with the same key).
func AddToLibrary(tx *model.Tx, c Criterion) error {
	probe := c
	if probe.Kind != Gate {
		probe.Weight = 100
	}
	if _, err := Check([]Criterion{probe}); err != nil {
		return err
	}
	for _, b := range builtin {
		if b.Key == c.Key {
			return errs.E("library", errs.Conflict, errs.Key("procurement.error.library_builtin"), map[string]any{"Key": c.Key})
		}
	}
	base, err := model.GetSetting(tx, SettingLibrary, "")
	if err != nil {
		return err
	}
	own, err := workspaceLibrary(tx)
	if err != nil {
		return err
	}
	replaced := false
	for i := range own {
		if own[i].Key == c.Key {
			own[i], replaced = Template{Criterion: c, Source: "workspace"}, true
		}
	}
	if !replaced {
		own = append(own, Template{Criterion: c, Source: "workspace"})
	}
	b, err := json.Marshal(own)
	if err != nil {
		return err
	}
	return tx.EditSetting(SettingLibrary, base, string(b))
}
