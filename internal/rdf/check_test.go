package rdf_test

import (
	"testing"

	"github.com/confgraph/confgraph/internal/rdf"
)

func TestCheckIRIPercent(t *testing.T) {
	for _, c := range []struct{ iri, want string }{
		{"http://e/a%20b%C3%A4%e4", ""},
		{"http://e/a%zz", "IRI <http://e/a%zz> has a % not followed by two hex digits (percent-encode a literal % as %25)"},
		{"http://e/a%4", "IRI <http://e/a%4> has a % not followed by two hex digits (percent-encode a literal % as %25)"},
		{"http://e/%", "IRI <http://e/%> has a % not followed by two hex digits (percent-encode a literal % as %25)"},
		{"http://e/%4g", "IRI <http://e/%4g> has a % not followed by two hex digits (percent-encode a literal % as %25)"},
	} {
		err := rdf.CheckIRI(c.iri)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("CheckIRI(%s) = %q, want %q", c.iri, got, c.want)
		}
	}
}
