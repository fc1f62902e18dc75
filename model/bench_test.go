package model

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The change log's cost. Every benchmark here writes the same rows several ways and
// reports, as medians of interleaved runs:
//
//   - "%log": Pacta's write (through Store.Update) against the same write without the
//     change log: the same transaction, the same reading of the row and the same
//     comparison of its fields, the same UPDATE or INSERT, minus the sequence number and
//     clocks stamped into the row (putNoLog, insertNoLog). This is what the log adds.
//   - "%overhead": Pacta's write against a hand-written, prepared UPDATE or INSERT of the
//     fields known to change, on a plain connection, in transactions begun and committed
//     as Store.Update does (no reading, no comparing, no reflection).
//   - "%floor": that hand-written statement writing the same clocks and sequence numbers
//     too: the bytes of the log, without Pacta's work.

// overheadRounds is how many times each variant runs, in turn, before the medians are
// taken: single runs of a few hundred milliseconds on a shared machine differ by a fifth
// from one to the next.
const overheadRounds = 15

// variant is one way of writing the same rows: run writes them and returns the seconds
// it took.
type variant struct {
	name string
	run  func() float64
}

// cpuSeconds is the processor time this process has used (user and system, every
// thread): unlike the wall clock, it does not count the waits for the disk, which on a
// shared machine vary from one run to the next far more than the work does.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// rounds runs every variant overheadRounds times, rotating which goes first, and returns
// the wall seconds and processor seconds of each run, by round.
func rounds(vs []variant) (wall, cpu [][]float64) {
	for r := 0; r < overheadRounds; r++ {
		w, c := make([]float64, len(vs)), make([]float64, len(vs))
		for k := range vs {
			i := (k + r) % len(vs)
			c0 := cpuSeconds()
			w[i] = vs[i].run()
			c[i] = cpuSeconds() - c0
		}
		wall, cpu = append(wall, w), append(cpu, c)
	}
	return wall, cpu
}

// medianRatio is the median over rounds of run i's time over run j's, less one, in
// percent. Runs of one round follow each other within a second or two, so that a ratio
// within a round is spared the slower drifts of a shared machine; the median spares it
// the runs a checkpoint of the write-ahead log fell into.
func medianRatio(t [][]float64, i, j int) float64 {
	rs := make([]float64, len(t))
	for r := range t {
		rs[r] = t[r][i] / t[r][j]
	}
	sort.Float64s(rs)
	return (rs[len(rs)/2] - 1) * 100
}

// median is the median over rounds of run i's time.
func median(t [][]float64, i int) float64 {
	xs := make([]float64, len(t))
	for r := range t {
		xs[r] = t[r][i]
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// reportOverhead runs pacta, nolog, plain and the other variants in rounds and reports
// "%log" (pacta over nolog), "%overhead" (pacta over plain), "%"+name of every other
// variant over plain, each in wall time and, with the suffix "_cpu", in processor time;
// and the wall time of one of n units. pacta runs once first, untimed, so that the
// variants that need what it writes (the clocks a floor writes) have it.
func reportOverhead(b *testing.B, n int, unit string, pacta, nolog, plain variant, others ...variant) {
	pacta.run()
	vs := append([]variant{pacta, nolog, plain}, others...)
	for i := 0; i < b.N; i++ {
		wall, cpu := rounds(vs)
		for _, m := range []struct {
			t      [][]float64
			suffix string
		}{{wall, ""}, {cpu, "_cpu"}} {
			b.ReportMetric(medianRatio(m.t, 0, 1), "%log"+m.suffix)
			b.ReportMetric(medianRatio(m.t, 0, 2), "%overhead"+m.suffix)
			for k, v := range others {
				b.ReportMetric(medianRatio(m.t, 3+k, 2), "%"+v.name+m.suffix)
			}
		}
		b.ReportMetric(median(wall, 0)/float64(n)*1e6, "µs/"+unit)
		b.ReportMetric(median(wall, 2)/float64(n)*1e6, "µs/plain_"+unit)
	}
}

// benchStore opens a fresh workspace with a device id of the real length.
func benchStore(b *testing.B) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "w.db"), Options{Device: NewID()})
	require.NoError(b, err)
	return s
}

// plainConn is a plain connection to a fresh workspace (the same schema, indexes and
// triggers as Pacta's), with BEGIN IMMEDIATE and COMMIT prepared: the baseline writes as
// Store.Update does, minus Pacta's work.
type plainConn struct {
	db            *sql.DB
	c             *sql.Conn
	begin, commit *sql.Stmt
}

func openPlain(b *testing.B) *plainConn {
	s := benchStore(b)
	path := s.Path()
	require.NoError(b, s.Close())
	db, err := sql.Open(DriverName, DSN(path))
	require.NoError(b, err)
	c, err := db.Conn(context.Background())
	require.NoError(b, err)
	p := &plainConn{db: db, c: c}
	p.begin, p.commit = p.prepare(b, beginQ), p.prepare(b, commitQ)
	return p
}

