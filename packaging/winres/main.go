// Command winres writes the Windows resources of Pacta.exe (its icon and version
// information) as a .syso file that `go build` links into the executable:
//
//	go run ./packaging/winres -version 0.2.0 -o pacta_windows_amd64.syso
//
// The Fyne packager would do this too, but it builds the program itself without our
// -ldflags, and the packaged program then knew neither its commit nor its build date.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/josephspurrier/goversioninfo"
	"golang.org/x/image/draw"

	"pacta/packaging"
)

func main() {
	version := flag.String("version", "0.0.0", "the version, x.y.z (a leading v and a -suffix are dropped)")
	out := flag.String("o", "pacta_windows_amd64.syso", "the .syso file to write")
	flag.Parse()
	if err := write(*version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func write(version, out string) error {
	dir, err := os.MkdirTemp("", "winres")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ico := filepath.Join(dir, "pacta.ico")
	if err := writeICO(ico, packaging.Icon); err != nil {
		return err
	}
	var vi goversioninfo.VersionInfo
	version = strings.TrimPrefix(version, "v")
	v := numbers(version)
	fv := goversioninfo.FileVersion{Major: v[0], Minor: v[1], Patch: v[2]}
	vi.FixedFileInfo.FileVersion, vi.FixedFileInfo.ProductVersion = fv, fv
	vi.StringFileInfo = goversioninfo.StringFileInfo{
		ProductName: "Pacta", FileDescription: "Pacta: commons co-management", CompanyName: "Pacta contributors",
		LegalCopyright: "MIT licence", OriginalFilename: "Pacta.exe", InternalName: "pacta",
		FileVersion: version, ProductVersion: version,
	}
	vi.VarFileInfo.Translation = goversioninfo.Translation{LangID: goversioninfo.LngUSEnglish, CharsetID: goversioninfo.CsUnicode}
	vi.IconPath = ico
	vi.Build()
	vi.Walk()
	return vi.WriteSyso(out, "amd64")
}

// numbers are the three numbers of "v0.2.0-3-gabc": 0, 2, 0.
func numbers(version string) [3]int {
	var n [3]int
	version = strings.TrimPrefix(version, "v")
	version, _, _ = strings.Cut(version, "-")
	for i, p := range strings.SplitN(version, ".", 3) {
		n[i], _ = strconv.Atoi(p)
	}
	return n
}

// writeICO writes an .ico holding the icon at 256, 48, 32 and 16 pixels, each as PNG
// (which Windows reads in .ico files since Vista).
func writeICO(path string, pngData []byte) error {
	src, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return err
	}
	sizes := []int{256, 48, 32, 16}
	var images [][]byte
	for _, s := range sizes {
		dst := image.NewRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return err
		}
		images = append(images, b.Bytes())
	}
	var f bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&f, le, [3]uint16{0, 1, uint16(len(images))}) // reserved, type icon, count
	offset := 6 + 16*len(images)
	for i, img := range images {
		w := byte(sizes[i] % 256) // 0 means 256
		binary.Write(&f, le, struct {
			W, H, Colors, Reserved byte
			Planes, Bits           uint16
			Size, Offset           uint32
		}{w, w, 0, 0, 1, 32, uint32(len(img)), uint32(offset)})
		offset += len(img)
	}
	for _, img := range images {
		f.Write(img)
	}
	return os.WriteFile(path, f.Bytes(), 0o644)
}
