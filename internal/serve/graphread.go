package serve

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// reader reads around nodes of one quad store under the store's read lock
// (the caller's View), caching what it read; it is used by one request.
type reader struct {
	ctx  context.Context
	qs   graph.QuadStore
	max  int // most quads read per node and direction
	outs map[quad.Value][]quad.Quad
	ins  map[quad.Value][]quad.Quad
	// insByGraph are ins by graph (inOf).
	insByGraph map[quad.Value]map[quad.Value][]quad.Quad
	cut        bool // some node had more than max quads in a direction
	// focus is the entity a page is about, read up to maxEntityQuads.
	focus quad.Value
	// light: facts are read for their relation and time only (paging.go):
	// an IRI's value without names and kinds, paragraphs without their
	// numbers and reports, no property labels or details.
	light bool
	// lang is the page's language (?lang=), "" for each report's own.
	lang    string
	names   map[[2]quad.Value]string
	reports map[quad.Value]ReportRef
	vals    map[any]quad.Value // node values read (refs.ToKey)
	err     error              // the first read that failed (the node read as having no quads)
	hubs    *hubCache          // quads of nodes many reports name, kept between requests (nil: none)
	// nodes is the store's NodeQuads on PostgreSQL (sqlread.go), else nil;
	// groups the node groups it found.
	nodes  store.NodeQuads
	groups map[quad.Value]*nodeGroup
}

func newReader(ctx context.Context, qs graph.QuadStore, max int, lang string) *reader {
	return &reader{ctx: ctx, qs: qs, max: max, lang: lang, outs: map[quad.Value][]quad.Quad{}, ins: map[quad.Value][]quad.Quad{},
		names: map[[2]quad.Value]string{}, reports: map[quad.Value]ReportRef{}, vals: map[any]quad.Value{}, groups: map[quad.Value]*nodeGroup{}, insByGraph: map[quad.Value]map[quad.Value][]quad.Quad{}}
}

// limit is the most quads read of n in a direction: maxEntityQuads for
// the entity a page is about, else the reader's max.
func (r *reader) limit(n quad.Value) int {
	if n == r.focus {
		return max(r.max, maxEntityQuads)
	}
	return r.max
}

func (r *reader) cacheOf(d quad.Direction) map[quad.Value][]quad.Quad {
	if d == quad.Object {
		return r.ins
	}
	return r.outs
}

// keep keeps qs, n's quads, sorted (rdf.Sort) in cache.
func (r *reader) keep(cache map[quad.Value][]quad.Quad, n quad.Value, qs []quad.Quad) {
	rdf.Sort(qs)
	cache[n] = qs
}

func (r *reader) quads(d quad.Direction, n quad.Value) []quad.Quad {
	cache := r.cacheOf(d)
	if qs, ok := cache[n]; ok {
		return qs
	}
	if qs, ok := r.hubs.get(d, n); ok && len(qs) <= r.limit(n) {
		cache[n] = qs
		return qs
	}
	if r.nodes != nil {
		return r.sqlQuads(d, n)
	}
	var out []quad.Quad
	ref, err := r.qs.ValueOf(n)
	if err != nil {
		r.err = cmp.Or(r.err, err)
	}
	whole := err == nil
	if err == nil && ref != nil {
		var found []graph.Ref
		it := r.qs.QuadIterator(d, ref).Iterate()
		for it.Next(r.ctx) {
			if len(found) >= r.limit(n) {
				r.cut, whole = true, false
				break
			}
			found = append(found, it.Result())
		}
		if err := it.Err(); err != nil {
			r.err = cmp.Or(r.err, err)
		}
		whole = whole && r.ctx.Err() == nil
		it.Close()
		out = r.quadsOf(found)
	}
	r.keep(cache, n, out)
	if whole && r.err == nil {
		r.hubs.put(d, n, out)
	}
	return out
}

// quadsOf returns the quads of refs found by an iterator. Their nodes'
// values are read in one batch (graph.ValuesOf: one read transaction on
// bolt, where QuadStore.Quad opens one per value), each once a request:
// a node's quads name the same predicates, graphs and values again and
// again.
func (r *reader) quadsOf(found []graph.Ref) []quad.Quad {
	nodes := make([]graph.Ref, 0, 4*len(found))
	for _, q := range found {
		for _, d := range quad.Directions {
			x, err := r.qs.QuadDirection(q, d)
			if err != nil {
				x = nil
			}
			nodes = append(nodes, x)
		}
	}
	vals, err := r.values(nodes)
	if err != nil {
		r.err = cmp.Or(r.err, err)
		return nil
	}
	out := make([]quad.Quad, 0, len(found))
	for i := range found {
		q := quad.Quad{Subject: vals[4*i], Predicate: vals[4*i+1], Object: vals[4*i+2], Label: vals[4*i+3]}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			continue // a quad removed while the iterator ran (not under the store's lock)
		}
		out = append(out, rdf.Canonical(q))
	}
	return out
}

