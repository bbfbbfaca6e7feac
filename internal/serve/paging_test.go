package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
	v "github.com/confgraph/confgraph/internal/vocab"
	"github.com/confgraph/confgraph/internal/workspace"
)

// entityIRIs are the IRIs below the base that the quads of st name.
func entityIRIs(t *testing.T, st *store.Store) []string {
	t.Helper()
	seen := map[string]bool{}
	var iris []string
	err := st.Each(context.Background(), nil, func(q quad.Quad) error {
		for _, n := range []quad.Value{q.Subject, q.Object} {
			if iri, ok := n.(quad.IRI); ok && strings.HasPrefix(string(iri), mapping.DefaultBase) && !seen[string(iri)] {
				seen[string(iri)] = true
				iris = append(iris, string(iri))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(iris)
	return iris
}

// TestEntityPagesPostgres: every entity page, a page of facts of its
// first relations, the neighbourhood and a search read from PostgreSQL
// (through NodeQuads, nodes read in groups: sqlread.go) are the memstore's.
func TestEntityPagesPostgres(t *testing.T) {
	dsn := storetest.FreshDatabase(t, storetest.PostgresAdmin(t))
	pg := storetest.Open(t, "postgres", dsn)
	storetest.Load(t, pg, storetest.Curated(t))
	psrv := httptest.NewServer(New(pg, Options{Workspace: workspace.Config{Backend: "postgres", Path: dsn, Base: mapping.DefaultBase}}).Handler())
	t.Cleanup(psrv.Close)
	msrv, mem := testServer(t, Options{})
	same := func(u string) {
		t.Helper()
		mc, _, mb := call(t, "GET", msrv.URL+u, nil)
		pc, _, pb := call(t, "GET", psrv.URL+u, nil)
		if mc != pc || mb != pb {
			t.Errorf("%s: PostgreSQL %d %.300s\nmemstore %d %.300s", u, pc, pb, mc, mb)
		}
	}
	iris := entityIRIs(t, mem)
	if len(iris) < 200 {
		t.Fatalf("%d entities: the curated data shrank?", len(iris))
	}
	for _, iri := range iris {
		same("/api/entity?facts=1000&iri=" + url.QueryEscape(iri))
		var e Entity
		if code, _, body := call(t, "GET", msrv.URL+"/api/entity?facts=1&iri="+url.QueryEscape(iri), nil); code == 200 && json.Unmarshal([]byte(body), &e) == nil {
			for _, rel := range e.Relations {
				if rel.Total > 1 {
					same("/api/entity/facts?" + url.Values{"iri": {iri}, "side": {rel.Side}, "property": {rel.Property}, "derived": {strconv.FormatBool(rel.Derived)}, "offset": {"1"}, "limit": {"2"}}.Encode())
				}
			}
		}
	}
	same("/api/graph?id=person/truong-thi-mai")
	same("/api/search?q=thai+binh")
}

// inTimeOrder fails unless fs, the facts of rel, are all of rel and in
// time order by their full reading (factTime).
func inTimeOrder(t *testing.T, what string, rel Relation, fs []Fact) {
	t.Helper()
	for i, f := range fs {
		if f.Property != rel.Property || f.Derived != rel.Derived {
			t.Fatalf("%s: fact %d is %s (derived %v) in relation %s", what, i, f.Property, f.Derived, rel.Property)
		}
		if i > 0 && byTime(factTime(fs[i-1]), factTime(f)) > 0 {
			t.Errorf("%s %s: fact %d (%s) before fact %d (%s)", what, rel.Property, i-1, factTime(fs[i-1]), i, factTime(f))
		}
	}
}

// TestLightOrder: the light reading of facts (for their order) finds the
// provenance the full reading finds where a report's record of the
// entity or a curated statement has paragraphs and no date: E1's place
// in report 2 (2019) comes before its place in report 1 (its start
// 2021-01-01), and E2's place that report 1 states through a statement
// (2021-05-01, the report's date) after its place in report 2 (2020), not
// at the 2000 of a dated fact node beside the statement.
func TestLightOrder(t *testing.T) {
	id := func(s string) quad.IRI { return quad.IRI(mapping.DefaultBase + s) }
	date := func(s string) quad.Value {
		return quad.TypedString{Value: quad.String(s), Type: quad.IRI(v.XSD + "date")}
	}
	g1, g2, g3 := id("graph/r1"), id("graph/r2"), id("graph/r3")
	at := quad.IRI("https://example.org/at")
	about := quad.IRI("https://example.org/about")
	var qs []quad.Quad
	add := func(s, p, o, g quad.Value) { qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: g}) }
	for g, d := range map[quad.IRI]string{g1: "2021-05-01", g2: "2019-01-01", g3: "2020-01-01"} {
		rep := id("report/" + localName(string(g)))
		add(g, ontology.PrimarySource, rep, g)
		add(rep, v.SchemaDateCreated, date(d), g)
	}
	e1, e2 := id("place/e1"), id("place/e2")
	add(e1, ontology.DerivedFrom, id("par/1"), g1)
	add(e1, v.SchemaStartDate, date("2021-01-01"), g1)
	add(e1, ontology.DerivedFrom, id("par/2"), g2)
	add(e1, at, id("place/l1"), g1)
	add(e1, at, id("place/l2"), g2)
	st, fn := id("statement/s"), id("fact/f")
	add(e2, at, id("place/l2"), g1)
	add(e2, at, id("place/l1"), g3)
	add(st, v.RDFSubject, e2, g1)
	add(st, v.RDFPredicate, at, g1)
	add(st, v.RDFObject, id("place/l2"), g1)
	add(st, ontology.DerivedFrom, id("par/3"), g1)
	add(fn, about, e2, g1)
	add(fn, at, id("place/l2"), g1)
	add(fn, ontology.DerivedFrom, id("par/4"), g1)
	add(fn, v.SchemaStartDate, date("2000-01-01"), g1)
	st0 := storetest.Open(t, "memstore", "")
	storetest.Load(t, st0, qs)
	srv := New(st0, Options{})
	for e, want := range map[quad.IRI]string{e1: "l2 l1", e2: "l1 l2"} {
		err := st0.View(context.Background(), func(qs graph.QuadStore) error {
			ent, err := readEntity(srv.reader(context.Background(), qs, maxFactsPerSide, ""), e, 1000)
			if err != nil {
				return err
			}
			var got []string
			for _, f := range ent.Out {
				if f.Property == string(at) {
					got = append(got, localName(f.Value.IRI))
				}
			}
			inTimeOrder(t, string(e), Relation{Side: "out", Property: string(at)}, slices.DeleteFunc(slices.Clone(ent.Out), func(f Fact) bool { return f.Property != string(at) }))
			if strings.Join(got, " ") != want {
				t.Errorf("%s: places %q, want %q", e, got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestEntityPaging reads every entity of the embedded reports and the
// every-field test file twice: with all its facts in one answer, and with
// the first fact of each relation followed by pages of two from
// /api/entity/facts. The pages must give the same facts in the same
// order, the relations' counts must add up, and within each relation the
// facts must be in time order as their full reading gives it (the order
// is taken from a lighter reading: this fails if the two disagree).
func TestEntityPaging(t *testing.T) {
	srv, st := testServer(t, Options{WriteToken: "tok"})
	every, _ := os.ReadFile(repoFile(t, "internal/mapping/testdata/every-field.yaml"))
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=every-field.yaml", bytes.NewReader(every), "Authorization", "Bearer tok"); code != 200 {
		t.Fatalf("load every-field.yaml: %d %s", code, body)
	}
	iris := entityIRIs(t, st)
	get := func(u string, into any) {
		t.Helper()
		code, _, body := call(t, "GET", srv.URL+u, nil)
		if code != 200 || json.Unmarshal([]byte(body), into) != nil {
			t.Fatalf("%s: %d %.300s", u, code, body)
		}
	}
	js := func(fs []Fact) string { b, _ := json.Marshal(fs); return string(b) }
	paged, pages := 0, 0
	for _, iri := range iris {
		var all, first Entity
		code, _, _ := call(t, "GET", srv.URL+"/api/entity?iri="+url.QueryEscape(iri), nil)
		if code == 404 {
			continue // a node with no quads of its own (a paragraph named only as an object ...) is still an entity; an IRI without any is not
		}
		get("/api/entity?facts=1000&iri="+url.QueryEscape(iri), &all)
		get("/api/entity?facts=1&iri="+url.QueryEscape(iri), &first)
		for _, side := range []string{"out", "in"} {
			full, firsts := all.Out, first.Out
			if side == "in" {
				full, firsts = all.In, first.In
			}
			total, at := 0, 0
			for _, rel := range all.Relations {
				if rel.Side != side {
					continue
				}
				total += rel.Total
				if rel.Count != rel.Total || rel.Offset != 0 {
					t.Errorf("%s %s %s: count %d offset %d of %d with facts=1000", iri, side, rel.Property, rel.Count, rel.Offset, rel.Total)
				}
				want := full[at : at+rel.Total]
				at += rel.Total
				inTimeOrder(t, iri+" "+side, rel, want)
				// The same relation a fact, then two at a time.
				got := slices.Clone(firsts[:1])
				firsts = firsts[1:]
				for off := 1; off < rel.Total; off += 2 {
					var page FactPage
					get("/api/entity/facts?"+url.Values{"iri": {iri}, "side": {side}, "property": {rel.Property}, "derived": {strconv.FormatBool(rel.Derived)},
						"offset": {strconv.Itoa(off)}, "limit": {"2"}}.Encode(), &page)
					if page.Relation.Total != rel.Total || page.Relation.Offset != off || page.Relation.Count != len(page.Facts) || len(page.Facts) != min(2, rel.Total-off) {
						t.Fatalf("%s %s %s offset %d: relation %+v with %d facts", iri, side, rel.Property, off, page.Relation, len(page.Facts))
					}
					got = append(got, page.Facts...)
					pages++
				}
				if js(got) != js(want) {
					t.Errorf("%s %s %s: paged facts differ from the whole list:\n got %s\nwant %s", iri, side, rel.Property, js(got), js(want))
				}
				if rel.Total > 2 {
					paged++
				}
			}
			if total != len(full) || at != len(full) || len(firsts) != 0 {
				t.Errorf("%s %s: relations count %d facts, the answer has %d (facts=1 left %d)", iri, side, total, len(full), len(firsts))
			}
		}
	}
	if paged < 10 || pages < 50 {
		t.Fatalf("only %d relations of more than two facts, %d pages read: the test data no longer exercise paging", paged, pages)
	}
	t.Logf("%d entities, %d relations of more than two facts, %d pages", len(iris), paged, pages)

	mai := "/api/entity?id=person/truong-thi-mai"
	for _, bad := range []struct {
		url  string
		code int
	}{
		{mai + "&facts=-1", 400},
		{mai + "&facts=ten", 400},
		{mai + "&facts=100000", 400},
		{"/api/entity/facts?id=person/truong-thi-mai&side=up&property=x", 400},
		{"/api/entity/facts?id=person/truong-thi-mai&side=out", 400},
		{"/api/entity/facts?id=person/truong-thi-mai&side=out&property=" + url.QueryEscape(string(orgHolds)) + "&derived=true&limit=5000", 400},
		{"/api/entity/facts?id=person/truong-thi-mai&side=out&property=https://nowhere.example/p", 404},
		{"/api/entity/facts?id=person/nobody&side=out&property=https://nowhere.example/p", 404},
	} {
		if code, _, body := call(t, "GET", srv.URL+bad.url, nil); code != bad.code || !strings.Contains(body, "error") {
			t.Errorf("%s: %d %.200s, want %d with an error", bad.url, code, body, bad.code)
		}
	}
	var page FactPage
	get("/api/entity/facts?id=person/truong-thi-mai&side=out&derived=true&limit=1&property="+url.QueryEscape(string(orgHolds)), &page)
	if len(page.Facts) != 1 || !page.Facts[0].Derived || page.Facts[0].Holding == nil || page.Facts[0].Value.Label == "" || page.Relation.Total < 3 {
		t.Errorf("her first post held, read in full: %+v", page)
	}
}

// TestEntityBound: the entity a page is about is read up to
// maxEntityQuads a side, the nodes around it up to maxFactsPerSide. With
// the second below the seed event's facts and the first above, the page
// has all its facts (as with no bound in reach; the nodes around it are
// cut); with both below, it has fewer and says it is cut.
func TestEntityBound(t *testing.T) {
	defer func(a, b int) { maxFactsPerSide, maxEntityQuads = a, b }(maxFactsPerSide, maxEntityQuads)
	srv, _ := testServer(t, Options{})
	u := "/api/entity?facts=1000&id=event/party-building-conference-2023"
	get := func() Entity {
		t.Helper()
		var e Entity
		code, _, body := call(t, "GET", srv.URL+u, nil)
		if code != 200 || json.Unmarshal([]byte(body), &e) != nil {
			t.Fatalf("%s: %d %.300s", u, code, body)
		}
		return e
	}
	whole := get()
	if whole.Truncated || len(whole.In) < 20 {
		t.Fatalf("the event has %d facts naming it (truncated %v): want more than 20, whole", len(whole.In), whole.Truncated)
	}
	maxFactsPerSide, maxEntityQuads = 3, 10000
	got := get()
	if len(got.In) != len(whole.In) || len(got.Out) != len(whole.Out) {
		t.Errorf("with 3 quads a node and 10,000 for the entity: %d facts in, %d out; want %d, %d", len(got.In), len(got.Out), len(whole.In), len(whole.Out))
	}
	maxEntityQuads = 3
	if got := get(); !got.Truncated || len(got.In) >= len(whole.In) {
		t.Errorf("with 3 quads for the entity: truncated %v, %d facts in of %d", got.Truncated, len(got.In), len(whole.In))
	}
}
