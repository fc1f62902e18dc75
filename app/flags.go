package app

import "flag"

// given lists the flags the command line set (flag.FlagSet.Visit), by name: a command that
// changes a record writes those fields and no other, so that `--officer ""` clears the
// officer and a field not named keeps what is stored, whatever its value.
func given(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// ifGiven is v when the flag name was set, else nil: a field of a patch.
func ifGiven[T any](set map[string]bool, name string, v *T) *T {
	if set[name] {
		return v
	}
	return nil
}
