package rdf

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestFromSortedMatchesFromQuads(t *testing.T) {
	g1, g2 := quad.IRI("http://e/g1"), quad.IRI("http://e/g2")
	q := func(s string, g quad.Value) quad.Quad {
		return quad.Quad{Subject: quad.IRI("http://e/" + s), Predicate: quad.IRI("http://e/p"), Object: quad.String(s), Label: g}
	}
	in := []quad.Quad{q("b", g2), q("a", g1), q("a", g2), q("c", nil), q("a", g1)}
	want := FromQuads(append([]quad.Quad(nil), in...))
	sorted, _ := Collect(want.All)
	if len(sorted) != 4 {
		t.Fatalf("FromQuads kept %d quads, want 4 (one repeat dropped)", len(sorted))
	}
	got := FromSorted(sorted)
	if len(got.Graphs) != 3 || got.Graphs[0] != nil || got.Graphs[1] != g1 || got.Graphs[2] != g2 {
		t.Errorf("graphs %v, want default, g1, g2", got.Graphs)
	}
	for _, g := range want.Graphs {
		a, _ := Collect(want.InGraph(g))
		b, _ := Collect(got.InGraph(g))
		if len(a) != len(b) {
			t.Fatalf("graph %v: %d and %d quads", g, len(a), len(b))
		}
		for i := range a {
			if a[i].NQuad() != b[i].NQuad() {
				t.Errorf("graph %v: %s vs %s", g, a[i].NQuad(), b[i].NQuad())
			}
		}
	}
	var subjects []string
	Subjects(got.All, func(s quad.Value, qs []quad.Quad) error {
		subjects = append(subjects, s.String()+":"+string(rune('0'+len(qs))))
		return nil
	})
	if want := "<http://e/a>:2 <http://e/b>:1 <http://e/c>:1"; join(subjects) != want {
		t.Errorf("Subjects = %s, want %s", join(subjects), want)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

// TestTriples: labels dropped, a triple of several graphs yielded once.
func TestTriples(t *testing.T) {
	g1, g2 := quad.IRI("http://e/g1"), quad.IRI("http://e/g2")
	q := func(o string, g quad.Value) quad.Quad {
		return quad.Quad{Subject: quad.IRI("http://e/s"), Predicate: quad.IRI("http://e/p"), Object: quad.String(o), Label: g}
	}
	src := FromQuads([]quad.Quad{q("a", nil), q("a", g1), q("a", g2), q("b", g2), q("a b", g1)})
	got, err := Collect(Triples(src.All))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, q := range got {
		keys = append(keys, Key(q))
	}
	// N-Quads line order: the space of "a b" sorts before the quote of "a".
	want := []string{`<http://e/s> <http://e/p> "a b" .`, `<http://e/s> <http://e/p> "a" .`, `<http://e/s> <http://e/p> "b" .`}
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		t.Errorf("Triples yields\n%s\nwant\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
}
