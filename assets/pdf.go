package assets

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/printing"
)

// AvailableList prints the public list of the commons that are designated and available,
// grouped by district, through printing (header with the municipality, footer with the
// reference and page x of N). The same registry and date give the same bytes.
func AvailableList(ctx context.Context, db model.Querier, municipality, lang string, date time.Time) ([]byte, error) {
	loc := i18n.In(lang)
	var rows []AssetView
	err := each(ctx, db, Query{Designated: true, Availability: "available"}, func(a AssetView) error {
		rows = append(rows, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("available commons: %w", err)
	}
	groups := map[string][]AssetView{}
	var districts []string
	for _, a := range rows {
		if _, ok := groups[a.District]; !ok {
			districts = append(districts, a.District)
		}
		groups[a.District] = append(groups[a.District], a)
	}
	sortFolded(districts)
	title := loc.T("asset.pdf.title")
	doc := printing.New(printing.Meta{Municipality: municipality, Title: title, Reference: "ASSETS-AVAILABLE",
		Version: date.Format("2006-01-02"), Date: date, Lang: lang})
	doc.Title(title)
	doc.Subtitle(loc.T("asset.pdf.subtitle", map[string]any{"Municipality": municipality, "Date": date.Format("2006-01-02")}))
	doc.Para(loc.T("asset.pdf.intro"))
	if len(rows) == 0 {
		doc.Italic(loc.T("asset.pdf.empty"))
	}
	headers := []string{loc.T("asset.field.ref"), loc.T("asset.field.name"), loc.T("asset.field.kind"), loc.T("asset.field.address")}
	for _, d := range districts {
		as := groups[d]
		sortAssets(as)
		name := d
		if name == "" {
			name = loc.T("asset.pdf.no_district")
		}
		doc.Heading(fmt.Sprintf("%s (%d)", name, len(as)))
		var table [][]string
		for _, a := range as {
			kind := loc.T(LabelKey("kind", a.Kind))
			table = append(table, []string{a.Ref, a.Name, kind, a.Address})
		}
		doc.Table(headers, []float64{1.7, 3.4, 1.7, 2.6}, table)
	}
	doc.Space(4)
	doc.Italic(loc.N("asset.pdf.total", len(rows)))
	if err := doc.Err(); err != nil {
		return nil, fmt.Errorf("available commons: %w", err)
	}
	return doc.Bytes()
}

func sortFolded(s []string) {
	sort.SliceStable(s, func(i, j int) bool {
		fa, fb := Fold(s[i]), Fold(s[j])
		if fa == "" || fb == "" {
			return fb == "" && fa != "" // "no district" goes last
		}
		return fa < fb
	})
}

func sortAssets(as []AssetView) {
	key := func(a AssetView) string { return Fold(a.Name) + "\x00" + strings.ToLower(a.Ref) }
	sort.SliceStable(as, func(i, j int) bool { return key(as[i]) < key(as[j]) })
}
