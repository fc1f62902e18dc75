package app

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// enrolLaptop enrols, from the founder's home, the laptop that joined at home: what an
// officer does after checking the join request. cmd runs a command and fails the test on a
// non-zero exit.
func enrolLaptop(t *testing.T, cmd func(args ...string) string, founderHome, home string) {
	t.Helper()
	var devs []DeviceRow
	require.NoError(t, json.Unmarshal([]byte(cmd("device", "list", "--home", home, "--json")), &devs))
	for _, d := range devs {
		if d.This {
			cmd("device", "enrol", d.ID, "--home", founderHome)
		}
	}
}
