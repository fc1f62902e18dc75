// Package packaging holds Pacta's icon, desktop entry and AppStream metadata, and the
// generator of the icon.
package packaging

import _ "embed"

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
