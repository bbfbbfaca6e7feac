package dataset_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/confgraph/confgraph/internal/dataset"
)

func TestNormalizeQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  a \t b\n\nc  ", "a b c"},
		{"a\u00a0b", "a b"},                        // no-break space
		{"„Wort“ und ‚Wort‘", `"Wort" und 'Wort'`}, // German quotation marks
		{"“word” «mot» it’s", `"word" "mot" it's`},
		{"Tr\u01b0\u01a1\u0300ng", "Tr\u01b0\u1eddng"},           // ư + ơ + combining grave -> NFC ờ
		{"Thai-Binh-Brücke – 3–4 %", "Thai-Binh-Brücke – 3–4 %"}, // dashes stay
	} {
		if got := dataset.NormalizeQuote(c.in); got != c.want {
			t.Errorf("NormalizeQuote(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestQuoteIn(t *testing.T) {
	para := "Genossin Truong Thi Mai,  Mitglied des Politbüros , sagte: „Wir müssen handeln.“"
	for _, c := range []struct {
		quote string
		want  bool
	}{
		{"Truong Thi Mai, Mitglied", true},
		{"Truong Thi Mai,\n  Mitglied des", true},
		{`sagte: "Wir müssen handeln."`, true},
		{"truong thi mai", false},                 // case matters
		{"Mitglied des Politbüros, sagte", false}, // the space before the comma matters
		{"Truong Thi Mai, Vorsitzende", false},
	} {
		if got := dataset.QuoteIn(c.quote, para); got != c.want {
			t.Errorf("QuoteIn(%q) = %v, want %v", c.quote, got, c.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"\n\n", 0}, {"a", 1}, {"a\n", 1}, {"a\r\nb\r\n", 2}, {"a\n\nb\n", 3}, {"a\nb\n\n\n", 2},
	} {
		ps := dataset.Paragraphs(c.in)
		if len(ps) != c.want {
			t.Errorf("Paragraphs(%q) = %q, want %d", c.in, ps, c.want)
		}
		for _, p := range ps {
			if strings.ContainsAny(p, "\r\n") {
				t.Errorf("Paragraphs(%q): %q keeps a line end", c.in, p)
			}
		}
	}
}

const sourceText = "First paragraph names Alex Sample.\nSecond paragraph: the “committee” met.\nThird.\n"

// checked writes data as report.yaml beside source.txt (when src is not
// "") and reads it with ReadPathsWith.
func checked(t *testing.T, data, src string, o dataset.ReadOptions) (dataset.Errors, error) {
	t.Helper()
	dir := t.TempDir()
	if src != "" {
		if err := os.WriteFile(filepath.Join(dir, "source.txt"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "report.yaml")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, warnings, err := dataset.ReadPathsWith([]string{p}, o)
	for i := range warnings {
		warnings[i].File = filepath.Base(warnings[i].File)
	}
	if es, ok := err.(dataset.Errors); ok {
		for i := range es {
			es[i].File = filepath.Base(es[i].File)
		}
	}
	return warnings, err
}

func reportFile(sum string, paragraphs int, quote string, cite string) string {
	return `report:
  id: r
  description: A report.
  language: en
  date: 2031-03-03
  paragraphs: ` + itoa(paragraphs) + `
  source: source.txt
  sha256: ` + sum + `
people:
  - {id: alex, name: Alex Sample, cite: ` + cite + `, quote: "` + quote + `"}
`
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestCheckSource(t *testing.T) {
	sum := dataset.Digest([]byte(sourceText))
	// Beside the data file: checked, no warning.
	w, err := checked(t, reportFile(sum, 3, `the \"committee\"  met`, "[1, 2]"), sourceText, dataset.ReadOptions{})
	if err != nil || len(w) != 0 {
		t.Fatalf("good file: warnings %v, error %v", w, err)
	}
	for _, c := range []struct {
		name, data, want string
	}{
		{"made-up quote", reportFile(sum, 3, "Alex Sample chaired", "[1, 3]"),
			`report.yaml:10:56: quote "Alex Sample chaired" is not in paragraph(s) 1, 3 of source.txt (copy it from the text, or fix cite)`},
		{"wrong digest", reportFile(strings.Repeat("0", 64), 3, "Alex Sample", "[1]"),
			`report.yaml:8:11: source source.txt changed since curation: its sha256 is not the one given here (check every cite and quote against the new text, then write sha256: ` + sum + `)`},
		{"paragraph count", reportFile(sum, 4, "Alex Sample", "[1]"),
			`report.yaml:6:15: source source.txt has 3 paragraphs (lines), not 4 (write paragraphs: 3, or check that the source has one paragraph a line)`},
	} {
		_, err := checked(t, c.data, sourceText, dataset.ReadOptions{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got\n%v\nwant\n%s", c.name, err, c.want)
		}
	}
	// Not at hand: a warning, and the wrong digest passes unchecked.
	w, err = checked(t, reportFile(strings.Repeat("0", 64), 3, "made up", "[1]"), "", dataset.ReadOptions{SourceHint: "HINT"})
	want := "report.yaml:7:11: warning: source source.txt not found beside the data file; quotes, digest and paragraph count not checked (HINT)"
	if err != nil || len(w) != 1 || w[0].Error() != want {
		t.Errorf("absent source: warnings %v, error %v; want %s", w, err, want)
	}
	// Found in a source directory by its file name.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "source.txt"), []byte(sourceText), 0o644)
	_, err = checked(t, reportFile(sum, 3, "made up", "[1]"), "", dataset.ReadOptions{SourceDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), `quote "made up" is not in paragraph(s) 1 of source.txt`) {
		t.Errorf("source in SourceDirs not checked: %v", err)
	}
}

// The embedded data has no sources beside it: ReadFSWith checks them only
// in SourceDirs, and says nothing when there are none.
func TestReadFSWithSources(t *testing.T) {
	fsys := fstest.MapFS{"r.yaml": {Data: []byte(reportFile(strings.Repeat("0", 64), 3, "made up", "[1]"))}}
	if _, w, err := dataset.ReadFSWith(fsys, ".", dataset.ReadOptions{}); err != nil || len(w) != 0 {
		t.Errorf("no source dirs: warnings %v, error %v", w, err)
	}
	dir := t.TempDir()
	if _, w, err := dataset.ReadFSWith(fsys, ".", dataset.ReadOptions{SourceDirs: []string{dir}}); err != nil || len(w) != 1 ||
		!strings.Contains(w[0].Error(), "not found in "+dir+"; quotes") {
		t.Errorf("source not in dir: warnings %v, error %v", w, err)
	}
	os.WriteFile(filepath.Join(dir, "source.txt"), []byte(sourceText), 0o644)
	_, _, err := dataset.ReadFSWith(fsys, ".", dataset.ReadOptions{SourceDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "changed since curation") || !strings.Contains(err.Error(), `quote "made up"`) {
		t.Errorf("source in dir: %v", err)
	}
}

func TestPlaceholders(t *testing.T) {
	data := `report:
  id: r
  title: "TODO: the title"
  language: TODO
  date: TODO
  paragraphs: 1
`
	w, err := checked(t, data, "", dataset.ReadOptions{AllowPlaceholders: true})
	if err != nil || len(w) != 3 || w[0].Error() != "report.yaml:3:10: warning: title is a TODO placeholder (write what the report gives)" ||
		!strings.HasPrefix(w[2].Error(), "report.yaml:5:9: warning: date is a TODO placeholder") {
		t.Errorf("validate: warnings %v, error %v", w, err)
	}
	_, err = checked(t, data, "", dataset.ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "report.yaml:4:13: language is a TODO placeholder (write what the report gives before loading)") {
		t.Errorf("load: %v", err)
	}
}
