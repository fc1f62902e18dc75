package ui

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
	"pacta/pacts"
)

// TestSettingsNameTheRulesAndTheFiscalLabel: the municipality's profile offers what the
// rules are called as a choice and the fiscal identifier's label as a field; saving
// untouched writes neither (unset stays unset), choosing an ordinance and typing RUC writes
// both.
func TestSettingsNameTheRulesAndTheFiscalLabel(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("settings")
	p := sh.Page("settings").(*settingsPage)
	require.NotNil(t, p.regulation)
	require.Equal(t, 0, p.regulation.SelectedIndex(), "unset reads as a regulation")
	require.Contains(t, p.profile, pacts.SettingFiscalLabel)

	require.True(t, p.SaveTyped(), p.status.Text)
	for _, name := range []string{pacts.SettingRegulation, pacts.SettingFiscalLabel} {
		v, err := model.GetSetting(sh.WS.Store.DB(), name, "<unset>")
		require.NoError(t, err)
		require.Equal(t, "<unset>", v, "saving untouched writes no %s", name)
	}

	p.regulation.SetSelectedIndex(1)
	p.profile[pacts.SettingFiscalLabel].SetText("RUC")
	require.True(t, p.SaveTyped(), p.status.Text)
	ws, err := pacts.LoadWorkspace(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Equal(t, "ordinance", ws.Profile.Regulation)
	require.Equal(t, "RUC", ws.Profile.FiscalLabel)
	require.Equal(t, "Ordenanza", ws.RegulationIn("es").Name)
	require.Equal(t, "RUC", ws.FiscalLabelIn("it"))
	require.Equal(t, 1, p.regulation.SelectedIndex(), "shown as stored after the save")
}
