package assets

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// FieldError is one problem with one field of an asset. Its message is in the current
// language and says what to do.
type FieldError struct {
	Field string // the model field (column) name
	Key   string // i18n key of the message
	Data  map[string]any
}

func (e FieldError) Error() string { return i18n.T(e.Key, e.Data) }

// Localized is the message in lang.
func (e FieldError) Localized(lang string) string { return i18n.In(lang).T(e.Key, e.Data) }

// Kind is errs.Invalid.
func (e FieldError) Kind() errs.Kind { return errs.Invalid }

// ValidationError lists every problem found in one asset.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Localized lists the problems in lang, one a line.
func (v ValidationError) Localized(lang string) string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Localized(lang)
	}
	return strings.Join(msgs, "\n")
}

// Kind is errs.Invalid.
func (v ValidationError) Kind() errs.Kind { return errs.Invalid }

// For returns the first problem with a field, or nil.
func (v ValidationError) For(field string) error {
	for _, e := range v {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// Problems returns the validation problems in err, if err is a validation error.
func Problems(err error) ValidationError {
	var v ValidationError
	if errors.As(err, &v) {
		return v
	}
	return nil
}

// Normalize trims every text field, lowercases the coded ones and fills the defaults a
// new asset gets (protection "none", availability "available").
func Normalize(a *model.Asset) {
	for _, p := range []*string{&a.Ref, &a.Name, &a.Description, &a.Address, &a.District, &a.Municipality, &a.Region,
		&a.Territory, &a.Owner, &a.ControlRights, &a.Community, &a.Licence, &a.Heritage, &a.SourceID} {
		*p = strings.TrimSpace(*p)
	}
	for _, p := range []*string{&a.Kind, &a.Availability, &a.Protection, &a.Ownership} {
		*p = strings.ToLower(strings.TrimSpace(*p))
	}
	a.Tags = normalizeTags(a.Tags)
	if a.Protection == "" {
		a.Protection = "none"
	}
	if a.Availability == "" {
		a.Availability = "available"
	}
}

// normalizeTags trims tags, drops empty ones and case-insensitive repeats, and joins them
// with ", ".
func normalizeTags(s string) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		t = strings.Join(strings.Fields(t), " ")
		f := Fold(t)
		if t == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, t)
	}
	return strings.Join(out, ", ")
}

// Validate checks an asset and returns a ValidationError listing every problem, or nil.
func Validate(a *model.Asset) error {
	var v ValidationError
	add := func(field, key string, data map[string]any) {
		v = append(v, FieldError{Field: field, Key: key, Data: data})
	}
	if a.Name == "" {
		add("name", "asset.error.name_required", nil)
	} else if n := len([]rune(a.Name)); n > 300 {
		add("name", "asset.error.name_too_long", map[string]any{"Count": n})
	}
	if a.Kind == "" {
		add("kind", "asset.error.kind_required", nil)
	} else if !slices.Contains(model.AssetKinds, a.Kind) {
		add("kind", "asset.error.kind_unknown", map[string]any{"Value": a.Kind, "Values": strings.Join(model.AssetKinds, ", ")})
	}
	if a.Availability != "" && !slices.Contains(model.Availabilities, a.Availability) {
		add("availability", "asset.error.availability_unknown", map[string]any{"Value": a.Availability, "Values": strings.Join(model.Availabilities, ", ")})
	}
	if a.Protection != "" && !slices.Contains(model.Protections, a.Protection) {
		add("protection", "asset.error.protection_unknown", map[string]any{"Value": a.Protection, "Values": strings.Join(model.Protections, ", ")})
	}
	if a.Ownership != "" && !slices.Contains(model.Ownerships, a.Ownership) {
		add("ownership", "asset.error.ownership_unknown", map[string]any{"Value": a.Ownership, "Values": strings.Join(model.Ownerships, ", ")})
	}
	if (a.Lat == nil) != (a.Lon == nil) {
		add("lat", "asset.error.coords_pair", nil)
	}
	if a.Lat != nil && (math.IsNaN(*a.Lat) || *a.Lat < -90 || *a.Lat > 90) {
		add("lat", "asset.error.lat_range", map[string]any{"Value": fmt.Sprint(*a.Lat)})
	}
	if a.Lon != nil && (math.IsNaN(*a.Lon) || *a.Lon < -180 || *a.Lon > 180) {
		add("lon", "asset.error.lon_range", map[string]any{"Value": fmt.Sprint(*a.Lon)})
	}
	if a.Licence != "" && a.Kind != "digital" {
		add("licence", "asset.error.licence_digital_only", nil)
	}
	if len(v) == 0 {
		return nil
	}
	return v
}
