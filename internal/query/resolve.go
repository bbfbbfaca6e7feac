package query

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"

	"github.com/confgraph/confgraph/internal/ontology"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// This file is the Go part of the bundled queries: it turns what a user
// types for an entity parameter (an ID, an IRI or a name in any spelling)
// into the entity's IRI, which Gizmo alone cannot do diacritics-insensitively.

// kindClass lists the classes whose instances a parameter of each kind
// names; "at" is where an attendance took place, a bridge or a place. The
// class of each entity kind is ontology's.
var kindClass = map[string][]quad.Value{
	"person": {class("person")},
	"event":  {class("event")},
	"bridge": {class("bridge")},
	"post":   {class("post")},
	"at":     {class("bridge"), class("place")},
	// A body (org:Organization) and a document (schema:Legislation).
	"organisation": {class("organisation")},
	"document":     {class("document")},
}

func class(kind string) quad.Value {
	c, ok := ontology.Class(kind)
	if !ok {
		panic("query: ontology has no class for kind " + kind)
	}
	return c
}

// kindNoun names an entity kind in messages.
var kindNoun = map[string]string{"any": "entity", "at": "bridge or place"}

// labelPreds are the properties whose values name an entity for matching.
var labelPreds = ontology.MatchOrder

// Fold normalises a name for matching: diacritics removed (đ as d),
// case folded, runs of spaces, hyphens and underscores as one space.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r) || r == '-' || r == '_':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

type candidate struct {
	iri    quad.IRI
	labels []string
}

func (c candidate) id() string {
	s := string(c.iri)
	return s[strings.LastIndexAny(s, "/#")+1:]
}

func (c candidate) name() string {
	if len(c.labels) > 0 {
		return fmt.Sprintf("%q (%s)", c.labels[0], c.id())
	}
	return c.id()
}

// candidates lists the entities of kind with their labels.
func candidates(ctx context.Context, qs graph.QuadStore, kind string) ([]candidate, error) {
	byIRI := map[quad.IRI]*candidate{}
	var order []quad.IRI
	add := func(s quad.Value, label string) {
		iri, ok := s.(quad.IRI)
		if !ok {
			return
		}
		iri = iri.Full()
		c := byIRI[iri]
		if c == nil {
			c = &candidate{iri: iri}
			byIRI[iri] = c
			order = append(order, iri)
		}
		if label != "" {
			c.labels = append(c.labels, label)
		}
	}
	if cls, ok := kindClass[kind]; ok {
		nodes, err := path.StartPath(qs, cls...).In(v.Type).Iterate(ctx).AllValues(qs)
		if err != nil {
			return nil, fmt.Errorf("list %s entities: %w", kind, err)
		}
		for _, n := range nodes {
			add(n, "")
			for _, p := range labelPreds {
				ls, err := path.StartPath(qs, n).Out(p).Iterate(ctx).AllValues(qs)
				if err != nil {
					return nil, fmt.Errorf("read labels: %w", err)
				}
				for _, l := range ls {
					add(n, Lexical(l))
				}
			}
		}
	} else {
		for _, p := range labelPreds {
			err := path.StartPath(qs).Has(p).Iterate(ctx).EachValue(qs, func(n quad.Value) error {
				ls, err := path.StartPath(qs, n).Out(p).Iterate(ctx).AllValues(qs)
				if err != nil {
					return err
				}
				for _, l := range ls {
					add(n, Lexical(l))
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("read labels: %w", err)
			}
		}
	}
	out := make([]candidate, 0, len(order))
	for _, i := range order {
		c := byIRI[i]
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].iri < out[j].iri })
	return out, nil
}

