package rdf

import (
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// This file holds the one order of confgraph: quads sort by their N-Quads
// line, byte by byte. Every export, the external sort, the store's loads
// and the tests use these functions, so there is one definition to change.

// Key returns q's N-Quads line without the newline, the sort key of every
// quad: the same string as q.NQuad() and as quad's N-Quads writer prints,
// built without fmt.
func Key(q quad.Quad) string {
	lab := ""
	if q.Label != nil {
		lab = q.Label.String()
	}
	return KeyOf(q.Subject.String(), q.Predicate.String(), q.Object.String(), lab)
}

// KeyOf is Key of the quad whose values print as sub, pred, obj and label
// (their String(); label "" for the default graph): for readers that keep
// the printed form of values they meet again and again.
func KeyOf(sub, pred, obj, label string) string {
	n := len(sub) + len(pred) + len(obj) + 4
	if label != "" {
		n += len(label) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(sub)
	b.WriteByte(' ')
	b.WriteString(pred)
	b.WriteByte(' ')
	b.WriteString(obj)
	if label != "" {
		b.WriteByte(' ')
		b.WriteString(label)
	}
	b.WriteString(" .")
	return b.String()
}

// GraphKey is the sort key of a graph label; the default graph's is "".
func GraphKey(g quad.Value) string {
	if g == nil {
		return ""
	}
	return g.String()
}

// keyed pairs a quad with its key, so a sort computes each key once.
type keyed struct {
	key string
	q   quad.Quad
}

func sortKeyed(qs []quad.Quad) []keyed {
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{Key(q), q}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	return ks
}

// Sort sorts qs in place by their N-Quads line, the order of every export.
// Repeated quads stay (see Dedup).
func Sort(qs []quad.Quad) {
	for i, k := range sortKeyed(qs) {
		qs[i] = k.q
	}
}

// Dedup sorts qs by their N-Quads line and drops repeated quads. It reuses
// qs's storage and returns the shortened slice.
func Dedup(qs []quad.Quad) []quad.Quad {
	ks := sortKeyed(qs)
	out := qs[:0]
	for i, k := range ks {
		if i > 0 && k.key == ks[i-1].key {
			continue
		}
		out = append(out, k.q)
	}
	return out
}
