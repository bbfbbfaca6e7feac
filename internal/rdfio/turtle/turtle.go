// Package turtle writes Turtle and TriG meant to be read by people:
// @prefix lines for every namespace used, one block per subject with
// rdf:type first as "a", ";" between predicates and "," between objects,
// everything sorted, literals escaped. TriG adds one block per named graph.
//
// It is confgraph's own small writer: the only Go Turtle writer the module
// proxy serves (github.com/knakk/rdf, last commit 2019) writes no TriG and
// leaves no control over prefixes and layout, and quad has none.
package turtle

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
)

// maxLine is the line length above which the objects of one predicate go
// on lines of their own.
const maxLine = 100

// WriteTurtle writes src as Turtle. Turtle has no graphs: the output is the
// union of all graphs, a triple stated in several graphs written once.
// known names the prefixes of the well-known namespaces.
func WriteTurtle(w io.Writer, src rdf.Source, known []prefix.Prefix) error {
	pm, err := prefix.Collect(func(yield func(quad.Quad) error) error {
		return src.All(func(q quad.Quad) error {
			q.Label = nil // no graphs in Turtle: no prefix for graph names
			return yield(q)
		})
	}, known)
	if err != nil {
		return err
	}
	tw := newWriter(w, pm)
	tw.header()
	first := true
	err = rdf.Subjects(rdf.Triples(src.All), func(_ quad.Value, qs []quad.Quad) error {
		if !first {
			tw.s("\n")
		}
		first = false
		tw.subject(qs, "")
		return tw.err
	})
	if err != nil {
		return err
	}
	return tw.flush()
}

// WriteTriG writes src as TriG: one block per graph, in graph order; the
// default graph, if any, first as a bare { } block.
func WriteTriG(w io.Writer, src rdf.Source, known []prefix.Prefix) error {
	pm, err := prefix.Collect(src.All, known)
	if err != nil {
		return err
	}
	tw := newWriter(w, pm)
	tw.header()
	for i, g := range src.Graphs {
		if i > 0 {
			tw.s("\n")
		}
		if g == nil {
			tw.s("{\n")
		} else {
			tw.s(tw.term(g))
			tw.s(" {\n")
		}
		first := true
		err := rdf.Subjects(src.InGraph(g), func(_ quad.Value, qs []quad.Quad) error {
			if !first {
				tw.s("\n")
			}
			first = false
			tw.subject(qs, "    ")
			return tw.err
		})
		if err != nil {
			return err
		}
		tw.s("}\n")
	}
	return tw.flush()
}

type writer struct {
	bw  *bufio.Writer
	pm  *prefix.Map
	err error
}

func newWriter(w io.Writer, pm *prefix.Map) *writer {
	return &writer{bw: bufio.NewWriterSize(w, 1<<16), pm: pm}
}

func (t *writer) s(s string) {
	if t.err == nil {
		_, t.err = t.bw.WriteString(s)
	}
}

func (t *writer) flush() error {
	if t.err != nil {
		return fmt.Errorf("write turtle: %w", t.err)
	}
	if err := t.bw.Flush(); err != nil {
		return fmt.Errorf("write turtle: %w", err)
	}
	return nil
}

func (t *writer) header() {
	for _, p := range t.pm.Prefixes() {
		t.s("@prefix " + p.Name + ": " + iriRef(p.IRI) + " .\n")
	}
	if len(t.pm.Prefixes()) > 0 {
		t.s("\n")
	}
}

// subject writes the triples of one subject (sorted, one subject) as a block.
func (t *writer) subject(qs []quad.Quad, indent string) {
	// rdf:type first, as "a"; the rest in their sorted order.
	ordered := make([]quad.Quad, 0, len(qs))
	for _, q := range qs {
		if q.Predicate == rdf.Type {
			ordered = append(ordered, q)
		}
	}
	for _, q := range qs {
		if q.Predicate != rdf.Type {
			ordered = append(ordered, q)
		}
	}
	t.s(indent + t.term(qs[0].Subject))
	for i := 0; i < len(ordered); {
		j := i
		for j < len(ordered) && ordered[j].Predicate == ordered[i].Predicate {
			j++
		}
		pred := "a"
		if ordered[i].Predicate != rdf.Type {
			pred = t.term(ordered[i].Predicate)
		}
		objs := make([]string, 0, j-i)
		width := len(indent) + 4 + len(pred) + 1
		for _, q := range ordered[i:j] {
			o := t.term(q.Object)
			objs = append(objs, o)
			width += len(o) + 2
		}
		if i == 0 {
			t.s(" " + pred)
		} else {
			t.s(" ;\n" + indent + "    " + pred)
		}
		if width <= maxLine || len(objs) == 1 {
			t.s(" " + strings.Join(objs, ", "))
		} else {
			t.s("\n" + indent + "        " + strings.Join(objs, ",\n"+indent+"        "))
		}
		i = j
	}
	t.s(" .\n")
}

// term writes one RDF term in Turtle syntax.
func (t *writer) term(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		if c := t.pm.Compact(string(v)); c != "" {
			return c
		}
		return iriRef(string(v))
	case quad.BNode:
		return "_:" + string(v)
	case quad.String:
		return Quote(string(v))
	case quad.LangString:
		return Quote(string(v.Value)) + "@" + v.Lang
	case quad.TypedString:
		lex, typ := string(v.Value), string(v.Type)
		switch typ {
		case rdf.XSD + "string":
			return Quote(lex)
		case rdf.XSD + "integer":
			if integerRE.MatchString(lex) {
				return lex
			}
		case rdf.XSD + "decimal":
			if decimalRE.MatchString(lex) {
				return lex
			}
		case rdf.XSD + "boolean":
			if lex == "true" || lex == "false" {
				return lex
			}
		}
		return Quote(lex) + "^^" + t.term(quad.IRI(typ))
	}
	// Other values (never produced by rdf.Canonical): N-Quads form.
	return v.String()
}

var (
	integerRE = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalRE = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
)

// Quote returns s as a Turtle (and N-Triples) string literal in double
// quotes, with quotes, backslashes and control characters escaped.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// iriRef returns iri in angle brackets, escaping the characters IRIREF
// does not allow.
func iriRef(iri string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range iri {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteByte('>')
	return b.String()
}
