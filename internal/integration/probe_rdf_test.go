package integration_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdfio"
)

// rdfLoad loads one RDF file into the seed store.
func rdfLoad(name, file, content string, w want, extra ...string) probeCase {
	args := append([]string{"load", "--db", "bolt", "--dbpath", "cg.db"}, extra...)
	return probeCase{
		cat: "rdf", name: name, files: map[string]string{file: content}, store: true,
		args: append(args, file), want: w, fault: regexp.QuoteMeta(file), golden: true,
	}
}

func rdfCases(t *testing.T, p *probe) []probeCase {
	var cs []probeCase
	// The W3C negative syntax cases (internal/rdfio/testdata/w3c), each
	// with its own name: the reader's test decides them, the probe runs
	// them through load into a filled store.
	for _, suite := range []string{"nquads", "ntriples"} {
		files, _ := filepath.Glob(filepath.Join(p.repo, "internal", "rdfio", "testdata", "w3c", suite, "*bad*"))
		if len(files) < 20 {
			t.Fatalf("found %d W3C negative cases of %s", len(files), suite)
		}
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c := rdfLoad("w3c "+filepath.Base(path), filepath.Base(path), string(b), refuse)
			c.fault = positioned(filepath.Base(path))
			cs = append(cs, c)
		}
	}

	s, pr, o := "<http://example.org/s>", "<http://example.org/p>", "<http://example.org/o>"
	g := "<http://example.org/g>"
	good := s + " " + pr + " " + o + " " + g + " .\n"
	nq := map[string]struct {
		text string
		w    want
	}{
		"good quad":              {good, works},
		"blank label _::a":       {"_::a " + pr + " " + o + " .\n", refuse},
		"blank label _:abc:def":  {"_:abc:def " + pr + " " + o + " .\n", refuse},
		"percent zz in IRI":      {"<http://example.org/%zz> " + pr + " " + o + " .\n", refuse},
		"space in IRI":           {"<http://example.org/a b> " + pr + " " + o + " .\n", refuse},
		"relative IRI":           {"<rel> " + pr + " " + o + " .\n", refuse},
		"BOM at start":           {"\ufeff" + good, either},
		"raw NUL in a literal":   {s + " " + pr + " \"a\x00b\" .\n", either},
		"invalid UTF-8":          {s + " " + pr + " \"a\xffb\" .\n", refuse},
		"escaped surrogate":      {s + " " + pr + " \"a\\uD800b\" .\n", refuse},
		"UTF-8 surrogate":        {s + " " + pr + " \"a\xed\xa0\x80b\" .\n", refuse},
		"literal graph term":     {s + " " + pr + " " + o + " \"g\" .\n", refuse},
		"five terms":             {s + " " + pr + " " + o + " " + g + " " + g + " .\n", refuse},
		"no final dot":           {s + " " + pr + " " + o + "\n", refuse},
		"literal subject":        {"\"s\" " + pr + " " + o + " .\n", refuse},
		"blank predicate":        {s + " _:p " + o + " .\n", refuse},
		"bad language tag":       {s + " " + pr + " \"x\"@de_DE .\n", refuse},
		"bad datatype IRI":       {s + " " + pr + " \"x\"^^<not an iri> .\n", refuse},
		"unterminated literal":   {s + " " + pr + " \"x .\n", refuse},
		"unterminated IRI":       {s + " " + pr + " <http://example.org/o .\n", refuse},
		"bad escape":             {s + " " + pr + " \"\\q\" .\n", refuse},
		"CR line endings":        {strings.ReplaceAll(good+good, "\n", "\r"), either},
		"empty file":             {"", either},
		"comment only":           {"# nothing\n", either},
		"5 MiB literal":          {s + " " + pr + " \"" + strings.Repeat("x", 5<<20) + "\" .\n", either},
		"javascript IRI":         {"<javascript:alert(1)> " + pr + " " + o + " .\n", either},
		"IRI with angle bracket": {"<http://example.org/<a>> " + pr + " " + o + " .\n", refuse},
		// docs/exports.md: each named graph in the files is replaced by
		// exactly the quads given for it, a report's graph too.
		"statement in the seed's graph": {"<https://confgraph.example/id/person/x> " + pr + " " + o +
			" <https://confgraph.example/id/graph/party-building-conference-2023-de> .\n", either},
	}
	for _, name := range sortedKeys(nq) {
		c := rdfLoad("nq "+name, "x.nq", nq[name].text, nq[name].w)
		if nq[name].w == refuse {
			c.fault = `x\.nq(:\d+:\d+)?: `
		}
		cs = append(cs, c)
	}
	nt := map[string]string{
		"graph term":        s + " " + pr + " " + o + " " + g + " .\n",
		"percent zz in IRI": "<http://example.org/%zz> " + pr + " " + o + " .\n",
		"relative IRI":      s + " <p> " + o + " .\n",
		"blank label _::a":  "_::a " + pr + " " + o + " .\n",
		"surrogate escape":  s + " " + pr + " \"\\uDFFF\" .\n",
	}
	for _, name := range sortedKeys(nt) {
		c := rdfLoad("nt "+name, "x.nt", nt[name], refuse)
		c.fault = positioned("x.nt")
		cs = append(cs, c)
	}

	deep := strings.Repeat("[", 200000) + strings.Repeat("]", 200000)
	js := map[string]struct {
		text string
		w    want
	}{
		"good":                         {`{"@id": "http://example.org/s", "http://example.org/p": "x"}`, works},
		"relative property":            {`{"@id": "http://example.org/s", "rel/q": "x"}`, refuse},
		"relative property by context": {`{"@context": {"q": "rel/q"}, "@id": "http://example.org/s", "q": "x"}`, refuse},
		"second top-level object":      {`{"@id": "http://example.org/s", "http://example.org/p": "x"} {"@id": "http://example.org/t", "http://example.org/p": "y"}`, refuse},
		"trailing junk":                {`{"@id": "http://example.org/s", "http://example.org/p": "x"} junk`, refuse},
		"invalid UTF-8":                {"{\"@id\": \"http://example.org/s\", \"http://example.org/p\": \"a\xffb\"}", refuse},
		"lone surrogate":               {`{"@id": "http://example.org/s", "http://example.org/p": "a\ud800b"}`, refuse},
		"not JSON":                     {`{`, refuse},
		"empty file":                   {``, either},
		"empty array":                  {`[]`, either},
		"a number":                     {`42`, refuse},
		"remote context":               {`{"@context": "http://example.org/context.jsonld", "@id": "http://example.org/s"}`, refuse},
		"context import":               {`{"@context": {"@version": 1.1, "@import": "http://example.org/c.jsonld"}, "@id": "http://example.org/s"}`, refuse},
		"cyclic IRI mapping":           {`{"@context": {"a": "a:x"}, "@id": "http://example.org/s", "a": 1}`, refuse}, // one term: a cycle of two is reported by either term, in map order
		"200k-deep arrays":             {deep, refuse},
		"relative @id":                 {`{"@id": "rel", "http://example.org/p": "x"}`, refuse},
		"relative @type":               {`{"@id": "http://example.org/s", "@type": "Rel"}`, refuse},
		"NUL in an IRI":                {`{"@id": "http://example.org/a\u0000b", "http://example.org/p": "x"}`, refuse},
		"bad language tag":             {`{"@id": "http://example.org/s", "http://example.org/p": {"@value": "x", "@language": "de DE"}}`, refuse},
		"huge number":                  {`{"@id": "http://example.org/s", "http://example.org/p": 1e999999}`, either},
		"BOM at start":                 {"\ufeff" + `{"@id": "http://example.org/s", "http://example.org/p": "x"}`, either},
		"null everywhere":              {`{"@context": null, "@id": null, "@graph": null}`, either},
		"@graph of scalars":            {`{"@graph": [1, "x", true]}`, either},
		"list of lists":                {`{"@id": "http://example.org/s", "http://example.org/p": {"@list": [{"@list": [1]}]}}`, either},
		"protected redefinition":       {`{"@context": [{"@version": 1.1, "p": {"@id": "http://example.org/p", "@protected": true}}, {"p": "http://example.org/q"}], "@id": "http://example.org/s", "p": 1}`, refuse},
	}
	for _, name := range sortedKeys(js) {
		c := rdfLoad("jsonld "+name, "x.jsonld", js[name].text, js[name].w)
		cs = append(cs, c)
	}
	cs = append(cs,
		rdfLoad("json relative property", "x.json", `{"@id": "http://example.org/s", "rel/q": "x"}`, refuse),
		rdfLoad("turtle file", "x.ttl", "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", refuse),
		rdfLoad("trig file", "x.trig", "<http://example.org/g> { <http://example.org/s> <http://example.org/p> <http://example.org/o> . }\n", refuse),
		rdfLoad("rdf/xml file", "x.rdf", "<rdf:RDF/>\n", refuse),
		rdfLoad("n3 file", "x.n3", "{} => {} .\n", refuse),
		rdfLoad("graph with a space", "x.nt", good[:len(good)-len(g)-3]+" .\n", refuse, "--graph", "a b"),
		rdfLoad("graph as a relative IRI", "x.nt", good[:len(good)-len(g)-3]+" .\n", refuse, "--graph", "<rel>"),
		rdfLoad("graph empty", "x.nt", good[:len(good)-len(g)-3]+" .\n", either, "--graph", ""),
		rdfLoad("graph of the seed report", "x.nt", good[:len(good)-len(g)-3]+" .\n", either, "--graph", "party-building-conference-2023-de"),
	)
	for i := range cs[len(cs)-4:] {
		cs[len(cs)-4+i].fault = `--graph|graph|x\.nt`
	}
	return cs
}

