package serve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/query"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// The page names an entity as the bundled queries' rows do (see
// internal/query/labels.go and docs/queries.md, "Names and languages"):
// candidates are its query.LabelPreds values in any report graph, ranked
// by query.LangKey. Without a page language (?lang= absent) a name in the
// fact's own report graph wins, the report's language first, so a fact of
// the German report reads as the CLI's default rows do; with ?lang=L (the
// page's switch, as query.Options.Lang) the language decides first and
// the fact's report only breaks ties. Then rdfs:label before
// skos:prefLabel, then the smallest text. The query package keeps its
// chooser unexported; this composes its exported parts in the same order.

// name is the name shown for n in a fact of report graph g (nil: no
// report, e.g. the page's heading); "" when n has none.
func (r *reader) name(n, g quad.Value) string {
	k := [2]quad.Value{n, g}
	if s, ok := r.names[k]; ok {
		return s
	}
	first := r.lang
	if first == "" {
		first = r.reportLang(g)
	}
	gs := ""
	if g != nil {
		gs = query.Lexical(g)
	}
	best, bestKey := "", ""
	for _, q := range r.out(n) {
		pred := slices.Index(query.LabelPreds, q.Predicate.(quad.IRI))
		if pred < 0 {
			continue
		}
		tag := ""
		if ls, ok := q.Object.(quad.LangString); ok {
			tag = ls.Lang
		}
		in := "1"
		if gs != "" && q.Label != nil && query.Lexical(q.Label) == gs {
			in = "0"
		}
		text := query.Lexical(q.Object)
		lk := query.LangKey(tag, first)
		key := in + lk + "\t" + fmt.Sprint(pred) + text
		if r.lang != "" {
			key = lk + "\t" + in + fmt.Sprint(pred) + text
		}
		if bestKey == "" || key < bestKey {
			best, bestKey = text, key
		}
	}
	r.names[k] = best
	return best
}

// reportLang is the language of the report whose graph is g.
func (r *reader) reportLang(g quad.Value) string {
	if g == nil {
		return ""
	}
	return r.reportOf(g).Lang
}

// ReportRef is the report a fact or a name comes from.
type ReportRef struct {
	ID    string `json:"id"`              // the report's ID, e.g. party-building-conference-2023-de
	Graph string `json:"graph"`           // its named graph
	IRI   string `json:"iri,omitempty"`   // the report node
	Label string `json:"label,omitempty"` // its title (or description)
	Date  string `json:"date,omitempty"`
	Lang  string `json:"lang,omitempty"`
}

// reportOf reads the report of graph g (cached).
func (r *reader) reportOf(g quad.Value) ReportRef {
	if ref, ok := r.reports[g]; ok {
		return ref
	}
	ref := ReportRef{Graph: query.Lexical(g), ID: localName(query.Lexical(g))}
	r.reports[g] = ref // no recursion through name's reportLang
	if src := r.objects(g, ontology.PrimarySource); len(src) > 0 {
		ref.IRI = query.Lexical(src[0])
		ref.ID = localName(ref.IRI)
		if l := r.objects(src[0], v.SchemaInLanguage); len(l) > 0 {
			ref.Lang = query.Lexical(l[0])
		}
		if d := r.objects(src[0], v.SchemaDateCreated); len(d) > 0 {
			ref.Date = query.Lexical(d[0])
		}
		r.reports[g] = ref
		ref.Label = r.name(src[0], g)
	}
	r.reports[g] = ref
	return ref
}

// reportRefs are the reports of graphs gs, in the order given, once each.
func (r *reader) reportRefs(gs []quad.Value) []ReportRef {
	out := []ReportRef{}
	seen := map[quad.Value]bool{}
	for _, g := range gs {
		if g == nil || seen[g] {
			continue
		}
		seen[g] = true
		out = append(out, r.reportOf(g))
	}
	return out
}

// namingGraphs are the report graphs that name n (a label of
// query.LabelPreds), sorted.
func (r *reader) namingGraphs(n quad.Value) []quad.Value {
	var out []quad.Value
	for _, q := range r.out(n) {
		if q.Label == nil || !slices.Contains(query.LabelPreds, q.Predicate.(quad.IRI)) || slices.Contains(out, q.Label) {
			continue
		}
		out = append(out, q.Label)
	}
	slices.SortFunc(out, func(a, b quad.Value) int { return strings.Compare(query.Lexical(a), query.Lexical(b)) })
	return out
}
