package query

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// boltOf returns a bolt store loaded with files.
func boltOf(t testing.TB, files []*dataset.File) *store.Store {
	t.Helper()
	return loadedStore(t, "bolt", files)
}

// TestReaderWholeNode asks, on a bolt store of the gen corpus (entities
// shared by many reports), every node for every predicate it has in each
// direction, in every graph and in none, once with each look-up a scan of
// its own and once with a reader that reads a node's quads in one scan
// from its second predicate on: the answers, in their order, must be the
// same.
//
// On PostgreSQL both readers read through the store's Lookup (one
// statement with the values): their answers must also be, order aside,
// those of Cayley's own iterator and NameOf.
func TestReaderWholeNode(t *testing.T) {
	for _, backend := range append(slices.Clone(backends), "postgres") {
		t.Run(backend, func(t *testing.T) {
			testReaderWholeNode(t, loadedStore(t, backend, genFiles(t)), false)
		})
	}
}

// sameItems reports whether a and b hold the same items, in any order.
func sameItems(a, b []any) bool {
	key := func(xs []any) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = fmt.Sprintf("%T %#v", x, x)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// TestPostgresAnswers runs every bundled query (with the parameters of
// the cross-report tests) on PostgreSQL, where the reader looks up
// through the store's Lookup, and on memstore, each loaded with every
// report of graph/, and with the made-up second report of testdata beside
// them: the rows must be the same.
func TestPostgresAnswers(t *testing.T) {
	ctx := context.Background()
	bundled, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	files := embeddedFiles(t, false)
	withSecond := append(append([]*dataset.File{}, files...), fixtureFiles(t)[1:]...)
	for name, files := range map[string][]*dataset.File{"graph/": files, "graph/ and a second report": withSecond} {
		t.Run(name, func(t *testing.T) {
			pg := loadedStore(t, "postgres", files)
			mem := storeOf(t, files)
			runs, nonEmpty := 0, 0
			for _, q := range bundled {
				for _, p := range crossParams(q) {
					want, err := q.Run(ctx, mem, p, Options{Limit: -1})
					if err != nil {
						t.Fatalf("%s %v on memstore: %v", q.Name, p, err)
					}
					got, err := q.Run(ctx, pg, p, Options{Limit: -1})
					if err != nil {
						t.Fatalf("%s %v on PostgreSQL: %v", q.Name, p, err)
					}
					if !reflect.DeepEqual(got.Rows, want.Rows) {
						t.Errorf("%s %v: PostgreSQL gives %d rows, memstore %d:\n%q\n%q", q.Name, p, len(got.Rows), len(want.Rows), got.Rows, want.Rows)
					}
					runs++
					if len(want.Rows) > 0 {
						nonEmpty++
					}
				}
			}
			if nonEmpty < len(bundled) {
				t.Errorf("only %d of %d runs have rows: the test compares little", nonEmpty, runs)
			}
		})
	}
}

// TestReaderBounded: with a small bound on what a reader keeps, the
// look-ups of TestReaderWholeNode give the same answers, and the reader
// keeps no more than the bound.
func TestReaderBounded(t *testing.T) {
	old := maxReaderKept
	maxReaderKept = 64
	defer func() { maxReaderKept = old }()
	for _, backend := range append(slices.Clone(backends), "postgres") {
		t.Run(backend, func(t *testing.T) {
			r := testReaderWholeNode(t, loadedStore(t, backend, genFiles(t)), true)
			held, old := 0, 0
			for _, qs := range r.quads {
				held += len(qs)
			}
			for _, ps := range r.scans {
				held += len(ps.all)
			}
			for _, qs := range r.oldQuads {
				old += len(qs)
			}
			for _, ps := range r.oldScans {
				old += len(ps.all)
			}
			// A scan larger than the bound is kept alone.
			for name, n := range map[string]int{"refs": len(r.refs), "vals": len(r.vals), "asked": len(r.asked), "quads": len(r.quads) + len(r.oldQuads), "scans": len(r.scans) + len(r.oldScans), "groups": r.groupOf.len() / 2} {
				if n > maxReaderKept {
					t.Errorf("the reader keeps %d %s, more than the bound %d", n, name, maxReaderKept)
				}
			}
			// A generation holds half the bound, or one scan larger alone.
			for gen, g := range map[string][2]int{"newer": {held, len(r.quads) + len(r.scans)}, "older": {old, len(r.oldQuads) + len(r.oldScans)}} {
				if g[0] > maxReaderKept/2 && g[1] > 1 {
					t.Errorf("the reader's %s generation keeps %d quads in %d scans, more than half the bound %d", gen, g[0], g[1], maxReaderKept)
				}
			}
			if held != r.held || old != r.oldHeld {
				t.Errorf("the reader counts %d and %d quads kept, holds %d and %d", r.held, r.oldHeld, held, old)
			}
		})
	}
}

// testReaderWholeNode runs the comparison of TestReaderWholeNode on s and
// returns the whole-node reader. With bounded (a small maxReaderKept) it
// does not compare with Cayley's own scans, nor count nodes with many
// quads, which the reader forgets.
func testReaderWholeNode(t *testing.T, s *store.Store, bounded bool) *reader {
	ctx := context.Background()
	all, err := s.Quads(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	type ask struct{ dir, node, pred, gr string }
	var asks []ask
	seen := map[ask]bool{}
	add := func(a ask) {
		if !seen[a] {
			seen[a] = true
			asks = append(asks, a)
		}
	}
	for _, q := range all {
		if q.Label == nil {
			continue
		}
		s, p, o, l := quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)
		add(ask{"out", s, p, l})
		add(ask{"out", s, p, ""})
		if _, ok := q.Object.(quad.IRI); ok {
			add(ask{"in", o, p, l})
			add(ask{"in", o, p, ""})
		}
	}
	if bounded && s.Lookup() != nil && len(asks) > 4000 {
		asks = asks[:4000] // a statement per look-up for the reference
	}
	var kept *reader
	err = s.View(ctx, func(qs graph.QuadStore) error {
		one := newReader(ctx, qs, s.Lookup())
		one.whole, one.batch = false, false
		whole := newReader(ctx, qs, s.Lookup())
		if !whole.whole {
			t.Fatal("the reader does not read whole nodes")
		}
		var cayley *reader // Cayley's own scans, where the store has a Lookup
		if s.Lookup() != nil && !bounded {
			cayley = newReader(ctx, qs, nil)
			cayley.whole = false
		}
		for _, a := range asks {
			want, err := one.lookup(a.dir, a.node, a.pred, a.gr)
			if err != nil {
				return err
			}
			if cayley != nil {
				ref, err := cayley.lookup(a.dir, a.node, a.pred, a.gr)
				if err != nil {
					return err
				}
				if !sameItems(want, ref) {
					t.Errorf("%s %s %s in %q: %v through Lookup, Cayley's scan gives %v", a.dir, a.node, a.pred, a.gr, want, ref)
				}
			}
			got, err := whole.lookup(a.dir, a.node, a.pred, a.gr)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s %s in %q: %v, one scan per look-up gives %v", a.dir, a.node, a.pred, a.gr, got, want)
			}
			if len(want) == 0 {
				t.Errorf("%s %s %s in %q: nothing found, though a quad states it", a.dir, a.node, a.pred, a.gr)
			}
		}
		if len(whole.quads) == 0 && !bounded {
			t.Error("no node was read in one scan: the test proves nothing")
		}
		if s.Lookup() != nil && !bounded {
			many := 0
			for _, a := range whole.asked {
				if _, ok := a.(tooMany); ok {
					many++
				}
			}
			if many == 0 {
				t.Errorf("no node had more than %d quads: asking those per predicate is not tested", maxWholeSQL)
			}
			t.Logf("%d nodes with more than %d quads asked per predicate", many, maxWholeSQL)
		}
		if s.Lookup() != nil {
			if whole.batches == 0 {
				t.Error("no look-up asked for several nodes at once: batches are not tested")
			}
			t.Logf("%d statements asked for several nodes at once", whole.batches)
		}
		t.Logf("%d look-ups, %d nodes read in one scan", len(asks), len(whole.quads))
		kept = whole
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kept
}

// TestCachesKeepAnswers runs every bundled query (with the parameters of
// the cross-report tests) on one bolt and one memstore store while its
// content changes: every report of graph/; then the made-up second report
// of testdata loaded beside them (another report graph); then a write
// through Store.Update that gives each node, in each graph where it has
// an rdfs:label, one more whose text is the smallest (other names shown).
// After each step every run's rows (with whole-node reads and the answers
// the store keeps: report graphs, label candidates) must be those of a
// fresh store of the same content, read with a scan per look-up and
// nothing kept.
func TestCachesKeepAnswers(t *testing.T) {
	ctx := context.Background()
	files := embeddedFiles(t, false)
	withSecond := fixtureFiles(t)[1:]
	withSecond = append(append([]*dataset.File{}, files...), withSecond...)
	bundled, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		q      *Query
		params map[string]string
	}
	var runs []run
	for _, q := range bundled {
		for _, p := range crossParams(q) {
			runs = append(runs, run{q, p})
		}
	}
	defer func() { wholeNodes = true }()
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			open := func(files []*dataset.File) *store.Store {
				if backend == "bolt" {
					return boltOf(t, files)
				}
				return storeOf(t, files)
			}
			// rows runs every run on s: kept answers and whole-node reads
			// (memo s.Cached), or neither (fresh).
			rows := func(s *store.Store, fresh bool) [][][]string {
				t.Helper()
				wholeNodes = !fresh
				memo := memoFunc(s.Cached)
				if fresh {
					memo = noMemo
				}
				var out [][][]string
				for _, r := range runs {
					res, err := r.q.run(ctx, s, r.params, Options{Limit: -1}, memo)
					if err != nil {
						t.Fatalf("%s %v: %v", r.q.Name, r.params, err)
					}
					out = append(out, res.Rows)
				}
				wholeNodes = true
				return out
			}
			compare := func(step string, got, want [][][]string) {
				t.Helper()
				nonEmpty := 0
				for i, r := range runs {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("%s: %s %v: %d rows differ from a fresh store's %d", step, r.q.Name, r.params, len(got[i]), len(want[i]))
					}
					if len(want[i]) > 0 {
						nonEmpty++
					}
				}
				if nonEmpty < len(bundled) {
					t.Errorf("%s: only %d of %d runs have rows: the test compares little", step, nonEmpty, len(runs))
				}
			}
			changed := func(step string, before, after [][][]string) {
				t.Helper()
				n := 0
				for i := range runs {
					if !reflect.DeepEqual(before[i], after[i]) {
						n++
					}
				}
				if n == 0 {
					t.Errorf("%s changes no run's rows: the test proves nothing", step)
				}
			}
			s := open(files)
			first := rows(s, false)
			rows(s, false) // every answer kept now
			compare("every report of graph/", first, rows(open(files), true))

			if _, err := s.Replace(ctx, mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, withSecond)); err != nil {
				t.Fatal(err)
			}
			second := rows(s, false)
			ref := open(withSecond)
			compare("a second report loaded", second, rows(ref, true))
			changed("loading a second report", first, second)

			names, err := smallerNames(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			add := func(qs graph.QuadStore) error {
				return qs.ApplyDeltas(names, graph.IgnoreOpts{IgnoreDup: true})
			}
			if err := s.Update(ctx, add); err != nil {
				t.Fatal(err)
			}
			if err := ref.Update(ctx, add); err != nil {
				t.Fatal(err)
			}
			third := rows(s, false)
			compare("names added with Update", third, rows(ref, true))
			changed("the names added", second, third)
		})
	}
}