// resolve returns the IRI of the entity of kind that arg names: by IRI,
// by ID (the IRI's last segment) or by any label, diacritics- and
// case-insensitively. An unknown name is an error listing close matches.
func resolve(ctx context.Context, qs graph.QuadStore, kind, arg string) (quad.IRI, error) {
	noun := kind
	if n, ok := kindNoun[kind]; ok {
		noun = n
	}
	if strings.HasPrefix(arg, "<") && strings.HasSuffix(arg, ">") || strings.Contains(arg, "://") {
		iri := quad.IRI(strings.Trim(arg, "<>"))
		if kind == "any" {
			// Any node with quads, facts without labels included.
			ref, err := qs.ValueOf(iri)
			if err != nil {
				return "", fmt.Errorf("look up %s: %w", iri, err)
			}
			if ref != nil {
				return iri, nil
			}
			return "", fmt.Errorf("no %s %s in the store", noun, iri)
		}
	}
	want := Fold(strings.Trim(arg, "<>"))
	if iri, ok, err := byID(ctx, qs, kind, strings.Trim(arg, "<>"), want); err != nil || ok {
		return iri, err
	}
	cs, err := candidates(ctx, qs, kind)
	if err != nil {
		return "", err
	}
	var hits []candidate
	for _, c := range cs {
		match := string(c.iri) == strings.Trim(arg, "<>") || Fold(c.id()) == want
		for _, l := range c.labels {
			if Fold(l) == want {
				match = true
			}
		}
		if match {
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0].iri, nil
	case 0:
		return "", &NotFoundError{Noun: noun, Name: arg, Near: closeMatches(cs, want)}
	}
	var names []string
	for _, h := range hits {
		names = append(names, h.name())
	}
	return "", fmt.Errorf("%q names %d %s: %s; pass the ID instead", arg, len(hits), nounPlural(noun), strings.Join(names, ", "))
}

// nounPlural is the English plural of an entity kind's noun.
func nounPlural(noun string) string {
	switch {
	case noun == "person":
		return "people"
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey"):
		return strings.TrimSuffix(noun, "y") + "ies"
	case strings.HasSuffix(noun, "s") || strings.HasSuffix(noun, "ch") || strings.HasSuffix(noun, "sh") || strings.HasSuffix(noun, "x"):
		return noun + "es"
	}
	return noun + "s"
}

// byID is the fast path of resolve: it finds the entity of kind whose IRI
// is arg, or whose ID is arg, with point look-ups; only an ID in another
// spelling (folded to want) lists the entities of the kind, still without
// reading their labels (which costs look-ups per entity on large stores).
func byID(ctx context.Context, qs graph.QuadStore, kind, arg, want string) (quad.IRI, bool, error) {
	cls, ok := kindClass[kind]
	if !ok {
		return "", false, nil
	}
	isA := func(iri quad.IRI) (bool, error) {
		vs, err := path.StartPath(qs, iri).Out(v.Type).Is(cls...).Iterate(ctx).AllValues(qs)
		return len(vs) > 0, err
	}
	instances := path.StartPath(qs, cls...).In(v.Type)
	if strings.Contains(arg, "://") {
		ok, err := isA(quad.IRI(arg))
		return quad.IRI(arg), ok, err
	}
	// IDs are the last segment of IRIs that share a prefix per class: try
	// the prefix of one instance of each class first.
	for _, c := range cls {
		first, err := path.StartPath(qs, c).In(v.Type).Limit(1).Iterate(ctx).AllValues(qs)
		if err != nil {
			return "", false, fmt.Errorf("list %s entities: %w", kind, err)
		}
		if len(first) != 1 {
			continue
		}
		if iri, ok := first[0].(quad.IRI); ok {
			s := string(iri.Full())
			guess := quad.IRI(s[:strings.LastIndexAny(s, "/#")+1] + arg)
			if ok, err := isA(guess); err != nil || ok {
				return guess, ok, err
			}
		}
	}
	var hit quad.IRI
	n := 0
	err := instances.Iterate(ctx).EachValue(qs, func(val quad.Value) error {
		iri, ok := val.(quad.IRI)
		if !ok {
			return nil
		}
		iri = iri.Full()
		if Fold((candidate{iri: iri}).id()) == want {
			hit = iri
			n++
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("list %s entities: %w", kind, err)
	}
	return hit, n == 1, nil
}

// closeMatches describes the candidates nearest to the folded name want.
func closeMatches(cs []candidate, want string) string {
	type scored struct {
		c candidate
		d int
	}
	var near []scored
	for _, c := range cs {
		best := -1
		for _, l := range append([]string{c.id()}, c.labels...) {
			f := Fold(l)
			d := distance(f, want)
			if strings.Contains(f, want) || strings.Contains(want, f) {
				d = min(d, 1)
			}
			if best < 0 || d < best {
				best = d
			}
		}
		if best <= max(2, len([]rune(want))/3) {
			near = append(near, scored{c, best})
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].d < near[j].d })
	if len(near) == 0 {
		if len(cs) == 0 {
			return "; the store has none"
		}
		if len(cs) > 8 {
			return fmt.Sprintf("; no close match among %d names", len(cs))
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.name())
		}
		return "; no close match; known: " + strings.Join(names, ", ")
	}
	var names []string
	for i, n := range near {
		if i == 5 {
			break
		}
		names = append(names, n.c.name())
	}
	return "; close matches: " + strings.Join(names, ", ")
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
