// Command icongen draws Pacta's icon (packaging/icon.png): two overlapping rings, the
// municipality and its citizens, on a deep green tile, with the shared part filled: the
// commons they care for together. Simple shapes so it stays readable at 32 px.
//
//	go run ./packaging/icongen -o packaging/icon.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

func main() {
	out := flag.String("o", "icon.png", "output PNG")
	size := flag.Int("size", 512, "edge in pixels")
	flag.Parse()
	img := draw(*size)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	const ss = 4 // supersampling for smooth edges
	s := float64(n)
	bg := color.NRGBA{0x1f, 0x6b, 0x4a, 0xff}
	ring := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	shared := color.NRGBA{0xf2, 0xc1, 0x4e, 0xff}
	r := 0.22 * s  // ring radius
	w := 0.055 * s // ring width
	c1 := [2]float64{0.38 * s, 0.5 * s}
	c2 := [2]float64{0.62 * s, 0.5 * s}
	corner := 0.18 * s
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			var acc [4]float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := float64(x) + (float64(sx)+0.5)/ss
					py := float64(y) + (float64(sy)+0.5)/ss
					if !inRoundedSquare(px, py, s, corner) {
						continue
					}
					col := bg
					d1 := math.Hypot(px-c1[0], py-c1[1])
					d2 := math.Hypot(px-c2[0], py-c2[1])
					if d1 < r && d2 < r {
						col = shared
					}
					if math.Abs(d1-r) < w/2 || math.Abs(d2-r) < w/2 {
						col = ring
					}
					acc[0] += float64(col.R)
					acc[1] += float64(col.G)
					acc[2] += float64(col.B)
					acc[3] += 255
				}
			}
			k := float64(ss * ss)
			if acc[3] == 0 {
				continue
			}
			a := acc[3] / k
			img.SetNRGBA(x, y, color.NRGBA{uint8(acc[0] / acc[3] * 255), uint8(acc[1] / acc[3] * 255), uint8(acc[2] / acc[3] * 255), uint8(a)})
		}
	}
	return img
}

func inRoundedSquare(x, y, s, r float64) bool {
	cx := math.Max(r, math.Min(s-r, x))
	cy := math.Max(r, math.Min(s-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}
