package errs

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// refusal stands for a domain error type that knows its kind.
type refusal struct{ why string }

func (r *refusal) Error() string { return r.why }
func (r *refusal) Kind() Kind    { return Conflict }

func TestE(t *testing.T) {
	cause := errors.New("disk on fire")
	fields := map[string]any{"Days": 0}
	for _, tc := range []struct {
		name string
		args []any
		want Error
	}{
		{"op as string", []any{"new pact"}, Error{Op: "new pact"}},
		{"op as Op", []any{Op("sync")}, Error{Op: "sync"}},
		{"everything, any order", []any{fields, cause, Key("pact.error.deadline_range"), Invalid, "deadlines"},
			Error{Op: "deadlines", Kind: Invalid, Key: "pact.error.deadline_range", Fields: fields, Err: cause}},
		{"a nil cause is no cause", []any{"link asset", NotFound, error(nil)}, Error{Op: "link asset", Kind: NotFound}},
		{"an untyped nil is ignored", []any{"link asset", nil}, Error{Op: "link asset"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := E(tc.args...).(*Error)
			if !ok {
				t.Fatalf("E returned %T", got)
			}
			if got.Op != tc.want.Op || got.Kind != tc.want.Kind || got.Key != tc.want.Key || got.Err != tc.want.Err ||
				fmt.Sprint(got.Fields) != fmt.Sprint(tc.want.Fields) {
				t.Errorf("E(%v) = %#v, want %#v", tc.args, got, tc.want)
			}
		})
	}
}

func TestEWrongArgument(t *testing.T) {
	err := E("sign", 42)
	if KindOf(err) != Internal || !strings.Contains(err.Error(), "int") || !strings.HasPrefix(err.Error(), "sign: ") {
		t.Errorf("E with an int = %q (kind %v), want an internal error naming the type", err, KindOf(err))
	}
}

func TestError(t *testing.T) {
	SetText(func(key string, fields map[string]any) string {
		switch key {
		case "t.title_required":
			return "give the pact a title"
		case "t.days":
			return fmt.Sprintf("%v days is out of range", fields["Days"])
		}
		return key // as i18n does for a key it does not know
	})
	defer SetText(nil)
	cause := errors.New("no such file")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"op and key", E("new pact", Invalid, Key("t.title_required")), "new pact: give the pact a title"},
		{"key with fields", E("deadlines", Invalid, Key("t.days"), map[string]any{"Days": 0}), "deadlines: 0 days is out of range"},
		{"op, key and cause", E("sync", Unavailable, Key("t.title_required"), cause), "sync: give the pact a title: no such file"},
		{"kind without key or cause", E("pact PACT-1", NotFound), "pact PACT-1: not found"},
		{"the cause says it", E("read", Internal, cause), "read: no such file"},
		{"unknown key shows the key and its fields", E(Key("t.unknown"), map[string]any{"B": 2, "A": "x"}), "t.unknown (A=x, B=2)"},
		{"an op repeated by the cause is said once", E("new pact", E("new pact", Invalid, Key("t.title_required"))), "new pact: give the pact a title"},
		{"nested ops", E("import", E("row 3", Invalid, Key("t.title_required"))), "import: row 3: give the pact a title"},
		{"nothing at all", E(), "other error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestErrorWithoutText(t *testing.T) {
	SetText(nil)
	if got := E("x", Key("a.b")).Error(); got != "x: a.b" {
		t.Errorf("without a text function, Error() = %q, want the key", got)
	}
}

func TestKindOf(t *testing.T) {
	base := E("read asset", NotFound, Key("asset.error.not_found"))
	for _, tc := range []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, Other},
		{"plain error", errors.New("x"), Other},
		{"own kind", base, NotFound},
		{"wrapped by fmt.Errorf", fmt.Errorf("link: %w", base), NotFound},
		{"twice wrapped", fmt.Errorf("a: %w", fmt.Errorf("b: %w", base)), NotFound},
		{"an Other wrapper looks at its cause", E("link asset", base), NotFound},
		{"an outer kind wins", E("link asset", Invalid, base), Invalid},
		{"a Kinded error", fmt.Errorf("move: %w", &refusal{"signed"}), Conflict},
		{"a Kinded error under an Other *Error", E("move", &refusal{"signed"}), Conflict},
		{"joined: the first kind found", errors.Join(errors.New("x"), E(Invalid), E(NotFound)), Invalid},
		{"joined without kinds", errors.Join(errors.New("x"), errors.New("y")), Other},
		{"a standard sentinel is not classified", fmt.Errorf("open: %w", fs.ErrNotExist), Other},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KindOf(tc.err); got != tc.want {
				t.Errorf("KindOf = %v, want %v", got, tc.want)
			}
			if tc.err != nil && !Is(tc.want, tc.err) {
				t.Errorf("Is(%v) = false", tc.want)
			}
		})
	}
	if Is(Other, nil) {
		t.Error("Is(Other, nil) = true: no error is of no kind")
	}
}

