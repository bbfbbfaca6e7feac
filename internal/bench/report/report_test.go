package report

import (
	"math"
	"slices"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5}, // mean of the middle two
		{[]float64{10, 1, 1}, 1},
	} {
		in := slices.Clone(c.in)
		if got := Median(in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("Median reordered its argument: %v", in)
		}
	}
}

func TestSummarize(t *testing.T) {
	m := Summarize([]Sample{{2.0, 100}, {1.0, 300}, {3.0, 200}})
	if m.Runs != 3 || m.Seconds != 2.0 || m.PeakKiB != 300 {
		t.Errorf("Summarize = %+v, want 3 runs, median 2 s, peak 300 KiB (the largest, from another run than the median)", m)
	}
}

func TestRatios(t *testing.T) {
	s := Size{Quads: 1000, Steps: map[string]Measurement{
		LoadConfgraph: {Seconds: 4, PeakKiB: 300},
		LoadCayley:    {Seconds: 2, PeakKiB: 100},
		Serdi:         {Seconds: 0},
	}}
	// confgraph took twice as long: half the rate.
	if r, ok := Ratio(s, LoadConfgraph, LoadCayley); !ok || r != 0.5 {
		t.Errorf("load ratio = %v, %v; want 0.5", r, ok)
	}
	if r, ok := Ratio(s, LoadCayley, LoadConfgraph); !ok || r != 2 {
		t.Errorf("inverse ratio = %v, %v; want 2", r, ok)
	}
	if r, ok := MemoryRatio(s, LoadConfgraph, LoadCayley); !ok || r != 3 {
		t.Errorf("memory ratio = %v, %v; want 3", r, ok)
	}
	if _, ok := Ratio(s, ExportConfgraph, Serdi); ok {
		t.Error("a ratio with a missing step was reported")
	}
	if _, ok := Ratio(s, LoadConfgraph, Serdi); ok {
		t.Error("a ratio against a step without a time was reported")
	}
	if got := s.Steps[LoadConfgraph].Rate(s.Quads); got != 250 {
		t.Errorf("rate = %v, want 1000 quads / 4 s = 250", got)
	}
	if got := (Measurement{PeakKiB: 1536}).PeakMiB(); math.Abs(got-1.5) > 1e-12 {
		t.Errorf("PeakMiB = %v, want 1.5", got)
	}
}
