package query

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"

	"github.com/confgraph/confgraph/internal/store"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// This file is the Go side of the prelude's look-ups (LOOK in prelude.js):
// outs, ins, outsIn and insIn ask one node's values of one predicate, in
// one named graph or any. Asked through a Gizmo path, each look-up builds
// a path, optimises it and runs it; within a graph (labelContext) Cayley's
// key-value stores cannot use an index at all (subject, predicate and
// graph fixed is more than their subject-predicate index covers), so they
// read every quad of the node, on every report. Here each look-up is one
// index scan with subject (or object) and predicate fixed, the graph
// compared per quad found, and the values handed to JavaScript as Gizmo's
// toArray hands them.

// lookupName is the global the prelude reads the function from (and then
// deletes).
const lookupName = "CONFGRAPH_LOOKUP"

// reader reads one query's look-ups and labels from a quad store, keeping
// what it has read for the rest of the query: the node of each string
// given (a node a look-up handed out is known by its text), and the value
// of each node. The values a scan finds are read in one batch
// (graph.ValuesOf: one read transaction on the key-value stores, where
// NameOf opens one per value). Each scan (a node, a direction, a
// predicate) is kept too, with its quads by graph once a look-up asks for
// a graph: a query asks a node's predicate in many graphs (a body's
// members in each report), and each such look-up read every quad of the
// predicate again.
//
// Where scans are cheap to start over (scansCheap: bolt, where every
// scan is a read transaction of its own, and memstore, where a node and a
// predicate are an intersection of two iterators), a node asked for a
// second predicate in the same direction has all its quads in that
// direction read in one scan (the node's index alone), and every later
// look-up of the node is answered from them: a fact node (a holding, an
// attendance) is asked a dozen predicates per row. The quads of one
// predicate come in the order of that predicate's own scan: the
// key-value index orders a node's quads by predicate, then as the
// predicate's own entry does; memstore's indexes and their intersection
// are in quad ID order (TestReaderWholeNode compares both ways).
//
// On SQL stores every scan is a round trip to the server, and every value
// Cayley's cache lacks another: there the reader reads through the
// store's QuadLookup (store.Store.Lookup), one prepared statement per
// scan that brings the values of the nodes at the other end with the
// quads, and reads a node's quads whole as above when they are at most
// maxWholeSQL (a node named in every report, asked per predicate, would
// bring hundreds of rows a scan); the nodes found together are asked in
// one statement (batch.go).
//
// What the reader keeps is bounded (maxReaderKept): past the bound a map
// is emptied, or for quads, scans and groups its older half dropped
// (hold), and read again as needed, so that a listing that visits every
// node of a large store does not keep the store in memory.
//
// The reader stops when its context ends, between two reads and every
// checkEvery quads of a scan: runGizmo cancels it when the query stops,
// as the engine's Interrupt stops JavaScript only.
type reader struct {
	ctx   context.Context
	qs    graph.QuadStore
	refs  map[string]graph.Ref // a look-up's argument -> its node (nil: none)
	vals  map[any]quad.Value   // refs.ToKey of a node -> its value
	whole bool                 // read a node's quads in one scan (see above)
	asked map[nodeDir]any      // the first predicate a node was asked for
	quads map[nodeDir][]graph.Ref
	scans map[predKey]*predScan
	// held counts the quads kept in quads and scans.
	held int
	// The older generation of quads and scans (hold).
	oldQuads map[nodeDir][]graph.Ref
	oldScans map[predKey]*predScan
	oldHeld  int
	// sql reads a node's quads with their values in one statement on SQL
	// stores (store.Store.Lookup); nil elsewhere.
	sql store.QuadLookup
	// batch: ask a group's nodes in one statement (batch.go), on SQL
	// stores; groupOf holds the group of each node found (refs.ToKey).
	batch   bool
	groupOf groups
	batches int // statements that asked for more than one node (tests)
}

// maxReaderKept bounds the entries of each of a reader's maps, and the
// quads its scans keep in all: past it the map is emptied (for quads and
// scans, and groups, the older of two generations is dropped: hold,
// groups). (A variable for the tests.)
var maxReaderKept = 1 << 16

