package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// TestObservationsInTheEditor: on a published complex pact the History tab offers to
// record an observation; one dated after the publication closed is refused under the date
// with everything typed kept; a good one is listed, and answered.
func TestObservationsInTheEditor(t *testing.T) {
	sh, e := openDraftEditor(t)
	ctx := context.Background()
	by := pacts.By{Actor: "Ufficio", Now: time.Now().AddDate(0, 0, -10)}
	require.NoError(t, sh.WS.Store.Update(ctx, func(tx *model.Tx) error {
		d, err := pacts.Load(tx, e.id)
		if err != nil {
			return err
		}
		x := pacts.DetailsOf(d.Pact)
		x.Kind = pacts.Complex
		if err := pacts.SetDetails(tx, e.id, x); err != nil {
			return err
		}
		for _, to := range []string{pacts.Submitted, pacts.InReview, pacts.Published} {
			if err := pacts.TransitionTx(tx, e.id, to, "", by); err != nil {
				return err
			}
		}
		return nil
	}))
	sh.Page("pacts").(*pactsPage).Open(e.id)
	e = sh.Page("pacts").(*pactsPage).editor
	require.True(t, hasText(e.historyTab(), i18n.T("pact.ui.observe")))

	d := e.askObserve()
	f := d.fields
	test.Type(f[1].widget.(*Entry), "Comitato Kalsa")
	date := f[2].widget.(*Entry)
	date.SetText(pacts.Day(time.Now().AddDate(0, 3, 0)))
	test.Type(f[3].widget.(*Entry), "Apertura anche la domenica")
	test.Tap(d.confirm)
	require.Same(t, d.overlay, topDialog(t, sh), "the dialog stays open")
	require.NotEmpty(t, fieldMessage(d, i18n.T("pact.ui.field.received_on")), "said under the date")
	require.Equal(t, "Comitato Kalsa", f[1].widget.(*Entry).Text)
	date.SetText(pacts.Day(time.Now()))
	test.Tap(d.confirm)
	noDialogOn(t, sh)
	require.Len(t, e.d.Observations, 1)
	require.True(t, hasTextPart(e.historyTab(), "Apertura anche la domenica"))

	a := e.askAnswer(e.d.Observations[0])
	test.Type(a.fields[0].widget.(*Entry), "Accolta: la domenica mattina")
	test.Tap(a.confirm)
	noDialogOn(t, sh)
	require.Equal(t, "Accolta: la domenica mattina", e.d.Observations[0].Answer)
}
