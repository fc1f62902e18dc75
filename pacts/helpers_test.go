package pacts

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

var ctx = context.Background()

// day0 is the tests' "today".
var day0 = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

func by(days int) By { return By{Actor: "Officer Test", Now: day0.AddDate(0, 0, days)} }

func openStore(t testing.TB) *model.Store {
	t.Helper()
	st, err := model.Open(filepath.Join(t.TempDir(), "pacta.db"), model.Options{Device: "dev-test"})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, "Comune di Palermo"); err != nil {
			return err
		}
		return tx.PutSetting(model.SettingLegalBasis, "il Regolamento dei Beni Comuni (deliberazione n. 31 del 20/04/2023)")
	}))
	return st
}

func f64(v float64) *float64 { return &v }

// addAsset creates an asset and returns its ref.
func addAsset(t testing.TB, st *model.Store, ref, name, addr string) string {
	t.Helper()
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Asset{Ref: ref, Kind: "square", Name: name, Address: addr, District: "Kalsa", Lat: f64(38.1163), Lon: f64(13.3702)})
	}))
	return ref
}

// readyPact creates an ordinary pact with everything signing needs, in status approved.
func readyPact(t testing.TB, st *model.Store, lang string) *Dossier {
	t.Helper()
	asset := addAsset(t, st, "ASSET-"+lang, "Piazza Magione", "Piazza Magione, Palermo")
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		p, err := CreateTx(tx, NewPact{Title: "Cura di Piazza Magione", Lang: lang, Proponent: "Associazione Àncora",
			ProponentType: "association", AssetRefs: []string{asset}}, by(-60))
		if err != nil {
			return err
		}
		id = p.ID
		x := DetailsOf(p)
		x.DurationMonths, x.ExtensionMonths = 12, 6
		if err := SetDetails(tx, id, x); err != nil {
			return err
		}
		for _, s := range []struct {
			to   string
			days int
		}{{Submitted, -50}, {InReview, -45}, {Approved, -30}} {
			if err := TransitionTx(tx, id, s.to, "", by(s.days)); err != nil {
				return err
			}
		}
		return nil
	}))
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	return d
}

func signAll(t testing.TB, st *model.Store, d *Dossier, date string) {
	t.Helper()
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, p := range d.Parties {
			if _, err := Sign(tx, d.Pact.ID, Signature{Party: p.Name, Signer: "Firmatario " + p.Name, Date: date, Method: "paper"}, by(0)); err != nil {
				return err
			}
		}
		return nil
	}))
}
