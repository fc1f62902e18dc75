package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pacta/app"
	"pacta/assets"
	"pacta/model"
	"pacta/pacts"
)

// bigDir holds the big workspace, removed when the tests end (TestMain).
var bigDir string

// bigCommons is how many commons the big workspace adds to the sample's: the size issue 19
// measured (105,000 with the sample's and 5,000 pacts); a fifth of it under the race
// detector, which would need gigabytes for it.
var bigCommons = map[bool]int{false: 100_000, true: 20_000}[raceOn]

// bigWorkspace makes, once, a workspace of the sample plus bigCommons commons and 5,000
// pacts, and returns its home.
var bigWorkspace = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "pacta-big-")
	if err != nil {
		return "", err
	}
	bigDir = dir
	home := filepath.Join(dir, "ws")
	ctx := context.Background()
	ws, err := app.Init(ctx, home, "Comune di Prova", true)
	if err != nil {
		return "", err
	}
	defer ws.Close()
	csv := filepath.Join(dir, "assets.csv")
	f, err := os.Create(csv)
	if err != nil {
		return "", err
	}
	fmt.Fprintln(f, "name,kind,address,district,lat,lon")
	kinds := []string{"green_area", "square", "building", "street", "land"}
	for i := range bigCommons {
		fmt.Fprintf(f, "Bene comune %d,%s,Via della Prova %d,Circoscrizione %d,%.5f,%.5f\n", i, kinds[i%len(kinds)], i, i%8+1,
			38.1+float64(i%1000)/10000, 13.3+float64(i/1000)/10000)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	src, err := assets.OpenFile(csv)
	if err != nil {
		return "", err
	}
	rep, err := assets.Import(ctx, ws.Store, src, assets.ImportOptions{})
	if err != nil {
		return "", err
	}
	if rep.New != bigCommons {
		return "", fmt.Errorf("imported %d of %d commons (%d refused)", rep.New, bigCommons, len(rep.Rejected))
	}
	err = ws.Store.Update(ctx, func(tx *model.Tx) error {
		for i := range 5000 {
			if _, err := pacts.CreateTx(tx, pacts.NewPact{Title: fmt.Sprintf("Cura condivisa %d", i), Lang: "it",
				Proponent: fmt.Sprintf("Associazione %d", i), ProponentType: "association"}, pacts.By{Actor: "bench", Now: time.Now()}); err != nil {
				return err
			}
		}
		return nil
	})
	return home, err
})

// BenchmarkFirstFrame opens a workspace and shows the window's first frame (the Dashboard,
// drawn once): on the sample workspace, the floor, and on the 105,000-asset one, measured
// side by side. cards_ms is the time until every Dashboard card has its figures.
func BenchmarkFirstFrame(b *testing.B) {
	big, err := bigWorkspace()
	if err != nil {
		b.Fatal(err)
	}
	sample := filepath.Join(b.TempDir(), "sample")
	ws, err := app.Init(context.Background(), sample, "Comune di Prova", true)
	if err != nil {
		b.Fatal(err)
	}
	ws.Close()
	for _, c := range []struct{ name, home string }{{"sample", sample}, {"105k", big}} {
		b.Run(c.name, func(b *testing.B) {
			// The window's loop: queries run in the background, and what they hand to the UI
			// goroutine waits until the frame is drawn, then runs there, in order.
			var wg sync.WaitGroup
			queue := make(chan func(), 64)
			wasBg, wasUI := inBackground, onUI
			inBackground = func(f func()) { wg.Add(1); go func() { defer wg.Done(); f() }() }
			onUI = func(f func()) { queue <- f }
			defer func() { inBackground, onUI = wasBg, wasUI }()
			drain := func() {
				done := make(chan struct{})
				go func() { wg.Wait(); close(done) }()
				for {
					select {
					case f := <-queue:
						f()
					case <-done:
						for {
							select {
							case f := <-queue:
								f()
							default:
								return
							}
						}
					}
				}
			}
			a := test.NewTempApp(b)
			var cards time.Duration
			open := func() time.Duration {
				t0 := time.Now()
				ws, err := app.Open(c.home)
				if err != nil {
					b.Fatal(err)
				}
				ws.Config.Language = "en"
				Setup(ws)
				sh := NewShell(a, ws)
				sh.Window.Resize(fyne.NewSize(1366, 768))
				sh.Window.Canvas().Capture() // the first frame
				b.StopTimer()
				drain()
				all := time.Since(t0)
				sh.release()
				sh.Window.Close()
				ws.Close()
				b.StartTimer()
				return all
			}
			open() // fonts and caches loaded once per process, not on the first sub-benchmark only
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cards += open()
			}
			b.ReportMetric(float64(cards.Milliseconds())/float64(b.N), "cards_ms")
		})
	}
}
