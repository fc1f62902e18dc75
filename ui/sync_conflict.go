package ui

import (
	"pacta/i18n"
	"pacta/model"
)

// writtenOn names the laptop that wrote one side of a conflict ("" when it is unknown).
func writtenOn(db model.Querier, device string) string {
	d, ok, err := model.GetDevice(db, device)
	if err != nil || !ok || d.Name == "" {
		return ""
	}
	return i18n.T("sync.written_on", map[string]any{"Name": d.Name})
}
