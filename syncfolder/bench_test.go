package syncfolder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/stretchr/testify/require"

	"pacta/model"
)

// benchAssets makes n assets with ten non-zero fields each on r (one change each).
func benchAssets(b *testing.B, r *peer, n int) {
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
		_, err := joinAccepting(b, fresh)
		require.NoError(b, err)
		t0 := time.Now()
		rep := fresh.sync(b)
		replay += time.Since(t0).Seconds()
		require.GreaterOrEqual(b, rep.Applied, rows)

		// Direct: the same rows with one plain INSERT each, in one transaction.
		dpath := filepath.Join(b.TempDir(), "d.db")
		st, err := model.Open(dpath, model.Options{Device: "direct"})
		require.NoError(b, err)
		// The store's readers refuse writes (query_only): the baseline writes on a plain
		// connection of its own, outside the write path.
		plain, err := sqlx.Open(model.DriverName, model.DSN(dpath))
		require.NoError(b, err)
		t0 = time.Now()
		// The baseline is the fastest plain way: one prepared statement in one transaction.
		tx, err := plain.Beginx()
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
		plain.Close()
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

// BenchmarkExport100k measures the export side of a registry of 100,000 assets made on
// this laptop: sealing them into one segment and writing it (the first share), a sync
// with nothing to export (what the background sync does every few seconds), and a sync
// after one edit (the rows are found by their lseq, then read and sealed).
func BenchmarkExport100k(b *testing.B) {
	const rows = 100_000
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		rs := founded(b, OSFS{Root: b.TempDir()}, "A")
		r := rs[0]
		benchAssets(b, r, rows)
		t0 := time.Now()
		rep := r.sync(b)
		first := time.Since(t0).Seconds()
		require.Equal(b, rows, rep.Exported)
		t0 = time.Now()
		const idle = 5
		for k := 0; k < idle; k++ {
			require.Zero(b, r.sync(b).Exported)
		}
		idleSync := time.Since(t0).Seconds() / idle
		var a model.Asset
		require.NoError(b, r.store.DB().Get(&a, "SELECT "+strings.Join(model.TableColumns("assets"), ", ")+" FROM assets LIMIT 1"))
		a.Name = "Piazza Grande"
		require.NoError(b, r.store.Update(ctx, func(tx *model.Tx) error { return tx.Put(&a) }))
		t0 = time.Now()
		require.Equal(b, 1, r.sync(b).Exported)
		oneEdit := time.Since(t0).Seconds()
		b.ReportMetric(float64(rows)/first, "sealed_changes/s")
		b.ReportMetric(idleSync*1e3, "ms/idle_sync")
		b.ReportMetric(oneEdit*1e3, "ms/sync_of_one_edit")
	}
}
