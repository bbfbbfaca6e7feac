package query

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/confgraph/confgraph/internal/golden"
)

// sample has precomposed and decomposed Vietnamese, a wide character, a
// list, a newline, a comma and a quote: what the formats must survive.
var sample = &Result{
	Columns: []string{"name", "place", "posts"},
	Rows: [][]string{
		{"Trương Thị Mai", "Hà Nội", "Mitglied des Politbüros; ständiges Mitglied des Sekretariats"},
		{"Ngo\u0302 Đông Ha\u0309i", "Thái Bình", "a, \"b\""},
		{"Phạm Văn Tuấn", "北京", "line\nbreak"},
	},
}

func TestTableAligned(t *testing.T) {
	var b bytes.Buffer
	if err := WriteWith(&b, sample, "table", TableOptions{MaxCell: 40}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "sample.table"), b.Bytes())
	// Independently of the golden file: every column starts at the same
	// display column on every line.
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	header := lines[0]
	starts := []int{0, strings.Index(header, "place"), strings.Index(header, "posts")}
	for _, l := range lines[2:5] {
		if l == "" || strings.HasPrefix(l, "(") {
			continue
		}
		for _, c := range starts[1:] {
			prefix := runewidth.Truncate(l, c, "")
			if runewidth.StringWidth(prefix) != c || !strings.HasSuffix(prefix, "  ") {
				t.Errorf("line %q: column at %d does not start after two spaces", l, c)
			}
		}
	}
	if !strings.HasSuffix(b.String(), "(3 rows)\n") {
		t.Errorf("no row count: %q", b.String())
	}
}

// TestTableTruncated: the last line says the limit cut rows off, and adds
// the caller's words for raising it.
func TestTableTruncated(t *testing.T) {
	r := &Result{Columns: []string{"a"}, Rows: [][]string{{"x"}, {"y"}}, Truncated: true}
	for _, c := range []struct{ raise, want string }{
		{"", "(2 rows; more rows were cut off by the limit)\n"},
		{"raise it with --limit", "(2 rows; more rows were cut off by the limit, raise it with --limit)\n"},
	} {
		var b bytes.Buffer
		if err := WriteWith(&b, r, "table", TableOptions{RaiseLimit: c.raise}); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != "a\n-\nx\ny\n"+c.want {
			t.Errorf("RaiseLimit %q: got %q, want last line %q", c.raise, got, c.want)
		}
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample, "json"); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "sample.json"), b.Bytes())
	var rows []map[string]string
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[2]["posts"] != "line\nbreak" || rows[0]["name"] != "Trương Thị Mai" {
		t.Errorf("decoded %v", rows)
	}
	// Keys in column order on every line.
	for _, l := range strings.Split(b.String(), "\n")[1:4] {
		if !strings.HasPrefix(strings.TrimSpace(l), `{"name": `) || strings.Index(l, `"place"`) > strings.Index(l, `"posts"`) {
			t.Errorf("keys out of order: %s", l)
		}
	}
	b.Reset()
	if err := Write(&b, &Result{Columns: []string{"a"}}, "json"); err != nil || b.String() != "[]\n" {
		t.Errorf("empty result: %q %v", b.String(), err)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0], ",") != "name,place,posts" || recs[2][2] != `a, "b"` || recs[3][2] != "line\nbreak" {
		t.Errorf("records %q", recs)
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, sample, "xml")
	if err == nil || !strings.Contains(err.Error(), "table, json, csv") {
		t.Errorf("error %v", err)
	}
}

func TestTableEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, &Result{}, "table"); err != nil || b.String() != "(0 rows)\n" {
		t.Errorf("no columns: %q %v", b.String(), err)
	}
	b.Reset()
	if err := Write(&b, &Result{Columns: []string{"a", "bb"}}, "table"); err != nil || b.String() != "a  bb\n-  --\n(0 rows)\n" {
		t.Errorf("no rows: %q %v", b.String(), err)
	}
}
