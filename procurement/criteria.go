package procurement

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// keyRe is what a criterion key may look like: it names columns of the bids file (q:KEY).
var keyRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// Check validates criteria: keys unique and well formed, kinds and formulas known, gates
// without weight, weights of the others in percent summing to 100, quantities with a
// proxy value. It returns the social-value share of the weights.
func Check(cs []Criterion) (float64, error) {
	const op = "criteria"
	if len(cs) == 0 {
		return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.no_criteria"))
	}
	seen := map[string]bool{}
	sum, social := 0.0, 0.0
	prices := 0
	for i, c := range cs {
		line := map[string]any{"Number": i + 1, "Key": c.Key}
		if !keyRe.MatchString(c.Key) {
			return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.criterion_key"), line)
		}
		if seen[c.Key] {
			return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.criterion_twice"), line)
		}
		seen[c.Key] = true
		if strings.TrimSpace(c.Title) == "" {
			return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.criterion_title"), line)
		}
		if !oneOf(c.Kind, Kinds) {
			line["Value"] = c.Kind
			return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.criterion_kind"), line)
		}
		if math.IsNaN(c.Weight) || c.Weight < 0 || c.Weight > 100 {
			return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.weight_range"), line)
		}
		switch c.Kind {
		case Gate:
			if c.Weight != 0 {
				return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.gate_weight"), line)
			}
		case Price:
			prices++
			if !oneOf(c.Formula, Formulas) {
				line["Value"] = c.Formula
				return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.formula"), line)
			}
			if c.Formula == Logarithmic && c.Param != 0 && c.Param <= 1 {
				return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.log_param"), line)
			}
			if c.Formula == Linear && c.Param < 0 {
				return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.linear_param"), line)
			}
		case Quantity:
			if c.Proxy <= 0 {
				return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.proxy"), line)
			}
		}
		sum += c.Weight
		if c.SocialValue && c.Kind != Gate {
			social += c.Weight
		}
	}
	if prices > 1 {
		return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.price_twice"))
	}
	if math.Abs(sum-100) > 1e-6 {
		return 0, errs.E(op, errs.Invalid, errs.Key("procurement.error.weights_sum"), map[string]any{"Sum": strconv.FormatFloat(sum, 'f', -1, 64)})
	}
	return social, nil
}

// SocialShare is the social-value share of the weights (no check).
func SocialShare(cs []Criterion) float64 {
	s := 0.0
	for _, c := range cs {
		if c.SocialValue && c.Kind != Gate {
			s += c.Weight
		}
	}
	return s
}

// WeightSum is the sum of the weights (no check).
func WeightSum(cs []Criterion) float64 {
	s := 0.0
	for _, c := range cs {
		s += c.Weight
	}
	return s
}

// criteriaColumns are the columns of a criteria file.
var criteriaColumns = []string{"key", "title", "kind", "weight", "social_value", "formula", "param", "unit", "proxy", "citation", "descriptors"}

// ReadCriteria reads criteria from CSV (with a header of criteriaColumns; key, title, kind
// and weight required) or JSON (a list of objects with those names). An unknown column or
// a row that does not read is refused with its line.
func ReadCriteria(r io.Reader) ([]Criterion, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "[") {
		dec := json.NewDecoder(strings.NewReader(t))
		dec.DisallowUnknownFields()
		var cs []Criterion
		if err := dec.Decode(&cs); err != nil {
			return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.criteria_json"), map[string]any{"Error": err.Error()})
		}
		return cs, nil
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.file_empty"))
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if !oneOf(h, criteriaColumns) {
			return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.unknown_column"),
				map[string]any{"Line": 1, "Column": h, "Columns": strings.Join(criteriaColumns, ", ")})
		}
		col[h] = i
	}
	for _, need := range []string{"key", "title", "kind", "weight"} {
		if _, ok := col[need]; !ok {
			return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.missing_column"), map[string]any{"Line": 1, "Column": need})
		}
	}
	var out []Criterion
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.bad_line"), map[string]any{"Line": line, "Error": err.Error()})
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		num := func(name string) (float64, error) {
			s := get(name)
			if s == "" {
				return 0, nil
			}
			f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(s, ",", "."), "%"), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return 0, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.bad_number"), map[string]any{"Line": line, "Column": name, "Value": s})
			}
			return f, nil
		}
		c := Criterion{Key: get("key"), Title: get("title"), Kind: strings.ToLower(get("kind")), Formula: strings.ToLower(get("formula")), Unit: get("unit"),
			Citation: get("citation"), Descriptors: get("descriptors")}
		var e error
		if c.Weight, e = num("weight"); e != nil {
			return nil, e
		}
		if c.Param, e = num("param"); e != nil {
			return nil, e
		}
		if c.Proxy, e = num("proxy"); e != nil {
			return nil, e
		}
		if c.SocialValue, e = readBool(get("social_value")); e != nil {
			return nil, errs.E("criteria", errs.Invalid, errs.Key("procurement.error.bad_yes_no"), map[string]any{"Line": line, "Column": "social_value", "Value": get("social_value")})
		}
		if c.Kind == Price && c.Formula == "" {
			c.Formula = Proportional
		}
		out = append(out, c)
	}
	return out, nil
}

// readBool reads yes/no in the forms a spreadsheet gives; "" is no.
func readBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no", "n", "f":
		return false, nil
	case "1", "true", "yes", "y", "t", "x", "sì", "si", "sí":
		return true, nil
	}
	return false, fmt.Errorf("not yes or no: %q", s)
}

// SetCriteria replaces a draft call's criteria. Weights need not sum to 100 yet (the
// call cannot open until they do), but each criterion must be valid on its own.
func SetCriteria(tx *model.Tx, c model.ProcurementCall, cs []Criterion) error {
	const op = "set criteria"
	if c.Status != Draft || c.Frozen != "" {
		return errs.E(op, errs.Conflict, errs.Key("procurement.error.frozen"), map[string]any{"Ref": c.Ref, "Hash": short(c.FrozenHash)})
	}
	probe := append([]Criterion(nil), cs...)
	if len(probe) > 0 {
		// Validate each criterion; the sum is checked when the call opens.
		if _, err := Check(probe); err != nil && errs.Keyed(err) != nil && errs.Keyed(err).Key != "procurement.error.weights_sum" {
			return err
		}
	}
	old, err := CriteriaRows(tx, c.ID)
	if err != nil {
		return err
	}
	byKey := map[string]model.ProcurementCriterion{}
	for _, o := range old {
		byKey[o.Key] = o
	}
	for i, k := range cs {
		row := model.ProcurementCriterion{CallID: c.ID, Position: int64(i + 1), Key: k.Key, Title: strings.TrimSpace(k.Title), Kind: k.Kind,
			Weight: k.Weight, SocialValue: k.SocialValue, Formula: k.Formula, Param: k.Param, Unit: k.Unit, Proxy: k.Proxy, Citation: k.Citation,
			Descriptors: k.Descriptors}
		if o, ok := byKey[k.Key]; ok {
			row.Row = o.Row
			delete(byKey, k.Key)
			if err := tx.PutEdit(&o, &row); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			continue
		}
		if err := tx.Put(&row); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	for _, o := range byKey {
		if err := tx.Delete(&o); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
