// Package storetest is the one test suite every confgraph store backend must
// pass: load, idempotent reload, replace, failed loads that change nothing,
// values that come back exactly as written, and byte-identical exports. It
// tests the store alone; the bundled queries on every backend are checked
// in internal/integration, with Targets.
package storetest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
	"github.com/confgraph/confgraph/internal/store"
)

// Target is one backend under test.
type Target struct {
	// Name labels the subtests (usually the backend name).
	Name string
	// New opens a fresh, empty store; the target cleans it up with t.Cleanup.
	// It returns the store and a function that opens the same store again
	// after it was closed (nil for stores that keep nothing).
	New func(t *testing.T) (s *store.Store, reopen func() (*store.Store, error))
	// BreakLoad, when set, returns quads this backend accepts up to some
	// point and then rejects inside its write transaction, so that the
	// suite can check that such a half-done load is rolled back. Backends
	// whose write cannot fail on its input leave it nil.
	BreakLoad func(good []quad.Quad) []quad.Quad
}

// Run runs the suite on target.
func Run(t *testing.T, target Target) {
	tests := []struct {
		name string
		fn   func(t *testing.T, target Target)
	}{
		{"LoadExportsExactlyTheMappedQuads", testLoad},
		{"ReloadChangesNothing", testReload},
		{"ReplaceOneGraphLeavesOthers", testReplaceGraph},
		{"ReloadDroppingMoreThanItAddsKeepsNewQuadsWhole", testShrink},
		{"FailedLoadBeforeWriteChangesNothing", testFailBeforeWrite},
		{"FailedLoadInsideTransactionChangesNothing", testFailInsideTx},
		{"ValuesRoundTrip", testValues},
		{"ReopenKeepsContent", testReopen},
		{"RemoveGraphsLeavesOthersWhole", testRemove},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, target) })
	}
}

// Curated returns the quads of the curated data embedded in the binary, as
// `confgraph load` writes them with the default base IRI.
func Curated(t testing.TB) []quad.Quad {
	t.Helper()
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatalf("read embedded data: %v", err)
	}
	return mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)
}

// Expected renders quads the way an export of a store holding exactly them
// must look: canonical, deduplicated, sorted N-Quads.
func Expected(t testing.TB, qs []quad.Quad) []byte {
	t.Helper()
	out := make([]quad.Quad, len(qs))
	for i, q := range qs {
		out[i] = rdf.Canonical(q)
	}
	out = rdf.Dedup(out)
	var b bytes.Buffer
	if err := nquads.Write(&b, out); err != nil {
		t.Fatalf("write expected N-Quads: %v", err)
	}
	return b.Bytes()
}

// Export returns the N-Quads export of s (of graph g, or all when nil).
func Export(t testing.TB, s *store.Store, g quad.Value) []byte {
	t.Helper()
	qs, err := s.Quads(context.Background(), g)
	if err != nil {
		t.Fatalf("read store: %v", err)
	}
	var b bytes.Buffer
	if err := nquads.Write(&b, qs); err != nil {
		t.Fatalf("write N-Quads: %v", err)
	}
	return b.Bytes()
}

// SameBytes fails t with the first differing line when got != want.
func SameBytes(t testing.TB, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs at line %d (got %d lines, want %d):\n got: %s\nwant: %s", what, i+1, len(gl), len(wl), g, w)
		}
	}
}

// Load replaces the graphs of qs in s and fails the test on an error.
func Load(t testing.TB, s *store.Store, qs []quad.Quad) store.Result {
	t.Helper()
	res, err := s.Replace(context.Background(), qs)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return res
}

func distinct(qs []quad.Quad) int {
	seen := map[string]bool{}
	for _, q := range qs {
		seen[rdf.Key(rdf.Canonical(q))] = true
	}
	return len(seen)
}

func testLoad(t *testing.T, target Target) {
	s, _ := target.New(t)
	if got := Export(t, s, nil); len(got) != 0 {
		t.Fatalf("a new store is not empty: %d bytes of N-Quads", len(got))
	}
	qs := Curated(t)
	res := Load(t, s, qs)
	n := distinct(qs)
	if res.Added != n || res.Removed != 0 || res.Total != n {
		t.Errorf("first load: %+v, want %d added, 0 removed, %d total", res, n, n)
	}
	// One graph per report, and the vocabulary graph: the graphs the quads name.
	labels := map[quad.Value]bool{}
	for _, q := range qs {
		labels[q.Label] = true
	}
	if res.Graphs != len(labels) {
		t.Errorf("first load wrote %d graphs, want %d (one per report + vocabulary)", res.Graphs, len(labels))
	}
	SameBytes(t, "export after load", Export(t, s, nil), Expected(t, qs))
}

