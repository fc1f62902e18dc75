package fold

import "testing"

func TestName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Città", "citta"},
		{"  José   PÉREZ ", "jose perez"},
		{"Niño", "nino"},
		{"", ""},
	} {
		if got := Name(c.in); got != c.want {
			t.Errorf("Name(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		text   string
		fields []string
		want   bool
	}{
		{"", []string{"Rossi Maria"}, true},
		{"ros via", []string{"Rossi Maria", "Via Roma 3"}, true},
		{"penalo", []string{"Cooperativa Sociale Peñalolén"}, true},
		{"JOSÉ", []string{"jose perez"}, true},
		{"ros bari", []string{"Rossi Maria", "Via Roma 3"}, false},
	} {
		if got := Match(c.text, c.fields...); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.text, c.fields, got, c.want)
		}
	}
}
