package dataset_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/golden"
)

func TestValidFile(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, errs := dataset.Parse("valid.yaml", data)
	if len(errs) > 0 {
		t.Fatalf("valid.yaml: %v", errs)
	}
	if f.Report.ID.V != "mini-report" || len(f.Attendances) != 1 || f.Attendances[0].At.V != "central" {
		t.Errorf("decoded %+v", f.Report)
	}
	if p := f.People[0].ID.Pos; p.Line != 15 || p.Col != 10 {
		t.Errorf("position of people[0].id = %d:%d, want 15:10", p.Line, p.Col)
	}
}

// TestBadFiles checks each broken file against its golden list of errors,
// and that the list names the defect the file was made with, at its line.
func TestBadFiles(t *testing.T) {
	cases := []struct {
		file string
		want []string // substrings of the output, each "line:col: message"
	}{
		{"yaml-syntax", []string{"yaml-syntax.yaml:3:1: did not find expected key", "fix the YAML syntax"}},
		{"unknown-field", []string{"unknown-field.yaml:15:15: unknown field \"nmae\"", "valid fields here:", "empty name"}},
		{"missing-required", []string{"missing-required.yaml:23:5: missing required field \"role\"", "with the ID of a role"}},
		{"duplicate-id", []string{"duplicate ID \"party\"", "first defined at line 12"}},
		{"unknown-ref", []string{"unknown-ref.yaml:27:38: at: unknown ID \"centrl\""}},
		{"wrong-kind", []string{"wrong-kind.yaml:27:38: at: \"mai\" is a person", "must refer to a bridge or place"}},
		{"bad-date", []string{"bad-date.yaml:17:39: bad date \"2023-12-32\"", "YYYY-MM-DD"}},
		{"bad-lang", []string{"bad-lang.yaml:15:46: bad language tag \"vi_VN\""}},
		{"paragraph-outside", []string{"paragraph-outside.yaml:25:51: paragraph 14 is outside the report", "paragraphs 1 to 3"}},
		{"empty-name", []string{"empty-name.yaml:12:23: organisation \"party\" has an empty name"}},
		{"not-utf8", []string{"not-utf8.yaml:10:26: file is not valid UTF-8 (byte 0xfc)", "UTF-8 encoding"}},
		{"missing-cite", []string{"attendance cites no paragraph", "add cite:"}},
		{"control-char", []string{"control-char.yaml:12:23: control character U+0007 in text"}},
		// A value of the wrong shape is reported where it stands and the
		// entry is kept, so no knock-on "unknown ID" or "empty name" follows.
		{"wrong-shapes", []string{
			"wrong-shapes.yaml:10:58: cite must be a list of paragraph numbers such as [3, 9], found \"1\"",
			"wrong-shapes.yaml:12:23: expected a text value, found a list",
			"wrong-shapes.yaml:19:79: expected true or false, found \"yes please\"",
		}},
		{"wrong-type", []string{"wrong-type.yaml:8:15: expected a whole number, found \"three\""}},
		// Identity: a QID with a leading zero, a relative IRI, an unknown
		// ID, one of another kind and the entity itself; the report's url.
		{"bad-identity", []string{
			"bad-identity.yaml:7:8: url \"example.org/news/1\" is not an absolute http(s) URL",
			"bad-identity.yaml:9:40: bad Wikidata QID \"Q01858\"",
			"bad-identity.yaml:9:48: same_as \"wikidata.org/wiki/Q1858\" is neither a Wikidata QID nor an absolute IRI",
			"bad-identity.yaml:9:93: possibly_same_as: unknown ID \"ha-noi\"",
			"bad-identity.yaml:9:101: possibly_same_as: \"party\" is an organisation",
			"bad-identity.yaml:13:56: person \"mai\" cannot be possibly the same as itself",
		}},
		// Values of the new fields; a post without organisation, an
		// attendance without at and a directive to a place are valid.
		{"bad-values", []string{
			"bad-values.yaml:7:14: bad date \"2024-13\"",
			"bad-values.yaml:15:53: end 2023-11-30 is before start 2023-12",
			"bad-values.yaml:21:44: unknown status \"ehemalig\" (use one of current, former, elected, re-elected, or leave it out)",
			"bad-values.yaml:21:65: unknown qualifier \"stellvertretend\" (use one of alternate, deputy, acting",
			"end 2019 is before start 2020",
			"unknown act \"lobte\" (use one of said, reported, appreciated, asked, proposed, emphasised, criticised",
			"statement has no summary",
			"speaker: \"hanoi\" is a place",
		}},
		{"many-errors", []string{":4:13: bad language tag \"de DE\"", ":17:39: bad date \"28.12.2023\"", ":27:38: at: unknown ID \"nowhere\""}},
		// Bounds: what validates must load (2^63 paragraphs would be three
		// quads each); every size at once.
		{"huge-sizes", []string{
			"huge-sizes.yaml:4:9: text is 10499 characters, longer than 10000",
			"huge-sizes.yaml:9:15: report has 9223372036854775807 paragraphs, more than the 10000",
			"huge-sizes.yaml:13:23: name is 699 characters, longer than 500",
			"huge-sizes.yaml:16:85: quote is 450 characters, longer than 300",
			"huge-sizes.yaml:22:10: ID is 151 characters, longer than 100",
		}},
		{"float-paragraphs", []string{"float-paragraphs.yaml:8:15: expected a whole number, found \"5e7\""}},
		// A second document would be lost: refused at its ---.
		{"second-document", []string{"second-document.yaml:28:1: a second YAML document starts here, after ---; it would be lost"}},
		// A raw NUL at its place, not at 1:1; one error a line.
		{"raw-nul", []string{
			"raw-nul.yaml:10:26: control character U+0000 in the file (remove it; only tab and newline are allowed)",
			"raw-nul.yaml:17:25: control character U+0000 in the file",
		}},
		// A key given twice is reported once, and nothing else: no
		// "missing report section", no empty name.
		{"repeated-key", []string{
			"repeated-key.yaml:15:26: field \"name\" given twice, first at line 15 (keep one of them)",
			"repeated-key.yaml:29:1: field \"report\" given twice, first at line 1 (keep one of them)",
		}},
		// No Go type names (cannot unmarshal !!map into []dataset.Place).
		{"not-a-list", []string{
			"not-a-list.yaml:13:5: each entry of organisations must be a mapping of its fields, such as {id: ..., name: ...}, found a list",
			"not-a-list.yaml:22:3: groups must be a list of entries, each starting with - on its own line, found a mapping",
		}},
		{"carriage-return", []string{"carriage-return.yaml:10:23: control character U+000D in text; remove it, only tab and newline are allowed"}},
		{"binary-tag", []string{"binary-tag.yaml:10:23: tag !!binary not allowed here; write the text itself, without a tag"}},
		// yaml.v3 takes a byte-order mark inside a file as text.
		{"bom-inside", []string{"bom-inside.yaml:4:26: byte-order mark U+FEFF inside the file, an invisible character (remove it; a byte-order mark may only start the file)"}},
	}
	// Files whose every error is in want: no knock-on error follows.
	exact := map[string]bool{"huge-sizes": true, "second-document": true, "raw-nul": true, "repeated-key": true,
		"not-a-list": true, "carriage-return": true, "binary-tag": true, "float-paragraphs": true, "bom-inside": true}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.file+".yaml"] = true
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", "bad", c.file+".yaml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, errs := dataset.Parse(c.file+".yaml", data)
			if len(errs) == 0 {
				t.Fatal("no error reported")
			}
			// Read as validate and load read it, which adds what needs
			// all the files read (a "did you mean" among their IDs).
			_, err = dataset.ReadFS(os.DirFS(filepath.Dir(path)), c.file+".yaml")
			if !errors.As(err, &errs) {
				t.Fatalf("reading the file: %v, want its errors", err)
			}
			got := errs.Error() + "\n"
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			if c.file == "wrong-shapes" && len(errs) != 3 {
				t.Errorf("%d errors, want exactly the 3 defects:\n%s", len(errs), got)
			}
			if exact[c.file] && len(errs) != len(c.want) {
				t.Errorf("%d errors, want exactly the %d defects:\n%s", len(errs), len(c.want), got)
			}
			for _, g := range []string{"dataset.", "[]", "!!map", "!!seq", "unmarshal"} {
				if strings.Contains(got, g) {
					t.Errorf("output names Go or YAML types (%q):\n%s", g, got)
				}
			}
			for _, e := range errs {
				if e.Line < 1 || e.Col < 1 || e.Msg == "" || e.Hint == "" {
					t.Errorf("error without position or hint: %q", e.Error())
				}
			}
			golden.Check(t, strings.TrimSuffix(path, ".yaml")+".golden", []byte(got))
		})
	}
	all, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, f := range all {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s has no test case", f)
		}
	}
}

func TestReadPathsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The same report ID twice, and "hanoi" as a place in one file and an
	// organisation in the other.
	other := strings.Replace(string(data), "  - {id: party, name: Partei, cite: [1]}", "  - {id: party, name: Partei, cite: [1]}\n  - {id: hanoi, name: Stadt, cite: [1]}", 1)
	other = strings.Replace(other, "places:\n  - {id: hanoi, name: Hanoi, labels: {vi: Hà Nội}, cite: [1]}\n", "places:\n  - {id: saigon, name: Saigon, cite: [1]}\n", 1)
	other = strings.Replace(other, "location: hanoi", "location: saigon", -1)
	os.WriteFile(filepath.Join(dir, "a.yaml"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(other), 0o644)
	_, err = dataset.ReadPaths([]string{dir})
	if err == nil {
		t.Fatal("no error for two files with one report ID")
	}
	for _, w := range []string{"report ID \"mini-report\" is also used by", "ID \"hanoi\" is an organisation here but a place in"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if _, err := dataset.ReadPaths([]string{filepath.Join(dir, "missing.yaml")}); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

// TestPossiblySameAsAcrossFiles: possibly_same_as may name an ID another
// file of the same command defines (with the same kind); alone, or with a
// file that gives the ID another kind, it is an error at its position.
func TestPossiblySameAsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := `report: {id: a, description: A., language: de, date: 2023-12-28, paragraphs: 1}
places:
  - {id: hanoi, name: Hanoi, possibly_same_as: [ha-noi], cite: [1]}
`
	b := `report: {id: b, description: B., language: vi, date: 2020-10-15, paragraphs: 1}
places:
  - {id: ha-noi, name: Hà Nội, cite: [1]}
`
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pa, pb := write("a.yaml", a), write("b.yaml", b)
	if _, err := dataset.ReadPaths([]string{pa, pb}); err != nil {
		t.Errorf("ha-noi defined in b.yaml: %v", err)
	}
	_, err := dataset.ReadPaths([]string{pa})
	if err == nil || !strings.Contains(err.Error(), "a.yaml:3:49: possibly_same_as: unknown ID \"ha-noi\" (define it as a place in this file or in another file named in the same command") {
		t.Errorf("a.yaml alone: %v", err)
	}
	pc := write("c.yaml", strings.Replace(strings.Replace(b, "places:", "organisations:", 1), "id: b,", "id: c,", 1))
	_, err = dataset.ReadPaths([]string{pa, pc})
	if err == nil || !strings.Contains(err.Error(), "a.yaml:3:49: possibly_same_as: \"ha-noi\" is an organisation in "+pc+" (possibly_same_as links entities of one kind: a place)") {
		t.Errorf("ha-noi an organisation in c.yaml: %v", err)
	}
}

// TestToleratedForms: what validates today still does — CRLF line ends
// (a carriage return is refused only inside a value), a --- before the
// document or an empty one after it, a byte order mark.
func TestToleratedForms(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"crlf":         strings.ReplaceAll(string(data), "\n", "\r\n"),
		"leading ---":  "---\n" + string(data),
		"trailing ---": string(data) + "---\n",
		"end marker":   string(data) + "...\n",
		"bom":          "\ufeff" + string(data),
	} {
		if _, errs := dataset.Parse(name+".yaml", []byte(text)); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}
