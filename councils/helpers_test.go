package councils

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

var ctx = context.Background()

func date(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func openStore(t testing.TB) *model.Store {
	t.Helper()
	st, err := model.Open(filepath.Join(t.TempDir(), "pacta.db"), model.Options{Device: "dev-test"})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// newCouncil makes a council with the settings given.
func newCouncil(t testing.TB, st *model.Store, s Settings) model.Council {
	t.Helper()
	var c model.Council
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) (err error) {
		c, err = Create(tx, s)
		return err
	}))
	return c
}

// add seats people; each item is "side:name" or "category:name" on a board.
func add(t testing.TB, st *model.Store, c model.Council, designated string, people ...[2]string) {
	t.Helper()
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, p := range people {
			n := NewMember{Name: p[1], Designated: designated}
			if RuleOf(c).Cap {
				n.Category = p[0]
			} else {
				n.Side = p[0]
			}
			if _, err := AddMember(tx, c, n); err != nil {
				return err
			}
		}
		return nil
	}))
}

// keyOf is the translation key of err, for tests that check which refusal came.
func keyOf(err error) string {
	if e := errs.Keyed(err); e != nil {
		return e.Key
	}
	return ""
}
