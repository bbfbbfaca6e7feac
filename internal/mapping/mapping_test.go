package mapping_test

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	v "github.com/confgraph/confgraph/internal/vocab"
)

func TestCheckBase(t *testing.T) {
	for _, c := range []struct {
		base string
		ok   bool
	}{
		{"https://confgraph.example/id/", true},
		{"http://example.org/kg#", true},
		{"https://example.org/id", false},   // no trailing / or #
		{"example.org/id/", false},          // not absolute
		{"urn:x:", false},                   // no host
		{"https://example.org/a b/", false}, // space
		{"https://example.org/<x>/", false},
		{"ftp://example.org/id/", false},       // not http(s)
		{"file://host/id/", false},             // not http(s)
		{"file:///id/", false},                 // not http(s), no host
		{"https://example.org/a#b#", false},    // two fragments
		{"https://example.org/%zz/", false},    // bad percent-encoding
		{"https://example.org/a\x00/", false},  // control character
		{"HTTPS://example.org/id/", true},      // the scheme is case-insensitive
		{"https://example.org/id?x=1#", true},  // a query is allowed
		{"https://example.org/\u202e/", false}, // bidirectional formatting (RFC 3987, 4.1)
		{"https://example.org/\u2067x/", false},
		{"https://example.org/ü/", true},
	} {
		if err := mapping.CheckBase(c.base); (err == nil) != c.ok {
			t.Errorf("CheckBase(%q) = %v, want ok=%v", c.base, err, c.ok)
		}
	}
}

// TestBaseMovesEveryInstanceIRI mints the embedded data under another base:
// every IRI is then under the new base or a vocabulary namespace, except the
// addresses the data states (a report's schema:url, owl:sameAs), which name
// things outside the graph.
func TestBaseMovesEveryInstanceIRI(t *testing.T) {
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	const base = "http://example.org/kg/"
	qs := mapping.All(mapping.IRIs{Base: base}, files)
	allowed := []string{base, v.CG, string(mapping.VocabGraph)}
	for _, p := range v.Prefixes {
		allowed = append(allowed, p.IRI)
	}
	graphs := map[quad.Value]bool{}
	for _, q := range qs {
		graphs[q.Label] = true
		for i, val := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			iri, ok := val.(quad.IRI)
			if !ok || i == 2 && (q.Predicate == v.SchemaURL || q.Predicate == v.OWLSameAs) {
				continue
			}
			in := false
			for _, a := range allowed {
				if strings.HasPrefix(string(iri), a) {
					in = true
				}
			}
			if !in {
				t.Fatalf("IRI %s outside the base and the vocabularies", iri)
			}
		}
	}
	// One named graph per data file, and the vocabulary.
	if len(graphs) != len(files)+1 || !graphs[mapping.VocabGraph] {
		t.Errorf("graphs %v, want the vocabulary and one per file (%d)", graphs, len(files))
	}
	for _, f := range files {
		if !graphs[quad.IRI(base+"graph/"+f.Report.ID.V)] {
			t.Errorf("no graph for report %s", f.Report.ID.V)
		}
	}
	for i := 1; i < len(qs); i++ {
		if qs[i-1].NQuad() >= qs[i].NQuad() {
			t.Fatalf("All is not sorted and free of repeats at %d", i)
		}
	}
}

// TestVocabularyDefinesEveryCGTermUsed: each cg: term in the data is defined,
// with a label and a definition, in the vocabulary graph.
func TestVocabularyDefinesEveryCGTermUsed(t *testing.T) {
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[quad.Value]int{}
	for _, q := range mapping.Vocabulary() {
		if q.Predicate == v.Label || q.Predicate == v.Definition {
			defined[q.Subject]++
		}
	}
	for _, q := range mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files) {
		for _, val := range []quad.Value{q.Predicate, q.Object} {
			if iri, ok := val.(quad.IRI); ok && strings.HasPrefix(string(iri), v.CG) && defined[iri] != 2 {
				t.Errorf("%s is used but has no label and definition in the vocabulary", iri)
			}
		}
	}
}
