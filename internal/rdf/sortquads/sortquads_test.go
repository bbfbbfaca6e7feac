package sortquads

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
)

// randomQuads makes n quads of every value kind the mapping writes (and
// blank nodes), with repeats, in random order.
func randomQuads(n int, seed uint64) []quad.Quad {
	rng := rand.New(rand.NewPCG(seed, 1))
	val := func() quad.Value {
		switch rng.IntN(6) {
		case 0:
			return quad.IRI(fmt.Sprintf("https://confgraph.example/id/person/p%d", rng.IntN(500)))
		case 1:
			return quad.BNode(fmt.Sprintf("b%d", rng.IntN(50)))
		case 2:
			return quad.String(fmt.Sprintf("plain \"%d\"\n", rng.IntN(100)))
		case 3:
			return quad.TypedString{Value: quad.String(fmt.Sprint(rng.IntN(100))), Type: "http://www.w3.org/2001/XMLSchema#integer"}
		case 4:
			return quad.TypedString{Value: "true", Type: "http://www.w3.org/2001/XMLSchema#boolean"}
		default:
			return quad.LangString{Value: quad.String([]string{"Trương Thị Mai", "Zentralbrücke", "điểm cầu Thái Bình"}[rng.IntN(3)]), Lang: []string{"vi", "de", "en"}[rng.IntN(3)]}
		}
	}
	out := make([]quad.Quad, 0, n)
	for len(out) < n {
		if len(out) > 0 && rng.IntN(10) == 0 {
			out = append(out, out[rng.IntN(len(out))]) // a repeat
			continue
		}
		out = append(out, quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("https://confgraph.example/id/s/%d", rng.IntN(300))),
			Predicate: quad.IRI(fmt.Sprintf("https://confgraph.example/vocab#p%d", rng.IntN(20))),
			Object:    val(),
			Label:     quad.IRI(fmt.Sprintf("https://confgraph.example/id/graph/g%d", rng.IntN(4))),
		})
	}
	return out
}