func (p *plainConn) prepare(b *testing.B, q string) *sql.Stmt {
	st, err := p.c.PrepareContext(context.Background(), q)
	require.NoError(b, err)
	return st
}

// tx runs fn in one transaction.
func (p *plainConn) tx(b *testing.B, fn func()) {
	_, err := p.begin.Exec()
	require.NoError(b, err)
	fn()
	_, err = p.commit.Exec()
	require.NoError(b, err)
}

func (p *plainConn) close() {
	p.c.Close()
	p.db.Close()
}

// noLogQueries caches the statements of putNoLog and insertNoLog.
var noLogQueries sync.Map

// putNoLog is Put without the change log: it reads the row, compares its fields and
// updates those that differ, or inserts a new row, as Put does, and stamps nothing.
func (tx *Tx) putNoLog(e Entity) error {
	ti, v, err := lookupTable(e)
	if err != nil {
		return err
	}
	idv := v.FieldByIndex(ti.cols[0].index)
	if idv.String() == "" {
		idv.SetString(NewID())
		return tx.insertNoLog([]NewRow{newRow(ti, v)})
	}
	old := reflect.New(ti.typ).Elem()
	st, err := tx.stmt(ti.loadQ)
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(tx.rowCtx, idv.String()).Scan(ti.dests(old)...); err != nil {
		return err
	}
	var set uint64
	var vals []any
	for i, c := range ti.cols[1:] {
		if f := v.FieldByIndex(c.index); !equalValue(old.FieldByIndex(c.index), f) {
			set |= 1 << (i + 1)
			vals = append(vals, f.Interface())
		}
	}
	if set == 0 {
		return nil
	}
	q, ok := noLogQueries.Load(ti.updateOf(set, false))
	if !ok {
		q = strings.Replace(ti.updateOf(set, false), ", clk = ?", "", 1)
		noLogQueries.Store(ti.updateOf(set, false), q)
	}
	return tx.execCached(q.(string), append(vals, idv.String())...)
}

// insertNoLog is InsertRows without the change log (rows of one table and one column set).
func (tx *Tx) insertNoLog(rows []NewRow) error {
	q := strings.Replace(rows[0].ti.insertOf(rows[0].set), ", clk, lseq)", ")", 1)
	q = strings.Replace(q, ", ?, ?)", ")", 1)
	var args []any
	for _, r := range rows {
		args = append(args, r.args...)
	}
	if len(rows) > 1 {
		q = multiRow(q, len(rows))
	}
	return tx.execCached(q, args...)
}

// BenchmarkChangeLogOverhead writes 5,000 new rows in one transaction, each through Put.
func BenchmarkChangeLogOverhead(b *testing.B) { bulkOverhead(b, 5000, 1) }

// BenchmarkChangeLogOverheadBatched writes new rows as a bulk import does, through
// InsertAll in runs of 64 (one multi-row INSERT), against 64-row INSERTs.
func BenchmarkChangeLogOverheadBatched(b *testing.B) { bulkOverhead(b, 78*64, 64) }

// bulkOverhead writes rows new assets in one transaction, batch at a time: through Put
// when batch is 1, else through InsertAll; and plainly, with prepared INSERTs of batch
// rows (rows is a multiple of batch, so that every side runs whole statements).
func bulkOverhead(b *testing.B, rows, batch int) {
	ctx := context.Background()
	lat := 38.1
	mk := func(i int) *Asset {
		// As domain code makes a new row: no id yet (Put mints it).
		return &Asset{Ref: fmt.Sprintf("ASSET-%05d", i), Kind: "square", Name: fmt.Sprintf("Piazza %d", i), District: "Centro", Lat: &lat}
	}
	var clks []string // the clocks Pacta wrote, for the floor
	write := func(log bool) float64 {
		st := benchStore(b)
		defer st.Close()
		t0 := time.Now()
		require.NoError(b, st.Update(ctx, func(tx *Tx) error {
			es := make([]Entity, 0, batch)
			for k := 0; k < rows; k++ {
				if es = append(es, mk(k)); len(es) < batch {
					continue
				}
				var err error
				switch {
				case log && batch == 1:
					err = tx.Put(es[0])
				case log:
					err = tx.InsertAll(es)
				default:
					nrs := make([]NewRow, len(es))
					for i, e := range es {
						if nrs[i], err = PrepareNew(e); err != nil {
							return err
						}
					}
					err = tx.insertNoLog(nrs)
				}
				if err != nil {
					return err
				}
				es = es[:0]
			}
			return nil
		}))
		el := time.Since(t0).Seconds()
		if log && clks == nil {
			require.NoError(b, st.DB().Select(&clks, "SELECT clk FROM assets ORDER BY rowid"))
		}
		return el
	}
	plain := func(log bool) float64 {
		p := openPlain(b)
		defer p.close()
		cols, marks := "id, ref, kind, name, district, lat", "?, ?, ?, ?, ?, ?"
		if log {
			cols, marks = cols+", clk, lseq", marks+", ?, ?"
		}
		ins := p.prepare(b, multiRow("INSERT INTO assets("+cols+") VALUES("+marks+")", batch))
		t0 := time.Now()
		p.tx(b, func() {
			var args []any
			for k := 0; k < rows; k++ {
				a := mk(k)
				args = append(args, NewID(), a.Ref, a.Kind, a.Name, a.District, a.Lat)
				if log {
					args = append(args, clks[k], k+1)
				}
				if k%batch == batch-1 {
					_, err := ins.Exec(args...)
					require.NoError(b, err)
					args = args[:0]
				}
			}
		})
		return time.Since(t0).Seconds()
	}
	reportOverhead(b, rows, "row",
		variant{"pacta", func() float64 { return write(true) }},
		variant{"nolog", func() float64 { return write(false) }},
		variant{"plain", func() float64 { return plain(false) }},
		variant{"floor", func() float64 { return plain(true) }})
}

