package report

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/confgraph/confgraph/internal/bench"
)

// Plot size and the PNG's resolution.
const (
	plotWidth  = 10 * vg.Inch
	plotHeight = 4.2 * vg.Inch
	plotDPI    = 100
)

// series is how one step is drawn: the tool gives the colour, the step
// the dashes and the glyph.
type series struct {
	step  string
	color color.Color
	dash  []vg.Length
	glyph draw.GlyphDrawer
}

var (
	blue   = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff} // confgraph
	orange = color.RGBA{R: 0xe0, G: 0x6c, B: 0x00, A: 0xff} // cayley
	green  = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff} // serdi
	dashed = []vg.Length{vg.Points(6), vg.Points(3)}
	dotted = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
)

var plotted = []series{
	{LoadConfgraph, blue, nil, draw.CircleGlyph{}},
	{LoadCayley, orange, nil, draw.CircleGlyph{}},
	{ExportConfgraph, blue, dashed, draw.TriangleGlyph{}},
	{DumpCayley, orange, dashed, draw.TriangleGlyph{}},
	{Serdi, green, dashed, draw.TriangleGlyph{}},
	{PGLoadConfgraph, blue, dotted, draw.SquareGlyph{}},
	{PGLoadCayley, orange, dotted, draw.SquareGlyph{}},
	{PGExportConfgraph, blue, dotted, draw.TriangleGlyph{}},
}

// WritePlot draws rate and peak memory against corpus size (both axes
// logarithmic) and writes it as SVG to svgPath and as PNG to pngPath
// (either may be empty).
func WritePlot(r *Report, svgPath, pngPath string) error {
	if svgPath != "" {
		c := vgsvg.New(plotWidth, plotHeight)
		if err := drawPlots(r, c); err != nil {
			return err
		}
		if err := writeFile(svgPath, c); err != nil {
			return err
		}
	}
	if pngPath != "" {
		c := vgimg.NewWith(vgimg.UseWH(plotWidth, plotHeight), vgimg.UseDPI(plotDPI))
		if err := drawPlots(r, c); err != nil {
			return err
		}
		if err := writeFile(pngPath, vgimg.PngCanvas{Canvas: c}); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, w io.WriterTo) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write plot: %w", err)
	}
	_, err = w.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write plot %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// drawPlots draws the two panels side by side on c.
func drawPlots(r *Report, c vg.CanvasSizer) error {
	rate, err := panel(r, "Rate (quads/s; higher is better)", "quads/s", func(s Size, m Measurement) float64 { return m.Rate(s.Quads) })
	if err != nil {
		return err
	}
	mem, err := panel(r, "Peak memory (MiB, ru_maxrss; lower is better)", "MiB", func(s Size, m Measurement) float64 {
		if m.PeakKiB <= r.FloorKiB {
			return 0 // at most benchtool's own peak: not drawn
		}
		return m.PeakMiB()
	})
	if err != nil {
		return err
	}
	// One legend, on the memory panel, naming every step measured in
	// either panel.
	mem.Legend.Top = true
	mem.Legend.Left = true
	for _, sr := range plotted {
		if !measured(r, sr.step) {
			continue
		}
		l, g, err := sr.lines(plotter.XYs{{X: 1, Y: 1}})
		if err != nil {
			return err
		}
		mem.Legend.Add(sr.step, l, g)
	}
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(18), PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(10)}
	canvases := plot.Align([][]*plot.Plot{{rate, mem}}, tiles, dc)
	rate.Draw(canvases[0][0])
	mem.Draw(canvases[0][1])
	return nil
}

// panel makes one plot of value against corpus size, a line per step.
func panel(r *Report, title, ylabel string, value func(Size, Measurement) float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "corpus size (facts)"
	p.Y.Label.Text = ylabel
	p.X.Scale = plot.LogScale{}
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
	p.Add(plotter.NewGrid())
	var sizes []int
	for _, s := range r.Sizes {
		sizes = append(sizes, s.Facts)
	}
	p.X.Tick.Marker = sizeTicks(sizes)
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	lines := 0
	for _, sr := range plotted {
		var pts plotter.XYs
		for _, s := range r.Sizes {
			m, ok := s.Steps[sr.step]
			if !ok {
				continue
			}
			if v := value(s, m); v > 0 {
				pts = append(pts, plotter.XY{X: float64(s.Facts), Y: v})
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, g, err := sr.lines(pts)
		if err != nil {
			return nil, err
		}
		p.Add(l, g)
		lines++
	}
	if lines == 0 {
		return nil, fmt.Errorf("plot %q: no figures to draw", title)
	}
	if len(sizes) == 1 { // a log axis needs a range
		p.X.Min, p.X.Max = float64(sizes[0])/2, float64(sizes[0])*2
	} else {
		p.X.Min, p.X.Max = p.X.Min/1.4, p.X.Max*1.4
	}
	p.Y.Min, p.Y.Max = p.Y.Min/1.5, p.Y.Max*1.5
	return p, nil
}

// lines returns the line and glyphs of the series through pts.
func (sr series) lines(pts plotter.XYs) (*plotter.Line, *plotter.Scatter, error) {
	l, g, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, nil, fmt.Errorf("plot %s: %w", sr.step, err)
	}
	l.Color = sr.color
	l.Width = vg.Points(1.8)
	l.Dashes = sr.dash
	g.Color = sr.color
	g.Shape = sr.glyph
	g.Radius = vg.Points(3)
	return l, g, nil
}

// measured reports whether step was measured at any size.
func measured(r *Report, step string) bool {
	for _, s := range r.Sizes {
		if _, ok := s.Steps[step]; ok {
			return true
		}
	}
	return false
}

// sizeTicks labels the measured corpus sizes.
func sizeTicks(sizes []int) plot.ConstantTicks {
	var t plot.ConstantTicks
	for _, n := range sizes {
		t = append(t, plot.Tick{Value: float64(n), Label: bench.Label(n)})
	}
	return t
}

// logTicks marks 1, 2 and 5 of each decade with a label and the other
// digits without one. Unlike plot.LogTicks it does not panic on a range
// that reaches zero: it marks nothing there.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if lo <= 0 || hi <= 0 || hi < lo {
		return nil
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		dec := math.Pow(10, e)
		for d := 1; d <= 9; d++ {
			v := float64(d) * dec
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if d == 1 || d == 2 || d == 5 {
				t.Label = human(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// human writes a tick value: 500, 2k, 10k, 1M, 0.5.
func human(v float64) string {
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