func testReload(t *testing.T, target Target) {
	s, _ := target.New(t)
	qs := Curated(t)
	Load(t, s, qs)
	before := Export(t, s, nil)
	res := Load(t, s, qs)
	if res.Added != 0 || res.Removed != 0 {
		t.Errorf("reloading the same quads changed the store: %+v", res)
	}
	SameBytes(t, "export after reload", Export(t, s, nil), before)
}

// graphs splits quads by graph, in first-seen order.
func graphs(qs []quad.Quad) (labels []quad.Value, by map[quad.Value][]quad.Quad) {
	by = map[quad.Value][]quad.Quad{}
	for _, q := range qs {
		l := rdf.CanonicalValue(q.Label)
		if _, ok := by[l]; !ok {
			labels = append(labels, l)
		}
		by[l] = append(by[l], q)
	}
	return labels, by
}

func testReplaceGraph(t *testing.T, target Target) {
	s, _ := target.New(t)
	qs := Curated(t)
	Load(t, s, qs)
	labels, by := graphs(qs)
	if len(labels) < 2 {
		t.Fatalf("curated data has %d graphs, want at least 2", len(labels))
	}
	// Replace the largest graph by its first half plus one new quad.
	g := labels[0]
	for _, l := range labels {
		if len(by[l]) > len(by[g]) {
			g = l
		}
	}
	half := by[g][:len(by[g])/2]
	extra := quad.Quad{Subject: quad.IRI("https://confgraph.example/id/test/x"), Predicate: quad.IRI("http://www.w3.org/2000/01/rdf-schema#label"),
		Object: quad.LangString{Value: "neu", Lang: "de"}, Label: g}
	next := append(append([]quad.Quad{}, half...), extra)
	res := Load(t, s, next)
	wantRemoved := distinct(by[g]) - distinct(half)
	if res.Added != 1 || res.Removed != wantRemoved || res.Graphs != 1 {
		t.Errorf("replace: %+v, want 1 added, %d removed, 1 graph", res, wantRemoved)
	}
	var want []quad.Quad
	for _, l := range labels {
		if l != g {
			want = append(want, by[l]...)
		}
	}
	want = append(want, next...)
	SameBytes(t, "export after replacing one graph", Export(t, s, nil), Expected(t, want))
}

func testFailBeforeWrite(t *testing.T, target Target) {
	s, _ := target.New(t)
	qs := Curated(t)
	Load(t, s, qs)
	before := Export(t, s, nil)
	bad := append(append([]quad.Quad{}, qs[:len(qs)/2]...),
		quad.Quad{Subject: quad.IRI("https://confgraph.example/id/test/x"), Predicate: quad.IRI("https://confgraph.example/vocab#p"), Object: quad.String("no graph")})
	if _, err := s.Replace(context.Background(), bad); err == nil {
		t.Fatal("a load with a quad outside any graph succeeded")
	}
	SameBytes(t, "export after a rejected load", Export(t, s, nil), before)
}

func testFailInsideTx(t *testing.T, target Target) {
	if target.BreakLoad == nil {
		t.Skipf("%s: its write transaction cannot be made to fail by its input; crash behaviour is covered elsewhere", target.Name)
	}
	s, reopen := target.New(t)
	qs := Curated(t)
	Load(t, s, qs)
	before := Export(t, s, nil)
	_, by := graphs(qs)
	var changed []quad.Quad
	for l, g := range by {
		// Drop the first quad of every graph (a removal) and add many new
		// ones, then the quad that breaks the transaction.
		changed = append(changed, g[1:]...)
		for i := 0; i < 200; i++ {
			changed = append(changed, quad.Quad{Subject: quad.IRI(fmt.Sprintf("https://confgraph.example/id/test/n%d", i)),
				Predicate: quad.IRI("http://www.w3.org/2000/01/rdf-schema#label"), Object: quad.String(fmt.Sprintf("n%d", i)), Label: l})
		}
	}
	broken := target.BreakLoad(changed)
	_, err := s.Replace(context.Background(), broken)
	if err == nil {
		t.Fatal("the breaking load succeeded; BreakLoad does not break this backend")
	}
	t.Logf("the load failed as intended: %v", err)
	SameBytes(t, "export after a load that failed inside its transaction", Export(t, s, nil), before)
	// The store is still usable and the failed load left no half state.
	res := Load(t, s, changed)
	if res.Added != len(by)*200 || res.Removed != len(by) {
		t.Errorf("load after the failed one: %+v, want %d added, %d removed", res, len(by)*200, len(by))
	}
	SameBytes(t, "export after the next good load", Export(t, s, nil), Expected(t, changed))
	if reopen != nil {
		s2 := reopened(t, s, reopen)
		SameBytes(t, "export after reopening", Export(t, s2, nil), Expected(t, changed))
	}
}

