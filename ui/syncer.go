// The window's background sync: one syncer per window, run on every local change and every few
// seconds, held while a person decides something.

package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"pacta/syncfolder"
)

// syncInterval is how often the background sync runs when nothing changed locally.
const syncInterval = 10 * time.Second

// syncer runs syncs off the UI goroutine: after local changes (store.OnCommit) and every
// few seconds. One per window.
type syncer struct {
	sh      *Shell
	mu      sync.Mutex
	running bool
	held    bool // the workspace's store is being replaced: touch nothing
	cancel  context.CancelFunc
	kick    chan struct{}
	// listeners are told (on the UI goroutine) when a sync starts, progresses and ends.
	onProgress func(done, total int)
	onDone     func(rep syncfolder.Report, err error)
}

var (
	syncersMu sync.Mutex
	syncers   = map[*Shell]*syncer{}
	// backgroundSync starts each window's loop of syncs. Tests turn it off: Fyne's test
	// driver runs fyne.Do on the calling goroutine, so a background sync would touch the
	// widgets beside the test; they run syncs themselves (syncer.run).
	backgroundSync = true
	// inBackground runs work that touches the shared folder (it may be a slow network
	// drive) and the Dashboard's queries off the UI goroutine; tests run it in place, as
	// they run syncs themselves.
	inBackground = func(f func()) { go f() }
	// onUI runs f on the UI goroutine (fyne.Do); a benchmark queues it to run after the
	// frame it measures, as the window's loop does.
	onUI = fyne.Do
)

// syncerFor returns the window's syncer, starting it the first time.
func syncerFor(sh *Shell) *syncer {
	syncersMu.Lock()
	defer syncersMu.Unlock()
	if s, ok := syncers[sh]; ok {
		return s
	}
	s := &syncer{sh: sh, kick: make(chan struct{}, 1)}
	syncers[sh] = s
	sh.WS.OnCommit(func() {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	})
	if backgroundSync {
		go s.loop()
	}
	return s
}

func (s *syncer) loop() {
	t := time.NewTicker(syncInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-s.kick:
			time.Sleep(time.Second) // let a burst of edits finish
		}
		s.mu.Lock()
		held := s.held
		s.mu.Unlock()
		if held || s.sh.WS.SyncFolder(context.Background()) == "" {
			continue
		}
		s.run("")
	}
}

// run syncs once unless a sync is running; it blocks the calling goroutine (never the UI's).
func (s *syncer) run(folder string) {
	s.mu.Lock()
	if s.running || s.held {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.sh.background())
	s.running, s.cancel = true, cancel
	onProgress, onDone := s.onProgress, s.onDone
	s.mu.Unlock()
	rep, err := s.sh.WS.SyncOnce(ctx, folder, func(done, total int) {
		if onProgress != nil {
			fyne.Do(func() { onProgress(done, total) })
		}
	})
	cancel()
	s.mu.Lock()
	s.running = false
	s.mu.Unlock()
	fyne.Do(func() {
		if f := onDone; f != nil {
			f(rep, err)
		}
		if rep.Applied > 0 {
			s.sh.Changed()
		}
	})
}

// hold stops background syncs and waits (cancelling) for a running one to end, so that the
// caller may replace the workspace's store; release lets them go on. The mutex orders the
// replacement before any later read of the workspace by the sync goroutine.
func (s *syncer) hold() {
	s.mu.Lock()
	s.held = true
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	for i := 0; i < 600; i++ { // a sync stops at the next segment: seconds at most
		s.mu.Lock()
		running := s.running
		s.mu.Unlock()
		if !running {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *syncer) release() {
	s.mu.Lock()
	s.held = false
	s.mu.Unlock()
}

// Cancel stops a running sync at the next segment; what was applied stays.
func (s *syncer) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}