// baseCases: --base (and CONFGRAPH_BASE) values on export and load.
func baseCases(t *testing.T, p *probe) []probeCase {
	values := map[string]struct {
		v string
		w want
	}{
		"default":             {"https://confgraph.example/id/", works},
		"hash end":            {"http://example.org/id#", works},
		"ftp":                 {"ftp://example.org/id/", refuse},
		"file":                {"file:///tmp/id/", refuse},
		"double hash":         {"http://example.org/a#b#", refuse},
		"no slash at the end": {"http://example.org/id", refuse},
		"empty":               {"", refuse},
		"relative":            {"id/", refuse},
		"urn":                 {"urn:x:", refuse},
		"no host":             {"http:///id/", refuse},
		"scheme only":         {"http://", refuse},
		"space":               {"http://example.org/a b/", refuse},
		"percent zz":          {"http://example.org/%zz/", refuse},
		"angle brackets":      {"http://example.org/<a>/", refuse},
		"quote":               {`http://example.org/"a"/`, refuse},
		"braces":              {"http://example.org/{a}/", refuse},
		"backslash":           {`http://example.org/a\b/`, refuse},
		"javascript":          {"javascript:alert(1)//", refuse},
		"invalid UTF-8":       {"http://example.org/\xff/", refuse},
		"newline":             {"http://example.org/a\nb/", refuse},
		"2000 characters":     {"http://example.org/" + strings.Repeat("a", 2000) + "/", either},
		"unicode path":        {"http://example.org/ü/", either},
		"upper-case scheme":   {"HTTP://EXAMPLE.ORG/id/", either},
		"IPv6 host":           {"http://[::1]/id/", either},
		"port 99999":          {"http://example.org:99999/id/", either},
		"user info":           {"http://user:pw@example.org/id/", either},
		"query":               {"http://example.org/?q=/", either},
		"bidi override":       {"http://example.org/\u202e/", refuse},
	}
	var cs []probeCase
	validNQ := func(_ *probe, _ string, out string) error {
		_, err := rdfio.Read("export.nq", []byte(out), quad.IRI("http://example.org/default"))
		return err
	}
	for _, name := range sortedKeys(values) {
		v := values[name]
		cs = append(cs, probeCase{cat: "base", name: "export " + name, args: []string{"export", "--base", v.v},
			want: v.w, fault: "--base|base", check: validNQ, golden: true})
	}
	for _, name := range []string{"ftp", "double hash", "no slash at the end", "newline", "percent zz", "unicode path"} {
		v := values[name]
		cs = append(cs, probeCase{cat: "base", name: "load " + name, store: true,
			args: []string{"load", "--db", "bolt", "--dbpath", "cg.db", "--base", v.v}, want: v.w, fault: "--base|base", golden: true})
		cs = append(cs, probeCase{cat: "base", name: "env " + name, args: []string{"export"},
			env: []string{"CONFGRAPH_BASE=" + v.v}, want: v.w, fault: "CONFGRAPH_BASE|base", check: validNQ, golden: true})
	}
	cs = append(cs, probeCase{cat: "base", name: "load another base into the seed store", store: true,
		args: []string{"load", "--db", "bolt", "--dbpath", "cg.db", "--base", "http://example.org/other/"}, want: either, fault: "base", golden: true})
	return cs
}
