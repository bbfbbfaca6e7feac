package rdfio_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
)

const def = quad.IRI("https://confgraph.example/id/graph/default")

func lines(qs []quad.Quad) string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name, file, in, want string
	}{
		{"typed literals keep their lexical form", "a.nq",
			`<http://e/s> <http://e/p> "007"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .
<http://e/s> <http://e/p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://e/g> .
<http://e/s> <http://e/p> "2023-12-28T10:00:00.120+07:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> <http://e/g> .
<http://e/s> <http://e/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <http://e/g> .
<http://e/s> <http://e/p> "1.5E0"^^<http://www.w3.org/2001/XMLSchema#double> <http://e/g> .
`,
			`<http://e/s> <http://e/p> "007"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .
<http://e/s> <http://e/p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://e/g> .
<http://e/s> <http://e/p> "1.5E0"^^<http://www.w3.org/2001/XMLSchema#double> <http://e/g> .
<http://e/s> <http://e/p> "2023-12-28T10:00:00.120+07:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> <http://e/g> .
<http://e/s> <http://e/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <http://e/g> .`},
		{"default graph goes to the given graph; tags lowercased; xsd:string is plain", "b.nt",
			`<http://e/s> <http://e/p> "Grüß Gott"@de-AT .
<http://e/s> <http://e/p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .
`,
			`<http://e/s> <http://e/p> "Grüß Gott"@de-at <https://confgraph.example/id/graph/default> .
<http://e/s> <http://e/p> "x" <https://confgraph.example/id/graph/default> .`},
		{"escapes", "c.nq",
			`<http://e/s> <http://e/p> "a\"b\\c\nd\te \u00C4\U0001D11E" <http://e/g> .` + "\n",
			`<http://e/s> <http://e/p> "a\"b\\c\nd\te Ä𝄞" <http://e/g> .`},
		{"JSON-LD with an inline context, a named graph and a language map", "d.jsonld",
			`{"@context": {"ex": "http://e/", "name": {"@id": "ex:name", "@container": "@language"}},
			  "@graph": [{"@id": "ex:g", "@graph": [{"@id": "ex:s", "@type": "ex:T", "name": {"vi": "Hải", "de": "Hai"}}]},
			             {"@id": "ex:s", "ex:n": {"@value": "007", "@type": "http://www.w3.org/2001/XMLSchema#integer"}}]}`,
			`<http://e/s> <http://e/n> "007"^^<http://www.w3.org/2001/XMLSchema#integer> <https://confgraph.example/id/graph/default> .
<http://e/s> <http://e/name> "Hai"@de <http://e/g> .
<http://e/s> <http://e/name> "Hải"@vi <http://e/g> .
<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/T> <http://e/g> .`},
	} {
		t.Run(c.name, func(t *testing.T) {
			qs, err := rdfio.Read(c.file, []byte(c.in), def)
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(qs); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestBlankNodesStayApartPerFile: _:b in two different files are two
// nodes; the same file read twice gives the same labels (idempotent load).
func TestBlankNodesStayApartPerFile(t *testing.T) {
	a := []byte("_:b <http://e/p> \"a\" <http://e/g> .\n")
	b := []byte("_:b <http://e/p> \"b\" <http://e/g> .\n")
	qa, err := rdfio.Read("a.nq", a, def)
	if err != nil {
		t.Fatal(err)
	}
	qa2, _ := rdfio.Read("a.nq", a, def)
	qb, _ := rdfio.Read("b.nq", b, def)
	if qa[0].Subject == qb[0].Subject {
		t.Errorf("blank nodes of two files merged: %s", qa[0].Subject)
	}
	if qa[0].Subject != qa2[0].Subject {
		t.Errorf("the same file gave %s and %s", qa[0].Subject, qa2[0].Subject)
	}
	if _, ok := qa[0].Subject.(quad.BNode); !ok {
		t.Errorf("blank node became %T", qa[0].Subject)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ file, in, want string }{
		{"x.nq", "<http://e/s> <http://e/p> \"ok\" .\n<http://e/s> <http://e/p> \"open .\n", `x.nq:2:27: not valid N-Quads: literal has no closing quote`},
		{"x.nq", "<http://e/s> <http://e/p> .\n", `x.nq:1:27: not valid N-Quads: object . is not`},
		{"x.nq", `<http://e/s> <http://e/p> "\u12" .` + "\n", `x.nq:1:28: not valid N-Quads: bad escape`},
		// Every IRI must be absolute and free of the characters IRIREF forbids.
		{"x.nt", "<http://x/s> <http://x/p> <http://x/has space> .\n", `x.nt:1:27: not valid N-Triples: object IRI <http://x/has space> contains a space (write it as %20)`},
		{"x.nt", "<http://x/s> <http://x/p> \"o\" .\n<a> <b> \"c\" .\n", `x.nt:2:1: not valid N-Triples: subject IRI <a> is relative`},
		{"x.nq", "<http://x/s> <b> \"c\" .\n", `predicate IRI <b> is relative`},
		{"x.nq", "<http://x/s> <http://x/p> \"c\" <g> .\n", `graph IRI <g> is relative`},
		{"x.nq", "<http://x/s> <http://x/p> \"c\"^^<int> .\n", `datatype IRI <int> is relative`},
		{"x.nq", "<http://x/a{b}> <http://x/p> \"c\" .\n", `contains '{' (percent-encode it as %7B)`},
		{"x.nq", "<http://x/a\\u0020b> <http://x/p> \"c\" .\n", `contains a space`},
		{"x.nq", "<http://x/s> <http://x/p> \"c\"@123-x .\n", `x.nq:1:31: not valid N-Quads: language tag @123-x is not well formed`},
		{"x.nq", "<http://x/s> <http://x/p> \"c\"@de_AT .\n", `language tag @de_AT is not well formed`},
		{"x.nq", "<http://x/s> <http://x/p> bare .\n", `object bare is not an IRI`},
		{"x.nq", "<http://x/s> <http://x/p> \"c\" <http://x/g> <http://x/h> .\n", `expected "." at the end`},
		{"x.jsonld", `{"@id": "a", "http://e/p": "c"}`, `x.jsonld: not valid JSON-LD: IRI <a> is relative`},
		{"x.jsonld", `{"@id": "http://e/s", "http://e/p": {"@id": "http://e/has space"}}`, `contains a space`},
		{"x.jsonld", `{"@context": `, `x.jsonld:1:14: not valid JSON-LD: JSON: unexpected end of JSON input`},
		{"x.jsonld", `{"@context": "https://schema.org/", "name": "x"}`, "put the @context into the file"},
		{"x.ttl", "", "x.ttl: not an RDF file this version reads (extensions: .nq .nt .jsonld .json)"},
		{"x.json", `{"@id": "http://e/s", "http://e/p": "c"`, "x.json:1:40: not valid JSON-LD: JSON: unexpected end of JSON input"},
	} {
		_, err := rdfio.Read(c.file, []byte(c.in), def)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Read(%s, %q) = %v, want an error with %q", c.file, c.in, err, c.want)
		}
	}
}

// TestTable checks the format table's invariants: unique names and
// extensions, a media type for each, and the extensions Read accepts.
func TestTable(t *testing.T) {
	names, exts := map[string]bool{}, map[string]bool{}
	for _, f := range rdfio.Formats() {
		if names[f.Name] || f.Name == "" || f.Title == "" || f.MediaType == "" || len(f.Exts) == 0 || f.Doc == "" {
			t.Errorf("format %+v: empty or repeated name, title, media type, extensions or doc", f.Name)
		}
		names[f.Name] = true
		for _, e := range f.Exts {
			if exts[e] {
				t.Errorf("extension %s is in two formats", e)
			}
			exts[e] = true
			if got, ok := rdfio.ByPath("x" + strings.ToUpper(e)); !ok || got.Name != f.Name {
				t.Errorf("ByPath(x%s) = %s, %v; want %s", strings.ToUpper(e), got.Name, ok, f.Name)
			}
		}
		if !f.CanWrite() {
			t.Errorf("%s: every RDF syntax of the table is written", f.Name)
		}
	}
	if got, want := strings.Join(rdfio.ReadExts(), " "), ".nq .nt .jsonld .json"; got != want {
		t.Errorf("ReadExts = %s, want %s", got, want)
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{{"a.nq", true}, {"a.NT", true}, {"a.json", true}, {"a.ttl", false}, {"a.trig", false}, {"a.yaml", false}} {
		if got := rdfio.IsReadable(c.name); got != c.ok {
			t.Errorf("IsReadable(%s) = %v, want %v", c.name, got, c.ok)
		}
	}
}

// TestRoundTrip writes quads with every syntax that confgraph also reads
// and reads them back: the same quads (the union of the graphs, for a
// syntax that keeps none).
func TestRoundTrip(t *testing.T) {
	g := quad.IRI("https://confgraph.example/id/graph/r")
	in := []quad.Quad{
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/p"), Object: quad.LangString{Value: "Ngô Đông Hải", Lang: "vi"}, Label: g},
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/p"), Object: quad.TypedString{Value: "2023-12-28", Type: "http://www.w3.org/2001/XMLSchema#date"}, Label: g},
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/q"), Object: quad.IRI("http://e/o"), Label: g},
		{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/q"), Object: quad.String("say \"hi\"\n"), Label: g},
	}
	for _, f := range rdfio.Formats() {
		if !f.CanRead() {
			continue
		}
		var b strings.Builder
		if err := f.Write(&b, rdf.FromQuads(slices.Clone(in)), nil); err != nil {
			t.Fatalf("%s: write: %v", f.Name, err)
		}
		out, err := rdfio.Read("x"+f.Exts[0], []byte(b.String()), g)
		if err != nil {
			t.Fatalf("%s: read back: %v\n%s", f.Name, err, b.String())
		}
		if got, want := lines(out), lines(in); got != want {
			t.Errorf("%s: read back\n%s\nwant\n%s", f.Name, got, want)
		}
	}
}

// TestReadStrictNQuads: cases the N-Quads and N-Triples readers used to
// accept or report invisibly, each with its exact message. The blank-node
// cases are nt-syntax-bad-bnode-01 and -02 of the current W3C suites
// (w3c/rdf-tests), which the copies in testdata/w3c predate.
func TestReadStrictNQuads(t *testing.T) {
	for _, c := range []struct{ file, in, want string }{
		{"x.nt", "_::a  <http://example/p> <http://example/o> .\n",
			`x.nt:1:3: not valid N-Triples: blank node label starts with ":" (start it with a letter, a digit or _)`},
		{"x.nt", "_:abc:def  <http://example/p> <http://example/o> .\n",
			`x.nt:1:6: not valid N-Triples: blank node label contains ":" (use letters, digits, _ - and .)`},
		{"x.nq", "_::a  <http://example/p> <http://example/o> .\n",
			`x.nq:1:3: not valid N-Quads: blank node label starts with ":" (start it with a letter, a digit or _)`},
		{"x.nq", "_:abc:def  <http://example/p> <http://example/o> .\n",
			`x.nq:1:6: not valid N-Quads: blank node label contains ":" (use letters, digits, _ - and .)`},
		{"x.nq", "<http://e/s> <http://e/p> _:o <http://e/g> .\n_:-a <http://e/p> \"o\" .\n",
			`x.nq:2:3: not valid N-Quads: blank node label starts with "-" (start it with a letter, a digit or _)`},
		{"x.nq", "<http://e/s> <http://e/p> _:a\u00d7b .\n",
			`x.nq:1:30: not valid N-Quads: blank node label contains "×" (use letters, digits, _ - and .)`},
		{"x.nq", "\ufeff<http://e/s> <http://e/p> \"o\" .\n",
			`x.nq:1:1: not valid N-Quads: the file starts with a byte-order mark (U+FEFF), which N-Quads and N-Triples do not allow (save the file as UTF-8 without a BOM)`},
		{"x.nt", "\ufeff<http://e/s> <http://e/p> \"o\" .\n",
			`x.nt:1:1: not valid N-Triples: the file starts with a byte-order mark (U+FEFF), which N-Quads and N-Triples do not allow (save the file as UTF-8 without a BOM)`},
		{"x.nq", "<http://e/s> <http://e/p> \"o\" .\n<http://e/s> \ufeff<http://e/p> \"o\" .\n",
			`x.nq:2:14: not valid N-Quads: invisible byte-order mark (U+FEFF) before the predicate (remove it)`},
		{"x.nt", "<http://e/s> <http://e/p> \"o\" \ufeff.\n",
			`x.nt:1:31: not valid N-Triples: invisible byte-order mark (U+FEFF) before the final "." (remove it)`},
		{"x.nq", "<http://e/a%zz> <http://e/p> \"o\" .\n",
			`x.nq:1:1: not valid N-Quads: subject IRI <http://e/a%zz> has a % not followed by two hex digits (percent-encode a literal % as %25)`},
		{"x.nt", "<http://e/s> <http://e/p> <http://e/a%4> .\n",
			`x.nt:1:27: not valid N-Triples: object IRI <http://e/a%4> has a % not followed by two hex digits (percent-encode a literal % as %25)`},
		{"x.nt", "<http://e/s> <http://e/p> \"o\" .\n<http://e/s> <http://e/p> \"o\" <http://e/g> .\n",
			`x.nt:2:31: not valid N-Triples: N-Triples has no graphs, but the statement has a fourth term, a graph (save the file as .nq to load named graphs)`},
		{"x.nt", "<http://e/s> <http://e/p> \"o\" _:g .\n",
			`x.nt:1:31: not valid N-Triples: N-Triples has no graphs, but the statement has a fourth term, a graph (save the file as .nq to load named graphs)`},
		{"x.nt", "<http://e/s> <http://e/p> \"o\" x .\n",
			`x.nt:1:31: not valid N-Triples: expected "." at the end of the statement (one statement per line, ended by " .")`},
	} {
		_, err := rdfio.Read(c.file, []byte(c.in), def)
		if err == nil || err.Error() != c.want {
			t.Errorf("Read(%s, %q)\n got %v\nwant %s", c.file, c.in, err, c.want)
		}
	}
}

// TestReadBlankNodeLabels: labels BLANK_NODE_LABEL allows still load,
// "." inside a label, digits first, PN_CHARS beyond ASCII, and a label
// that ends right before the final ".".
func TestReadBlankNodeLabels(t *testing.T) {
	in := "_:1a.b-c_\u00b7d\u0301 <http://e/p> <http://e/a%41> .\n_:x<http://e/p>_:y.\n_:\u00e9 <http://e/p> \"o\" _:g.\n"
	qs, err := rdfio.Read("x.nq", []byte(in), def)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Object, q.Label} {
			if b, ok := v.(quad.BNode); ok {
				labels = append(labels, string(b)[len("f12345678_"):])
			}
		}
	}
	if got, want := strings.Join(labels, " "), "1a.b-c_\u00b7d\u0301 x y \u00e9 g"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}

