package syncfolder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// benchAssets makes n assets with ten non-zero fields each on r (one change each).
func benchAssets(b *testing.B, r *replica, n int) {
	ctx := context.Background()
	lat := 38.1
	require.NoError(b, r.store.Update(ctx, func(tx *model.Tx) error {
		for i := 0; i < n; i++ {
			a := &model.Asset{Ref: fmt.Sprintf("ASSET-%05d", i), Kind: "square", Name: fmt.Sprintf("Piazza %d", i), Description: "d",
				Address: "Via Roma 1", District: "Centro", Municipality: "Palermo", Region: "Sicilia", Lat: &lat, Owner: "Comune"}
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		return nil
	}))
}

// BenchmarkReplay100k applies 100,000 incoming changes (100,000 new assets of ten fields)
// from the folder on a fresh replica, and compares with writing the same rows directly.
func BenchmarkReplay100k(b *testing.B) {
	const rows = 100_000
	root := b.TempDir()
	rs := founded(b, OSFS{Root: root}, "A", "B")
	benchAssets(b, rs[0], rows)
	rs[0].sync(b)
	var want []model.Asset
	require.NoError(b, rs[0].store.DB().Select(&want, "SELECT "+strings.Join(model.TableColumns("assets"), ", ")+" FROM assets"))
	ctx := context.Background()
	var replay, direct, directLog float64
	for i := 0; i < b.N; i++ {
		fresh := newReplica(b, "C", OSFS{Root: root}, nil)
		_, err := fresh.eng.Join(ctx)
		require.NoError(b, err)
		t0 := time.Now()
		rep := fresh.sync(b)
		replay += time.Since(t0).Seconds()
		require.GreaterOrEqual(b, rep.Applied, rows)

		// Direct: the same rows with one plain INSERT each, in one transaction.
		st, err := model.Open(filepath.Join(b.TempDir(), "d.db"), model.Options{Device: "direct"})
		require.NoError(b, err)
		t0 = time.Now()
		// The baseline is the fastest plain way: one prepared statement in one transaction.
		tx, err := st.DB().Beginx()
		require.NoError(b, err)
		ins, err := tx.PrepareNamed(`INSERT INTO assets(id, ref, kind, name, description, address, district, municipality, region, lat, owner)
				VALUES(:id, :ref, :kind, :name, :description, :address, :district, :municipality, :region, :lat, :owner)`)
		require.NoError(b, err)
		for _, a := range want {
			_, err := ins.Exec(a)
			require.NoError(b, err)
		}
		require.NoError(b, tx.Commit())
		direct += time.Since(t0).Seconds()
		st.Close()

		// Direct with the log: the same rows through tx.Put (rows + change log + clocks).
		st2, err := model.Open(filepath.Join(b.TempDir(), "p.db"), model.Options{Device: "direct"})
		require.NoError(b, err)
		t0 = time.Now()
		require.NoError(b, st2.Update(ctx, func(tx *model.Tx) error {
			for i := range want {
				a := want[i]
				if err := tx.Put(&a); err != nil {
					return err
				}
			}
			return nil
		}))
		directLog += time.Since(t0).Seconds()
		st2.Close()
	}
	b.ReportMetric(replay/direct, "x_vs_insert")
	b.ReportMetric(replay/directLog, "x_vs_put")
	b.ReportMetric(float64(rows)/(replay/float64(b.N)), "changes/s")
}

// overheadRounds is how many times each variant of the overhead benchmarks runs, in
// turn, before the median is taken: single runs of a few hundred milliseconds on a shared
// machine differ by a fifth from one to the next.
const overheadRounds = 7

// medians runs every variant overheadRounds times, rotating which goes first, and returns
// the median seconds of each.
func medians(variants ...func() float64) []float64 {
	times := make([][]float64, len(variants))
	for r := 0; r < overheadRounds; r++ {
		for k := range variants {
			i := (k + r) % len(variants)
			times[i] = append(times[i], variants[i]())
		}
	}
	out := make([]float64, len(variants))
	for i, ts := range times {
		sort.Float64s(ts)
		out[i] = ts[len(ts)/2]
	}
	return out
}

// variant is one more way of writing the same rows, reported as "%name" over plain.
type variant struct {
	name string
	run  func() float64
}

// reportOverhead runs put (writes through Store.Update), plain without and with the log
// row (plain(true): the floor) and any extra variants as medians, and reports the
// overheads and the time of one of n units. put runs once first, so that the floor has
// the log rows it replays.
func reportOverhead(b *testing.B, n int, unit string, put func() float64, plain func(log bool) float64, extra ...variant) {
	put()
	runs := []func() float64{put, func() float64 { return plain(false) }, func() float64 { return plain(true) }}
	for _, v := range extra {
		runs = append(runs, v.run)
	}
	for i := 0; i < b.N; i++ {
		m := medians(runs...)
		b.ReportMetric((m[0]/m[1]-1)*100, "%overhead")
		b.ReportMetric((m[2]/m[1]-1)*100, "%floor")
		for k, v := range extra {
			b.ReportMetric((m[3+k]/m[1]-1)*100, "%"+v.name)
		}
		b.ReportMetric(m[0]/float64(n)*1e6, "µs/"+unit)
		b.ReportMetric(m[1]/float64(n)*1e6, "µs/plain_"+unit)
	}
}

// BenchmarkChangeLogOverhead compares tx.Put of new rows (row with its field clocks, and
// one change-log entry each) with a prepared plain INSERT of the same rows, in one
// transaction. "%floor" is the cheapest logged write possible: the plain INSERT plus a
// prepared plain INSERT of each row's log entry, with no Go work.
func BenchmarkChangeLogOverhead(b *testing.B) { bulkOverhead(b, 5000, 1) }

// BenchmarkChangeLogOverheadBatched writes new rows as a bulk import does, through
// tx.InsertAll in runs of 64 (one multi-row INSERT for the rows, one for their log
// entries), against a prepared 64-row plain INSERT of the same rows. With the cost of
// statements shared out, what is left is the bytes: "%floor" adds the same 64-row INSERT of
// the log rows Pacta writes.
func BenchmarkChangeLogOverheadBatched(b *testing.B) { bulkOverhead(b, 78*64, 64) }

// bulkOverhead writes rows new assets in one transaction, batch at a time: through tx.Put
// when batch is 1, else through tx.InsertAll; and plainly, with prepared INSERTs of batch
// rows (rows is a multiple of batch, so that both sides run whole statements).
func bulkOverhead(b *testing.B, rows, batch int) {
	ctx := context.Background()
	lat := 38.1
	mk := func(i int) *model.Asset {
		// As domain code makes a new row: no id yet (Put mints it).
		return &model.Asset{Ref: fmt.Sprintf("ASSET-%05d", i), Kind: "square", Name: fmt.Sprintf("Piazza %d", i), District: "Centro", Lat: &lat}
	}
	var logs []model.Change
	put := func() float64 {
		st, err := model.Open(filepath.Join(b.TempDir(), "put.db"), model.Options{Device: "d"})
		require.NoError(b, err)
		defer st.Close()
		t0 := time.Now()
		require.NoError(b, st.Update(ctx, func(tx *model.Tx) error {
			es := make([]model.Entity, 0, batch)
			for k := 0; k < rows; k++ {
				if batch == 1 {
					if err := tx.Put(mk(k)); err != nil {
						return err
					}
					continue
				}
				if es = append(es, mk(k)); len(es) == batch {
					if err := tx.InsertAll(es); err != nil {
						return err
					}
					es = es[:0]
				}
			}
			return nil
		}))
		el := time.Since(t0).Seconds()
		if logs == nil {
			require.NoError(b, st.Update(ctx, func(tx *model.Tx) error {
				logs, _, err = tx.PendingChanges()
				return err
			}))
		}
		return el
	}
	plain := func(log bool) float64 {
		st, err := model.Open(filepath.Join(b.TempDir(), "plain.db"), model.Options{Device: "d"})
		require.NoError(b, err)
		defer st.Close()
		t0 := time.Now()
		tx, err := st.DB().Beginx()
		require.NoError(b, err)
		ins, err := tx.Prepare(multiRow(`INSERT INTO assets(id, ref, kind, name, district, lat) VALUES(?, ?, ?, ?, ?, ?)`, batch))
		require.NoError(b, err)
		logIns, err := tx.Prepare(multiRow(`INSERT INTO changes(device, seq, hlc, tbl, row, fields, prev) VALUES(?, ?, ?, ?, ?, ?, ?)`, batch))
		require.NoError(b, err)
		var args, largs []any
		for k := 0; k < rows; k++ {
			a := mk(k)
			a.ID = model.NewID()
			args = append(args, a.ID, a.Ref, a.Kind, a.Name, a.District, a.Lat)
			c := logs[k]
			largs = append(largs, c.Device, c.Seq, c.HLC, c.Table, a.ID, string(c.Fields), string(c.Prev))
			if len(args) == batch*6 {
				_, err := ins.Exec(args...)
				require.NoError(b, err)
				if log {
					_, err = logIns.Exec(largs...)
					require.NoError(b, err)
				}
				args, largs = args[:0], largs[:0]
			}
		}
		require.NoError(b, tx.Commit())
		return time.Since(t0).Seconds()
	}
	reportOverhead(b, rows, "row", put, plain)
}

// multiRow turns a one-row "INSERT … VALUES (…)" into one inserting n rows.
func multiRow(q string, n int) string {
	i := strings.LastIndex(q, "VALUES")
	one := strings.TrimSpace(q[i+len("VALUES"):])
	return q[:i] + "VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
}

// BenchmarkPropertyLong runs the convergence property on more seeds when PACTA_LONG=1
// (make bench), so that the long run is part of the benchmark pass.
func BenchmarkPropertyLong(b *testing.B) {
	if os.Getenv("PACTA_LONG") == "" {
		b.Skip("set PACTA_LONG=1 for the long property run")
	}
	for i := 0; i < b.N; i++ {
		for seed := int64(100); seed < 106; seed++ {
			runProperty(b, propConfig{seed: seed, steps: 2500, replicas: 5})
		}
	}
}

// BenchmarkChangeLogOverheadPerEdit measures what a person's edit costs: one field of one
// asset changed in its own transaction, through Store.Update and tx.Put (row with its
// field clocks, and one change-log entry), against the same UPDATE in its own transaction
// without the log. It also measures the floor of any design that logs in the same
// transaction: the plain UPDATE plus one plain INSERT of a log row of the same size, with
// no reading, clocks or Go work at all ("%floor"); and, to tell the cost of a statement
// from the cost of one more page in the commit, the plain UPDATE plus a second UPDATE of
// the same row ("%second_statement"). Every statement is prepared once, on both sides.
func BenchmarkChangeLogOverheadPerEdit(b *testing.B) {
	const edits = 2000
	ctx := context.Background()
	var logRow model.Change
	put := func() float64 {
		st, err := model.Open(filepath.Join(b.TempDir(), "put.db"), model.Options{Device: "d"})
		require.NoError(b, err)
		defer st.Close()
		a := &model.Asset{Ref: "ASSET-0001", Kind: "square", Name: "Piazza", District: "Centro"}
		require.NoError(b, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(a) }))
		t0 := time.Now()
		for k := 0; k < edits; k++ {
			a.Name = fmt.Sprintf("Piazza %d", k)
			require.NoError(b, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(a) }))
		}
		el := time.Since(t0).Seconds()
		require.NoError(b, st.DB().Get(&logRow, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes ORDER BY seq DESC LIMIT 1"))
		return el
	}
	// second: instead of the log row, a second statement on the same row (same page).
	write := func(log, second bool) float64 {
		st, err := model.Open(filepath.Join(b.TempDir(), "plain.db"), model.Options{Device: "d"})
		require.NoError(b, err)
		defer st.Close()
		id := model.NewID()
		_, err = st.DB().Exec(`INSERT INTO assets(id, ref, kind, name, district) VALUES(?, 'ASSET-0001', 'square', 'Piazza', 'Centro')`, id)
		require.NoError(b, err)
		// Prepared once, as Put's statements are: the plain write pays no parsing either.
		up, err := st.DB().Prepare(`UPDATE assets SET name = ? WHERE id = ?`)
		require.NoError(b, err)
		defer up.Close()
		logIns, err := st.DB().Prepare(`INSERT INTO changes(device, seq, hlc, tbl, row, fields, prev) VALUES(?, ?, ?, ?, ?, ?, ?)`)
		require.NoError(b, err)
		defer logIns.Close()
		again, err := st.DB().Prepare(`UPDATE assets SET clk = ? WHERE id = ?`)
		require.NoError(b, err)
		defer again.Close()
		t0 := time.Now()
		for k := 0; k < edits; k++ {
			tx, err := st.DB().Begin()
			require.NoError(b, err)
			_, err = tx.Stmt(up).Exec(fmt.Sprintf("Piazza %d", k), id)
			require.NoError(b, err)
			if log {
				_, err = tx.Stmt(logIns).Exec(logRow.Device, k+1, logRow.HLC, logRow.Table, id, string(logRow.Fields), string(logRow.Prev))
				require.NoError(b, err)
			}
			if second {
				_, err = tx.Stmt(again).Exec(string(logRow.Fields), id)
				require.NoError(b, err)
			}
			require.NoError(b, tx.Commit())
		}
		return time.Since(t0).Seconds()
	}
	plain := func(log bool) float64 { return write(log, false) }
	reportOverhead(b, edits, "edit", put, plain, variant{"second_statement", func() float64 { return write(false, true) }})
}
