package councils

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pool makes n candidates spread over districts and genders.
func pool(n int) []Candidate {
	districts := []string{"Nord", "Sud", "Est", "Ovest", "Centro"}
	out := make([]Candidate, n)
	for i := range out {
		out[i] = Candidate{Name: fmt.Sprintf("Persona %04d", i), Org: fmt.Sprintf("Org %d", i%7),
			Attrs: map[string]string{"district": districts[i%5], "gender": []string{"F", "M"}[i%2], "age": []string{"young", "adult", "senior"}[i%3]}}
	}
	return out
}

func count(d Draw, field, value string) int {
	by := map[string]Candidate{}
	for _, c := range d.Candidates {
		by[c.Name] = c
	}
	n := 0
	for _, s := range d.Selected {
		if by[s].Attrs[field] == value {
			n++
		}
	}
	return n
}

func TestDrawIsReproducible(t *testing.T) {
	cands := pool(60)
	quotas := []Quota{{"gender", "F", 3, 4}, {"gender", "M", 3, 4}, {"district", "Nord", 2, 3}}
	a, err := RunDraw("2026-12-01 witnesses drew 4711", 7, quotas, cands)
	require.NoError(t, err)
	// The order of the file does not matter: candidates are sorted first.
	rev := append([]Candidate(nil), cands...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b, err := RunDraw("2026-12-01 witnesses drew 4711", 7, quotas, rev)
	require.NoError(t, err)
	assert.Equal(t, a.Selected, b.Selected)
	require.Len(t, a.Selected, 7)
	assert.GreaterOrEqual(t, count(a, "gender", "F"), 3)
	assert.LessOrEqual(t, count(a, "gender", "F"), 4)
	assert.GreaterOrEqual(t, count(a, "district", "Nord"), 2)
	assert.LessOrEqual(t, count(a, "district", "Nord"), 3)

	c, err := RunDraw("2026-12-01 witnesses drew 4712", 7, quotas, cands)
	require.NoError(t, err)
	assert.NotEqual(t, a.Selected, c.Selected, "another seed, another panel")

	again, same, err := Verify([]byte(a.String()))
	require.NoError(t, err)
	assert.True(t, same)
	assert.Equal(t, a.Selected, again.Selected)

	forged := strings.Replace(a.String(), a.Selected[0], c.Selected[0], 1)
	if a.Selected[0] != c.Selected[0] {
		_, same, err = Verify([]byte(forged))
		require.NoError(t, err)
		assert.False(t, same, "a record whose panel was changed does not verify")
	}
}

func TestDrawWithoutQuotasIsUniformAndComplete(t *testing.T) {
	d, err := RunDraw("seed", 5, nil, pool(12))
	require.NoError(t, err)
	assert.Len(t, d.Selected, 5)
	seen := map[string]bool{}
	for _, s := range d.Selected {
		assert.False(t, seen[s], "drawn twice: %s", s)
		seen[s] = true
	}
}

func TestDrawFeasibility(t *testing.T) {
	cands := pool(20) // 10 F, 10 M; 4 per district
	cases := []struct {
		name   string
		seats  int
		quotas []Quota
		key    string
	}{
		{"minimums above the seats", 5, []Quota{{"gender", "F", 3, 5}, {"gender", "M", 3, 5}}, "council.error.quota_min_sum"},
		{"maximums below the seats", 5, []Quota{{"gender", "F", 0, 2}, {"gender", "M", 0, 2}}, "council.error.quota_max_sum"},
		{"too few in a category", 5, []Quota{{"district", "Nord", 5, 5}}, "council.error.quota_few"},
		{"fewer candidates than seats", 21, nil, "council.error.too_few_candidates"},
		{"unknown field", 3, []Quota{{"age group", "x", 1, 1}}, "council.error.quota_field"},
		{"no panel meets them", 4, []Quota{{"gender", "F", 4, 4}, {"age", "adult", 4, 4}, {"district", "Nord", 4, 4}}, "council.error.draw_failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RunDraw("seed", tc.seats, tc.quotas, cands)
			require.Error(t, err)
			assert.Equal(t, tc.key, keyOf(err))
		})
	}
}

func TestParseQuota(t *testing.T) {
	q, err := ParseQuota("district=Nord:1:3")
	require.NoError(t, err)
	assert.Equal(t, Quota{"district", "Nord", 1, 3}, q)
	for _, bad := range []string{"district", "district=Nord:3:1", "district=Nord:x:1", "=a:1:1", "d=a:1"} {
		_, err := ParseQuota(bad)
		assert.Error(t, err, bad)
	}
}

func TestReadCandidates(t *testing.T) {
	cs, err := ReadCandidates(strings.NewReader("\ufeffname,org,district\nAna,Coop A,Nord\n\n Luis  Pérez ,Coop B,Sud\n"))
	require.NoError(t, err)
	require.Len(t, cs, 2)
	assert.Equal(t, "Luis Pérez", cs[1].Name)
	assert.Equal(t, "Sud", cs[1].Attrs["district"])
	_, err = ReadCandidates(strings.NewReader("name,district\nAna,Nord\n"))
	assert.Equal(t, "council.error.candidates_columns", keyOf(err))
	_, err = ReadCandidates(strings.NewReader("name,org\nAna,A\nana,B\n"))
	assert.Equal(t, "council.error.candidate_twice", keyOf(err))
}

// BenchmarkDraw is the target: 30 seats among 5,000 candidates with three quota
// categories in under 100 ms.
func BenchmarkDraw(b *testing.B) {
	cands := pool(5000)
	quotas := []Quota{{"gender", "F", 14, 16}, {"gender", "M", 14, 16}, {"district", "Nord", 5, 7}, {"district", "Sud", 5, 7},
		{"age", "young", 8, 12}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RunDraw("bench", 30, quotas, cands); err != nil {
			b.Fatal(err)
		}
	}
}
