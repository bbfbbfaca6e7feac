package query

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	cgraph "github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/externaltest"
	"github.com/confgraph/confgraph/internal/gen"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// seedReport is the ID of the embedded seed report.
const seedReport = "party-building-conference-2023-de"

// embeddedFiles returns the data files of graph/, the seed's alone when
// seedOnly.
func embeddedFiles(t testing.TB, seedOnly bool) []*dataset.File {
	t.Helper()
	files, err := dataset.ReadFS(cgraph.Files, ".")
	if err != nil {
		t.Fatalf("read embedded data: %v", err)
	}
	if !seedOnly {
		return files
	}
	for _, f := range files {
		if f.Report.ID.V == seedReport {
			return []*dataset.File{f}
		}
	}
	t.Fatalf("graph/ holds no report %s", seedReport)
	return nil
}

// genFiles returns the gen corpus the twins are proven on.
func genFiles(t testing.TB) []*dataset.File {
	t.Helper()
	fsys := fstest.MapFS{}
	if _, err := gen.Generate(gen.TwinCorpus, func(f gen.File) error {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	files, err := dataset.ReadFS(fsys, ".")
	if err != nil {
		t.Fatalf("gen corpus does not validate: %v", err)
	}
	return files
}

// fixtureFiles returns the seed and the made-up second report of testdata.
func fixtureFiles(t testing.TB) []*dataset.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "made-up-second-report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f, errs := dataset.Parse("made-up-second-report.yaml", b)
	if len(errs) > 0 {
		t.Fatalf("fixture: %v", errs)
	}
	return append(embeddedFiles(t, true), f)
}

// storeOf returns a memstore loaded with files.
func storeOf(t testing.TB, files []*dataset.File) *store.Store {
	t.Helper()
	return loadedStore(t, "memstore", files)
}

// loadedStore returns a store of backend (memstore, bolt in a temporary
// directory, or postgres in a new database of the test server) loaded
// with files.
func loadedStore(t testing.TB, backend string, files []*dataset.File) *store.Store {
	t.Helper()
	ctx := context.Background()
	path := ""
	switch backend {
	case "bolt":
		path = filepath.Join(t.TempDir(), "cg.db")
	case "postgres":
		path = storetest.FreshDatabase(t, storetest.PostgresAdmin(t))
	}
	s, err := store.Open(ctx, backend, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Replace(ctx, mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)); err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// twinCorpora are the stores every twin must agree with Gizmo on: the
// seed alone, every report of graph/ together, the gen corpus whose
// reports share people, bodies and posts (held by different people at
// different times, names in de, en and vi), and the seed beside the
// made-up fixture.
func twinCorpora(t *testing.T) map[string]func(testing.TB) []*dataset.File {
	return map[string]func(testing.TB) []*dataset.File{
		"seed":     func(t testing.TB) []*dataset.File { return embeddedFiles(t, true) },
		"embedded": func(t testing.TB) []*dataset.File { return embeddedFiles(t, false) },
		"gen":      genFiles,
		"fixture":  fixtureFiles,
	}
}

// TestSPARQLTwins runs every bundled query's SPARQL twin with oxigraph over
// the N-Quads export of each corpus and requires the same rows as the Gizmo
// query, order and the order of list items aside.
func TestSPARQLTwins(t *testing.T) {
	externaltest.Node(t, "oxigraph")
	seed := storeOf(t, embeddedFiles(t, true))
	corpora := twinCorpora(t)
	names := make([]string, 0, len(corpora))
	for n := range corpora {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { testTwins(t, seed, storeOf(t, corpora[name](t))) })
	}
}

func testTwins(t *testing.T, seed, s *store.Store) {
	ctx := context.Background()
	qs, err := s.Quads(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := nquads.Write(&buf, qs); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "export.nq")
	if err := os.WriteFile(data, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// One oxigraph load of the export answers every twin.
	cases := map[string]twinCase{}
	var files []string
	for _, q := range mustBundled(t) {
		if q.SPARQL == "" {
			t.Errorf("queries/%s.rq is missing", q.Name)
			continue
		}
		c := twinCaseOf(t, seed, s, q)
		rq := filepath.Join(dir, q.Name+".rq")
		if err := os.WriteFile(rq, []byte(c.sparql), 0o644); err != nil {
			t.Fatal(err)
		}
		cases[q.Name] = c
		files = append(files, rq)
	}
	out, err := externaltest.RunNode(t, "sparql.js", []string{"oxigraph"}, append([]string{data}, files...)...)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files) {
		t.Fatalf("sparql.js printed %d results for %d queries", len(lines), len(files))
	}
	i := 0
	for _, q := range mustBundled(t) {
		c, ok := cases[q.Name]
		if !ok {
			continue
		}
		line := lines[i]
		i++
		t.Run(q.Name, func(t *testing.T) {
			var sparqlRows []map[string]string
			if err := json.Unmarshal([]byte(line), &sparqlRows); err != nil {
				t.Fatalf("sparql.js output: %v", err)
			}
			diffRows(t, q.Columns, normRows(q.Columns, sparqlRows), normRows(q.Columns, c.gizmo.Maps()))
			if q.Name != "co-attendees" || c.other == nil {
				return
			}
			// The comparison can fail: rows for another person must differ.
			if len(rowDiff(normRows(q.Columns, sparqlRows), normRows(q.Columns, c.other.Maps()))) == 0 {
				t.Error("rows for another person compare equal to the twin's")
			}
		})
	}
}

type twinCase struct {
	sparql       string
	gizmo, other *Result
}

// twinCaseOf returns the twin's text and the Gizmo rows to compare. A twin
// that names an entity (its confgraph-params line) asks about that entity
// when the corpus holds it; otherwise about the entity of the same kind,
// in the corpus, that most report graphs state, whose IRI replaces the
// example's in the twin's text: the first such entity for which the Gizmo
// query has rows.
func twinCaseOf(t *testing.T, seed, s *store.Store, q *Query) twinCase {
	ctx := context.Background()
	params := q.ExampleParams()
	if len(params) == 0 {
		res, err := q.Run(ctx, s, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) == 0 {
			t.Fatal("the Gizmo query returned no rows: nothing is compared")
		}
		return twinCase{sparql: q.SPARQL, gizmo: res}
	}
	if len(params) != 1 {
		t.Fatalf("twin names %d parameters; the test substitutes one", len(params))
	}
	var pname, pval string
	for k, val := range params {
		pname, pval = k, val
	}
	p, _ := q.Param(pname)
	example := resolveIn(t, seed, p.Kind(), pval)
	cands := []quad.IRI{example}
	if !hasType(t, s, example) {
		cands = ranked(t, s, p.Kind())
	}
	for i, c := range cands {
		if i == 20 {
			break
		}
		res, err := q.Run(ctx, s, map[string]string{pname: string(c)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) == 0 {
			continue
		}
		tc := twinCase{sparql: strings.ReplaceAll(q.SPARQL, "<"+string(example)+">", "<"+string(c)+">"), gizmo: res}
		for _, o := range cands[i+1:] {
			other, err := q.Run(ctx, s, map[string]string{pname: string(o)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(other.Rows) > 0 {
				tc.other = other
				break
			}
		}
		if tc.other == nil && q.Name == "co-attendees" && c == example {
			other, err := q.Run(ctx, s, map[string]string{pname: "Pham Van Tuan"}, Options{})
			if err == nil {
				tc.other = other
			}
		}
		return tc
	}
	t.Fatalf("no %s in the corpus gives rows", p.Kind())
	return twinCase{}
}

func resolveIn(t *testing.T, s *store.Store, kind, arg string) quad.IRI {
	var iri quad.IRI
	err := s.View(context.Background(), func(qs graph.QuadStore) error {
		var err error
		iri, err = resolve(context.Background(), qs, kind, arg)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return iri
}

func hasType(t *testing.T, s *store.Store, iri quad.IRI) bool {
	var n int
	err := s.View(context.Background(), func(qs graph.QuadStore) error {
		vs, err := path.StartPath(qs, iri).Out(v.Type).Iterate(context.Background()).AllValues(qs)
		n = len(vs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// ranked lists the entities of kind, those stated in most report graphs
// (by the number of quads about them, as a proxy) first, then by IRI.
func ranked(t *testing.T, s *store.Store, kind string) []quad.IRI {
	ctx := context.Background()
	score := map[quad.IRI]int{}
	err := s.View(ctx, func(qs graph.QuadStore) error {
		nodes, err := path.StartPath(qs, kindClass[kind]...).In(v.Type).Iterate(ctx).AllValues(qs)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			iri, ok := n.(quad.IRI)
			if !ok {
				continue
			}
			in, err := path.StartPath(qs, n).In().Iterate(ctx).AllValues(qs)
			if err != nil {
				return err
			}
			score[iri.Full()] = len(in)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]quad.IRI, 0, len(score))
	for iri := range score {
		out = append(out, iri)
	}
	sort.Slice(out, func(i, j int) bool {
		if score[out[i]] != score[out[j]] {
			return score[out[i]] > score[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
