package pacts

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestDateArithmetic(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-28"}, {"2028-01-31", 1, "2028-02-29"}, {"2026-03-31", 1, "2026-04-30"},
		{"2026-11-15", 3, "2027-02-15"}, {"2024-07-16", 4, "2024-11-16"}, {"2026-05-20", 0, "2026-05-20"}, {"", 3, ""},
	} {
		require.Equal(t, c.want, AddMonths(c.from, c.n), "%s + %d months", c.from, c.n)
	}
	require.Equal(t, "2026-02-09", AddDays("2026-01-10", 30))
	require.Equal(t, "2027-01-01", AddDays("2026-12-31", 1))
	require.Equal(t, -3, DaysBetween("2026-03-04", "2026-03-01"))
	p := model.Pact{StartDate: "2024-07-16", DurationMonths: 4, ExtensionMonths: 2}
	require.Equal(t, "2024-11-16", EndDate(p, false))
	require.Equal(t, "2025-01-16", EndDate(p, true))
	require.Equal(t, "", EndDate(model.Pact{DurationMonths: 4}, false))
	require.Equal(t, "16 luglio 2024", FormatDate("it", "2024-07-16"))
	require.Equal(t, "16 de julio de 2024", FormatDate("es", "2024-07-16"))
	require.Equal(t, "1 month", FormatMonths("en", 1))
	require.Equal(t, "4 mesi", FormatMonths("it", 4))
}

func TestDueDates(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	dl := DefaultDeadlines
	cases := []struct {
		name  string
		p     model.Pact
		ext   bool
		last  string
		today string
		want  []Due
	}{
		{"ordinary in review, on time", model.Pact{Kind: Ordinary, Status: InReview, SubmittedOn: "2026-01-10"}, false, "", "2026-02-01",
			[]Due{{Kind: DueAnswer, Date: "2026-02-09", DaysLeft: 8}}},
		{"ordinary submitted, overdue", model.Pact{Kind: Ordinary, Status: Submitted, SubmittedOn: "2026-01-10"}, false, "", "2026-02-10",
			[]Due{{Kind: DueAnswer, Date: "2026-02-09", DaysLeft: -1, Overdue: true}}},
		{"awaiting information stops the municipality's clock", model.Pact{Kind: Ordinary, Status: AwaitingInfo, SubmittedOn: "2026-01-10"}, false, "", "2026-03-01", nil},
		{"complex to publish within 10 days", model.Pact{Kind: Complex, Status: InReview, SubmittedOn: "2026-01-10"}, false, "", "2026-01-25",
			[]Due{{Kind: DuePublication, Date: "2026-01-20", DaysLeft: -5, Overdue: true}}},
		{"complex published: 60 days of observations, then 60 to decide", model.Pact{Kind: Complex, Status: Published, PublishedOn: "2026-01-01"}, false, "", "2026-01-01",
			[]Due{{Kind: DueObservations, Date: "2026-03-02", DaysLeft: 60}, {Kind: DueDecision, Date: "2026-05-01", DaysLeft: 120}}},
		{"closed observations are not overdue", model.Pact{Kind: Complex, Status: Published, PublishedOn: "2026-01-01"}, false, "", "2026-03-10",
			[]Due{{Kind: DueObservations, Date: "2026-03-02", DaysLeft: -8}, {Kind: DueDecision, Date: "2026-05-01", DaysLeft: 52}}},
		{"co-design decision late", model.Pact{Kind: Complex, Status: CoDesign, PublishedOn: "2026-01-01"}, false, "", "2026-05-03",
			[]Due{{Kind: DueDecision, Date: "2026-05-01", DaysLeft: -2, Overdue: true}}},
		{"active: first report from the start", model.Pact{Status: Active, StartDate: "2026-01-15", DurationMonths: 12, ReportMonths: 6}, false, "", "2026-07-20",
			[]Due{{Kind: DueReport, Date: "2026-07-15", DaysLeft: -5, Overdue: true}, {Kind: DueEnd, Date: "2027-01-15", DaysLeft: 179}}},
		{"active: next report from the last one", model.Pact{Status: Active, StartDate: "2026-01-15", DurationMonths: 12, ReportMonths: 6}, false, "2026-07-10", "2026-07-20",
			[]Due{{Kind: DueEnd, Date: "2027-01-15", DaysLeft: 179}, {Kind: DueReport, Date: "2027-01-10", DaysLeft: 174}}},
		{"extended: the end moves", model.Pact{Status: Extended, StartDate: "2026-01-15", DurationMonths: 4, ExtensionMonths: 2}, true, "", "2026-06-01",
			[]Due{{Kind: DueEnd, Date: "2026-07-15", DaysLeft: 44}}},
		{"a signed pact not yet active has none", model.Pact{Status: Signed, StartDate: "2026-01-15", DurationMonths: 4}, false, "", "2026-06-01", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DueDates(c.p, c.ext, c.last, dl, day(c.today))
			if c.want == nil {
				require.Empty(t, got)
				return
			}
			require.ElementsMatch(t, c.want, got)
			for i := 1; i < len(got); i++ {
				require.LessOrEqual(t, got[i-1].Date, got[i].Date, "sorted by date")
			}
		})
	}
}

func TestDeadlinesAreWorkspaceSettings(t *testing.T) {
	st := openStore(t)
	dl, err := LoadDeadlines(st.DB())
	require.NoError(t, err)
	require.Equal(t, Deadlines{OrdinaryAnswer: 30, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60}, dl)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return SaveDeadlines(tx, Deadlines{OrdinaryAnswer: 45, ComplexPublish: 15, ComplexObservations: 30, ComplexDecision: 90})
	}))
	dl, err = LoadDeadlines(st.DB())
	require.NoError(t, err)
	require.Equal(t, Deadlines{OrdinaryAnswer: 45, ComplexPublish: 15, ComplexObservations: 30, ComplexDecision: 90}, dl)
	got := DueDates(model.Pact{Kind: Ordinary, Status: InReview, SubmittedOn: "2026-01-10"}, false, "", dl, day0)
	require.Equal(t, "2026-02-24", got[0].Date)
	err = st.Update(ctx, func(tx *model.Tx) error {
		return SaveDeadlines(tx, Deadlines{OrdinaryAnswer: 0, ComplexPublish: 1, ComplexObservations: 1, ComplexDecision: 1})
	})
	require.ErrorContains(t, err, "out of range")
	// A setting someone typed badly falls back to the default rather than breaking the list.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.PutSetting(SettingOrdinaryAnswerDays, "thirty") }))
	dl, err = LoadDeadlines(st.DB())
	require.NoError(t, err)
	require.Equal(t, 30, dl.OrdinaryAnswer)
}
