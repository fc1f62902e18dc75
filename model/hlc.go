package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock gives the physical time. It is injected so that tests can step time backwards
// and forwards and check that the hybrid logical clock stays monotonic.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// HLC is a hybrid logical clock timestamp: physical milliseconds, a counter for events
// in the same millisecond (or while the wall clock lags behind), and the device id as
// the final tie-break. Its string form sorts in the same order as Compare.
type HLC struct {
	Wall    int64  // Unix milliseconds
	Counter uint32 // logical counter within Wall
	Device  string // device id, last tie-break
}

// String encodes the timestamp as fixed-width hex so that string order is clock order.
func (h HLC) String() string {
	var buf [64]byte
	return string(h.append(buf[:0]))
}

// append appends the String form, as fmt's "%012x.%08x.%s" without fmt: every change of a
// bulk import formats one.
func (h HLC) append(b []byte) []byte {
	b = appendPaddedHex(b, uint64(h.Wall), 12)
	b = append(b, '.')
	b = appendPaddedHex(b, uint64(h.Counter), 8)
	b = append(b, '.')
	return append(b, h.Device...)
}

// appendPaddedHex appends v in lower-case hex, zero-padded to at least width digits.
func appendPaddedHex(b []byte, v uint64, width int) []byte {
	var d [16]byte
	i := len(d)
	for v > 0 || len(d)-i < width {
		i--
		d[i] = hexDigits[v&0xf]
		v >>= 4
	}
	return append(b, d[i:]...)
}

// IsZero reports whether h was never set.
func (h HLC) IsZero() bool { return h.Wall == 0 && h.Counter == 0 && h.Device == "" }

// Time returns the physical part as a time.
func (h HLC) Time() time.Time { return time.UnixMilli(h.Wall).UTC() }

// Compare returns -1, 0 or 1.
func (h HLC) Compare(o HLC) int {
	switch {
	case h.Wall != o.Wall:
		return cmp(h.Wall, o.Wall)
	case h.Counter != o.Counter:
		return cmp(int64(h.Counter), int64(o.Counter))
	default:
		return strings.Compare(h.Device, o.Device)
	}
}

func cmp(a, b int64) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// ParseHLC parses the String form.
func ParseHLC(s string) (HLC, error) {
	parts := strings.SplitN(s, ".", 3)
	if len(parts) != 3 {
		return HLC{}, fmt.Errorf("parse hlc %q: want wall.counter.device", s)
	}
	w, err := strconv.ParseInt(parts[0], 16, 64)
	if err != nil {
		return HLC{}, fmt.Errorf("parse hlc %q: wall: %w", s, err)
	}
	c, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil {
		return HLC{}, fmt.Errorf("parse hlc %q: counter: %w", s, err)
	}
	return HLC{Wall: w, Counter: uint32(c), Device: parts[2]}, nil
}

// HLClock issues timestamps for one device. It is safe for concurrent use.
type HLClock struct {
	mu     sync.Mutex
	clock  Clock
	device string
	last   HLC
}

// NewHLClock starts a clock for device that will never issue a timestamp at or before last
// (the value persisted by the previous run).
func NewHLClock(c Clock, device string, last HLC) *HLClock {
	if c == nil {
		c = SystemClock{}
	}
	return &HLClock{clock: c, device: device, last: HLC{Wall: last.Wall, Counter: last.Counter, Device: device}}
}

// Now issues the next local timestamp.
func (k *HLClock) Now() HLC {
	k.mu.Lock()
	defer k.mu.Unlock()
	pt := k.clock.Now().UnixMilli()
	switch {
	case pt > k.last.Wall:
		k.last = HLC{Wall: pt, Device: k.device}
	case k.last.Counter == math.MaxUint32 && k.last.Wall < MaxWall:
		// The counter is full (a clock from the folder may bring it there): the next
		// timestamp moves into the next millisecond, so it is still after the last.
		k.last = HLC{Wall: k.last.Wall + 1, Device: k.device}
	case k.last.Counter == math.MaxUint32:
		// The largest clock there is (see MaxWall): stay there rather than wrap backwards.
		k.last.Device = k.device
	default:
		k.last = HLC{Wall: k.last.Wall, Counter: k.last.Counter + 1, Device: k.device}
	}
	return k.last
}

// MaxWall is the latest wall clock a change from the shared folder may carry
// (DecodeChange refuses more): what the text's twelve hex digits hold (the year 10889), so
// that the text of every clock sorts in clock order. A forged clock with a full counter is
// still left behind by the next change of a laptop that sees it (Now moves into the next
// millisecond), except at exactly MaxWall, where there is no later clock to give.
const MaxWall = 1<<48 - 1

// Observe merges a timestamp received from another device so that the next local
// timestamp is after it (causality across devices).
func (k *HLClock) Observe(remote HLC) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if remote.Wall > k.last.Wall || (remote.Wall == k.last.Wall && remote.Counter > k.last.Counter) {
		k.last = HLC{Wall: remote.Wall, Counter: remote.Counter, Device: k.device}
	}
}

// observeStamp moves the clock past a stamp's clock (the String form of an HLC); it
// leaves it as it is when the text is not one. It reads the text without allocating: every
// edit observes the clocks of the values it replaces.
func (k *HLClock) observeStamp(s string) {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return
	}
	j := strings.IndexByte(s[i+1:], '.')
	if j < 0 {
		return
	}
	w, ok1 := parseHex(s[:i], 15)
	c, ok2 := parseHex(s[i+1:i+1+j], 8)
	if ok1 && ok2 {
		k.Observe(HLC{Wall: int64(w), Counter: uint32(c)})
	}
}

// parseHex reads lower- or upper-case hex digits, at most max of them.
func parseHex(s string, max int) (uint64, bool) {
	if s == "" || len(s) > max {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		n = n<<4 | uint64(c)
	}
	return n, true
}

// Last returns the last issued or observed timestamp (what to persist).
func (k *HLClock) Last() HLC {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.last
}

// PhysicalNow is the injected wall clock's time, for callers that need "now" consistently
// with the HLC (deadlines, signature dates in tests).
func (k *HLClock) PhysicalNow() time.Time { return k.clock.Now() }