// values returns the values of nodes (nil for a nil node), reading the
// ones not read before in one batch.
func (r *reader) values(nodes []graph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(nodes))
	var miss []graph.Ref
	var at []int
	seen := map[any]bool{}
	for i, n := range nodes {
		if n == nil {
			continue
		}
		k := refs.ToKey(n)
		if v, ok := r.vals[k]; ok {
			out[i] = v
			continue
		}
		at = append(at, i)
		if !seen[k] {
			seen[k] = true
			miss = append(miss, n)
		}
	}
	if len(miss) > 0 {
		vs, err := graph.ValuesOf(r.ctx, r.qs, miss)
		if err != nil {
			return nil, err
		}
		for j, v := range vs {
			r.vals[refs.ToKey(miss[j])] = v
		}
	}
	for _, i := range at {
		out[i] = r.vals[refs.ToKey(nodes[i])]
	}
	return out, nil
}

func (r *reader) out(n quad.Value) []quad.Quad { return r.quads(quad.Subject, n) }
func (r *reader) in(n quad.Value) []quad.Quad  { return r.quads(quad.Object, n) }

// inOf returns the quads naming n as their object in graph g (nil: in
// any), indexed by graph on first use: the facts of an entity ask its
// quads in their graph once each (provenanceOf).
func (r *reader) inOf(n, g quad.Value) []quad.Quad {
	if g == nil {
		return r.in(n)
	}
	byG, ok := r.insByGraph[n]
	if !ok {
		byG = map[quad.Value][]quad.Quad{}
		for _, q := range r.in(n) {
			byG[q.Label] = append(byG[q.Label], q)
		}
		r.insByGraph[n] = byG
	}
	return byG[g]
}

// objects returns the objects of n's quads with predicate p.
func (r *reader) objects(n quad.Value, p quad.IRI) []quad.Value {
	var out []quad.Value
	for _, q := range r.out(n) {
		if q.Predicate == p {
			out = append(out, q.Object)
		}
	}
	return out
}

func (r *reader) types(n quad.Value) []quad.Value { return r.objects(n, v.Type) }

// label returns the name shown for n in a fact of report graph g (nil
// for none): by the queries' rule (name), else, for a node without
// rdfs:label or skos:prefLabel (a vocabulary term), the first property of
// ontology.DisplayOrder with a value, in the page's language, else
// English, else German, else any; "" when n has none.
func (r *reader) label(n, g quad.Value) string {
	if s := r.name(n, g); s != "" {
		return s
	}
	lang := cmp.Or(r.lang, r.reportLang(g), "en")
	for _, p := range ontology.DisplayOrder {
		if l := pickLang(r.objects(n, p), lang); l != "" {
			return l
		}
	}
	return ""
}

func pickLang(vals []quad.Value, lang string) string {
	if len(vals) == 0 {
		return ""
	}
	for _, want := range []string{lang, "en", "de", ""} {
		for _, val := range vals {
			if ls, ok := val.(quad.LangString); ok && (want == "" || strings.EqualFold(ls.Lang, want)) {
				return string(ls.Value)
			}
		}
	}
	return query.Lexical(vals[0])
}

// Value is a node or a literal as the JSON API gives it.
type Value struct {
	IRI      string   `json:"iri,omitempty"`
	Value    string   `json:"value,omitempty"`
	Lang     string   `json:"lang,omitempty"`
	Datatype string   `json:"datatype,omitempty"`
	Label    string   `json:"label,omitempty"` // of an IRI, in the asked language
	Types    []string `json:"types,omitempty"` // local names of an IRI's rdf:types
}

func localName(s string) string {
	s = strings.Trim(s, "<>")
	if i := strings.LastIndexAny(s, "/#"); i >= 0 && i < len(s)-1 {
		return s[i+1:]
	}
	return s
}

// value is val as a fact of report graph g shows it.
func (r *reader) value(val, g quad.Value) Value {
	switch x := val.(type) {
	case quad.IRI:
		if r.light {
			return Value{IRI: string(x)}
		}
		out := Value{IRI: string(x), Label: r.label(x, g)}
		for _, t := range r.types(x) {
			// A type stated by several reports is shown once.
			if n := localName(query.Lexical(t)); !slices.Contains(out.Types, n) {
				out.Types = append(out.Types, n)
			}
		}
		return out
	case quad.LangString:
		return Value{Value: string(x.Value), Lang: x.Lang}
	case quad.TypedString:
		return Value{Value: string(x.Value), Datatype: string(x.Type)}
	}
	return Value{Value: query.Lexical(val)}
}

// Paragraph is one cited paragraph of a report.
type Paragraph struct {
	IRI    string `json:"iri"`
	Number string `json:"number,omitempty"`
	Report string `json:"report,omitempty"`
}