// BenchmarkChangeLogOverheadPerEdit measures what a person's edit costs: one field of one
// asset (its name: indexed and searched, as the registry's table is) changed in its own
// transaction, through Store.Update and Put, which reads the row, stamps the change in its
// clocks and writes the field with them. "%putedit" is the same edit saved as the forms
// save it (PutEdit, from the row the form showed); "%sql_tx" the hand-written UPDATE in a
// database/sql transaction, as the figures before 2026-12-02 were measured against.
func BenchmarkChangeLogOverheadPerEdit(b *testing.B) {
	const edits = 1000
	ctx := context.Background()
	var clks []string // the clocks Pacta wrote, edit by edit, for the floor
	edit := func(how string) float64 {
		st := benchStore(b)
		defer st.Close()
		a := &Asset{Ref: "ASSET-0001", Kind: "square", Name: "Piazza", District: "Centro"}
		require.NoError(b, st.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
		record := how == "put" && clks == nil
		t0 := time.Now()
		for k := 0; k < edits; k++ {
			edited := *a
			edited.Name = fmt.Sprintf("Piazza %d", k)
			require.NoError(b, st.Update(ctx, func(tx *Tx) error {
				switch how {
				case "put":
					return tx.Put(&edited)
				case "putedit":
					return tx.PutEdit(a, &edited)
				}
				return tx.putNoLog(&edited)
			}))
			*a = edited
			if record {
				var clk string
				require.NoError(b, st.DB().Get(&clk, "SELECT clk FROM assets WHERE id = ?", a.ID))
				clks = append(clks, clk)
			}
		}
		return time.Since(t0).Seconds()
	}
	plain := func(log bool) float64 {
		p := openPlain(b)
		defer p.close()
		id := NewID()
		_, err := p.c.ExecContext(ctx, `INSERT INTO assets(id, ref, kind, name, district) VALUES(?, 'ASSET-0001', 'square', 'Piazza', 'Centro')`, id)
		require.NoError(b, err)
		up := p.prepare(b, `UPDATE assets SET name = ? WHERE id = ?`)
		upLog := p.prepare(b, `UPDATE assets SET name = ?, clk = ?, lseq = ? WHERE id = ?`)
		t0 := time.Now()
		for k := 0; k < edits; k++ {
			name := fmt.Sprintf("Piazza %d", k)
			p.tx(b, func() {
				var err error
				if log {
					_, err = upLog.Exec(name, clks[k], k+2, id)
				} else {
					_, err = up.Exec(name, id)
				}
				require.NoError(b, err)
			})
		}
		return time.Since(t0).Seconds()
	}
	sqlTx := func() float64 {
		p := openPlain(b)
		defer p.close()
		id := NewID()
		_, err := p.c.ExecContext(ctx, `INSERT INTO assets(id, ref, kind, name, district) VALUES(?, 'ASSET-0001', 'square', 'Piazza', 'Centro')`, id)
		require.NoError(b, err)
		p.c.Close() // the pool's connection serves the transactions
		up, err := p.db.Prepare(`UPDATE assets SET name = ? WHERE id = ?`)
		require.NoError(b, err)
		defer up.Close()
		t0 := time.Now()
		for k := 0; k < edits; k++ {
			tx, err := p.db.Begin()
			require.NoError(b, err)
			_, err = tx.Stmt(up).Exec(fmt.Sprintf("Piazza %d", k), id)
			require.NoError(b, err)
			require.NoError(b, tx.Commit())
		}
		return time.Since(t0).Seconds()
	}
	reportOverhead(b, edits, "edit",
		variant{"pacta", func() float64 { return edit("put") }},
		variant{"nolog", func() float64 { return edit("nolog") }},
		variant{"plain", func() float64 { return plain(false) }},
		variant{"floor", func() float64 { return plain(true) }},
		variant{"putedit", func() float64 { return edit("putedit") }},
		variant{"sql_tx", sqlTx})
}
