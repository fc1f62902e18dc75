package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUnknownLocaleStartsQuietly runs this test binary again under locales a laptop may
// have: none of them may make Fyne (which reads the locale while the program initialises)
// print an error.
func TestUnknownLocaleStartsQuietly(t *testing.T) {
	if os.Getenv("PACTA_LOCALE_CHILD") == "1" {
		return // the child only initialises and exits
	}
	for _, lang := range []string{"xx_YY.UTF-8", "C", "POSIX", "C.UTF-8", "es_EC.UTF-8", "qu_EC", "zz"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestUnknownLocaleStartsQuietly$")
		cmd.Env = append(os.Environ(), "PACTA_LOCALE_CHILD=1", "LANG="+lang, "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Run(), lang)
		require.Empty(t, stderr.String(), "LANG=%s", lang)
	}
}

func TestGUIArgs(t *testing.T) {
	tests := []struct {
		args []string
		home string
		gui  bool
	}{
		{nil, "", true},
		{[]string{"--home", "/w"}, "/w", true},
		{[]string{"--home=/w"}, "/w", true},
		{[]string{"doctor"}, "", false},
		{[]string{"doctor", "--home", "/w"}, "", false},
		{[]string{"--home", "/w", "doctor"}, "", false},
	}
	for _, tc := range tests {
		home, gui := guiArgs(tc.args)
		require.Equal(t, tc.gui, gui, "%v", tc.args)
		require.Equal(t, tc.home, home, "%v", tc.args)
	}
}
