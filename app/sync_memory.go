package app

import (
	"os"
	"runtime/debug"
)

// syncMemoryLimit is the soft limit on the Go heap of a sync or join command. A first share
// of 100,000 assets holds its changes (some 60 MB) while it seals them, and the collector's
// default lets the heap grow to twice what is live; with this limit it collects sooner, at
// some processor time, and the whole process stays under 200 MB resident (issue 18; see
// docs/BENCHMARKS.md). It is soft: a larger workspace still syncs, with the collector
// running more often.
const syncMemoryLimit = 100 << 20

// limitSyncMemory sets syncMemoryLimit for this process, unless GOMEMLIMIT says otherwise.
func limitSyncMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(syncMemoryLimit)
	}
}
