package query

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Formats are the output formats Write accepts.
var Formats = []string{"table", "json", "csv"}

// Write prints r in format: "table" (columns aligned by display width, so
// Vietnamese diacritics and wide characters line up), "json" (an array of
// objects whose keys are the columns, in column order) or "csv" (with a
// header row).
func Write(w io.Writer, r *Result, format string) error {
	return WriteWith(w, r, format, TableOptions{})
}

// TableOptions tune the table format; JSON and CSV are never cut and carry
// no notes (a caller tells of r.Truncated in its own way).
type TableOptions struct {
	// MaxCell cuts cells to this many display columns (marked with …); 0
	// keeps them whole.
	MaxCell int
	// RaiseLimit, when the limit cut rows off (r.Truncated), follows the
	// table's note that it did: the caller's words for how to raise the
	// limit, e.g. "raise it with --limit".
	RaiseLimit string
}

// WriteWith is Write with the table tuned by opt.
func WriteWith(w io.Writer, r *Result, format string, opt TableOptions) error {
	switch format {
	case "table", "":
		return writeTable(w, r, opt)
	case "json":
		return WriteJSON(w, r)
	case "csv":
		return WriteCSV(w, r)
	}
	return fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats, ", "))
}

// cellText makes a cell printable on one table line.
func cellText(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// WriteTable prints r as a table with a header and a rule, columns
// separated by two spaces and padded to their display width.
func WriteTable(w io.Writer, r *Result) error { return writeTable(w, r, TableOptions{}) }

func writeTable(w io.Writer, r *Result, opt TableOptions) error {
	maxCell := opt.MaxCell
	bw := bufio.NewWriter(w)
	cond := runewidth.NewCondition()
	cond.EastAsianWidth = false
	// cell gives the lines of a cell: a list too wide for maxCell puts one
	// item per line; a line still too wide is cut and marked with "…".
	cell := func(s string) []string {
		s = cellText(s)
		if maxCell <= 0 || cond.StringWidth(s) <= maxCell {
			return []string{s}
		}
		lines := strings.Split(s, ListSep)
		for i, l := range lines {
			if i < len(lines)-1 {
				l += strings.TrimRight(ListSep, " ")
			}
			if cond.StringWidth(l) > maxCell {
				l = cond.Truncate(l, maxCell, "…")
			}
			lines[i] = l
		}
		return lines
	}
	widths := make([]int, len(r.Columns))
	for i, c := range r.Columns {
		widths[i] = cond.StringWidth(c)
	}
	rows := make([][][]string, len(r.Rows))
	for j, row := range r.Rows {
		rows[j] = make([][]string, len(row))
		for i, c := range row {
			rows[j][i] = cell(c)
			for _, l := range rows[j][i] {
				if n := cond.StringWidth(l); n > widths[i] {
					widths[i] = n
				}
			}
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cond.StringWidth(c)))
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " "))
		bw.WriteByte('\n')
	}
	if len(r.Columns) > 0 {
		line(r.Columns)
	}
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	if len(r.Columns) > 0 {
		line(rule)
	}
	for _, row := range rows {
		height := 1
		for _, c := range row {
			height = max(height, len(c))
		}
		for k := 0; k < height; k++ {
			cells := make([]string, len(row))
			for i, c := range row {
				if k < len(c) {
					cells[i] = c[k]
				}
			}
			line(cells)
		}
	}
	fmt.Fprintf(bw, "(%d row%s", len(r.Rows), plural(len(r.Rows)))
	if r.Truncated {
		bw.WriteString("; more rows were cut off by the limit")
		if opt.RaiseLimit != "" {
			bw.WriteString(", " + opt.RaiseLimit)
		}
	}
	bw.WriteString(")\n")
	return bw.Flush()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// WriteJSON prints r as a JSON array of objects, keys in column order.
func WriteJSON(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for i, row := range r.Rows {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for j, c := range r.Columns {
			if j > 0 {
				bw.WriteString(", ")
			}
			bw.WriteString(jsonString(c))
			bw.WriteString(": ")
			bw.WriteString(jsonString(row[j]))
		}
		bw.WriteString("}")
	}
	if len(r.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// WriteCSV prints r as CSV (RFC 4180) with a header row.
func WriteCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Columns); err != nil {
		return err
	}
	if err := cw.WriteAll(r.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// jsonString encodes s as a JSON string without HTML escaping.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