// The standard library's Is and As see through an *Error and through fmt.Errorf around it.
func TestStandardIsAs(t *testing.T) {
	sentinel := errors.New("not found")
	inner := E("pact PACT-1", NotFound, Key("pact.error.not_found"), sentinel)
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"bare", inner},
		{"fmt.Errorf %w", fmt.Errorf("show: %w", inner)},
		{"E around fmt.Errorf", E("show", fmt.Errorf("load: %w", inner))},
		{"joined", errors.Join(errors.New("other"), fmt.Errorf("x: %w", inner))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, sentinel) {
				t.Error("errors.Is does not find the cause")
			}
			if !errors.Is(tc.err, inner) {
				t.Error("errors.Is does not find the *Error itself")
			}
			var e *Error
			if !errors.As(tc.err, &e) {
				t.Fatal("errors.As finds no *Error")
			}
			var r *refusal
			if errors.As(tc.err, &r) {
				t.Error("errors.As finds a type that is not there")
			}
		})
	}
	var r *refusal
	if !errors.As(E("move", Conflict, fmt.Errorf("rules: %w", &refusal{"x"})), &r) || r.why != "x" {
		t.Error("errors.As does not find a typed cause under an *Error")
	}
}

func TestKeyed(t *testing.T) {
	keyed := E("deadlines", Invalid, Key("pact.error.deadline_range"))
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"nil", nil, nil},
		{"no *Error", errors.New("x"), nil},
		{"no key", E("sync", Unavailable, errors.New("x")), nil},
		{"itself", keyed, keyed},
		{"under a wrapper without key", E("save", fmt.Errorf("tx: %w", keyed)), keyed},
		{"the outermost key wins", E("save", Key("outer"), keyed), nil}, // checked below
		{"not inside a join", errors.Join(keyed), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Keyed(tc.err)
			if tc.name == "the outermost key wins" {
				if got == nil || got.Key != "outer" {
					t.Errorf("Keyed = %v, want the outer error", got)
				}
				return
			}
			if (got == nil) != (tc.want == nil) || (got != nil && error(got) != tc.want) {
				t.Errorf("Keyed = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds {
		s := k.String()
		if s == "" || seen[s] || strings.HasPrefix(s, "kind ") {
			t.Errorf("kind %d has name %q", k, s)
		}
		seen[s] = true
	}
	if got := Kind(200).String(); got != "kind 200" {
		t.Errorf("unknown kind = %q", got)
	}
}

func TestMessage(t *testing.T) {
	texts := map[string]string{"t.exists": "{{.Name}} is already a party as {{.Role}}", "role.proponent": "Proponent"}
	tr := func(key string, data map[string]any) string {
		s := texts[key]
		for k, v := range data {
			s = strings.ReplaceAll(s, "{{."+k+"}}", fmt.Sprint(v))
		}
		return s
	}
	e := E(Key("t.exists"), map[string]any{"Name": "Vicini", "Role": Key("role.proponent")}).(*Error)
	if got := e.Message(tr); got != "Vicini is already a party as Proponent" {
		t.Errorf("Message = %q: a field that is a Key is rendered too", got)
	}
	if e.Fields["Role"] != Key("role.proponent") {
		t.Error("Message changed the error's fields")
	}
	if got := E("x", Invalid).(*Error).Message(tr); got != "" {
		t.Errorf("Message of an error without key = %q", got)
	}
}

func TestJoin(t *testing.T) {
	if Join() != nil || Join(nil, nil) != nil {
		t.Error("Join of nothing is not nil")
	}
	a, b := E(Invalid, errors.New("a")), errors.New("b")
	j := Join(a, nil, b)
	if got := j.Error(); got != "a; b" {
		t.Errorf("Join = %q, want one line", got)
	}
	if !errors.Is(j, b) || KindOf(j) != Invalid || !Is(Invalid, E("form", j)) {
		t.Error("a joined error hides its parts")
	}
	if Keyed(j) != nil {
		t.Error("Keyed looked into a join")
	}
}