// TestReadStrictJSONLD: JSON-LD that json-gold and encoding/json let
// through with a loss (a dropped property, a second object, U+FFFD for
// bad text) is an error, positioned in the JSON text.
func TestReadStrictJSONLD(t *testing.T) {
	const rel = `does not expand to an IRI, and json-gold would drop it (write an absolute IRI, a compact IRI with a prefix of the @context, or give the @context a term for it or an @vocab)`
	for _, c := range []struct{ in, want string }{
		{`{"@id": "http://e/s", "rel/q": "c"}`,
			`x.jsonld:1:23: not valid JSON-LD: property "rel/q" ` + rel},
		{"{\"@context\": {\"ex\": \"http://e/\"},\n \"@id\": \"ex:s\",\n  \"ex:p\": {\"@id\": \"ex:o\", \"rel/q\": \"c\"}}",
			`x.jsonld:3:27: not valid JSON-LD: property "rel/q" ` + rel},
		{`[{"@id": "http://e/s", "q": "c"}]`,
			`x.jsonld:1:24: not valid JSON-LD: property "q" ` + rel},
		{`{"@context": {"name": {"@id": "rel"}}, "@id": "http://e/s", "name": "x"}`,
			`x.jsonld: not valid JSON-LD: property "rel" ` + rel},
		{"{\"@id\": \"http://e/s\", \"http://e/p\": \"c\"}\n{\"@id\": \"http://e/t\", \"http://e/p\": \"d\"}\n",
			`x.jsonld:2:1: not valid JSON-LD: a second top-level JSON value; a JSON-LD file holds one (put the objects into one array or @graph)`},
		{"[{\"@id\": \"http://e/s\", \"http://e/p\": \"c\"}]\n  ]",
			`x.jsonld:2:3: not valid JSON-LD: unexpected ']' after the end of the JSON document`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": \"a\xffb\"}",
			`x.jsonld:2:18: not valid JSON-LD: not UTF-8 text (save the file as UTF-8)`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": \"a\\ud800b\"}",
			`x.jsonld:2:18: not valid JSON-LD: \ud800 is a lone high surrogate (write the character itself, or a high and a low surrogate: \ud83d\ude00)`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": \"\\ud800\\u0041\"}",
			`x.jsonld:2:17: not valid JSON-LD: \ud800 is a lone high surrogate (write the character itself, or a high and a low surrogate: \ud83d\ude00)`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": \"a\\udc00b\"}",
			`x.jsonld:2:18: not valid JSON-LD: \udc00 is a lone low surrogate (write the character itself, or a high and a low surrogate: \ud83d\ude00)`},
		{"\ufeff{\"@id\": \"http://e/s\", \"http://e/p\": \"c\"}",
			`x.jsonld:1:1: not valid JSON-LD: the file starts with a byte-order mark (U+FEFF), which JSON does not allow (save the file as UTF-8 without a BOM)`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": \"c\",}",
			`x.jsonld:2:21: not valid JSON-LD: JSON: invalid character '}' looking for beginning of object key string`},
		// A scalar document (json-gold makes it an empty graph) and a
		// number no double holds (json-gold panicked with Go's words).
		{"\n 42\n", `x.jsonld:2:2: not valid JSON-LD: a JSON-LD document is a JSON object or array, not a number`},
		{`"http://e/s"`, `x.jsonld:1:1: not valid JSON-LD: a JSON-LD document is a JSON object or array, not a string`},
		{`null`, `x.jsonld:1:1: not valid JSON-LD: a JSON-LD document is a JSON object or array, not null`},
		{"{\"@id\": \"http://e/s\",\n \"http://e/p\": [1, 1e309]}",
			`x.jsonld:2:20: not valid JSON-LD: the number 1e309 is out of range (a JSON-LD number must fit a double; write it as a string with a datatype)`},
	} {
		_, err := rdfio.Read("x.jsonld", []byte(c.in), def)
		if err == nil || err.Error() != c.want {
			t.Errorf("Read(%q)\n got %v\nwant %s", c.in, err, c.want)
		}
	}
	// What is not lost still loads: an escaped backslash before "ud800", a
	// surrogate pair, and properties under the document's own @vocab.
	qs, err := rdfio.Read("x.jsonld", []byte(`{"@context": {"@vocab": "http://v/"}, "@id": "http://e/s", "rel/q": "a\\ud800b \ud83d\ude00", "@type": "T"}`), def)
	if err != nil {
		t.Fatal(err)
	}
	want := `<http://e/s> <http://v/rel/q> "a\\ud800b 😀" <https://confgraph.example/id/graph/default> .
<http://e/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://v/T> <https://confgraph.example/id/graph/default> .`
	if got := lines(qs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
