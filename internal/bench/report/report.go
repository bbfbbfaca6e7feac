// Package report is the whole-process benchmark of confgraph against its
// references on the same quads, in the same run: `confgraph load` against
// `cayley load` (bolt, and PostgreSQL when a server is given), `confgraph
// export` against `cayley dump` and serdi, with each process's peak
// resident memory, the ratios, a byte comparison of the export, and the
// latency of the bundled queries. It prints the tables as markdown and
// draws rate and peak memory against corpus size (SVG and PNG).
//
// A file per concept: report.go the figures and ratios, measure.go whole
// processes (time, peak RSS), machine.go the machine line, table.go the
// markdown, plot.go the plot, queries.go the query latencies, tools.go the
// programs measured, run.go the run itself, docs.go the docs section.
package report

import (
	"slices"
	"time"
)

// Names of the measured steps. Each is one whole process.
const (
	LoadConfgraph     = "confgraph load"
	LoadCayley        = "cayley load"
	ExportConfgraph   = "confgraph export"
	DumpCayley        = "cayley dump"
	Serdi             = "serdi"
	PGLoadConfgraph   = "confgraph load (postgres)"
	PGLoadCayley      = "cayley load (postgres)"
	PGExportConfgraph = "confgraph export (postgres)"
)

// Steps lists the steps in the order of the tables.
var Steps = []string{LoadConfgraph, LoadCayley, ExportConfgraph, DumpCayley, Serdi, PGLoadConfgraph, PGLoadCayley, PGExportConfgraph}

// Measurement is one step measured Runs times: the median wall time and the
// largest peak resident set size of the runs.
type Measurement struct {
	Runs    int
	Seconds float64
	PeakKiB int64
}

// Rate returns quads per second, or 0 without a time.
func (m Measurement) Rate(quads int) float64 {
	if m.Seconds <= 0 {
		return 0
	}
	return float64(quads) / m.Seconds
}

// PeakMiB returns the peak resident set size in MiB.
func (m Measurement) PeakMiB() float64 { return float64(m.PeakKiB) / 1024 }

// QueryTime is the latency of one bundled query on one backend.
type QueryTime struct {
	Backend string  `json:"backend"`
	Query   string  `json:"query"`
	Given   string  `json:"given"` // the kind of entity given, or "all"
	Runs    int     `json:"runs"`
	Millis  float64 `json:"ms"` // median of Runs, after one warm-up run
	// CPUMillis is the median of the process's CPU time (user and system)
	// per run: what a shared machine disturbs far less than wall time.
	CPUMillis float64 `json:"cpu_ms"`
	// FirstMillis is the warm-up run's wall time: the query's first run
	// in the process, which pays for what the store keeps for later
	// queries (report graphs, names).
	FirstMillis float64 `json:"first_ms"`
	// Limit1Millis is the wall time of one more run limited to one row
	// (--limit 1): how soon a first row comes.
	Limit1Millis float64 `json:"limit1_ms"`
	Rows         int     `json:"rows"`
	Err          string  `json:"error,omitempty"` // "timeout", or why it failed
}

// Size holds the figures of one corpus size.
type Size struct {
	Facts int
	Quads int
	Steps map[string]Measurement
	// Identical reports whether `confgraph export` wrote exactly the
	// corpus's N-Quads (the sorted export); Diff says where they first
	// differ when not.
	Identical bool
	Diff      string
	Queries   []QueryTime
}

// Report is one run of the benchmark.
type Report struct {
	Start, End time.Time
	Machine    Machine
	Sizes      []Size
	// FloorKiB is the benchtool process's own peak RSS. Linux charges it
	// to every process benchtool starts (Go starts children with vfork,
	// and exec records the parent's high-water mark in the child's
	// ru_maxrss), so a peak at or below it says only "at most this".
	FloorKiB int64
}

// Ratio is a rate ratio: how many times faster ours ran than ref on the
// same quads (ref's seconds over ours). ok is false when either is missing.
func Ratio(s Size, ours, ref string) (r float64, ok bool) {
	a, okA := s.Steps[ours]
	b, okB := s.Steps[ref]
	if !okA || !okB || a.Seconds <= 0 || b.Seconds <= 0 {
		return 0, false
	}
	return b.Seconds / a.Seconds, true
}

// MemoryRatio is ours's peak memory over ref's. ok is false when either is
// missing.
func MemoryRatio(s Size, ours, ref string) (r float64, ok bool) {
	a, okA := s.Steps[ours]
	b, okB := s.Steps[ref]
	if !okA || !okB || a.PeakKiB <= 0 || b.PeakKiB <= 0 {
		return 0, false
	}
	return float64(a.PeakKiB) / float64(b.PeakKiB), true
}

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Summarize folds samples of one step into a Measurement: the median time
// and the largest peak memory.
func Summarize(samples []Sample) Measurement {
	m := Measurement{Runs: len(samples)}
	secs := make([]float64, len(samples))
	for i, s := range samples {
		secs[i] = s.Seconds
		m.PeakKiB = max(m.PeakKiB, s.PeakKiB)
	}
	m.Seconds = Median(secs)
	return m
}
