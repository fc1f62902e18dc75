package syncfolder

import (
	"fmt"
	"testing"

	"pacta/internal/errs"
)

// The errors a person meets at the Sync screen have kinds, and stay comparable sentinels.
func TestErrorKinds(t *testing.T) {
	for _, tc := range []struct {
		err  error
		kind errs.Kind
	}{
		{ErrNoFolder, errs.Unavailable},
		{ErrNotJoined, errs.Conflict},
		{ErrOtherWorkspace, errs.Conflict},
		{ErrJoinedElsewhere, errs.Conflict},
		{ErrNotAdmin, errs.Permission},
	} {
		wrapped := fmt.Errorf("join: %w", tc.err)
		if errs.KindOf(wrapped) != tc.kind {
			t.Errorf("%v: kind %v, want %v", tc.err, errs.KindOf(wrapped), tc.kind)
		}
		if e := errs.Keyed(wrapped); e == nil || e.Key == "" {
			t.Errorf("%v has no translation key", tc.err)
		}
	}
}
