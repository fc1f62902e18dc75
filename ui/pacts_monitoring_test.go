package ui

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/pacts"
)

// TestReportFormDisabledOnADraft: a draft cannot take a monitoring report: its form is
// shown disabled, with the reason; an active pact's form is enabled.
func TestReportFormDisabledOnADraft(t *testing.T) {
	sh, e := openDraftEditor(t)
	tab := e.monitoringTab()
	require.True(t, e.repPeriod.Disabled(), "the draft's report form is disabled")
	why := sentence(pacts.ReportRefusal(e.d.Pact.Ref, e.d.Pact.Status).Localized(i18n.Current()))
	require.True(t, hasText(tab, why), "and says why: %s", why)

	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	p.status.SetSelected(i18n.T("pact.status.active"))
	require.NotEmpty(t, p.items)
	p.Open(p.items[0].ID)
	e = p.editor
	e.monitoringTab()
	require.False(t, e.repPeriod.Disabled(), "an active pact takes reports")
}