// smallerNames returns, for every rdfs:label quad of s in a named graph,
// the same quad with "!" before its text (same language tag): in each
// graph and language a node's new name is the smallest.
func smallerNames(ctx context.Context, s *store.Store) ([]graph.Delta, error) {
	all, err := s.Quads(ctx, nil)
	if err != nil {
		return nil, err
	}
	var out []graph.Delta
	for _, q := range all {
		if q.Label == nil || q.Predicate != v.Label {
			continue
		}
		var o quad.Value
		switch x := q.Object.(type) {
		case quad.String:
			o = quad.String("!" + string(x))
		case quad.LangString:
			o = quad.LangString{Value: "!" + x.Value, Lang: x.Lang}
		default:
			continue
		}
		q.Object = o
		out = append(out, graph.Delta{Quad: q, Action: graph.Add})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no rdfs:label in a named graph")
	}
	return out, nil
}

// TestReportGraphs compares the report graphs the prelude gets from Go
// (CONFGRAPH_GRAPHS) with those of its Gizmo path, on every report of
// graph/ and on the gen corpus, on memstore, bolt and PostgreSQL (where
// the reader reads it with batched scans), and wants the Go list asked
// for once per query, read by the first query only (by each on
// PostgreSQL, which keeps no answers).
func TestReportGraphs(t *testing.T) {
	ctx := context.Background()
	const text = `
var viaPath = g.V(iri("schema", "Report")).in(RDF_TYPE).in(PRIMARY).toArray();
viaPath.sort();
g.emit({n: String(GRAPHS.length), same: String(JSON.stringify(viaPath) === JSON.stringify(GRAPHS))});`
	corpora := map[string][]*dataset.File{"embedded": embeddedFiles(t, false), "gen": genFiles(t)}
	for name, files := range corpora {
		for _, backend := range append(slices.Clone(backends), "postgres") {
			s := loadedStore(t, backend, files)
			for i := range 2 { // the second run gets the kept list (PostgreSQL keeps none)
				asked, made := 0, 0
				memo := func(key string, make func() (any, error)) (any, error) {
					if key != graphsKey {
						return s.Cached(key, make)
					}
					asked++
					return s.Cached(key, func() (any, error) { made++; return make() })
				}
				var res *rawResult
				err := s.View(ctx, func(qs graph.QuadStore) error {
					var err error
					res, err = runGizmo(ctx, qs, memo, s.Lookup(), text, nil, Options{}.norm())
					return err
				})
				if err != nil {
					t.Fatalf("%s on %s: %v", name, backend, err)
				}
				wantMade := 1 - i
				if backend == "postgres" {
					wantMade = 1
				}
				if asked != 1 || made != wantMade {
					t.Errorf("%s on %s, run %d: the Go list of report graphs asked %d times, read %d times; want asked once, read in the first run only", name, backend, i+1, asked, made)
				}
				m := res.result().Maps()
				if len(m) != 1 || m[0]["same"] != "true" {
					t.Errorf("%s on %s, run %d: %v, want the same graphs both ways", name, backend, i+1, m)
				}
				if len(m) == 1 && m[0]["n"] != "" && m[0]["n"] == "0" {
					t.Errorf("%s on %s: no report graph", name, backend)
				}
			}
		}
	}
}

