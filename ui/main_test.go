package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	backgroundSync = false // tests run syncs themselves (see backgroundSync)
	inBackground = func(f func()) { f() }
	os.Exit(m.Run())
}
