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