// TestReportGraphsPath: the path that lists report graphs where the
// reader does not batch (SQL stores without a QuadLookup) gives what the
// index scans give, as a multiset.
func TestReportGraphsPath(t *testing.T) {
	ctx := context.Background()
	for _, backend := range backends {
		var s *store.Store
		if backend == "bolt" {
			s = boltOf(t, embeddedFiles(t, false))
		} else {
			s = storeOf(t, embeddedFiles(t, false))
		}
		err := s.View(ctx, func(qs graph.QuadStore) error {
			if !scansCheap(qs) {
				t.Errorf("%s: index scans not taken as cheap", backend)
			}
			scans, err := reportGraphs(newReader(ctx, qs, nil))
			if err != nil {
				return err
			}
			viaPath, err := reportGraphsPath(ctx, qs)
			if err != nil {
				return err
			}
			sorted := func(xs []any) []string {
				out := make([]string, len(xs))
				for i, x := range xs {
					out[i] = x.(string)
				}
				sort.Strings(out)
				return out
			}
			a, b := sorted(scans), sorted(viaPath)
			if !reflect.DeepEqual(a, b) || len(a) == 0 {
				t.Errorf("%s: scans give %v, the path %v; want the same, not empty", backend, a, b)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestPrefetchLabels: on PostgreSQL, the names of rows that name every
// labelled node of the gen corpus (in its graph, and in none) are the
// same with the label predicates read many nodes a statement before the
// labeler asks (prefetchLabels) as without, in fewer statements.
func TestPrefetchLabels(t *testing.T) {
	ctx := context.Background()
	s, all := postgresGen(t)
	rows := func() *rawResult {
		res := &rawResult{}
		seen := map[string]bool{}
		for _, q := range all {
			if q.Predicate != v.Label || q.Label == nil {
				continue
			}
			node, gr := quad.StringOf(q.Subject), quad.StringOf(q.Label)
			if seen[node+gr] {
				continue
			}
			seen[node+gr] = true
			iri := strings.Trim(node, "<>")
			res.maps = append(res.maps, map[string]string{
				"in":  tokOpen + iri + tokSep + strings.Trim(gr, "<>") + tokClose,
				"any": tokOpen + iri + tokSep + tokClose,
			})
		}
		return res
	}
	run := func(batch bool) ([]map[string]string, int) {
		var out []map[string]string
		statements := 0
		err := s.View(ctx, func(qs graph.QuadStore) error {
			r := newReader(ctx, qs, counting(s.Lookup(), &statements, nil))
			r.batch = batch
			res := rows()
			memo := func(_ string, make func() (any, error)) (any, error) { return make() }
			if err := resolveLabels(r, memo, "", res); err != nil {
				return err
			}
			out = res.maps
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out, statements
	}
	want, alone := run(false)
	got, batched := run(true)
	if len(want) < 100 {
		t.Fatalf("%d rows: the test names few nodes", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the names read in batches differ from those read one node at a time")
	}
	for _, m := range want {
		if strings.Contains(m["in"], tokOpen) || m["in"] == "" {
			t.Fatalf("a token was not replaced by a name: %q", m["in"])
		}
	}
	if batched*10 > alone {
		t.Errorf("%d statements in batches, %d one node at a time: want a tenth or fewer", batched, alone)
	}
	t.Logf("%d rows: %d statements one node at a time, %d in batches", len(want), alone, batched)
}

// TestBatchListing: on PostgreSQL, a walk over every instance of the
// gen corpus's largest class (each asked every predicate it has, and
// each node found asked its types), as a listing walks, gives the same
// answers with batches as one node at a time, in far fewer statements,
// with the reader's bound above and below the number of instances.
func TestBatchListing(t *testing.T) {
	ctx := context.Background()
	s, all := postgresGen(t)
	count := map[string]int{}
	preds := map[string][]string{}
	for _, q := range all {
		sub, p := quad.StringOf(q.Subject), quad.StringOf(q.Predicate)
		if q.Predicate == v.Type {
			count[quad.StringOf(q.Object)]++
		}
		if !slices.Contains(preds[sub], p) {
			preds[sub] = append(preds[sub], p)
		}
	}
	class, most := "", 0
	for c, n := range count {
		if n > most || (n == most && c < class) {
			class, most = c, n
		}
	}
	typ := quad.StringOf(v.Type)
	walk := func(batch bool) ([]string, int, int) {
		var out []string
		statements, rows := 0, 0
		err := s.View(ctx, func(qs graph.QuadStore) error {
			r := newReader(ctx, qs, counting(s.Lookup(), &statements, &rows))
			r.batch = batch
			insts, err := r.lookup("in", class, typ, "")
			if err != nil {
				return err
			}
			for _, x := range insts {
				n := x.(string)
				for _, p := range preds[n] {
					vals, err := r.lookup("out", n, p, "")
					if err != nil {
						return err
					}
					out = append(out, fmt.Sprint(n, p, vals))
					for _, val := range vals {
						if o, ok := val.(string); ok && strings.HasPrefix(o, "<") {
							ts, err := r.lookup("out", o, typ, "")
							if err != nil {
								return err
							}
							out = append(out, fmt.Sprint(o, ts))
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out, statements, rows
	}
	old := maxReaderKept
	defer func() { maxReaderKept = old }()
	// With the default bound a batch's quads fit in what the reader
	// keeps; with a bound below the instances it keeps what fits of each
	// batch, and must not cost more statements, nor many more rows.
	for _, bound := range []int{old, most * 3 / 4, most / 2} {
		maxReaderKept = bound
		want, alone, aloneRows := walk(false)
		got, batched, rows := walk(true)
		if !slices.Equal(got, want) {
			t.Errorf("bound %d: the walk's answers differ with batches", bound)
		}
		if bound == old && batched*4 > alone {
			t.Errorf("bound %d: %d statements with batches, %d one node at a time: want a quarter or fewer", bound, batched, alone)
		}
		if batched > alone || rows > 2*aloneRows {
			t.Errorf("bound %d: %d statements and %d rows with batches, %d and %d one node at a time", bound, batched, rows, alone, aloneRows)
		}
		t.Logf("%s: %d instances, bound %d: %d statements and %d rows one node at a time, %d and %d with batches", class, most, bound, alone, aloneRows, batched, rows)
	}
}

// postgresGen returns a PostgreSQL store loaded with the gen corpus, and
// its quads.
func postgresGen(t *testing.T) (*store.Store, []quad.Quad) {
	s := loadedStore(t, "postgres", genFiles(t))
	all, err := s.Quads(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, all
}

// counting is look, counting its statements, and the rows they found
// where rows is not nil.
func counting(look store.QuadLookup, statements, rows *int) store.QuadLookup {
	return func(ctx context.Context, from quad.Direction, nodes []refs.ValueHash, pred refs.ValueHash, with quad.Direction, perNode int) ([]store.LookedUpQuad, error) {
		*statements++
		found, err := look(ctx, from, nodes, pred, with, perNode)
		if rows != nil {
			*rows += len(found)
		}
		return found, err
	}
}
