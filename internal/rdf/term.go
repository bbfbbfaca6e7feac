// Package rdf is confgraph's model layer, the bottom of the import graph:
// canonical values, the one sort key of quads (their N-Quads line), sorting
// and de-duplication, the Seq and Source that every writer reads, grouping
// by subject, and the checks every reader applies to IRIs and language tags.
// It depends on nothing but github.com/cayleygraph/quad.
package rdf

import (
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Namespaces and terms of RDF itself that the model layer needs.
const (
	// XSD is the namespace of the XML Schema datatypes.
	XSD = "http://www.w3.org/2001/XMLSchema#"
	// RDFNS is the namespace of RDF.
	RDFNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	// Type is rdf:type.
	Type = quad.IRI(RDFNS + "type")
	// XSDString is xsd:string, the datatype of a plain literal.
	XSDString = quad.IRI(XSD + "string")
)

// Canonical returns q with every value in the form confgraph writes: typed
// literals as quad.TypedString with full datatype IRIs, never Go-native
// values (quad.Int, quad.Bool, quad.Float, quad.Time) and never short
// <xsd:…> IRIs. Cayley's readers and some backends hand such values back
// (see the notes on this Cayley version); this is the one place that undoes it.
func Canonical(q quad.Quad) quad.Quad {
	q.Subject = CanonicalValue(q.Subject)
	q.Predicate = CanonicalValue(q.Predicate)
	q.Object = CanonicalValue(q.Object)
	if q.Label != nil {
		q.Label = CanonicalValue(q.Label)
	}
	return q
}

// CanonicalValue is Canonical for one value.
func CanonicalValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.IRI:
		return v.Full()
	case quad.TypedString:
		return quad.TypedString{Value: v.Value, Type: v.Type.Full()}
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: XSD + "integer"}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: XSD + "boolean"}
	case quad.Float:
		s := strconv.FormatFloat(float64(v), 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return quad.TypedString{Value: quad.String(s), Type: XSD + "double"}
	case quad.Time:
		return quad.TypedString{Value: quad.String(time.Time(v).Format(time.RFC3339Nano)), Type: XSD + "dateTime"}
	}
	return v
}
