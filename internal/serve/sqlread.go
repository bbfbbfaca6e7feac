package serve

import (
	"cmp"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// On PostgreSQL every read is a round trip to the server, and Cayley's
// iterator is one statement for a node's quads and one more for each
// value it has not cached: a person's page took ~300 ms at 1M facts.
// There the reader reads nodes through the store's NodeQuads (one
// statement for their quads, the values from the session's cache by
// hash), and reads together the nodes that one read
// found at the other end of its quads (a group: a body's memberships,
// their people, posts and paragraphs): the first time the reader needs
// one of them whole, it reads them all in one statement, at most
// groupQuads quads a node. A node with more (a post named in every
// report) is then read alone, with the reader's bound.

// groupNodes is the most nodes read in one statement; groupQuads the
// most quads a node of a group brings.
const (
	groupNodes = 256
	groupQuads = 64
)

// nodeGroup is the nodes one read found; read once the reader read them.
type nodeGroup struct {
	nodes []quad.Value
	read  bool
}

// sqlQuads reads n's quads in direction d through NodeQuads: as one of
// its group where it has one, else alone.
func (r *reader) sqlQuads(d quad.Direction, n quad.Value) []quad.Quad {
	cache := r.cacheOf(d)
	if g := r.groups[n]; d == quad.Subject && g != nil && !g.read {
		g.read = true
		var ask []quad.Value
		for _, x := range g.nodes {
			if _, ok := cache[x]; !ok {
				ask = append(ask, x)
			}
		}
		for len(ask) > 0 && r.err == nil {
			chunk := ask[:min(groupNodes, len(ask))]
			ask = ask[len(chunk):]
			found, err := r.sqlNodes(d, chunk, groupQuads+1)
			if err != nil {
				r.err = cmp.Or(r.err, err)
				break
			}
			var next []quad.Quad
			for _, x := range chunk {
				if qs := found[x]; len(qs) <= groupQuads {
					r.keep(cache, x, qs)
					next = append(next, qs...)
				}
			}
			r.group(d, next)
		}
		if qs, ok := cache[n]; ok {
			return qs
		}
	}
	found, err := r.sqlNodes(d, []quad.Value{n}, r.limit(n)+1)
	if err != nil {
		r.err = cmp.Or(r.err, err)
		return nil
	}
	qs := found[n]
	if len(qs) > r.limit(n) {
		// NodeQuads gives the first limit+1 in its order, in no order:
		// the same quads are dropped every time.
		r.cut = true
		rdf.Sort(qs)
		qs = qs[:r.limit(n)]
	}
	r.keep(cache, n, qs)
	r.group(d, qs)
	return qs
}

func (r *reader) sqlNodes(d quad.Direction, nodes []quad.Value, perNode int) (map[quad.Value][]quad.Quad, error) {
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	return r.nodes(r.ctx, d, nodes, perNode)
}

// group makes the nodes at the other end of qs (read in direction d) a
// group, but those that have one or are read.
func (r *reader) group(d quad.Direction, qs []quad.Quad) {
	other := quad.Object
	if d == quad.Object {
		other = quad.Subject
	}
	g := &nodeGroup{}
	seen := map[quad.Value]bool{}
	for _, q := range qs {
		x := q.Get(other)
		switch x.(type) {
		case quad.IRI, quad.BNode:
		default:
			continue // a literal has no quads of its own
		}
		if _, read := r.outs[x]; read || seen[x] || r.groups[x] != nil {
			continue
		}
		seen[x] = true
		g.nodes = append(g.nodes, x)
		r.groups[x] = g
	}
}

// together makes nodes a group (those that have none and are not read):
// the search's hits, read for their names and kinds.
func (r *reader) together(nodes []quad.Value) {
	if r.nodes == nil {
		return
	}
	g := &nodeGroup{}
	for _, x := range nodes {
		if _, read := r.outs[x]; !read && r.groups[x] == nil {
			g.nodes = append(g.nodes, x)
			r.groups[x] = g
		}
	}
}
