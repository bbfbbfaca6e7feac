package store

import (
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// padSharedNodes works around a bug in Cayley's key-value backends (bolt):
// their ApplyDeltas resolves the IDs of an added quad's values only among
// the values whose reference count grows in the transaction. A value that
// loses more quads than it gains in one transaction (a predicate or the
// graph IRI, when a reload removes more facts than it adds) is missing from
// that set, and the added quad is written without that value: its
// predicate or graph comes back as nil.
//
// Repeating an add delta of a quad that uses such a value until its count no
// longer falls puts it in that set; the key-value store inserts the quad
// once. The price: the repeated quad's values keep a reference count that
// is too high by the number of repeats, so they are not garbage-collected
// when their last quad goes (they can show up in node listings, never in
// quads or exports).
func padSharedNodes(tx *graph.Transaction) {
	removes := false
	for _, d := range tx.Deltas {
		if d.Action == graph.Delete {
			removes = true
			break
		}
	}
	if !removes {
		return // no count can go negative: nothing to pad
	}
	net := map[refs.ValueHash]int{}
	firstAdd := map[refs.ValueHash]int{}
	var order []refs.ValueHash
	for i, d := range tx.Deltas {
		inc := 1
		if d.Action == graph.Delete {
			inc = -1
		}
		for _, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			if _, seen := net[h]; !seen {
				order = append(order, h)
			}
			net[h] += inc
			if _, ok := firstAdd[h]; !ok && d.Action == graph.Add {
				firstAdd[h] = i
			}
		}
	}
	for _, h := range order {
		ai, used := firstAdd[h]
		if !used || net[h] >= 0 {
			continue
		}
		add := tx.Deltas[ai]
		k := -net[h]
		for j := 0; j < k; j++ {
			tx.Deltas = append(tx.Deltas, add)
		}
		for _, dir := range quad.Directions {
			if v := add.Quad.Get(dir); v != nil {
				net[refs.HashOf(v)] += k
			}
		}
	}
}
