package rdf

import (
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestSubject(t *testing.T) {
	s := quad.IRI("https://example.org/p")
	name, alt, knows := quad.IRI("https://example.org/name"), quad.IRI("https://example.org/alt"), quad.IRI("https://example.org/knows")
	qs := []quad.Quad{
		quad.Make(s, Type, quad.IRI("https://example.org/Person"), nil),
		quad.Make(s, Type, quad.String("not a class"), nil),
		quad.Make(s, name, quad.LangString{Value: "Mai", Lang: "EN"}, quad.IRI("https://example.org/g1")),
		quad.Make(s, name, quad.LangString{Value: "Mai", Lang: "en"}, quad.IRI("https://example.org/g2")),
		quad.Make(s, name, quad.String("Mai"), nil),
		quad.Make(s, name, quad.LangString{Value: "Anh", Lang: "vi"}, nil),
		quad.Make(s, alt, quad.TypedString{Value: "2023", Type: XSD + "gYear"}, nil),
		quad.Make(s, knows, quad.IRI("https://example.org/b"), nil),
		quad.Make(s, knows, quad.IRI("https://example.org/a"), nil),
		quad.Make(s, knows, quad.IRI("https://example.org/a"), quad.IRI("https://example.org/g1")),
		quad.Make(s, knows, quad.String("a literal, not an IRI"), nil),
		quad.Make(s, quad.BNode("p"), quad.String("blank predicate"), nil),
	}
	sub := NewSubject(s, qs)
	if sub.IRI != string(s) {
		t.Errorf("IRI = %q", sub.IRI)
	}
	if len(sub.Types) != 1 || !sub.Types["https://example.org/Person"] {
		t.Errorf("Types = %v, want only the IRI class", sub.Types)
	}
	if len(sub.By) != 3 {
		t.Errorf("By has %d predicates, want 3 (rdf:type apart, the blank predicate left out)", len(sub.By))
	}
	if got, want := sub.IRIs(knows), []string{"https://example.org/a", "https://example.org/b"}; !slices.Equal(got, want) {
		t.Errorf("IRIs = %v, want %v (sorted, distinct, literals left out)", got, want)
	}
	if got := sub.IRI1(name); got != "" {
		t.Errorf("IRI1 of a literal-only predicate = %q, want empty", got)
	}
	if got, want := sub.Texts(name), []Text{{"Anh", "vi"}, {"Mai", ""}, {"Mai", "en"}}; !slices.Equal(got, want) {
		t.Errorf("Texts = %v, want %v (language lower-cased, the same text in two graphs once)", got, want)
	}
	if got, want := sub.Strings(name), []string{"Anh", "Mai"}; !slices.Equal(got, want) {
		t.Errorf("Strings = %v, want %v", got, want)
	}
	if got := sub.String1(alt); got != "2023" {
		t.Errorf("String1 of a typed literal = %q, want its lexical form", got)
	}
	if b := NewSubject(quad.BNode("x"), nil); b.IRI != "" || len(b.By) != 0 {
		t.Errorf("a blank subject = %+v, want no IRI and no quads", b)
	}
}
