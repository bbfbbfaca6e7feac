package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/confgraph/confgraph/internal/bench"
)

// ratioColumn is one column of the ratio table.
type ratioColumn struct {
	title string
	value func(Size) (string, bool)
}

func rateColumn(title, ours, ref string) ratioColumn {
	return ratioColumn{title, func(s Size) (string, bool) {
		r, ok := Ratio(s, ours, ref)
		return formatRatio(r), ok
	}}
}

var ratioColumns = []ratioColumn{
	rateColumn("load ÷ cayley load, bolt (target ≥ 2×)", LoadConfgraph, LoadCayley),
	rateColumn("export ÷ serdi (target ≥ 0.5×)", ExportConfgraph, Serdi),
	rateColumn("export ÷ cayley dump", ExportConfgraph, DumpCayley),
	{"load peak memory ÷ cayley load's", func(s Size) (string, bool) {
		r, ok := MemoryRatio(s, LoadConfgraph, LoadCayley)
		return formatRatio(r), ok
	}},
	rateColumn("load ÷ cayley load, PostgreSQL", PGLoadConfgraph, PGLoadCayley),
	{"export = corpus N-Quads", func(s Size) (string, bool) {
		if _, ok := s.Steps[ExportConfgraph]; !ok {
			return "", false
		}
		if s.Identical {
			return "identical", true
		}
		return "different: " + s.Diff, true
	}},
}

// WriteMarkdown writes the report as markdown: the machine line, the
// ratio table, the table of every measured process and the query
// latencies.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s. Measured %s.\n\n", r.Machine, period(r))
	writeRatios(&b, r)
	b.WriteString("\n")
	writeSteps(&b, r)
	if hasQueries(r) {
		b.WriteString("\n")
		writeQueries(&b, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func period(r *Report) string {
	if r.Start.IsZero() {
		return "–"
	}
	s := r.Start.UTC().Format("2 Jan 2006 15:04")
	if !r.End.IsZero() {
		if r.End.UTC().Format("2 Jan 2006") == r.Start.UTC().Format("2 Jan 2006") {
			s += "–" + r.End.UTC().Format("15:04")
		} else {
			s += " – " + r.End.UTC().Format("2 Jan 2006 15:04")
		}
	}
	return s + " UTC"
}

func row(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

func separator(b *strings.Builder, align ...string) {
	row(b, align...)
}

func writeRatios(b *strings.Builder, r *Report) {
	var cols []ratioColumn
	for _, c := range ratioColumns {
		for _, s := range r.Sizes {
			if _, ok := c.value(s); ok {
				cols = append(cols, c)
				break
			}
		}
	}
	b.WriteString("Ratios, confgraph ÷ reference on the same quads in the same run (rates: higher is better; memory: lower is better):\n\n")
	head := []string{"corpus", "quads"}
	align := []string{"---", "--:"}
	for _, c := range cols {
		head = append(head, c.title)
		align = append(align, "--:")
	}
	row(b, head...)
	separator(b, align...)
	for _, s := range r.Sizes {
		cells := []string{bench.Label(s.Facts), thousands(float64(s.Quads))}
		for _, c := range cols {
			v, ok := c.value(s)
			if !ok {
				v = "–"
			}
			cells = append(cells, v)
		}
		row(b, cells...)
	}
}

func writeSteps(b *strings.Builder, r *Report) {
	b.WriteString("Each step a whole process (time: median of the runs; peak memory: the largest ru_maxrss of the runs")
	if r.FloorKiB > 0 {
		fmt.Fprintf(b, "; “≤ %s”: at most benchtool's own peak, which Linux charges to each process it starts", thousands(float64(r.FloorKiB)/1024))
	}
	b.WriteString("):\n\n")
	row(b, "corpus", "step", "runs", "seconds", "quads/s", "peak MiB")
	separator(b, "---", "---", "--:", "--:", "--:", "--:")
	for _, s := range r.Sizes {
		for _, name := range Steps {
			m, ok := s.Steps[name]
			if !ok {
				continue
			}
			peak := thousands(m.PeakMiB())
			switch {
			case m.PeakKiB <= 0:
				peak = "–"
			case r.FloorKiB > 0 && m.PeakKiB <= r.FloorKiB:
				peak = "≤ " + thousands(float64(r.FloorKiB)/1024)
			}
			row(b, bench.Label(s.Facts), name, strconv.Itoa(m.Runs), seconds(m.Seconds),
				thousands(m.Rate(s.Quads)), peak)
		}
	}
}

func hasQueries(r *Report) bool {
	for _, s := range r.Sizes {
		if len(s.Queries) > 0 {
			return true
		}
	}
	return false
}

// writeQueries writes one row per bundled query and one column per
// backend and size, in milliseconds.
func writeQueries(b *strings.Builder, r *Report) {
	type col struct {
		backend string
		facts   int
	}
	var cols []col
	seenCol := map[col]bool{}
	var rows []string
	seenRow := map[string]bool{}
	ms := map[string]map[col]QueryTime{}
	runs := 0
	for _, backend := range queryBackendOrder(r) {
		for _, s := range r.Sizes {
			for _, q := range s.Queries {
				if q.Backend != backend {
					continue
				}
				c := col{backend, s.Facts}
				if !seenCol[c] {
					seenCol[c] = true
					cols = append(cols, c)
				}
				name := q.Query + " (" + q.Given + ")"
				if !seenRow[name] {
					seenRow[name] = true
					rows = append(rows, name)
					ms[name] = map[col]QueryTime{}
				}
				ms[name][c] = q
				runs = max(runs, q.Runs)
			}
		}
	}
	fmt.Fprintf(b, "Bundled queries given one entity of the first report, in process on the store the run loaded (ms, median of %d run(s) after a warm-up run):\n\n", runs)
	head := []string{"query (given)"}
	align := []string{"---"}
	for _, c := range cols {
		head = append(head, c.backend+" "+bench.Label(c.facts))
		align = append(align, "--:")
	}
	row(b, head...)
	separator(b, align...)
	for _, name := range rows {
		cells := []string{name}
		for _, c := range cols {
			q, ok := ms[name][c]
			if !ok {
				cells = append(cells, "–")
				continue
			}
			if q.Err != "" {
				cells = append(cells, "error")
				if q.Err == "timeout" {
					cells[len(cells)-1] = "timeout"
				}
				continue
			}
			cell := millis(q.Millis)
			if q.Rows == 0 {
				cell += " (no rows)" // a time that says little
			}
			cells = append(cells, cell)
		}
		row(b, cells...)
	}
}

// queryBackendOrder returns the query backends in the order they first
// appear.
func queryBackendOrder(r *Report) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range r.Sizes {
		for _, q := range s.Queries {
			if !seen[q.Backend] {
				seen[q.Backend] = true
				out = append(out, q.Backend)
			}
		}
	}
	return out
}

// formatRatio writes a ratio with two decimals and a times sign.
func formatRatio(r float64) string { return strconv.FormatFloat(r, 'f', 2, 64) + "×" }

// seconds writes a time with two decimals.
func seconds(s float64) string { return strconv.FormatFloat(s, 'f', 2, 64) }

// millis writes milliseconds: one decimal under 10, whole numbers from 10
// on, with thousands separators.
func millis(ms float64) string {
	if ms < 10 {
		return strconv.FormatFloat(ms, 'f', 1, 64)
	}
	return thousands(ms)
}

// thousands rounds x to a whole number and writes it with commas between
// groups of three digits.
func thousands(x float64) string {
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
