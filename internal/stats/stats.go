// Package stats counts a store's quads per type, predicate and named graph.
package stats

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Count is a named number.
type Count struct {
	Key string `json:"key"`
	N   int    `json:"count"`
}

// Stats are the counts of one store.
type Stats struct {
	Quads      int     `json:"quads"`
	Types      []Count `json:"types"`      // subjects per rdf:type
	Predicates []Count `json:"predicates"` // quads per predicate
	Graphs     []Count `json:"graphs"`     // quads per named graph
}

// Of counts the quads of s.
func Of(ctx context.Context, s *store.Store) (Stats, error) {
	types, preds, graphs := map[string]int{}, map[string]int{}, map[string]int{}
	var st Stats
	err := s.Each(ctx, nil, func(q quad.Quad) error {
		st.Quads++
		preds[iri(q.Predicate)]++
		g := "(default graph)"
		if q.Label != nil {
			g = iri(q.Label)
		}
		graphs[g]++
		if q.Predicate == vocab.Type {
			types[iri(q.Object)]++
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("count quads: %w", err)
	}
	st.Types, st.Predicates, st.Graphs = sorted(types), sorted(preds), sorted(graphs)
	return st, nil
}

func iri(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return v.String()
}

// sorted orders counts by decreasing number, then key.
func sorted(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Short abbreviates an IRI with the prefixes of package vocab.
func Short(s string) string {
	for _, p := range vocab.Prefixes {
		if len(s) > len(p.IRI) && s[:len(p.IRI)] == p.IRI {
			return p.Name + ":" + s[len(p.IRI):]
		}
	}
	return s
}

// WriteText prints the counts as three aligned tables.
func (st Stats) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%8d  quads\n", st.Quads)
	for _, sec := range []struct {
		title string
		c     []Count
	}{{"named graph", st.Graphs}, {"type (subjects)", st.Types}, {"predicate", st.Predicates}} {
		fmt.Fprintf(bw, "\n%8s  %s\n", "count", sec.title)
		for _, c := range sec.c {
			fmt.Fprintf(bw, "%8d  %s\n", c.N, Short(c.Key))
		}
	}
	return bw.Flush()
}
