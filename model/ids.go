package model

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

var (
	idMu   sync.Mutex
	idLast int64
	idSeq  uint16
)

// NewID returns a random, time-ordered 128-bit id as 32 lowercase hex digits:
// 48 bits of Unix milliseconds, 16 bits of a per-process counter (so ids made in the
// same millisecond still sort in creation order) and 64 random bits. Rows made offline
// on two laptops never collide, and ids sort roughly by creation time, which keeps
// SQLite's B-trees append-mostly.
func NewID() string {
	return newIDAt(time.Now().UnixMilli())
}

// newIDAt is NewID at the Unix millisecond now.
func newIDAt(now int64) string {
	idMu.Lock()
	switch {
	case now > idLast:
		idLast = now
		idSeq = 0
	case idSeq == 0xffff:
		// The counter is spent within one millisecond (a bulk import on a fast machine
		// makes 65,536 ids in one): borrow the next millisecond, so that ids still sort in
		// creation order. The clock catches up within milliseconds.
		idLast++
		idSeq = 0
	default:
		idSeq++
	}
	ms, seq := idLast, idSeq
	idMu.Unlock()

	var b [16]byte
	b[0] = byte(ms >> 40)
	b[1] = byte(ms >> 32)
	b[2] = byte(ms >> 24)
	b[3] = byte(ms >> 16)
	b[4] = byte(ms >> 8)
	b[5] = byte(ms)
	b[6] = byte(seq >> 8)
	b[7] = byte(seq)
	if _, err := rand.Read(b[8:]); err != nil {
		// crypto/rand never fails on supported platforms; a zero tail would still be unique
		// enough within one process thanks to the counter.
		_ = err
	}
	return hex.EncodeToString(b[:])
}
