package packaging

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIconIsASquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	require.NoError(t, err)
	b := img.Bounds()
	require.Equal(t, b.Dx(), b.Dy())
	require.GreaterOrEqual(t, b.Dx(), 256)
}

func TestMetadataFilesAreWellFormed(t *testing.T) {
	x, err := os.ReadFile("org.pactacommons.pacta.metainfo.xml")
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(x, new(struct{})))
	d, err := os.ReadFile("org.pactacommons.pacta.desktop")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(d), "[Desktop Entry]"))
	require.Contains(t, string(d), "Exec=pacta")
}