// RoundTripQuads are values that backends and Cayley's readers are known to
// rewrite (typed literals to Go values, long datatype IRIs to short ones,
// fractional seconds dropped) plus strings that need escaping.
func RoundTripQuads() []quad.Quad {
	const xsd = "http://www.w3.org/2001/XMLSchema#"
	g := quad.IRI("https://confgraph.example/id/graph/roundtrip-test")
	s := quad.IRI("https://confgraph.example/id/test/values")
	objs := []quad.Value{
		quad.TypedString{Value: "42", Type: xsd + "integer"},
		quad.TypedString{Value: "-7", Type: xsd + "integer"},
		quad.TypedString{Value: "true", Type: xsd + "boolean"},
		quad.TypedString{Value: "1.5", Type: xsd + "decimal"},
		quad.TypedString{Value: "1.5E0", Type: xsd + "double"},
		quad.TypedString{Value: "2023-12-28", Type: xsd + "date"},
		quad.TypedString{Value: "2023-12-28T08:00:00.250+07:00", Type: xsd + "dateTime"},
		quad.TypedString{Value: "2023", Type: xsd + "gYear"},
		quad.TypedString{Value: "hello", Type: xsd + "string"},
		quad.TypedString{Value: "x", Type: "https://confgraph.example/vocab#Custom"},
		quad.String("plain"),
		quad.String("Zeile 1\nZeile 2 \"zitiert\" \\ Backslash\ttab"),
		quad.String("Đảng Cộng sản Việt Nam, Hà Nội — Ü ß €"),
		quad.LangString{Value: "Parteiaufbau", Lang: "de"},
		quad.LangString{Value: "xây dựng Đảng", Lang: "vi"},
		quad.IRI("https://confgraph.example/id/person/x?a=b#c"),
		quad.BNode("b1"),
	}
	out := make([]quad.Quad, len(objs))
	for i, o := range objs {
		out[i] = quad.Quad{Subject: s, Predicate: quad.IRI(fmt.Sprintf("https://confgraph.example/vocab#p%02d", i)), Object: o, Label: g}
	}
	return out
}

func testValues(t *testing.T, target Target) {
	s, reopen := target.New(t)
	qs := RoundTripQuads()
	Load(t, s, qs)
	want := Expected(t, qs)
	SameBytes(t, "export of the round-trip values", Export(t, s, nil), want)
	if res := Load(t, s, qs); res.Added != 0 || res.Removed != 0 {
		t.Errorf("reloading the round-trip values changed the store: %+v (values came back different from what was written)", res)
	}
	if reopen != nil {
		s2 := reopened(t, s, reopen)
		SameBytes(t, "export of the round-trip values after reopening", Export(t, s2, nil), want)
	}
}

func testReopen(t *testing.T, target Target) {
	s, reopen := target.New(t)
	if reopen == nil {
		t.Skipf("%s keeps nothing after closing", target.Name)
	}
	qs := Curated(t)
	Load(t, s, qs)
	s2 := reopened(t, s, reopen)
	SameBytes(t, "export after reopening", Export(t, s2, nil), Expected(t, qs))
	if res := Load(t, s2, qs); res.Added != 0 || res.Removed != 0 {
		t.Errorf("reloading after reopening changed the store: %+v", res)
	}
}

