package query

import (
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// This file batches a query's look-ups on SQL stores, where each
// statement is a round trip to the server. A query walks from a node to
// the nodes a look-up finds and asks each of them the same things: the
// holdings of a post, then each holding's holder, status and dates, then
// each paragraph it cites. Nodes found together form a group: those one
// look-up found (ins(post, cg:post): every holding of the post), and
// those found from a group's nodes through one direction and predicate
// (the holders of all those holdings, through org:member). When a node
// of a group is first asked something the reader does not have, the
// reader asks the same of the group's next nodes in the same statement
// (store.QuadLookup takes many nodes): the group's first predicate of a
// direction per predicate, from its second on every quad of the nodes
// (as nodeQuads reads one node whole, up to maxWholeSQL quads a node).
// The group of a node found through a predicate is computed when first
// needed, from the quads the reader holds of the parent group's nodes
// (up to batchNodes of them, from the one the node was found from on); a
// node found later that is not in it has it computed again.
//
// What a batch reads is what the query would have read for the nodes it
// goes on to ask, in the same order per node; a node it does not ask
// costs a few rows of a statement that ran anyway. What a batch read for
// the group's other nodes is kept only while the reader has room for it
// (room), so that a batch does not empty what the query read before; a
// node whose quads were not kept is read again when it is asked.
// TestReaderWholeNode compares every look-up with and without batches.

// batchNodes is the most nodes a batch asks for in one statement.
const batchNodes = 256

// batchOf is how many nodes a batch asks for when each may bring up to
// rows quads: batchNodes, or fewer where their quads would not fit in
// what the reader keeps (a generation, half of maxReaderKept): a batch
// whose quads could not be kept would be read again.
func batchOf(rows int) int {
	return max(1, min(batchNodes, half()/rows))
}

// predRows is what batchOf expects a node to bring in a batch of one
// predicate (most bring one or two).
const predRows = 8

// batchPerPred is the most quads of one node a batch of one predicate
// reads; a node with more is looked up alone (without a limit) when it is
// asked.
const batchPerPred = 256

// group is nodes found together (see above).
type group struct {
	parent *group
	from   quad.Direction // the direction and predicate (refs.ToKey) the
	pred   any            // parent's nodes were looked up in
	// nodes, in the order found, and each one's index (by refs.ToKey);
	// nil until computed.
	nodes []graph.Ref
	at    map[any]int
	kids  map[dirPred]*group
	// asked: the predicates asked of the group's nodes, by direction.
	asked map[dirPred]bool
	// wide: directions in which a batch found most of the group's nodes
	// with more than maxWholeSQL quads (it read 65 quads of each, to
	// keep none): its nodes are asked per predicate there, and a node is
	// read whole (on its own second predicate) alone.
	wide map[quad.Direction]bool
}

// dirPred is a direction and a predicate (refs.ToKey).
type dirPred struct {
	dir  quad.Direction
	pred any
}

// inGroup is the group a node was found in, and the node (refs.ToKey)
// of the parent group it was found from (nil: none).
type inGroup struct {
	g    *group
	from any
}

// groupFor returns the group of node (the one it was found in, else a
// group of its own) and the node it was found from.
func (r *reader) groupFor(node graph.Ref) (*group, any) {
	k := refs.ToKey(node)
	if in, ok := r.groupOf.get(k); ok {
		return in.g, in.from
	}
	g := &group{nodes: []graph.Ref{node}, at: map[any]int{k: 0}}
	r.groupOf.put(k, inGroup{g, nil})
	return g, nil
}

// groups is the group of each node found (refs.ToKey), in two
// generations of at most maxReaderKept entries each: when the newer is
// full it becomes the older and the older is dropped, so that a listing
// that finds more nodes than the bound keeps the groups of those it found
// last (emptying one map would leave the nodes a scan found first, which
// the query asks first, without their group).
type groups struct {
	cur, prev map[any]inGroup
}

func (gs *groups) get(k any) (inGroup, bool) {
	if in, ok := gs.cur[k]; ok {
		return in, true
	}
	in, ok := gs.prev[k]
	return in, ok
}

func (gs *groups) put(k any, in inGroup) {
	if gs.cur == nil || len(gs.cur) >= maxReaderKept {
		gs.prev, gs.cur = gs.cur, map[any]inGroup{}
	}
	gs.cur[k] = in
}

// len is the entries kept (the tests).
func (gs *groups) len() int { return len(gs.cur) + len(gs.prev) }

// found records that the look-up of node in direction from with
// predicate pred found nodes: they are in the group of node's group's
// nodes found that way, unless they are in a group already.
func (r *reader) found(from quad.Direction, node, pred graph.Ref, nodes []graph.Ref) {
	if len(nodes) == 0 {
		return
	}
	parent, _ := r.groupFor(node)
	at := refs.ToKey(node)
	dp := dirPred{from, refs.ToKey(pred)}
	kid, ok := parent.kids[dp]
	if !ok {
		if parent.kids == nil {
			parent.kids = map[dirPred]*group{}
		}
		kid = &group{parent: parent, from: from, pred: dp.pred}
		parent.kids[dp] = kid
	}
	for _, n := range nodes {
		// A node stays in the group it was first found in: one found
		// again on another way (a report's graph, found from each
		// paragraph that cites the report) would otherwise end in a
		// group of its own, asked alone. The groups it is found in later
		// still hold it (members), so their batches ask it too.
		nk := refs.ToKey(n)
		if _, ok := r.groupOf.get(nk); !ok {
			r.groupOf.put(nk, inGroup{kid, at})
		}
	}
}

// ask records that pred was asked of a node of g in direction from, and
// returns how many predicates have been asked of g's nodes in it.
func (g *group) ask(from quad.Direction, pred any) int {
	if g.asked == nil {
		g.asked = map[dirPred]bool{}
	}
	g.asked[dirPred{from, pred}] = true
	n := 0
	for dp := range g.asked {
		if dp.dir == from {
			n++
		}
	}
	return n
}

// members returns the nodes of node's group from node on (node first).
// Those of a group found from another are computed when node is not
// among them: the nodes found from batchNodes nodes of the parent group,
// from the one node was found from on, as far as the reader holds their
// quads. The window bounds the parents read, not the nodes found: a
// group found from one node (a class's instances, in a listing) holds
// every node of that node's scan, which the reader holds already.
func (r *reader) members(node graph.Ref) ([]graph.Ref, error) {
	g, from := r.groupFor(node)
	k := refs.ToKey(node)
	if i, ok := g.at[k]; ok {
		return g.nodes[i:], nil
	}
	g.nodes, g.at = nil, map[any]int{}
	if i, ok := g.parentAt(from); ok {
		p := g.parent
		to := quad.Object
		if g.from == quad.Object {
			to = quad.Subject
		}
		for _, pn := range p.nodes[i:min(len(p.nodes), i+batchNodes)] {
			qs, err := r.heldQuads(g.from, pn, g.pred)
			if err != nil {
				return nil, err
			}
			for _, q := range qs {
				n, err := r.qs.QuadDirection(q, to)
				if err != nil {
					return nil, err
				}
				if n == nil {
					continue
				}
				nk := refs.ToKey(n)
				if _, ok := g.at[nk]; !ok {
					g.at[nk] = len(g.nodes)
					g.nodes = append(g.nodes, n)
				}
			}
		}
	}
	i, ok := g.at[k]
	if !ok {
		i = len(g.nodes)
		g.at[k] = i
		g.nodes = append(g.nodes, node)
	}
	return g.nodes[i:], nil
}

// parentAt returns the index of node from (refs.ToKey) in g's parent.
func (g *group) parentAt(from any) (int, bool) {
	if g.parent == nil || from == nil {
		return 0, false
	}
	i, ok := g.parent.at[from]
	return i, ok
}

// heldQuads returns the quads with node in direction from and predicate
// pred (refs.ToKey) that the reader holds, nil when it holds none.
func (r *reader) heldQuads(from quad.Direction, node graph.Ref, pred any) ([]graph.Ref, error) {
	nk := refs.ToKey(node)
	if ps, ok := r.scans[predKey{from, nk, pred}]; ok {
		return ps.all, nil
	}
	if ps, ok := r.oldScans[predKey{from, nk, pred}]; ok {
		return ps.all, nil
	}
	all, ok := r.quads[nodeDir{from, nk}]
	if !ok {
		all, ok = r.oldQuads[nodeDir{from, nk}]
	}
	if !ok {
		return nil, nil
	}
	return r.ofPred(all, pred)
}

// batchWhole reads every quad in direction from of node and of the next
// nodes of its group that the reader has not read whole (up to
// batchNodes nodes), in one statement: a node's quads are kept when they
// are at most maxWholeSQL, else the node is marked tooMany.
func (r *reader) batchWhole(from quad.Direction, node graph.Ref) error {
	g, _ := r.groupFor(node)
	ms, err := r.members(node)
	if err != nil {
		return err
	}
	if g.wide[from] {
		ms = ms[:1] // most of the group has too many: node alone
	}
	var hs []refs.ValueHash
	for _, m := range ms {
		k := nodeDir{from, refs.ToKey(m)}
		if r.holdsNode(k) {
			continue
		}
		if _, many := r.asked[k].(tooMany); many {
			continue
		}
		if h, ok := m.(csql.NodeHash); ok {
			hs = append(hs, h.ValueHash)
			if len(hs) == batchOf(maxWholeSQL+1) {
				break
			}
		}
	}
	byNode, err := r.lookupMany(from, hs, nil, maxWholeSQL+1)
	if err != nil {
		return err
	}
	r.makeRoom(len(byNode.quads))
	many := 0
	for i, h := range hs {
		k := nodeDir{from, refs.ToKey(csql.NodeHash{ValueHash: h})}
		qs := byNode.of(h)
		if len(qs) > maxWholeSQL {
			keep(r.asked)
			r.asked[k] = tooMany{}
			many++
			continue
		}
		if i > 0 && !r.room(len(qs)) {
			continue // kept, it would empty what the reader holds
		}
		r.hold(len(qs))
		r.quads[k] = qs
	}
	if len(hs) > 1 && 2*many > len(hs) {
		if g.wide == nil {
			g.wide = map[quad.Direction]bool{}
		}
		g.wide[from] = true
	}
	return nil
}

// batchPred reads the quads in direction from with predicate pred of
// node and of the next nodes of its group that the reader has not read
// them of (up to batchNodes nodes), in one statement, and keeps each
// node's (those with more than batchPerPred are not kept). It returns
// node's quads and whether it read them all.
func (r *reader) batchPred(from quad.Direction, node, pred graph.Ref) ([]graph.Ref, bool, error) {
	nh, ok := node.(csql.NodeHash)
	ph, pok := pred.(csql.NodeHash)
	if !ok || !pok {
		return nil, false, nil
	}
	ms, err := r.members(node)
	if err != nil {
		return nil, false, err
	}
	pk := refs.ToKey(pred)
	var hs []refs.ValueHash
	for _, m := range ms {
		mk := refs.ToKey(m)
		if r.holdsScan(predKey{from, mk, pk}) || r.holdsNode(nodeDir{from, mk}) {
			continue
		}
		if h, ok := m.(csql.NodeHash); ok {
			hs = append(hs, h.ValueHash)
			if len(hs) == batchOf(predRows) {
				break
			}
		}
	}
	if len(hs) == 0 || hs[0] != nh.ValueHash {
		return nil, false, nil
	}
	perNode := batchPerPred + 1
	if len(hs) == 1 {
		perNode = 0 // node alone: all of its quads, read once
	}
	byNode, err := r.lookupMany(from, hs, &ph.ValueHash, perNode)
	if err != nil {
		return nil, false, err
	}
	mine := byNode.of(hs[0])
	if perNode > 0 && len(mine) > batchPerPred {
		return nil, false, nil // looked up alone (quadsAt)
	}
	r.makeRoom(len(byNode.quads))
	for i, h := range hs {
		qs := byNode.of(h)
		if i == 0 || len(qs) > batchPerPred {
			continue // node's: predQuads keeps it
		}
		if !r.room(len(mine) + len(qs)) {
			break // kept, it would empty what the reader holds
		}
		r.hold(len(qs))
		r.scans[predKey{from, refs.ToKey(csql.NodeHash{ValueHash: h}), pk}] = &predScan{all: qs}
	}
	return mine, true, nil
}

// A batch keeps what it read for the group's other nodes while the
// reader has room for it in its newer generation (room), so that it does
// not drop, nor make the reader drop, the batch before it.

// makeRoom starts a new generation when the newer lacks room for n of a
// batch's quads (at most a generation's), before the batch keeps them.
func (r *reader) makeRoom(n int) {
	if !r.room(min(n, half())) {
		r.rotate()
	}
}

// holdsNode and holdsScan report whether the reader holds k, in either
// generation, without moving it.
func (r *reader) holdsNode(k nodeDir) bool {
	_, a := r.quads[k]
	_, b := r.oldQuads[k]
	return a || b
}

func (r *reader) holdsScan(k predKey) bool {
	_, a := r.scans[k]
	_, b := r.oldScans[k]
	return a || b
}

// quadsByNode is what lookupMany found: the quads, and each node's run of
// them.
type quadsByNode struct {
	quads []graph.Ref
	runs  map[refs.ValueHash][2]int
}

// of returns the quads of node h (an empty, not nil, slice for none).
func (b quadsByNode) of(h refs.ValueHash) []graph.Ref {
	if r, ok := b.runs[h]; ok {
		return b.quads[r[0]:r[1]:r[1]]
	}
	return []graph.Ref{}
}

// lookupMany is lookupSQL for many nodes: the quads of each of hs in
// direction from (of predicate *pred unless pred is nil; at most perNode
// a node when perNode > 0), in the order of one node's look-up, with the
// values of their nodes at the other end kept.
func (r *reader) lookupMany(from quad.Direction, hs []refs.ValueHash, pred *refs.ValueHash, perNode int) (quadsByNode, error) {
	out := quadsByNode{runs: map[refs.ValueHash][2]int{}}
	if len(hs) == 0 {
		return out, nil
	}
	if err := r.ctx.Err(); err != nil {
		return out, err
	}
	var p refs.ValueHash
	if pred != nil {
		p = *pred
	}
	with := quad.Object
	if from == quad.Object {
		with = quad.Subject
	}
	if len(hs) > 1 {
		r.batches++
	}
	found, err := r.sql(r.ctx, from, hs, p, with, perNode)
	if err != nil {
		return out, err
	}
	out.quads = make([]graph.Ref, len(found))
	for i, f := range found {
		out.quads[i] = csql.QuadHashes{QuadHash: f.Quad}
		h := f.Quad.Get(from)
		run, ok := out.runs[h]
		if !ok {
			run[0] = i
		}
		run[1] = i + 1
		out.runs[h] = run
		if f.Value != nil {
			r.remember(csql.NodeHash{ValueHash: f.Quad.Get(with)}, f.Value)
		}
	}
	return out, nil
}

// prefetch reads pred of nodes in direction from, batchNodes nodes a
// statement, for those the reader has not read it of, and keeps each
// node's quads as its scan: for the labeler, which knows every node it
// names before it asks one, and asks each (so a node's quads are read
// whole, however many: a body named in every report has hundreds of
// names). By the time it asks, the reader may have let go of the quads
// the nodes' groups are computed from.
func (r *reader) prefetch(from quad.Direction, nodes []graph.Ref, pred graph.Ref) error {
	ph, ok := pred.(csql.NodeHash)
	if !ok || !r.batch {
		return nil
	}
	pk := refs.ToKey(pred)
	var hs []refs.ValueHash
	seen := map[refs.ValueHash]bool{}
	flush := func() error {
		byNode, err := r.lookupMany(from, hs, &ph.ValueHash, 0)
		if err != nil {
			return err
		}
		r.makeRoom(len(byNode.quads))
		for _, h := range hs {
			qs := byNode.of(h)
			r.hold(len(qs))
			r.scans[predKey{from, refs.ToKey(csql.NodeHash{ValueHash: h}), pk}] = &predScan{all: qs}
		}
		hs = hs[:0]
		return nil
	}
	for _, n := range nodes {
		h, ok := n.(csql.NodeHash)
		if !ok || seen[h.ValueHash] {
			continue
		}
		seen[h.ValueHash] = true
		nk := refs.ToKey(n)
		if r.holdsScan(predKey{from, nk, pk}) || r.holdsNode(nodeDir{from, nk}) {
			continue
		}
		hs = append(hs, h.ValueHash)
		if len(hs) == batchNodes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(hs) > 0 {
		return flush()
	}
	return nil
}
