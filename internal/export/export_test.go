package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"

	cggraph "github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/externaltest"
	"github.com/confgraph/confgraph/internal/golden"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
)

// hostile reads testdata/hostile.nq: literals with quotes, backslashes,
// newlines, tabs, CR, a bell character, Vietnamese diacritics, German
// umlauts, an astral character, a 6 KB string, typed literals in
// non-canonical form, a triple stated in two graphs and one in the default
// graph.
func hostile(t *testing.T) []quad.Quad {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "hostile.nq"))
	if err != nil {
		t.Fatal(err)
	}
	r := qnq.NewReader(bytes.NewReader(data), false)
	qs, err := quad.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 34 {
		t.Fatalf("fixture has %d quads, want 34", len(qs))
	}
	return qs
}

// report returns the quads of the curated report embedded in the binary.
func report(t testing.TB) []quad.Quad {
	t.Helper()
	files, err := dataset.ReadFS(cggraph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	return mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)
}

func write(t *testing.T, format string, qs []quad.Quad) []byte {
	t.Helper()
	f, err := export.ByName(format)
	if err != nil {
		t.Fatal(err)
	}
	cp := append([]quad.Quad(nil), qs...)
	var b bytes.Buffer
	if err := f.Write(context.Background(), &b, rdf.FromQuads(cp)); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// triplesOf drops the graph of oxigraph's N-Quads lines and merges repeats.
func triplesOf(t *testing.T, lines []string) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		q, err := qnq.Parse(l)
		if err != nil {
			t.Fatalf("parse %s: %v", l, err)
		}
		k := l
		if q.Label != nil { // keep oxigraph's own escapes: cut the graph off the line
			k = strings.TrimSuffix(strings.TrimSuffix(l, " ."), " "+q.Label.String()) + " ."
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func diff(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	g, w := map[string]bool{}, map[string]bool{}
	for _, l := range got {
		g[l] = true
	}
	for _, l := range want {
		w[l] = true
	}
	n := 0
	for _, l := range want {
		if !g[l] && n < 5 {
			t.Errorf("%s: missing %s", what, l)
			n++
		}
	}
	for _, l := range got {
		if !w[l] && n < 10 {
			t.Errorf("%s: extra %s", what, l)
			n++
		}
	}
	t.Errorf("%s: %d quads, want %d", what, len(got), len(want))
}

// TestRDFFormatsYieldTheNQuadsQuads is the acceptance test of the RDF
// exports: oxigraph, a strict external reader, must parse each and get
// exactly the quads of its parse of the N-Quads export (N-Triples and
// Turtle: exactly its triples, graphs dropped).
func TestRDFFormatsYieldTheNQuadsQuads(t *testing.T) {
	inputs := map[string][]quad.Quad{"hostile": hostile(t), "report": report(t)}
	for _, name := range []string{"hostile", "report"} {
		qs := inputs[name]
		ref, err := externaltest.Oxigraph(t, write(t, "nquads", qs), externaltest.NQuads)
		if err != nil {
			t.Fatalf("%s: oxigraph rejects the N-Quads export: %v", name, err)
		}
		if len(ref) != len(qs) {
			t.Fatalf("%s: oxigraph read %d quads of %d", name, len(ref), len(qs))
		}
		for _, f := range export.Formats() {
			if !f.RDF {
				continue
			}
			t.Run(name+"/"+f.Name, func(t *testing.T) {
				got, err := externaltest.Oxigraph(t, write(t, f.Name, qs), f.MediaType)
				if err != nil {
					t.Fatalf("oxigraph rejects the %s export: %v", f.Name, err)
				}
				want := ref
				if !f.KeepsGraphs {
					want = triplesOf(t, ref)
				}
				diff(t, f.Name, got, want)
			})
		}
	}
}

// TestN3ParsesTurtleAndTriG: a second, independent reader.
func TestN3ParsesTurtleAndTriG(t *testing.T) {
	for _, qs := range [][]quad.Quad{hostile(t), report(t)} {
		for _, c := range []struct{ format, media string }{{"turtle", "text/turtle"}, {"trig", "application/trig"}} {
			f := filepath.Join(t.TempDir(), "in")
			if err := os.WriteFile(f, write(t, c.format, qs), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := externaltest.RunNode(t, "n3parse.js", []string{"n3"}, f, c.media)
			if err != nil {
				t.Fatalf("N3.js rejects the %s export: %v", c.format, err)
			}
			want := len(qs)
			if c.format == "turtle" {
				want = len(triplesOf(t, nqLines(qs)))
			}
			if n, _ := strconv.Atoi(strings.TrimSpace(out)); n != want {
				t.Errorf("N3.js read %s statements from %s, want %d", strings.TrimSpace(out), c.format, want)
			}
		}
	}
}

func nqLines(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	return out
}

// TestJSONLDExpandsToTheSameQuadsInGo reads the JSON-LD export back with
// json-gold (through rdfio, the reader of 'confgraph load'): the same quads.
func TestJSONLDExpandsToTheSameQuadsInGo(t *testing.T) {
	qs := hostile(t)
	def := quad.IRI("https://confgraph.example/id/graph/default")
	got, err := rdfio.Read("x.jsonld", write(t, "jsonld", qs), def)
	if err != nil {
		t.Fatal(err)
	}
	var want []quad.Quad
	for _, q := range qs {
		if q.Label == nil {
			q.Label = def
		}
		if l, ok := q.Object.(quad.LangString); ok {
			l.Lang = strings.ToLower(l.Lang) // rdfio lowercases language tags
			q.Object = l
		}
		want = append(want, q)
	}
	diff(t, "json-gold", sortedLines(got), sortedLines(want))
}

func sortedLines(qs []quad.Quad) []string {
	l := nqLines(qs)
	sort.Strings(l)
	return l
}

// TestEveryFormatIsDeterministic: the same bytes on every run and whatever
// the order the quads come in.
func TestEveryFormatIsDeterministic(t *testing.T) {
	qs := report(t)
	for _, f := range export.Formats() {
		if f.Name == "svg" {
			if _, err := exec.LookPath("dot"); err != nil {
				externaltest.Missing(t, "dot is not installed; apt-get install graphviz")
				continue
			}
		}
		a := write(t, f.Name, qs)
		shuffled := append([]quad.Quad(nil), qs...)
		rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		b := write(t, f.Name, shuffled)
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: two exports differ (%d and %d bytes)", f.Name, len(a), len(b))
		}
	}
}

// TestGolden compares the readable formats of the hostile fixture with
// reviewed golden files (go test -update rewrites them).
func TestGolden(t *testing.T) {
	qs := hostile(t)
	for _, f := range []struct{ name, file string }{
		{"turtle", "hostile.ttl"}, {"trig", "hostile.trig"}, {"jsonld", "hostile.jsonld"},
		{"csv", "hostile.csv"}, {"dot", "hostile.dot"}, {"graphml", "hostile.graphml"}, {"ntriples", "hostile.nt"},
	} {
		golden.Check(t, filepath.Join("testdata", f.file), write(t, f.name, qs))
	}
}

// TestTurtleIsReadable checks the layout promised to people.
func TestTurtleIsReadable(t *testing.T) {
	ttl := string(write(t, "turtle", hostile(t)))
	for _, want := range []string{
		"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n",
		"@prefix person: <https://confgraph.example/id/person/> .\n",
		// rdf:type first as "a", then ";" between predicates
		"person:nguyen-thi-anh a schema:Person ;\n",
		// "," between the objects of one predicate
		`skos:prefLabel "Brücke \"Süd\""@de, "south bridge"@en, "điểm cầu Hà Nội"@vi`,
		`"Zeile 1\nZeile 2\tmit Tab\r\nGrüße aus München: Ärger, Öl, Übermut, Straße"@de`,
		`"She said \"Đảng\" and C:\\path\\to\\file;`,
		"cg:paragraphCount 007 .", // an integer keeps its lexical form
		`"bell\u0007 and astral 𝄞`,
	} {
		if !strings.Contains(ttl, want) {
			t.Errorf("Turtle lacks %q", want)
		}
	}
	if strings.Count(ttl, "person:nguyen-thi-anh a schema:Person") != 1 {
		t.Error("a triple stated in two graphs must appear once in Turtle")
	}
}

// TestCSVTable checks the documented layout: a header, one row per
// statement, each carrying its subject's label and type.
func TestCSVTable(t *testing.T) {
	qs := hostile(t)
	raw := write(t, "csv", qs)
	if !bytes.Contains(raw, []byte("\"Zeile 1\nZeile 2\tmit Tab\r\nGrüße aus München: Ärger, Öl, Übermut, Straße\",literal,de,\n")) {
		t.Error("CSV does not carry the literal with its CR LF byte for byte")
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if strings.Join(rows[0], ",") != "graph,subject,subject_label,subject_type,property,value,value_kind,language,datatype" {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != len(qs)+1 {
		t.Errorf("%d rows, want %d statements + header", len(rows), len(qs))
	}
	found := 0
	for _, r := range rows[1:] {
		if r[1] == "attendance:conference--nguyen-thi-anh--south-bridge" && r[3] == "cg:Attendance" && r[4] == "cg:inRole" {
			found++
			if r[5] != "post:secretary" || r[6] != "iri" {
				t.Errorf("attendance role row %v", r)
			}
		}
		if r[4] == "cg:evidence" && r[7] == "de" {
			found++
			// encoding/csv's reader turns CR LF inside a field into LF
			if r[5] != "Zeile 1\nZeile 2\tmit Tab\nGrüße aus München: Ärger, Öl, Übermut, Straße" || r[2] != "Nguyen Thi Anh" || r[3] != "schema:Person" {
				t.Errorf("evidence row %q", r)
			}
		}
		if r[4] == "cg:paragraphCount" {
			found++
			if r[5] != "007" || r[8] != "xsd:integer" {
				t.Errorf("typed row %v", r)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 checked rows", found)
	}
}

// countingWriter records how much was written.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// TestStreamingFormatsWriteAsTheyRead: N-Quads, N-Triples and CSV must have
// written most of their output before the source yields its last quad, so
// they do not hold the export in memory.
func TestStreamingFormatsWriteAsTheyRead(t *testing.T) {
	const n = 50000
	for _, name := range []string{"nquads", "ntriples", "csv"} {
		f, _ := export.ByName(name)
		w := &countingWriter{}
		var atLast int
		seq := func(yield func(quad.Quad) error) error {
			for i := 0; i < n; i++ {
				if i == n-1 {
					atLast = w.n
				}
				q := quad.Quad{
					Subject:   quad.IRI("https://confgraph.example/id/person/p" + strconv.Itoa(1000000+i)),
					Predicate: quad.IRI("http://schema.org/name"),
					Object:    quad.String("Nguyễn " + strconv.Itoa(i)),
					Label:     quad.IRI("https://confgraph.example/id/graph/g"),
				}
				if err := yield(q); err != nil {
					return err
				}
			}
			return nil
		}
		src := rdf.Source{Graphs: []quad.Value{quad.IRI("https://confgraph.example/id/graph/g")}, All: seq,
			InGraph: func(quad.Value) rdf.Seq { return seq }}
		if err := f.Write(context.Background(), w, src); err != nil {
			t.Fatal(err)
		}
		if atLast < w.n*9/10 {
			t.Errorf("%s wrote %d of %d bytes before the last quad: it buffers", name, atLast, w.n)
		}
	}
}

// TestMediaTypes pins the media type and the graph handling of every RDF
// format: the external readers are told the format by its media type.
func TestMediaTypes(t *testing.T) {
	want := map[string]struct {
		media string
		keeps bool
	}{
		"nquads": {externaltest.NQuads, true}, "ntriples": {externaltest.NTriples, false},
		"turtle": {externaltest.Turtle, false}, "trig": {externaltest.TriG, true}, "jsonld": {externaltest.JSONLD, true},
		"graphml": {"application/graphml+xml", false}, "dot": {"text/vnd.graphviz", false},
		"svg": {"image/svg+xml", false}, "csv": {"text/csv", false},
		"ftm": {"application/x-ndjson", false}, "popolo": {"application/json", false},
	}
	for _, f := range export.Formats() {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("format %s: not in this test", f.Name)
			continue
		}
		if f.MediaType != w.media || f.KeepsGraphs != w.keeps {
			t.Errorf("format %s: media type %q, keeps graphs %v; want %q, %v", f.Name, f.MediaType, f.KeepsGraphs, w.media, w.keeps)
		}
		delete(want, f.Name)
	}
	for n := range want {
		t.Errorf("format %s is missing", n)
	}
}

func TestChoose(t *testing.T) {
	for _, c := range []struct {
		format, path, want, err string
	}{
		{"", "", "nquads", ""},
		{"", "-", "nquads", ""},
		{"", "out.ttl", "turtle", ""},
		{"", "OUT.TRIG", "trig", ""},
		{"", "x.jsonld", "jsonld", ""},
		{"", "x.graphml", "graphml", ""},
		{"", "x.gv", "dot", ""},
		{"", "x.svg", "svg", ""},
		{"", "x.csv", "csv", ""},
		{"", "x.nt", "ntriples", ""},
		{"", "x.json", "jsonld", ""},
		{"", "x.ftm.json", "ftm", ""},
		{"", "dir.v2/X.FTM.JSON", "ftm", ""},
		{"", "x.popolo.json", "popolo", ""},
		{"ftm", "x.ftm.json", "ftm", ""},
		{"jsonld", "x.ftm.json", "", "format jsonld does not match the extension of x.ftm.json (a ftm file)"},
		{"popolo", "x.json", "", "format popolo does not match the extension of x.json (a jsonld file)"},
		{"", "noext", "nquads", ""},
		{"TriG", "", "trig", ""},
		{"nt", "", "ntriples", ""},
		{"ttl", "", "turtle", ""},
		{"csv", "out.txt", "csv", ""},
		{"xml", "", "", `unknown format "xml" (valid: nquads, ntriples, turtle, trig, jsonld, graphml, dot, svg, csv, ftm, popolo)`},
		{"", "out.txt", "", `cannot tell the format from the extension ".txt" of out.txt (formats: nquads, ntriples, turtle, trig, jsonld, graphml, dot, svg, csv, ftm, popolo; extensions: .nq .nt .ttl .trig .jsonld .json .graphml .dot .gv .svg .csv .ftm.json .popolo.json)`},
		{"nquads", "out.ttl", "", "format nquads does not match the extension of out.ttl (a turtle file)"},
	} {
		f, err := export.Choose(c.format, c.path)
		if c.err != "" {
			var fe *export.FormatError
			if err == nil || !errors.As(err, &fe) || err.Error() != c.err {
				t.Errorf("Choose(%q, %q) = %v, want *FormatError %q", c.format, c.path, err, c.err)
			}
			continue
		}
		if err != nil || f.Name != c.want {
			t.Errorf("Choose(%q, %q) = %s, %v; want %s", c.format, c.path, f.Name, err, c.want)
		}
	}
}