// testRemove removes report graphs that share nodes (entities, predicates)
// with a graph that stays: the other graphs keep every quad, a graph not
// in the store removes nothing, and the removed graphs load again whole.
func testRemove(t *testing.T, target Target) {
	s, reopen := target.New(t)
	ctx := context.Background()
	qs := Curated(t)
	labels, by := graphs(qs)
	// Two more reports that repeat the largest graph's first quads under
	// their own graph IRIs, as reports sharing entities do.
	var big quad.Value
	for _, l := range labels {
		if big == nil || len(by[l]) > len(by[big]) {
			big = l
		}
	}
	copyAs := func(name string) (quad.IRI, []quad.Quad) {
		g := quad.IRI("https://confgraph.example/id/graph/" + name)
		var out []quad.Quad
		for _, q := range by[big][:len(by[big])/3] {
			q.Label = g
			out = append(out, q)
		}
		return g, out
	}
	gb, b := copyAs("remove-test-b")
	gc, c := copyAs("remove-test-c")
	all := append(append(append([]quad.Quad{}, qs...), b...), c...)
	Load(t, s, all)
	for _, g := range []quad.Value{big, gb, gc} {
		if ok, err := s.HasGraph(ctx, g); err != nil || !ok {
			t.Errorf("HasGraph(%s) = %v, %v; want true", g, ok, err)
		}
	}
	missing := quad.IRI("https://confgraph.example/id/graph/not-loaded")
	if ok, err := s.HasGraph(ctx, missing); err != nil || ok {
		t.Errorf("HasGraph(%s) = %v, %v; want false", missing, ok, err)
	}

	res, err := s.RemoveGraphs(ctx, []quad.Value{big, gc, missing})
	if err != nil {
		t.Fatalf("remove: %v", err)
	}
	if res.Graphs != 2 || res.Removed != distinct(by[big])+distinct(c) || len(res.PerGraph) != 3 {
		t.Errorf("remove: %+v, want 2 graphs, %d quads removed, 3 entries per graph", res, distinct(by[big])+distinct(c))
	}
	var rest []quad.Quad
	for _, l := range labels {
		if l != big {
			rest = append(rest, by[l]...)
		}
	}
	rest = append(rest, b...)
	SameBytes(t, "export after removing two graphs", Export(t, s, nil), Expected(t, rest))
	for _, g := range []quad.Value{big, gc} {
		if ok, err := s.HasGraph(ctx, g); err != nil || ok {
			t.Errorf("HasGraph(%s) after removing it = %v, %v; want false", g, ok, err)
		}
	}
	if res, err := s.RemoveGraphs(ctx, []quad.Value{missing}); err != nil || res.Removed != 0 || res.Graphs != 0 {
		t.Errorf("removing a graph not in the store: %+v, %v; want nothing removed", res, err)
	}
	// The removed graphs load again whole, beside the one that stayed.
	if res := Load(t, s, all); res.Added != distinct(by[big])+distinct(c) || res.Removed != 0 {
		t.Errorf("reload after remove: %+v, want %d added, 0 removed", res, distinct(by[big])+distinct(c))
	}
	SameBytes(t, "export after loading the removed graphs again", Export(t, s, nil), Expected(t, all))
	if reopen != nil {
		if _, err := s.RemoveGraphs(ctx, []quad.Value{gb}); err != nil {
			t.Fatalf("remove: %v", err)
		}
		var want []quad.Quad
		want = append(append(want, qs...), c...)
		s2 := reopened(t, s, reopen)
		SameBytes(t, "export after remove and reopening", Export(t, s2, nil), Expected(t, want))
	}
}

// testShrink reloads a graph with fewer quads that use the same predicate
// and graph IRI: Cayley's key-value stores used to write the new quad
// without its predicate and graph (see store/kvfix.go).
func testShrink(t *testing.T, target Target) {
	s, _ := target.New(t)
	g := quad.IRI("https://confgraph.example/id/graph/shrink-test")
	p := quad.IRI("http://www.w3.org/2000/01/rdf-schema#label")
	mk := func(subj, label string) quad.Quad {
		return quad.Quad{Subject: quad.IRI("https://confgraph.example/id/test/" + subj), Predicate: p, Object: quad.LangString{Value: quad.String(label), Lang: "de"}, Label: g}
	}
	Load(t, s, []quad.Quad{mk("a", "A"), mk("b", "B"), mk("c", "C")})
	next := []quad.Quad{mk("d", "D")}
	if res := Load(t, s, next); res.Added != 1 || res.Removed != 3 {
		t.Errorf("reload: %+v, want 1 added, 3 removed", res)
	}
	SameBytes(t, "export after the shrinking reload", Export(t, s, nil), Expected(t, next))
	// And once more, back to three.
	back := []quad.Quad{mk("a", "A"), mk("b", "B"), mk("d", "D")}
	Load(t, s, back)
	SameBytes(t, "export after growing again", Export(t, s, nil), Expected(t, back))
}

// reopened closes s and opens its store again with reopen; the new store
// is closed when the test ends.
func reopened(t *testing.T, s *store.Store, reopen func() (*store.Store, error)) *store.Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	s2, err := reopen()
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}
