package serve

import (
	"context"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/query"
)

// The search's names: every value of an ontology.MatchOrder property,
// folded as query.Fold folds, with its entity. Read with one scan of the
// store (Store.EachOf: on bolt a sequential read of Cayley's log, on
// PostgreSQL one statement for the name quads) and kept until the store is next
// written where the store allows (Store.Cached: bolt, memstore); on
// PostgreSQL, which other writers share, each search scans again. Before,
// each search read every name quad through Cayley's iterator, a value
// look-up per quad: 12 s a search on bolt at 1M facts, 95 s on
// PostgreSQL.

// namesKey is the key of the name index (Store.Cached).
const namesKey = "serve: names"

// nameEntry is one name of an entity.
type nameEntry struct {
	fold, name string
	pred       int // its property's index in ontology.MatchOrder
	entity     quad.Value
}

// names returns the name index of the store.
func (s *Server) names(ctx context.Context) ([]nameEntry, error) {
	v, err := s.st.Cached(namesKey, func() (any, error) {
		var out []nameEntry
		err := s.st.EachOf(ctx, ontology.MatchOrder, func(q quad.Quad) error {
			p, ok := q.Predicate.(quad.IRI)
			if !ok {
				return nil
			}
			i := slices.Index(ontology.MatchOrder, p)
			if i < 0 {
				return nil
			}
			name := query.Lexical(q.Object)
			out = append(out, nameEntry{fold: query.Fold(name), name: name, pred: i, entity: q.Subject})
			return nil
		})
		return out, err
	})
	if err != nil {
		return nil, err
	}
	return v.([]nameEntry), nil
}

// matches returns, for each entity with a name that is text folded
// (want: query.Fold(text)), starts with it or contains it, its best match:
// rank 0, 1 or 2 in that order; of equal ranks a name that holds text as
// typed (case aside: "Trương" finds the Vietnamese spelling, "truong"
// the English one), then the name of the earlier property in
// ontology.MatchOrder, then the smaller name.
func matches(names []nameEntry, text, want string) map[quad.Value]Hit {
	found := map[quad.Value]match{}
	lower := strings.ToLower(text)
	for _, n := range names {
		rank := -1
		switch {
		case n.fold == want:
			rank = 0
		case strings.HasPrefix(n.fold, want):
			rank = 1
		case strings.Contains(n.fold, want):
			rank = 2
		}
		if rank < 0 {
			continue
		}
		c := match{Hit{Matched: n.name, rank: rank}, strings.Contains(strings.ToLower(n.name), lower), n.pred}
		if b, ok := found[n.entity]; ok && !better(c, b) {
			continue
		}
		found[n.entity] = c
	}
	out := make(map[quad.Value]Hit, len(found))
	for e, b := range found {
		out[e] = b.hit
	}
	return out
}

// match is a name that matched, for matches.
type match struct {
	hit     Hit
	literal bool // the name holds the text as typed (case aside)
	pred    int
}

// better reports whether a is a better match of an entity than b.
func better(a, b match) bool {
	if a.hit.rank != b.hit.rank {
		return a.hit.rank < b.hit.rank
	}
	if a.literal != b.literal {
		return a.literal
	}
	if a.pred != b.pred {
		return a.pred < b.pred
	}
	return a.hit.Matched < b.hit.Matched
}
