package assets

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func openStore(t testing.TB) *model.Store {
	t.Helper()
	s, err := model.Open(filepath.Join(t.TempDir(), "w.db"), model.Options{Device: "dev-test"})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// palermoPath is the Palermo register kept in the repository (testdata/palermo/README.md).
const palermoPath = "../testdata/palermo/pacts-register.csv"

func palermoCSV(t testing.TB) string {
	t.Helper()
	_, err := os.Stat(palermoPath)
	require.NoError(t, err, "the Palermo register is kept in the repository")
	return palermoPath
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func count(t testing.TB, s *model.Store) int {
	t.Helper()
	n, err := Count(s.DB(), Query{})
	require.NoError(t, err)
	return n
}

// changes counts the changes the next export would carry.
func changes(t testing.TB, s *model.Store) int {
	t.Helper()
	n, err := s.PendingCount(context.Background())
	require.NoError(t, err)
	return n
}