// checkEvery is how many quads a scan reads between two looks at the
// reader's context.
const checkEvery = 1024

// keep makes room for a new entry in m, emptying it when it holds
// maxReaderKept.
func keep[K comparable, V any](m map[K]V) {
	if len(m) >= maxReaderKept {
		clear(m)
	}
}

// The quads and scans a reader keeps are in two generations, each of at
// most half of maxReaderKept quads and entries: when the newer is full it
// becomes the older and the older is dropped, and an entry found in the
// older is moved to the newer. A walk over more than the bound keeps
// what it read last (a batch of a group's nodes, and the one before it),
// instead of emptying everything at once.

// half is the most quads, and entries of each map, of a generation.
func half() int { return max(1, maxReaderKept/2) }

// hold makes room for n more quads in quads and scans.
func (r *reader) hold(n int) {
	if !r.room(n) {
		r.rotate()
	}
	r.held += n
}

// room reports whether the reader can keep n more quads in its newer
// generation without starting another (hold).
func (r *reader) room(n int) bool {
	return r.held+n <= half() && len(r.quads) < half() && len(r.scans) < half()
}

// rotate makes the newer generation the older, dropping the older.
func (r *reader) rotate() {
	r.oldQuads, r.oldScans, r.oldHeld = r.quads, r.scans, r.held
	r.quads, r.scans, r.held = map[nodeDir][]graph.Ref{}, map[predKey]*predScan{}, 0
}

// heldNode returns the quads of k the reader holds (read whole).
func (r *reader) heldNode(k nodeDir) ([]graph.Ref, bool) {
	if qs, ok := r.quads[k]; ok {
		return qs, true
	}
	qs, ok := r.oldQuads[k]
	if ok {
		delete(r.oldQuads, k)
		r.oldHeld -= len(qs)
		r.hold(len(qs))
		r.quads[k] = qs
	}
	return qs, ok
}

// heldScan returns the scan k the reader holds.
func (r *reader) heldScan(k predKey) (*predScan, bool) {
	if ps, ok := r.scans[k]; ok {
		return ps, true
	}
	ps, ok := r.oldScans[k]
	if ok {
		delete(r.oldScans, k)
		r.oldHeld -= len(ps.all)
		r.hold(len(ps.all))
		r.scans[k] = ps
	}
	return ps, ok
}

// nodeDir is a node (refs.ToKey) in a direction of quads.
type nodeDir struct {
	dir  quad.Direction
	node any
}

// wholeNodes switches the reading of a node's quads in one scan (see
// reader); the tests compare answers with it off.
var wholeNodes = true

// newReader returns a reader of qs; look, when not nil, is the store's
// look-up in one statement (SQL stores).
func newReader(ctx context.Context, qs graph.QuadStore, look store.QuadLookup) *reader {
	return &reader{ctx: ctx, qs: qs, refs: map[string]graph.Ref{}, vals: map[any]quad.Value{}, sql: look,
		whole: wholeNodes && (scansCheap(qs) || look != nil), asked: map[nodeDir]any{}, quads: map[nodeDir][]graph.Ref{}, scans: map[predKey]*predScan{},
		batch: look != nil}
}

