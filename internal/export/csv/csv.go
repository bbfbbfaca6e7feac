// Package csv writes quads as one CSV table for spreadsheets: one row per
// statement, each row carrying its subject's label and type so that the
// table can be filtered and sorted without joins. It streams: memory is
// bounded by the statements of one subject.
//
// Columns (header row first):
//
//	graph          the named graph, as a prefixed name (empty: default graph)
//	subject        the entity, as a prefixed name (see the @prefix lines of the Turtle export)
//	subject_label  its English label (else another), e.g. "central bridge"
//	subject_type   its classes, e.g. "cg:Bridge" or "cg:Attendance"
//	property       the property, as a prefixed name, e.g. "cg:attendee"
//	value          the object: a prefixed name or IRI, or the literal's text
//	value_kind     "iri", "blank" or "literal"
//	language       the literal's language tag, if any
//	datatype       the literal's datatype, if not a plain string
//
// Attendance rows: filter subject_type = cg:Attendance; the rows of one
// attendance give cg:attendee (who), cg:at (which bridge), cg:event and
// cg:inRole (in what role).
package csv

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/export/graphview"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Header is the first row of every CSV export.
var Header = []string{"graph", "subject", "subject_label", "subject_type", "property", "value", "value_kind", "language", "datatype"}

// Write writes src as CSV: RFC 4180 quoting, UTF-8 without a byte order
// mark, LF line ends; field values are written byte for byte (a CR LF
// inside a literal stays CR LF).
func Write(w io.Writer, src rdf.Source) error { return WriteLang(w, src, "") }

// WriteLang is Write with subject labels in language lang first (see
// graphview.Options.Lang); "" writes Write's labels.
func WriteLang(w io.Writer, src rdf.Source, lang string) error {
	pm, err := prefix.Collect(src.All, vocab.Prefixes)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Header); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	short := func(v quad.Value) string {
		switch v := v.(type) {
		case nil:
			return ""
		case quad.IRI:
			return pm.Short(string(v))
		case quad.BNode:
			return "_:" + string(v)
		}
		return quad.StringOf(v)
	}
	err = rdf.Subjects(src.All, func(s quad.Value, qs []quad.Quad) error {
		label, types := graphview.DescribeLang(qs, lang)
		ts := make([]string, len(types))
		for i, t := range types {
			ts[i] = pm.Short(string(t))
		}
		typ := strings.Join(ts, ", ")
		for _, q := range qs {
			row := []string{short(q.Label), short(q.Subject), label, typ, short(q.Predicate), "", "", "", ""}
			switch o := q.Object.(type) {
			case quad.IRI, quad.BNode:
				row[5], row[6] = short(o), "iri"
				if _, ok := o.(quad.BNode); ok {
					row[6] = "blank"
				}
			case quad.String:
				row[5], row[6] = string(o), "literal"
			case quad.LangString:
				row[5], row[6], row[7] = string(o.Value), "literal", o.Lang
			case quad.TypedString:
				row[5], row[6] = string(o.Value), "literal"
				if string(o.Type) != vocab.XSD+"string" {
					row[8] = pm.Short(string(o.Type))
				}
			default:
				row[5], row[6] = quad.StringOf(o), "literal"
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("write CSV: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}
