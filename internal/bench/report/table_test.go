package report

import (
	"strings"
	"testing"
	"time"
)

func TestThousands(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 999999.6: "1,000,000", 1234567.4: "1,234,567", -1234: "-1,234", 12.5: "13"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%v) = %q, want %q", in, got, want)
		}
	}
	if got := millis(3.456); got != "3.5" {
		t.Errorf("millis(3.456) = %q, want 3.5", got)
	}
	if got := millis(1234.4); got != "1,234" {
		t.Errorf("millis(1234.4) = %q, want 1,234", got)
	}
}

// sample is a report whose figures are easy to check by hand.
func sample() *Report {
	start := time.Date(2026, 12, 2, 1, 20, 0, 0, time.UTC)
	return &Report{
		FloorKiB: 8 * 1024,
		Start:    start,
		End:      start.Add(25 * time.Minute),
		Machine: Machine{CPUs: 2, Model: "Test CPU", RAMBytes: 24 << 30, LoadStart: "1.00 2.00 3.00",
			LoadEnd: "4.00 5.00 6.00", Go: "go1.99", Cayley: "v0.7.7", Serdi: "serdi 0.30.16"},
		Sizes: []Size{
			{Facts: 10000, Quads: 10000, Identical: true, Steps: map[string]Measurement{
				LoadConfgraph:   {Runs: 3, Seconds: 2, PeakKiB: 100 * 1024},
				LoadCayley:      {Runs: 3, Seconds: 1, PeakKiB: 50 * 1024},
				ExportConfgraph: {Runs: 3, Seconds: 0.5, PeakKiB: 80 * 1024},
				DumpCayley:      {Runs: 3, Seconds: 1, PeakKiB: 60 * 1024},
				Serdi:           {Runs: 3, Seconds: 0.1, PeakKiB: 4 * 1024},
			}, Queries: []QueryTime{
				{Backend: "memstore", Query: "attendance", Given: "event", Runs: 5, Millis: 3.45, Rows: 9},
				{Backend: "bolt", Query: "attendance", Given: "event", Runs: 5, Millis: 12.4, Rows: 9},
				{Backend: "bolt", Query: "person", Given: "person", Runs: 5, Err: "timeout"},
			}},
			{Facts: 100000, Quads: 200000, Diff: "line 7", Steps: map[string]Measurement{
				LoadConfgraph:   {Runs: 1, Seconds: 10, PeakKiB: 400 * 1024},
				LoadCayley:      {Runs: 1, Seconds: 5, PeakKiB: 100 * 1024},
				ExportConfgraph: {Runs: 1, Seconds: 4},
				Serdi:           {Runs: 1, Seconds: 1},
				PGLoadConfgraph: {Runs: 1, Seconds: 20},
				PGLoadCayley:    {Runs: 1, Seconds: 30},
			}, Queries: []QueryTime{
				{Backend: "bolt", Query: "attendance", Given: "event", Runs: 5, Millis: 20, Rows: 9},
				{Backend: "bolt", Query: "bridges", Given: "event", Runs: 5, Millis: 2, Rows: 0},
			}},
		},
	}
}

func TestWriteMarkdown(t *testing.T) {
	var b strings.Builder
	if err := WriteMarkdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := []string{
		"Machine: 2 CPUs (Test CPU), 24.0 GiB RAM, load average 1.00 2.00 3.00 at start, 4.00 5.00 6.00 at end; go1.99, cayley v0.7.7, serdi 0.30.16. Measured 2 Dec 2026 01:20–01:45 UTC.",
		// The PostgreSQL column is there because the second size has it.
		"| corpus | quads | load ÷ cayley load, bolt (target ≥ 2×) | export ÷ serdi (target ≥ 0.5×) | export ÷ cayley dump | load peak memory ÷ cayley load's | load ÷ cayley load, PostgreSQL | export = corpus N-Quads |",
		// 10k: load 1 s / 2 s; export: serdi 0.1 s / 0.5 s, dump 1 s / 0.5 s; memory 100 / 50 MiB.
		"| 10k | 10,000 | 0.50× | 0.20× | 2.00× | 2.00× | – | identical |",
		// 100k: load 5/10, serdi 1/4, no dump, memory 400/100, PostgreSQL 30/20.
		"| 100k | 200,000 | 0.50× | 0.25× | – | 4.00× | 1.50× | different: line 7 |",
		// steps: 10,000 quads in 2 s; 100 MiB.
		"| 10k | confgraph load | 3 | 2.00 | 5,000 | 100 |",
		"| 10k | serdi | 3 | 0.10 | 100,000 | ≤ 8 |", // 4 MiB is under the 8 MiB floor
		"| 10k | cayley dump | 3 | 1.00 | 10,000 | 60 |",
		"; “≤ 8”: at most benchtool's own peak",
		"| 100k | confgraph load (postgres) | 1 | 20.00 | 10,000 | – |",
		"| query (given) | memstore 10k | bolt 10k | bolt 100k |",
		"| attendance (event) | 3.5 | 12 | 20 |",
		"| person (person) | – | timeout | – |",
		"| bridges (event) | – | – | 2.0 (no rows) |",
		"(ms, median of 5 run(s) after a warm-up run)",
	}
	for _, w := range want {
		if !strings.Contains(out, w+"\n") && !strings.Contains(out, w) {
			t.Errorf("markdown lacks %q\n--- got:\n%s", w, out)
		}
	}
	// Every table row has as many cells as its header.
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(line, "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row %q has %d bars, its header %d", line, n, cols)
		}
	}
	// Steps appear in the table's order: loads before exports.
	if i, j := strings.Index(out, "| 10k | cayley load |"), strings.Index(out, "| 10k | confgraph export |"); i < 0 || j < i {
		t.Errorf("steps out of order (cayley load at %d, export at %d)", i, j)
	}
}

func TestWriteMarkdownWithoutPostgres(t *testing.T) {
	r := sample()
	r.Sizes = r.Sizes[:1]
	var b strings.Builder
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "PostgreSQL") || strings.Contains(b.String(), "postgres") {
		t.Errorf("a report without PostgreSQL figures has a PostgreSQL column:\n%s", b.String())
	}
}
