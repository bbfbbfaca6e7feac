package report

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWritePlot(t *testing.T) {
	dir := t.TempDir()
	svg, pngPath := filepath.Join(dir, "p.svg"), filepath.Join(dir, "p.png")
	if err := WritePlot(sample(), svg, pngPath); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	// Well-formed XML whose root is an svg element, naming every series
	// that has figures in its legend.
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := ""
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	if root != "svg" {
		t.Errorf("SVG root element is %q", root)
	}
	for _, w := range []string{LoadConfgraph, LoadCayley, ExportConfgraph, DumpCayley, Serdi, PGLoadConfgraph, "Rate", "Peak memory", "10k", "100k"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("SVG text lacks %q", w)
		}
	}
	if strings.Contains(text.String(), PGExportConfgraph) {
		t.Errorf("SVG has a legend entry for %q, which has no figures", PGExportConfgraph)
	}

	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	// 10 × 4.2 inches at 100 dots per inch.
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 420 {
		t.Errorf("PNG is %dx%d, want 1000x420", b.Dx(), b.Dy())
	}
	// The lines were drawn: pixels of confgraph's blue and cayley's orange.
	if n := count(img, blue.R, blue.G, blue.B); n < 50 {
		t.Errorf("%d pixels of confgraph's colour, want lines of it", n)
	}
	if n := count(img, orange.R, orange.G, orange.B); n < 50 {
		t.Errorf("%d pixels of cayley's colour, want lines of it", n)
	}
	for _, p := range []string{svg, pngPath} {
		if _, err := os.Stat(p + ".tmp"); err == nil {
			t.Errorf("temporary file %s.tmp left behind", p)
		}
	}
}

// count returns the pixels of img of exactly that colour.
func count(img image.Image, r, g, b uint8) int {
	n := 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if uint8(pr>>8) == r && uint8(pg>>8) == g && uint8(pb>>8) == b {
				n++
			}
		}
	}
	return n
}

func TestWritePlotNothingToDraw(t *testing.T) {
	r := &Report{Sizes: []Size{{Facts: 10000, Quads: 10, Steps: map[string]Measurement{}}}}
	p := filepath.Join(t.TempDir(), "p.svg")
	if err := WritePlot(r, p, ""); err == nil {
		t.Error("a report without figures was plotted")
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("a plot file was written for a report without figures")
	}
}

func TestWritePlotOneSize(t *testing.T) {
	r := sample()
	r.Sizes = r.Sizes[:1] // a log axis over one value needs a range of its own
	if err := WritePlot(r, filepath.Join(t.TempDir(), "p.svg"), filepath.Join(t.TempDir(), "p.png")); err != nil {
		t.Fatal(err)
	}
}

func TestLogTicks(t *testing.T) {
	var labels []string
	for _, tk := range (logTicks{}).Ticks(15000, 400000) {
		if tk.Value < 15000 || tk.Value > 400000 {
			t.Errorf("tick %v outside the range", tk.Value)
		}
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got, want := strings.Join(labels, " "), "20k 50k 100k 200k"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
	if ticks := (logTicks{}).Ticks(0, 10); ticks != nil {
		t.Errorf("ticks over a range reaching 0: %v", ticks)
	}
	if got := human(1.5e6); got != "1.5M" {
		t.Errorf("human(1.5e6) = %q", got)
	}
}
