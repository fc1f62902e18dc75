package ui

import "reflect"

// rebase carries typed input (a struct of fields) over a record read again: shown is fresh
// with the fields in which typed differs from base set to typed's, and newBase is fresh
// with those fields set back to base's, the values the user began from.
func rebase[T any](base, typed, fresh T) (shown, newBase T) {
	shown, newBase = fresh, fresh
	b, t := reflect.ValueOf(base), reflect.ValueOf(typed)
	s, n := reflect.ValueOf(&shown).Elem(), reflect.ValueOf(&newBase).Elem()
	for i := 0; i < b.NumField(); i++ {
		if !reflect.DeepEqual(b.Field(i).Interface(), t.Field(i).Interface()) {
			s.Field(i).Set(t.Field(i))
			n.Field(i).Set(b.Field(i))
		}
	}
	return shown, newBase
}
