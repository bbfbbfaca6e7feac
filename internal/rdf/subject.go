package rdf

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// Subject is the quads of one subject, by predicate, with its rdf:type
// objects apart: the view an exporter that writes one record per entity
// reads (FtM, Popolo).
type Subject struct {
	IRI   string                   // "" for a blank node
	Types map[quad.IRI]bool        // the IRI objects of rdf:type
	By    map[quad.IRI][]quad.Quad // the other quads, by IRI predicate
}

// NewSubject groups the quads qs of the subject s (as rdf.Subjects gives
// them). Quads with a predicate that is not an IRI are left out.
func NewSubject(s quad.Value, qs []quad.Quad) *Subject {
	sub := &Subject{Types: map[quad.IRI]bool{}, By: map[quad.IRI][]quad.Quad{}}
	if iri, ok := s.(quad.IRI); ok {
		sub.IRI = string(iri)
	}
	for _, q := range qs {
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			continue
		}
		if p == Type {
			if t, ok := q.Object.(quad.IRI); ok {
				sub.Types[t] = true
			}
			continue
		}
		sub.By[p] = append(sub.By[p], q)
	}
	return sub
}

// IRIs returns the IRI objects of p, sorted and distinct.
func (s *Subject) IRIs(p quad.IRI) []string {
	var out []string
	for _, q := range s.By[p] {
		if iri, ok := q.Object.(quad.IRI); ok {
			out = append(out, string(iri))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// IRI1 returns the first of IRIs(p), or "".
func (s *Subject) IRI1(p quad.IRI) string {
	if is := s.IRIs(p); len(is) > 0 {
		return is[0]
	}
	return ""
}

// Text is the lexical form of a literal and its language tag, lower-cased
// ("" for a plain or typed literal).
type Text struct{ Value, Lang string }

// Lexical returns the lexical form and lower-cased language tag of a
// literal; ok is false for an IRI or a blank node.
func Lexical(o quad.Value) (t Text, ok bool) {
	switch x := o.(type) {
	case quad.String:
		return Text{string(x), ""}, true
	case quad.LangString:
		return Text{string(x.Value), strings.ToLower(x.Lang)}, true
	case quad.TypedString:
		return Text{string(x.Value), ""}, true
	}
	return Text{}, false
}

// Texts returns the literal objects of p, sorted by lexical form, then
// language, and distinct.
func (s *Subject) Texts(p quad.IRI) []Text {
	var out []Text
	for _, q := range s.By[p] {
		if t, ok := Lexical(q.Object); ok {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b Text) int {
		return cmp.Or(strings.Compare(a.Value, b.Value), strings.Compare(a.Lang, b.Lang))
	})
	return slices.Compact(out)
}

// Strings returns the lexical forms of the literal objects of p, sorted
// and distinct, whatever their language.
func (s *Subject) Strings(p quad.IRI) []string {
	var out []string
	for _, t := range s.Texts(p) {
		out = append(out, t.Value)
	}
	return slices.Compact(out)
}

// String1 returns the first of Strings(p), or "".
func (s *Subject) String1(p quad.IRI) string {
	if ts := s.Texts(p); len(ts) > 0 {
		return ts[0].Value
	}
	return ""
}