// inMemory is the reference: sort by N-Quads line, keep each line once.
func inMemory(qs []quad.Quad) []quad.Quad {
	byKey := map[string]quad.Quad{}
	var keys []string
	for _, q := range qs {
		k := q.NQuad()
		if _, dup := byKey[k]; !dup {
			keys = append(keys, k)
			byKey[k] = q
		}
	}
	slices.Sort(keys)
	out := make([]quad.Quad, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

func collect(t *testing.T, qs []quad.Quad, opt Options) ([]quad.Quad, int) {
	t.Helper()
	s := New(opt)
	defer s.Close()
	for _, q := range qs {
		if err := s.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	var out []quad.Quad
	if err := s.Each(func(q quad.Quad) error { out = append(out, q); return nil }); err != nil {
		t.Fatal(err)
	}
	return out, s.Runs()
}

func TestSameAsInMemory(t *testing.T) {
	qs := randomQuads(20000, 7)
	want := inMemory(qs)
	for _, tc := range []struct {
		name    string
		memory  int
		minRuns int
		maxRuns int
	}{
		{"all in memory", 1 << 30, 0, 0},
		{"a few runs", 1 << 20, 2, 20},
		{"many tiny runs", 20 << 10, 50, 1 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, runs := collect(t, qs, Options{Memory: tc.memory, TempDir: t.TempDir()})
			if runs < tc.minRuns || runs > tc.maxRuns {
				t.Errorf("%d runs, want %d to %d", runs, tc.minRuns, tc.maxRuns)
			}
			if len(got) != len(want) {
				t.Fatalf("%d quads, want %d", len(got), len(want))
			}
			for i := range want {
				// Same line and same Go values: a typed literal stays a
				// TypedString, not Cayley's native Int or Bool.
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("quad %d = %#v, want %#v", i, got[i], want[i])
				}
			}
		})
	}
}

// TestCuratedData sorts the quads of the curated report (graph/*.yaml) with
// a budget far below their size; the result must be mapping.All's order.
func TestCuratedData(t *testing.T) {
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	want := mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)
	shuffled := slices.Clone(want)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got, runs := collect(t, shuffled, Options{Memory: 16 << 10, TempDir: t.TempDir()})
	if runs < 5 {
		t.Errorf("%d runs for %d quads with a 16 KiB budget; the test does not exercise the merge", runs, len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("external sort of the curated quads differs from mapping.All's order")
	}
}

func TestSeqCleansUp(t *testing.T) {
	dir := t.TempDir()
	qs := randomQuads(3000, 3)
	each := func(fn func(quad.Quad) error) error {
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	}
	seq := Seq(each, Options{Memory: 8 << 10, TempDir: dir})
	var first, second []quad.Quad
	if err := seq(func(q quad.Quad) error { first = append(first, q); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := seq(func(q quad.Quad) error { second = append(second, q); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, inMemory(qs)) || !reflect.DeepEqual(first, second) {
		t.Errorf("two walks of one Seq differ or are not sorted")
	}
	stop := errors.New("stop")
	n := 0
	err := seq(func(quad.Quad) error {
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("error from yield: got %v, want it returned", err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Errorf("%d run files left in the temp dir after the walks", len(left))
	}
}

func TestBadTempDir(t *testing.T) {
	s := New(Options{Memory: 1, TempDir: "/nonexistent/confgraph"})
	defer s.Close()
	err := s.Add(randomQuads(1, 1)[0])
	if err == nil {
		t.Fatal("spilling into a missing directory succeeded")
	}
}

func TestKeyIsNQuad(t *testing.T) {
	qs := randomQuads(2000, 11)
	noLabel := qs[0]
	noLabel.Label = nil
	for _, q := range append(qs, noLabel) {
		if got, want := rdf.Key(q), q.NQuad(); got != want {
			t.Fatalf("Key = %q, want q.NQuad() = %q", got, want)
		}
	}
}

// TestSeqWritesTheNQuads compares the bytes of the export's path (Seq into
// nquads.WriteSeq) with quad's own N-Quads writer over the in-memory sort,
// with and without spilled runs.
func TestSeqWritesTheNQuads(t *testing.T) {
	qs := randomQuads(15000, 5)
	var want bytes.Buffer
	w := qnq.NewWriter(&want)
	if _, err := w.WriteQuads(inMemory(qs)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	each := func(fn func(quad.Quad) error) error {
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	}
	for _, mem := range []int{1 << 30, 64 << 10} {
		var got bytes.Buffer
		n := 0
		err := nquads.WriteSeq(&got, func(yield func(quad.Quad) error) error {
			return Seq(each, Options{Memory: mem, TempDir: t.TempDir()})(func(q quad.Quad) error { n++; return yield(q) })
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(inMemory(qs)) || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("memory %d: %d lines, %d bytes; want %d lines, %d bytes, byte-identical",
				mem, n, got.Len(), len(inMemory(qs)), want.Len())
		}
	}
	failing := func(fn func(quad.Quad) error) error { return errors.New("store unreadable") }
	if err := nquads.WriteSeq(io.Discard, rdf.Seq(Seq(failing, Options{}))); err == nil || err.Error() != "store unreadable" {
		t.Errorf("error of the source: got %v", err)
	}
}

// TestLinesSameAsInMemory: a sorter of lines yields the N-Quads lines of
// the in-memory sort, each once, with and without spilled runs; its Each
// refuses, as it keeps no quads.
func TestLinesSameAsInMemory(t *testing.T) {
	qs := randomQuads(20000, 9)
	var want []string
	for _, q := range inMemory(qs) {
		want = append(want, q.NQuad())
	}
	for _, mem := range []int{1 << 30, 256 << 10, 20 << 10} {
		s := NewLines(Options{Memory: mem, TempDir: t.TempDir()})
		for _, q := range qs {
			if err := s.AddLine(q.NQuad()); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		if err := s.EachLine(func(l string) error { got = append(got, l); return nil }); err != nil {
			t.Fatal(err)
		}
		if mem < 1<<30 && s.Runs() < 2 {
			t.Errorf("memory %d: %d runs; the merge is not exercised", mem, s.Runs())
		}
		if !slices.Equal(got, want) {
			t.Errorf("memory %d: %d lines, want %d in the in-memory order", mem, len(got), len(want))
		}
		if err := s.Each(func(quad.Quad) error { return nil }); err == nil {
			t.Errorf("Each of a sorter of lines succeeded")
		}
		s.Close()
	}
}

// TestSortKeysByteOrder: the comparison that skips the common prefix and
// starts with 8 bytes as a number orders like a plain byte comparison, for
// lines shorter than 8 bytes past the prefix, lines that are prefixes of
// others and bytes 0x00 and 0xff.
func TestSortKeysByteOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{0, 1, 'a', 'b', 0x7f, 0x80, 0xff}
	for round := 0; round < 200; round++ {
		prefix := "<https://confgraph.example/id/"[:rng.IntN(31)]
		var ks []sortKey
		var want []string
		for i := 0; i < 50; i++ {
			b := []byte(prefix)
			for j := rng.IntN(12); j > 0; j-- {
				b = append(b, alphabet[rng.IntN(len(alphabet))])
			}
			ks = append(ks, sortKey{key: string(b)})
			want = append(want, string(b))
		}
		slices.Sort(want)
		sortKeys(ks)
		for i := range ks {
			if ks[i].key != want[i] {
				t.Fatalf("round %d: position %d is %q, want %q", round, i, ks[i].key, want[i])
			}
		}
	}
}
