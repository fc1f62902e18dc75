package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	backgroundSync = false // tests run syncs themselves (see backgroundSync)
	os.Exit(m.Run())
}
