package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/confgraph/confgraph/internal/rdf"
)

// rawQuads lists every quad of s as Cayley's own iterator reads it, values
// as stored (not in canonical form) and printed with their Go type, sorted.
func rawQuads(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	err := s.View(context.Background(), func(qs graph.QuadStore) error {
		it := qs.QuadsAllIterator().Iterate()
		defer it.Close()
		for it.Next(context.Background()) {
			q, err := qs.Quad(it.Result())
			if err != nil {
				return err
			}
			var b strings.Builder
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				fmt.Fprintf(&b, "%T %v | ", v, v)
			}
			out = append(out, b.String())
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// indexCounts counts, for every value of the store's quads, the quads
// Cayley's quad indexes find with it in each direction.
func indexCounts(t *testing.T, s *Store) map[string][4]int {
	t.Helper()
	out := map[string][4]int{}
	ctx := context.Background()
	err := s.View(ctx, func(qs graph.QuadStore) error {
		var vals []quad.Value
		it := qs.QuadsAllIterator().Iterate()
		for it.Next(ctx) {
			q, err := qs.Quad(it.Result())
			if err != nil {
				return err
			}
			vals = append(vals, q.Subject, q.Predicate, q.Object)
			if q.Label != nil {
				vals = append(vals, q.Label)
			}
		}
		it.Close()
		for _, v := range vals {
			k := fmt.Sprintf("%T %v", v, v)
			if _, done := out[k]; done {
				continue
			}
			ref, err := qs.ValueOf(v)
			if err != nil || ref == nil {
				return fmt.Errorf("value %s not found: %v", k, err)
			}
			var n [4]int
			for i, d := range quad.Directions {
				it := qs.QuadIterator(d, ref).Iterate()
				for it.Next(ctx) {
					n[i]++
				}
				if err := it.Err(); err != nil {
					return err
				}
				it.Close()
			}
			out[k] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// deletedInLog counts the removed quads Cayley's log still holds.
func deletedInLog(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	err := s.bolt.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(kvLogBucket).ForEach(func(k, v []byte) error {
			var p kvPrimitive
			if err := decodePrimitive(v, &p); err != nil {
				return fmt.Errorf("log entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if p.deleted {
				n++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func exportOf(t *testing.T, s *Store) []byte {
	t.Helper()
	qs, err := s.Quads(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, q := range qs {
		b.WriteString(rdf.Key(q))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestBoltRebuildMatchesCayley reloads two stores that went through the
// same history (scanScenario: removals in the log, a removed graph, nodes
// shared by graphs, literals of every kind, values in Go-native form and a
// quad without graph written through Cayley's API) with the same load:
// one through Cayley's writer, one by a rebuilt file. The load replaces
// graph a (with quads that reuse nodes of b), adds graph e and leaves b, d
// and the default graph alone. Both must give the same results, the same
// quads with the same stored values, digests and index look-ups, pass
// check, and take the next reload (Cayley's writer on both) alike, also
// after reopening.
func TestBoltRebuildMatchesCayley(t *testing.T) {
	ctx := context.Background()
	open := func(dir string) *Store {
		s, err := Open(ctx, "bolt", dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	dirW, dirR := filepath.Join(t.TempDir(), "writer.db"), filepath.Join(t.TempDir(), "rebuilt.db")
	w, r := open(dirW), open(dirR)
	scanScenario(t, w)
	scanScenario(t, r)
	if deletedInLog(t, r) == 0 {
		t.Fatal("the scenario left no removed quad in the log; the test would not see compaction")
	}
	person := quad.IRI(scanID + "person/ngo-dong-hai")
	name := quad.IRI("http://xmlns.com/foaf/0.1/name")
	load := []quad.Quad{
		{Subject: person, Predicate: name, Object: quad.String("Ngô Đông Hải"), Label: scanGraph("a")},
		{Subject: person, Predicate: name, Object: quad.LangString{Value: "Ngô Đông Hải", Lang: "vi"}, Label: scanGraph("a")},
		{Subject: quad.IRI(scanID + "event/new"), Predicate: name, Object: quad.String("new in a"), Label: scanGraph("a")},
		{Subject: person, Predicate: name, Object: quad.String("in e"), Label: scanGraph("e")},
		{Subject: quad.IRI(scanID + "event/e"), Predicate: name, Object: quad.TypedString{Value: "7", Type: rdf.XSD + "integer"}, Label: scanGraph("e")},
	}
	reload := func(s *Store, fraction float64, qs []quad.Quad) Result {
		t.Helper()
		defer SetRebuildFraction(fraction)()
		res, err := s.Replace(ctx, qs)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	resW := reload(w, math.Inf(1), load)
	resR := reload(r, 0, load)
	if !reflect.DeepEqual(resW, resR) {
		t.Errorf("results: writer %+v, rebuilt %+v", resW, resR)
	}
	if resR.Removed == 0 || resR.Added == 0 || len(resR.PerGraph) != 2 || !resR.PerGraph[0].Existed || resR.PerGraph[1].Existed {
		t.Errorf("rebuilt: %+v, want removals and additions in the existing graph a and a new graph e", resR)
	}
	if n := deletedInLog(t, r); n != 0 {
		t.Errorf("the rebuilt file's log holds %d removed quads; a rebuild writes live ones only", n)
	}
	if n := deletedInLog(t, w); n == 0 {
		t.Errorf("the writer's log holds no removed quad: the rebuild's compaction is not what tells the stores apart")
	}
	if matches, _ := filepath.Glob(filepath.Join(dirR, buildPrefix+"*")); len(matches) > 0 {
		t.Errorf("the rebuild left %v", matches)
	}
	same := func(when string, w, r *Store) {
		t.Helper()
		if a, b := rawQuads(t, w), rawQuads(t, r); !slices.Equal(a, b) {
			t.Errorf("%s: quads as stored differ:\nwriter  %q\nrebuilt %q", when, a, b)
		}
		if a, b := exportOf(t, w), exportOf(t, r); !bytes.Equal(a, b) {
			t.Errorf("%s: exports differ:\nwriter\n%s\nrebuilt\n%s", when, a, b)
		}
		dw, err := w.Digests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dr, err := r.Digests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(dw) == 0 || !reflect.DeepEqual(dw, dr) {
			t.Errorf("%s: digests: writer %v, rebuilt %v", when, dw, dr)
		}
		if a, b := indexCounts(t, w), indexCounts(t, r); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: index look-ups: writer %v, rebuilt %v", when, a, b)
		}
		for _, s := range []*Store{w, r} {
			rep, err := s.Check(ctx)
			if err != nil {
				t.Fatalf("%s: check: %v", when, err)
			}
			if rep.Damaged() {
				t.Errorf("%s: check: %+v", when, rep)
			}
			for _, g := range rep.Graphs {
				if g.Status != GraphOK {
					t.Errorf("%s: check, graph %s: %+v", when, g.Graph, g)
				}
			}
		}
	}
	same("after the reload", w, r)

	// The next reload, through Cayley's writer on both: graph e loses a
	// quad and gains one that reuses a node of d.
	next := []quad.Quad{load[3], {Subject: quad.IRI(scanID + "event/native"), Predicate: name, Object: quad.String("in e now"), Label: scanGraph("e")}}
	if a, b := reload(w, math.Inf(1), next), reload(r, math.Inf(1), next); !reflect.DeepEqual(a, b) || a.Removed != 1 || a.Added != 1 {
		t.Errorf("next reload: writer %+v, rebuilt %+v, want 1 removed and 1 added", a, b)
	}
	same("after the next reload", w, r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	same("reopened", w, open(dirR))
}

// TestBoltRebuildInterrupted: a reload that would rebuild, with its
// context ended, fails with an InterruptedError, leaves the store's file
// byte-identical and no build file behind.
func TestBoltRebuildInterrupted(t *testing.T) {
	defer SetRebuildFraction(0)()
	dir := filepath.Join(t.TempDir(), "cg.db")
	s, err := Open(context.Background(), "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	scanScenario(t, s)
	s.Close()
	file := filepath.Join(dir, BoltFile)
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if s, err = Open(context.Background(), "bolt", dir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Replace(ctx, []quad.Quad{{Subject: quad.IRI(scanID + "x"), Predicate: quad.IRI(scanID + "p"), Object: quad.String("x"), Label: scanGraph("a")}})
	var ie *InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("reload with an ended context: %v, want an InterruptedError", err)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, buildPrefix+"*")); len(matches) > 0 {
		t.Errorf("the interrupted reload left %v", matches)
	}
	s.Close()
	after, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the interrupted reload changed the store's file")
	}
}

// TestRebuildPays: where a reload switches from Cayley's writer to a new
// file, at rebuildFraction of the quads the store holds.
func TestRebuildPays(t *testing.T) {
	stored := 1_000_000
	at := int(rebuildFraction * float64(stored))
	for _, tc := range []struct {
		changes int
		want    bool
	}{{0, false}, {1, false}, {at, false}, {at + 1, true}, {2 * stored, true}} {
		if got := rebuildPays(tc.changes, stored); got != tc.want {
			t.Errorf("rebuildPays(%d, %d) = %v, want %v", tc.changes, stored, got, tc.want)
		}
	}
	if !rebuildPays(1, 0) {
		t.Error("a reload into a store without quads (digests only) should build a new file")
	}
}
