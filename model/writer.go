package model

import (
	"context"
	"time"

	"pacta/internal/errs"
)

// The writer is one connection, taken by one Update at a time. A replay from the shared
// folder holds it for a segment's transaction (up to about a second for a 4 MB segment);
// the window must not freeze meanwhile. So the writer is a one-slot semaphore rather than a
// mutex: a caller whose context says how long it may wait (WithWriteWait: the window's)
// gets ErrBusy after that, and says so, instead of blocking. Blocked senders on a channel
// are served in order, as a mutex's waiters are.

// ErrBusy is the refusal of a write that could not have the writer within its context's
// wait (see WithWriteWait): nothing was written, and the same write may simply be tried
// again in a moment.
var ErrBusy = errs.E(errs.Op("update"), errs.Unavailable, errs.Key("sync.busy_writing"))

type writeWaitKey struct{}

// WithWriteWait returns a context under which Update, SetMeta and the store's other
// writes wait at most d for the writer and then return ErrBusy. d <= 0 waits as long as it
// takes (a background job's context derived from the window's should say so).
func WithWriteWait(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, writeWaitKey{}, d)
}

// writeWait is the longest ctx lets a write wait for the writer (ok false: as long as it
// takes).
func writeWait(ctx context.Context) (time.Duration, bool) {
	d, ok := ctx.Value(writeWaitKey{}).(time.Duration)
	return d, ok && d > 0
}

// lock takes the writer, waiting as ctx allows (ErrBusy when it could not).
func (s *Store) lock(ctx context.Context) error {
	d, limited := writeWait(ctx)
	if !limited {
		s.writer <- struct{}{}
		return nil
	}
	select {
	case s.writer <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	}
}

// unlock gives the writer back.
func (s *Store) unlock() { <-s.writer }
