package store

import (
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

const xsd = "http://www.w3.org/2001/XMLSchema#"

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
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsd + "integer"}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: xsd + "boolean"}
	case quad.Float:
		s := strconv.FormatFloat(float64(v), 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return quad.TypedString{Value: quad.String(s), Type: xsd + "double"}
	case quad.Time:
		return quad.TypedString{Value: quad.String(time.Time(v).Format(time.RFC3339Nano)), Type: xsd + "dateTime"}
	}
	return v
}