// ref returns the node whose value is s as a look-up takes it (an IRI as
// "<...>"), nil when the store has none.
func (r *reader) ref(s string) (graph.Ref, error) {
	if x, ok := r.refs[s]; ok {
		return x, nil
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	x, err := r.qs.ValueOf(quad.StringToValue(s))
	if err != nil {
		return nil, err
	}
	keep(r.refs)
	r.refs[s] = x
	return x, nil
}

// refOf is ref for a value.
func (r *reader) refOf(v quad.Value) (graph.Ref, error) {
	if _, ok := v.(quad.IRI); ok {
		return r.ref(quad.StringOf(v))
	}
	return r.qs.ValueOf(v)
}

// values returns the values of nodes (nil for a nil node), reading those
// not read before in one batch.
func (r *reader) values(nodes []graph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(nodes))
	var miss []graph.Ref
	var at []int
	for i, n := range nodes {
		if n == nil {
			continue
		}
		if v, ok := r.vals[refs.ToKey(n)]; ok {
			out[i] = v
			continue
		}
		miss = append(miss, n)
		at = append(at, i)
	}
	if len(miss) == 0 {
		return out, nil
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	vs, err := graph.ValuesOf(r.ctx, r.qs, miss)
	if err != nil {
		return nil, fmt.Errorf("read value: %w", err)
	}
	for j, v := range vs {
		out[at[j]] = v
		r.remember(miss[j], v)
	}
	return out, nil
}

// remember keeps v as the value of node n (and n as the node of v, an
// IRI).
func (r *reader) remember(n graph.Ref, v quad.Value) {
	keep(r.vals)
	r.vals[refs.ToKey(n)] = v
	if iri, ok := v.(quad.IRI); ok {
		keep(r.refs)
		r.refs[quad.StringOf(iri)] = n
	}
}

// scan returns, for the quads with node in direction from and predicate
// pred (in named graph label when label is not nil), their nodes in each
// direction of dirs, dirs[0] of the first quad first.
func (r *reader) scan(from quad.Direction, node, pred, label graph.Ref, dirs ...quad.Direction) ([]graph.Ref, error) {
	return r.scanOf(true, from, node, pred, label, dirs...)
}

// scanPred is scan without reading node's quads whole (nodeQuads), for
// look-ups that ask every node the same few predicates (the labeler's
// two): a node's other quads would be read for nothing. Quads of the node
// that the reader holds whole are used.
func (r *reader) scanPred(from quad.Direction, node, pred, label graph.Ref, dirs ...quad.Direction) ([]graph.Ref, error) {
	return r.scanOf(false, from, node, pred, label, dirs...)
}

// scanOf is scan, reading node whole where whole is true and the reader
// reads nodes whole.
func (r *reader) scanOf(whole bool, from quad.Direction, node, pred, label graph.Ref, dirs ...quad.Direction) ([]graph.Ref, error) {
	ps, err := r.predQuads(from, node, pred, whole)
	if err != nil {
		return nil, err
	}
	qs := ps.all
	if label != nil {
		if qs, err = ps.in(r.qs, label); err != nil {
			return nil, err
		}
	}
	out := make([]graph.Ref, 0, len(qs)*len(dirs))
	for _, q := range qs {
		for _, d := range dirs {
			x, err := r.qs.QuadDirection(q, d)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
	}
	if r.batch && len(dirs) == 1 {
		r.found(from, node, pred, out)
	}
	return out, nil
}

// predScan is what one scan found: the quads with a node in a direction
// and a predicate, in the store's order, and (once asked for a graph)
// the same quads by graph.
type predScan struct {
	all     []graph.Ref
	byLabel map[any][]graph.Ref // refs.ToKey of the graph -> its quads
}

// in returns the quads of ps in the named graph label, in their order.
func (ps *predScan) in(qs graph.QuadStore, label graph.Ref) ([]graph.Ref, error) {
	if ps.byLabel == nil {
		ps.byLabel = map[any][]graph.Ref{}
		for _, q := range ps.all {
			l, err := qs.QuadDirection(q, quad.Label)
			if err != nil {
				return nil, err
			}
			if l == nil {
				continue
			}
			k := refs.ToKey(l)
			ps.byLabel[k] = append(ps.byLabel[k], q)
		}
	}
	return ps.byLabel[refs.ToKey(label)], nil
}

// predKey names a scan: a node and a predicate (refs.ToKey) in a direction.
type predKey struct {
	dir        quad.Direction
	node, pred any
}

// predQuads returns the quads with node in direction from and predicate
// pred: scanned once per query (a query asks one node's predicate in
// many graphs, e.g. a body's members in every report), from the node's
// quads where the reader has them (nodeQuads; with whole false only
// those it holds).
func (r *reader) predQuads(from quad.Direction, node, pred graph.Ref, whole bool) (*predScan, error) {
	k := predKey{from, refs.ToKey(node), refs.ToKey(pred)}
	if ps, ok := r.heldScan(k); ok {
		return ps, nil
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	ps := &predScan{}
	var (
		all []graph.Ref
		err error
	)
	if whole {
		if all, err = r.nodeQuads(from, node, pred); err != nil {
			return nil, err
		}
	} else {
		all, _ = r.heldNode(nodeDir{from, k.node})
	}
	if all != nil {
		if ps.all, err = r.ofPred(all, k.pred); err != nil {
			return nil, err
		}
	} else {
		if ps.all, err = r.quadsAt(from, node, pred); err != nil {
			return nil, err
		}
	}
	r.hold(len(ps.all))
	r.scans[k] = ps
	return ps, nil
}

// ofPred returns the quads of qs with predicate pred (refs.ToKey), in
// their order.
func (r *reader) ofPred(qs []graph.Ref, pred any) ([]graph.Ref, error) {
	var out []graph.Ref
	for _, q := range qs {
		p, err := r.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return nil, err
		}
		if p != nil && refs.ToKey(p) == pred {
			out = append(out, q)
		}
	}
	return out, nil
}

// nodeQuads returns every quad with node in direction from when the
// reader answers the node's look-ups from them (see reader), else nil.
func (r *reader) nodeQuads(from quad.Direction, node, pred graph.Ref) ([]graph.Ref, error) {
	if !r.whole {
		return nil, nil
	}
	k := nodeDir{from, refs.ToKey(node)}
	if qs, ok := r.heldNode(k); ok {
		return qs, nil
	}
	pk := refs.ToKey(pred)
	first, ok := r.asked[k]
	if _, many := first.(tooMany); many {
		return nil, nil
	}
	if r.sql != nil {
		// The second predicate in this direction of the node, or of its
		// group, reads the group's nodes whole (batch.go): every quad
		// comes over the network with its value, and a node with more
		// than maxWholeSQL (a person named in every report) is asked per
		// predicate instead.
		g, _ := r.groupFor(node)
		n := g.ask(from, pk)
		if !ok {
			keep(r.asked)
			r.asked[k] = pk
		}
		if (n < 2 || g.wide[from]) && (!ok || first == pk) {
			return nil, nil
		}
		if err := r.batchWhole(from, node); err != nil {
			return nil, err
		}
		qs, _ := r.heldNode(k)
		return qs, nil
	}
	if !ok || first == pk {
		keep(r.asked)
		r.asked[k] = pk
		return nil, nil
	}
	qs, err := r.collect(r.qs.QuadIterator(from, node))
	if err != nil {
		return nil, err
	}
	r.hold(len(qs))
	r.quads[k] = qs
	return qs, nil
}

// maxWholeSQL is the most quads a node may have for a reader on a SQL
// store to read them all in one statement (see nodeQuads).
const maxWholeSQL = 64

// tooMany marks, in reader.asked, a node whose quads in a direction are
// more than maxWholeSQL.
type tooMany struct{}

// quadsAt returns the quads with node in direction from and predicate
// pred: in one statement with the values at their other end (kept as
// read) where the reader has a store.QuadLookup, else by Cayley's scan.
func (r *reader) quadsAt(from quad.Direction, node, pred graph.Ref) ([]graph.Ref, error) {
	if r.batch {
		if qs, ok, err := r.batchPred(from, node, pred); ok || err != nil {
			return qs, err
		}
	}
	if r.sql != nil {
		if qs, ok, err := r.lookupSQL(from, node, pred); ok || err != nil {
			return qs, err
		}
	}
	return r.collect(quadsOf(r.ctx, r.qs, from, node, pred))
}

// lookupSQL is quadsAt through the store's QuadLookup, for one node
// (lookupMany); it reports false for nodes that are not Cayley's SQL
// node hashes.
func (r *reader) lookupSQL(from quad.Direction, node, pred graph.Ref) ([]graph.Ref, bool, error) {
	n, ok := node.(csql.NodeHash)
	if !ok {
		return nil, false, nil
	}
	var p *refs.ValueHash
	if pred != nil {
		ph, ok := pred.(csql.NodeHash)
		if !ok {
			return nil, false, nil
		}
		p = &ph.ValueHash
	}
	found, err := r.lookupMany(from, []refs.ValueHash{n.ValueHash}, p, 0)
	if err != nil {
		return nil, true, err
	}
	return found.of(n.ValueHash), true, nil
}

// collect returns every quad of sh, stopping when the reader's context
// ends (whose error it returns then: a scan cut short is not an answer).
func (r *reader) collect(sh iterator.Shape) ([]graph.Ref, error) {
	it := sh.Iterate()
	defer it.Close()
	qs := []graph.Ref{}
	for it.Next(r.ctx) {
		qs = append(qs, it.Result())
		if len(qs)%checkEvery == 0 {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	return qs, nil
}

// lookup returns the values of quads node pred ? (dir "out": objects) or
// ? pred node ("in": subjects), within named graph gr unless gr is "", as
// Gizmo's toArray hands them to JavaScript.
func (r *reader) lookup(dir, node, pred, gr string) ([]any, error) {
	from, result := quad.Subject, quad.Object
	if dir == "in" {
		from, result = quad.Object, quad.Subject
	}
	out := []any{}
	n, err := r.ref(node)
	if err != nil {
		return nil, err
	}
	p, err := r.ref(pred)
	if err != nil {
		return nil, err
	}
	var label graph.Ref
	if gr != "" {
		if label, err = r.ref(gr); err != nil {
			return nil, err
		}
		if label == nil {
			return out, nil
		}
	}
	if n == nil || p == nil {
		return out, nil
	}
	found, err := r.scan(from, n, p, label, result)
	if err != nil {
		return nil, err
	}
	return r.natives(found)
}

// natives returns the values of nodes, as Gizmo's toArray hands them to
// JavaScript (nodes without a value left out), in an array of their own.
func (r *reader) natives(nodes []graph.Ref) ([]any, error) {
	vals, err := r.values(nodes)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(vals))
	for _, v := range vals {
		if v != nil {
			out = append(out, nativeValue(v))
		}
	}
	return out, nil
}

// lookupFunc returns CONFGRAPH_LOOKUP(dir, node, pred[, graph]) for vm:
// dir "out" gives the objects of quads node pred ?, "in" the subjects of
// quads ? pred node; with graph only quads of that named graph.
func lookupFunc(r *reader, vm *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		var args [4]string
		n := len(call.Arguments)
		if n != 3 && n != 4 {
			panic(vm.NewTypeError("%s takes 3 or 4 strings", lookupName))
		}
		for i, a := range call.Arguments {
			s, ok := a.Export().(string)
			if !ok {
				panic(vm.NewTypeError("%s takes strings", lookupName))
			}
			args[i] = s
		}
		switch args[0] {
		case "out", "in":
		default:
			panic(vm.NewTypeError("%s: direction %q is neither out nor in", lookupName, args[0]))
		}
		if n == 4 && args[3] == "" {
			// No graph has the empty name (as Cayley's ValueOf finds none).
			return vm.NewArray()
		}
		out, err := r.lookup(args[0], args[1], args[2], args[3])
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return jsArray(vm, out)
	}
}

// jsArray is xs as a JavaScript array of its own, whose items are what
// vm.ToValue makes of each. (vm.ToValue(xs) wraps the Go slice instead,
// converting an item at every read; the prelude copies each answer it
// hands out, reading every item, and queries read them again.)
func jsArray(vm *goja.Runtime, xs []any) goja.Value {
	items := make([]any, len(xs))
	for i, x := range xs {
		items[i] = vm.ToValue(x)
	}
	return vm.NewArray(items...)
}

// quadsOf returns an iterator over the quads with node in direction from
// and predicate pred. The store's optimiser is asked for the quads action
// that a Gizmo out or in step becomes: on the key-value stores that is one
// scan of the index that starts with both (subject-predicate, or
// object-predicate-subject), whose quads are taken before the step would
// turn them into nodes. Elsewhere the quads are the intersection of the
// two directions, as the store builds it.
func quadsOf(ctx context.Context, qs graph.QuadStore, from quad.Direction, node, pred graph.Ref) iterator.Shape {
	act := shape.QuadsAction{Result: quad.Label, Filter: map[quad.Direction]graph.Ref{from: node, quad.Predicate: pred}}
	if opt, _ := shape.Optimize(ctx, act, qs); opt != nil {
		if nf, ok := opt.(shape.NodesFrom); ok {
			if _, generic := nf.Quads.(shape.Quads); !generic {
				return nf.Quads.BuildIterator(qs)
			}
		}
	}
	return shape.BuildIterator(ctx, qs, shape.Quads{
		{Dir: from, Values: shape.Fixed{node}},
		{Dir: quad.Predicate, Values: shape.Fixed{pred}},
	})
}

// nativeValue is v as Gizmo's toArray gives it to JavaScript
// (Session.quadValueToNative, Raw collation): the value's Go native form,
// or its N-Quads text when it has none (IRIs "<...>", tagged literals).
func nativeValue(v quad.Value) any {
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && v == nv {
		return quad.StringOf(v)
	}
	return out
}

// graphsName is the global the prelude reads the list of report graphs
// from (and then deletes).
const graphsName = "CONFGRAPH_GRAPHS"

// graphsKey is the key of the report graphs of a store (store.Cached).
const graphsKey = "query: report graphs"

// graphsFunc returns CONFGRAPH_GRAPHS() for vm: the named graph of every
// report, as the prelude's Gizmo path
// g.V("<schema:Report>").in(RDF_TYPE).in(PRIMARY).toArray() gives them (a
// graph per quad found, unsorted), read with reportGraphs and kept for
// later queries where the store allows. Each call hands out an array of
// its own.
func graphsFunc(r *reader, memo memoFunc, vm *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(goja.FunctionCall) goja.Value {
		v, err := memo(graphsKey, func() (any, error) {
			if scansCheap(r.qs) || r.batch {
				return reportGraphs(r)
			}
			return reportGraphsPath(r.ctx, r.qs)
		})
		if err != nil {
			panic(vm.NewGoError(fmt.Errorf("list report graphs: %w", err)))
		}
		return jsArray(vm, v.([]any))
	}
}

// scansCheap reports whether qs answers an index scan without a round
// trip to a server: memstore and Cayley's key-value stores. On SQL
// stores the list of report graphs is read with scans too where the
// reader asks nodes found together in one statement (reader.batch: a
// statement for the reports, one for their graphs); else it is one path,
// which Cayley turns into one statement and a value look-up per graph.
func scansCheap(qs graph.QuadStore) bool {
	switch qs.(type) {
	case *ckv.QuadStore, *memstore.QuadStore:
		return true
	}
	return false
}

// reportGraphsPath is reportGraphs through Cayley's path, as the
// prelude's Gizmo path runs it (toArray: every path's value).
func reportGraphsPath(ctx context.Context, qs graph.QuadStore) ([]any, error) {
	p := path.StartPath(qs, v.SchemaReport).In(v.Type).In(v.HadPrimarySource)
	out := []any{}
	err := iterator.Iterate(ctx, p.BuildIterator(ctx)).Paths(false).EachValue(qs, func(x quad.Value) error {
		if n := nativeValue(x); n != nil {
			out = append(out, n)
		}
		return nil
	})
	if err == nil {
		// An iteration that ctx cut short may end without an error; its
		// list is not the answer.
		err = ctx.Err()
	}
	return out, err
}

// reportGraphs returns the subjects of the quads ? prov:hadPrimarySource
// r for each subject r of the quads ? rdf:type schema:Report, as Gizmo's
// toArray hands them out.
func reportGraphs(r *reader) ([]any, error) {
	out := []any{}
	report, err := r.refOf(v.SchemaReport)
	if err != nil {
		return nil, err
	}
	typ, err := r.refOf(v.Type)
	if err != nil {
		return nil, err
	}
	primary, err := r.refOf(v.HadPrimarySource)
	if err != nil {
		return nil, err
	}
	if report == nil || typ == nil || primary == nil {
		return out, nil
	}
	reports, err := r.scan(quad.Object, report, typ, nil, quad.Subject)
	if err != nil {
		return nil, err
	}
	var graphs []graph.Ref
	for _, rep := range reports {
		gs, err := r.scan(quad.Object, rep, primary, nil, quad.Subject)
		if err != nil {
			return nil, err
		}
		graphs = append(graphs, gs...)
	}
	return r.natives(graphs)
}