// Provenance is what a fact rests on: the paragraphs it is derived from,
// verbatim quotes, the time it holds for, editorial notes, and the node
// that carries them (a membership, an attendance, a curated statement, or
// the entity itself).
type Provenance struct {
	Via        string      `json:"via,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
	Quotes     []Value     `json:"quotes,omitempty"`
	Time       []TimeValue `json:"time,omitempty"`
	Notes      []Value     `json:"notes,omitempty"`
}

// TimeValue is a dated property of a fact (as of, start, end ...).
type TimeValue struct {
	Property string `json:"property"`
	Value    string `json:"value"`
}

func (p *Provenance) empty() bool {
	return p == nil || len(p.Paragraphs) == 0 && len(p.Quotes) == 0 && len(p.Time) == 0
}

func isDate(val quad.Value) bool {
	ts, ok := val.(quad.TypedString)
	if !ok {
		return false
	}
	t := string(ts.Type)
	return strings.HasPrefix(t, v.XSD) && (strings.HasSuffix(t, "date") || strings.HasSuffix(t, "dateTime") || strings.HasPrefix(t[len(v.XSD):], "gYear"))
}

// provenance reads the provenance that node n carries.
func (r *reader) provenance(n quad.Value) *Provenance {
	return r.provenanceFrom(n, r.out(n))
}

// provenanceIn reads the provenance that node n carries in graph g: what
// one report says a membership or a statement rests on.
func (r *reader) provenanceIn(n, g quad.Value) *Provenance {
	return r.provenanceFrom(n, r.inGraph(n, g))
}

func (r *reader) provenanceFrom(n quad.Value, quads []quad.Quad) *Provenance {
	p := &Provenance{Via: query.Lexical(n), Paragraphs: []Paragraph{}}
	for _, q := range quads {
		switch {
		case q.Predicate == ontology.DerivedFrom && r.light:
			// The paragraph's number and report are not read; that there
			// is one decides, as in full, whether the provenance is empty.
			p.Paragraphs = append(p.Paragraphs, Paragraph{IRI: query.Lexical(q.Object)})
		case q.Predicate == ontology.DerivedFrom:
			par := Paragraph{IRI: query.Lexical(q.Object)}
			if pos := r.objects(q.Object, v.SchemaPosition); len(pos) > 0 {
				par.Number = query.Lexical(pos[0])
			}
			if rep := r.objects(q.Object, v.SchemaIsPartOf); len(rep) > 0 {
				par.Report = query.Lexical(rep[0])
			}
			p.Paragraphs = append(p.Paragraphs, par)
		case q.Predicate == ontology.Evidence:
			p.Quotes = append(p.Quotes, r.value(q.Object, q.Label))
		case q.Predicate == ontology.Note:
			p.Notes = append(p.Notes, r.value(q.Object, q.Label))
		case isDate(q.Object):
			p.Time = append(p.Time, TimeValue{Property: localName(string(q.Predicate.(quad.IRI))), Value: query.Lexical(q.Object)})
		}
	}
	slices.SortStableFunc(p.Paragraphs, func(a, b Paragraph) int {
		if c := strings.Compare(a.Report, b.Report); c != 0 {
			return c
		}
		if len(a.Number) != len(b.Number) {
			return len(a.Number) - len(b.Number)
		}
		return strings.Compare(a.Number, b.Number)
	})
	return p
}

// hasSources reports whether n cites a paragraph: a fact node or an
// entity taken from a report.
func (r *reader) hasSources(n quad.Value) bool {
	return len(r.objects(n, ontology.DerivedFrom)) > 0
}

// provenanceOf finds what the fact (s p o), as report graph g states it
// (nil: any report), rests on: a curated statement about exactly it
// (rdf:subject/predicate/object), else a fact node that cites paragraphs
// and links s and o (a membership links a person and a post), else nil.
// What a node carries is read in g only, so each report's fact shows
// that report's paragraphs and quote.
func (r *reader) provenanceOf(s quad.Value, p quad.IRI, o quad.Value, g quad.Value) *Provenance {
	prov := func(n quad.Value) *Provenance {
		if g == nil {
			return r.provenance(n)
		}
		return r.provenanceIn(n, g)
	}
	for _, q := range r.inOf(s, g) {
		if q.Predicate != v.RDFSubject {
			continue
		}
		st := q.Subject
		if slices.Contains(r.objects(st, v.RDFPredicate), quad.Value(p)) && slices.Contains(r.objects(st, v.RDFObject), o) {
			if pr := prov(st); !pr.empty() {
				return pr
			}
		}
	}
	if _, ok := o.(quad.IRI); !ok {
		return nil
	}
	// Fact nodes: no name of their own, citing paragraphs, linking s and
	// o. A membership (what holds, memberOf, headOf rest on) comes before
	// other n-ary facts (an attendance names posts as roles too).
	var best quad.Value
	bestRank := 3
	for _, q := range r.inOf(s, g) {
		n := q.Subject
		if n == s || !r.hasSources(n) || r.label(n, nil) != "" {
			continue
		}
		links := false
		for _, q2 := range r.out(n) {
			if q2.Object == o && q2.Predicate != v.Type && (g == nil || q2.Label == g) {
				links = true
				break
			}
		}
		if !links {
			continue
		}
		rank := 2
		if slices.Contains(r.types(n), quad.Value(v.OrgMembership)) {
			rank = 1
		}
		if rank < bestRank {
			best, bestRank = n, rank
		}
	}
	if best != nil {
		return prov(best)
	}
	return nil
}
