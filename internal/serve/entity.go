package serve

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/query"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// maxFactsPerSide caps the quads read for one node and direction;
// maxEntityQuads those of the entity a page is about (its facts are read
// lightly, and only a page of them in full: paging.go). Variables for the
// tests.
var (
	maxFactsPerSide = 2000
	maxEntityQuads  = 50000
)

// Fact is one quad around an entity with what it rests on.
type Fact struct {
	Property      string `json:"property"`
	PropertyLabel string `json:"propertyLabel"`
	Value         Value  `json:"value"` // the other end: object of an outgoing fact, subject of an incoming one
	Graph         string `json:"graph,omitempty"`
	// Report is the report whose graph states the fact: a fact two
	// reports state is two facts, one per report.
	Report     *ReportRef  `json:"report,omitempty"`
	Provenance *Provenance `json:"provenance,omitempty"`
	// Details are the other properties of an incoming fact node (where,
	// in what role ... of an attendance).
	Details []Detail `json:"details,omitempty"`
	// Holding is the membership a derived fact (holds, memberOf, headOf)
	// rests on: body, role, status, time, report.
	Holding *Holding `json:"holding,omitempty"`
	// Derived marks a fact no quad states: the page reads it from a
	// membership (export/graphview draws the same edges).
	Derived bool `json:"derived,omitempty"`
	src     factSrc
}

// Detail is one property of a fact node.
type Detail struct {
	Property string `json:"property"`
	Value    Value  `json:"value"`
}

// QueryLink is a bundled query that takes the entity as a parameter.
type QueryLink struct {
	Query string `json:"query"`
	Param string `json:"param"`
}

// Entity is what the entity page shows.
type Entity struct {
	IRI        string      `json:"iri"`
	ID         string      `json:"id"`
	Label      string      `json:"label"`
	Labels     []Label     `json:"labels"`
	Types      []Value     `json:"types"`
	Provenance *Provenance `json:"provenance,omitempty"`
	// Sources is the entity's own record as each report gives it
	// (paragraphs, quotes), earliest report first.
	Sources []Source `json:"sources"`
	Out     []Fact   `json:"out"`
	In      []Fact   `json:"in"`
	// Statements are the cg:Statements the entity makes, was made at or
	// is addressed by, in time order.
	Statements []Statement `json:"statements"`
	// SameAs are owl:sameAs links (Wikidata, other datasets);
	// PossiblySameAs are cg:possiblySameAs links either way, never merged.
	SameAs         []Link      `json:"sameAs"`
	PossiblySameAs []Link      `json:"possiblySameAs"`
	Queries        []QueryLink `json:"queries"`
	// Reports are the reports that state something about the entity,
	// earliest first.
	Reports []ReportRef `json:"reports"`
	// Relations are the relations of Out and In, in their order, each
	// with its number of facts and how many of them Out or In holds (the
	// first ?facts=, factsPerRelation unless given); /api/entity/facts
	// gives the rest, a page at a time (paging.go).
	Relations []Relation `json:"relations"`
	Truncated bool       `json:"truncated,omitempty"`
}

// Source is what one report cites for an entity.
type Source struct {
	Report     ReportRef   `json:"report"`
	Provenance *Provenance `json:"provenance"`
}

// Label is one name of an entity.
type Label struct {
	Value    string `json:"value"`
	Lang     string `json:"lang,omitempty"`
	Property string `json:"property"`
}

// quiet are the predicates not listed as facts: provenance and labels are
// shown as such, rdf:type as the entity's kind.
var quiet = map[quad.Value]bool{v.Type: true, ontology.DerivedFrom: true, ontology.Evidence: true, ontology.Note: true}

func isLabelPred(p quad.Value) bool { return slices.Contains(ontology.MatchOrder, p.(quad.IRI)) }

// iriParam reads ?iri= (an IRI, in angle brackets or not) or ?id= (KIND/ID
// below the base, e.g. person/truong-thi-mai).
func (s *Server) iriParam(r *http.Request) (quad.IRI, error) {
	if iri := strings.Trim(r.URL.Query().Get("iri"), "<> "); iri != "" {
		return quad.IRI(iri), nil
	}
	if id := strings.Trim(r.URL.Query().Get("id"), "/ "); id != "" {
		m, err := s.opt.Workspace.IRIs()
		if err != nil {
			return "", err
		}
		return quad.IRI(m.Base + id), nil
	}
	return "", errors.New("give the entity as ?iri=IRI or ?id=KIND/ID")
}

// langParam is ?lang=: the language whose names come first (as
// query.Options.Lang), "" (absent) for each fact's report language.
func langParam(r *http.Request) string {
	switch l := r.URL.Query().Get("lang"); l {
	case "de", "en", "vi":
		return l
	}
	return ""
}

var errNoEntity = errors.New("no such entity")

func (s *Server) entity(w http.ResponseWriter, r *http.Request) {
	iri, err := s.iriParam(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	lang := langParam(r)
	per, err := countParam(r, "facts", factsPerRelation, maxFactsPerPage)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	var e *Entity
	err = s.st.View(r.Context(), func(qs graph.QuadStore) error {
		e, err = readEntity(s.reader(r.Context(), qs, maxFactsPerSide, lang), iri, per)
		return err
	})
	s.answerEntity(w, r, iri, err, e)
}

// answerEntity writes body, or the error of reading it: 404 for an
// entity (or a relation of it) the store does not have, else 500.
func (s *Server) answerEntity(w http.ResponseWriter, r *http.Request, iri quad.IRI, err error, body any) {
	switch {
	case errors.Is(err, errNoEntity), errors.Is(err, errNoRelation):
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("%w: %s", err, iri))
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, err)
	default:
		writeJSON(w, http.StatusOK, body)
	}
}

func readEntity(rd *reader, iri quad.IRI, per int) (*Entity, error) {
	e, statements, err := rd.entityFacts(iri)
	if err != nil {
		return nil, err
	}
	if rd.hasSources(iri) {
		e.Provenance = rd.provenance(iri)
	}
	e.Statements = rd.statements(statements)
	e.Reports = rd.factReports(e)
	for _, rep := range e.Reports {
		if p := rd.provenanceIn(iri, quad.IRI(rep.Graph)); len(p.Paragraphs) > 0 {
			e.Sources = append(e.Sources, Source{Report: rep, Provenance: p})
		}
	}
	e.Queries = queryLinks(rd.types(iri))
	e.Relations = []Relation{}
	for _, side := range []struct {
		name string
		fs   *[]Fact
	}{{"out", &e.Out}, {"in", &e.In}} {
		var shown []Fact
		for _, rel := range relations(side.name, *side.fs) {
			rel.Count = min(per, rel.Total)
			shown = append(shown, rd.full(iri, rel.facts[:rel.Count])...)
			e.Relations = append(e.Relations, rel.Relation)
		}
		*side.fs = append([]Fact{}, shown...)
	}
	e.Truncated = rd.cut
	return e, rd.failed()
}

// entityFacts reads the entity iri: its names, kinds and identity links,
// and its facts out and in, read lightly (paging.go) and in their order
// (the derived facts first, then the stated ones, by time within each
// relation); and the quads of the statements that name it.
func (rd *reader) entityFacts(iri quad.IRI) (*Entity, []quad.Quad, error) {
	rd.focus = iri
	outs, ins := rd.out(iri), rd.in(iri)
	if len(outs) == 0 && len(ins) == 0 {
		return nil, nil, cmp.Or(rd.failed(), errNoEntity)
	}
	e := &Entity{IRI: string(iri), ID: localName(string(iri)), Label: rd.label(iri, nil), Out: []Fact{}, In: []Fact{},
		Statements: []Statement{}, Sources: []Source{}, SameAs: []Link{}, PossiblySameAs: []Link{}, Queries: []QueryLink{}}
	if e.Label == "" {
		e.Label = e.ID
	}
	seenLabel := map[string]bool{}
	var facts []quad.Quad
	for _, q := range outs {
		p := q.Predicate
		switch {
		case p == v.Type:
			if !slices.ContainsFunc(e.Types, func(t Value) bool { return t.IRI == query.Lexical(q.Object) }) {
				e.Types = append(e.Types, rd.value(q.Object, nil)) // once, however many reports state it
			}
		case isLabelPred(p):
			l := rd.value(q.Object, q.Label)
			k := l.Value + "@" + l.Lang + localName(string(p.(quad.IRI)))
			if !seenLabel[k] {
				seenLabel[k] = true
				e.Labels = append(e.Labels, Label{Value: l.Value, Lang: l.Lang, Property: localName(string(p.(quad.IRI)))})
			}
		case quiet[p]:
		case p == v.OWLSameAs:
			e.SameAs = appendLink(e.SameAs, Link{Value: rd.value(q.Object, q.Label), Graph: query.Lexical(q.Label)})
		case p == v.PossiblySameAs:
			e.PossiblySameAs = appendLink(e.PossiblySameAs, Link{Value: rd.value(q.Object, q.Label), Graph: query.Lexical(q.Label)})
		default:
			facts = append(facts, q)
		}
	}
	rd.light = true
	for _, q := range facts {
		e.Out = append(e.Out, rd.outFact(iri, q))
	}
	rd.light = false
	var memberships, statements []quad.Quad
	facts = facts[:0]
	for _, q := range ins {
		if q.Predicate == v.RDFSubject || q.Predicate == v.RDFObject {
			continue // curated statements: shown as the provenance of their fact
		}
		n := q.Subject
		switch types := rd.types(n); {
		case isMembershipLink(q.Predicate) && slices.Contains(types, quad.Value(v.OrgMembership)):
			memberships = append(memberships, q)
		case isStatementLink(q.Predicate) && slices.Contains(types, quad.Value(v.Statement)):
			statements = append(statements, q)
		case q.Predicate == v.PossiblySameAs:
			e.PossiblySameAs = appendLink(e.PossiblySameAs, Link{Value: rd.value(n, q.Label), Graph: query.Lexical(q.Label), Inverse: true})
		default:
			facts = append(facts, q)
		}
	}
	rd.light = true
	for _, q := range facts {
		e.In = append(e.In, rd.inFact(iri, q))
	}
	// Derived facts first: for a person her posts, for a body its heads
	// and members, for a post its holders.
	hout, hin := rd.holdingFacts(iri, memberships)
	rd.light = false
	e.Out = append(append([]Fact{}, hout...), e.Out...)
	e.In = append(append([]Fact{}, hin...), e.In...)
	sortFacts(e.Out)
	sortFacts(e.In)
	return e, statements, rd.failed()
}

// outFact is the fact that quad q of iri states.
func (rd *reader) outFact(iri quad.IRI, q quad.Quad) Fact {
	p := q.Predicate
	f := rd.fact(q.Predicate, q.Object, q.Label)
	f.src = factSrc{q: q, kind: srcOut}
	f.Provenance = rd.provenanceOf(iri, p.(quad.IRI), q.Object, q.Label)
	if f.Provenance == nil && rd.hasSources(iri) {
		f.Provenance = rd.provenanceIn(iri, q.Label) // the entity's own record in that report
		if f.Provenance.empty() {
			f.Provenance = rd.provenance(iri)
		}
	}
	return f
}

// inFact is the fact that quad q, naming iri as its object, states.
func (rd *reader) inFact(iri quad.IRI, q quad.Quad) Fact {
	n := q.Subject
	f := rd.fact(q.Predicate, n, q.Label)
	f.src = factSrc{q: q, kind: srcIn}
	if rd.hasSources(n) {
		f.Provenance = rd.provenanceIn(n, q.Label)
	} else {
		f.Provenance = rd.provenanceOf(n, q.Predicate.(quad.IRI), iri, q.Label)
	}
	if !rd.light && f.Value.Label == "" {
		// A fact node without a name (an attendance, a membership):
		// its other properties say what it states.
		for _, q2 := range rd.inGraph(n, q.Label) {
			if q2.Object == quad.Value(iri) || quiet[q2.Predicate] || isLabelPred(q2.Predicate) {
				continue
			}
			f.Details = append(f.Details, Detail{Property: localName(query.Lexical(q2.Predicate)), Value: rd.value(q2.Object, q.Label)})
		}
	}
	return f
}

// fact is the fact (p val) as report graph g states it.
func (r *reader) fact(p, val, g quad.Value) Fact {
	f := Fact{Property: query.Lexical(p), Value: r.value(val, g), Graph: query.Lexical(g)}
	if !r.light {
		f.PropertyLabel = r.label(p, g)
	}
	if g != nil {
		rep := r.reportOf(g)
		f.Report = &rep
	}
	return f
}

// factReports are the reports of the entity's names, facts and
// statements, by report date, then ID.
func (r *reader) factReports(e *Entity) []ReportRef {
	gs := r.namingGraphs(quad.IRI(e.IRI))
	add := func(g string) {
		if g != "" {
			gs = append(gs, quad.IRI(g))
		}
	}
	for _, f := range e.Out {
		add(f.Graph)
	}
	for _, f := range e.In {
		add(f.Graph)
	}
	for _, s := range e.Statements {
		add(s.Graph)
	}
	out := r.reportRefs(gs)
	slices.SortStableFunc(out, func(a, b ReportRef) int { return cmp.Or(byTime(a.Date, b.Date), strings.Compare(a.ID, b.ID)) })
	return out
}

// appendLink appends l unless the list has a link to the same node (a
// link stated by several reports is listed once, with the first report).
func appendLink(list []Link, l Link) []Link {
	for _, x := range list {
		if x.IRI == l.IRI && x.Value.Value == l.Value.Value {
			return list
		}
	}
	return append(list, l)
}

// queryLinks lists the bundled queries with an entity parameter that an
// entity of these types fits, read from each query's parameter specs.
func queryLinks(types []quad.Value) []QueryLink {
	out := []QueryLink{}
	is := func(kind string) bool {
		for _, c := range ontology.Classes(kind) {
			if slices.Contains(types, quad.Value(c)) {
				return true
			}
		}
		return false
	}
	qs, _ := query.Bundled() // a broken bundle is reported by /api/queries (and by every CLI query)
	for _, q := range qs {
		for _, p := range q.Params {
			k := p.Kind()
			ok := k == "any" && len(types) > 0 || k == "at" && (is("bridge") || is("place")) || k != "" && is(k)
			if ok {
				out = append(out, QueryLink{Query: q.Name, Param: p.Name})
				break
			}
		}
	}
	return out
}

// Hit is one search result: an entity, once, with its kind and the
// reports that name it.
type Hit struct {
	Value
	Kind    string      `json:"kind,omitempty"` // person, organisation, post ... ("" for a node of no entity kind)
	Matched string      `json:"matched"`        // the name that matched
	Reports []ReportRef `json:"reports"`        // the reports whose graphs name it, earliest first
	rank    int
	node    quad.Value
}

// kinds are the entity kinds, in the order kindOf tries them.
var kinds = []string{"person", "group", "organisation", "post", "role", "event", "bridge", "place", "document", "directive", "target"}

// kindOf is the entity kind of a node with these types: the kind whose
// identifying class it has (ontology.Class).
func kindOf(types []quad.Value) string {
	for _, k := range kinds {
		if c, ok := ontology.Class(k); ok && slices.Contains(types, quad.Value(c)) {
			return k
		}
	}
	return ""
}

// search finds entities by any of their names, diacritics- and
// case-insensitively (query.Fold, as the bundled queries' parameters
// match): exact names first, then names that start with the text, then
// names that contain it.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		s.fail(w, r, http.StatusBadRequest, errors.New("give the name to look for as ?q=TEXT"))
		return
	}
	limit := 50
	if l, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && l > 0 && l < 1000 {
		limit = l
	}
	lang := langParam(r)
	kind := r.URL.Query().Get("kind") // only entities of this kind (a parameter's kind: any, at = bridge or place)
	want := query.Fold(text)
	names, err := s.names(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	best := matches(names, text, want)
	var hits []Hit
	err = s.st.View(r.Context(), func(qs graph.QuadStore) error {
		rd := s.reader(r.Context(), qs, maxFactsPerSide, lang)
		nodes := make([]quad.Value, 0, len(best))
		for n := range best {
			nodes = append(nodes, n)
		}
		rd.together(nodes)
		for n, h := range best {
			h.node = n
			h.Value = rd.value(n, nil)
			h.Kind = kindOf(rd.types(n))
			if kindFits(kind, h.Kind) {
				hits = append(hits, h)
			}
		}
		sort.Slice(hits, func(i, j int) bool {
			if hits[i].rank != hits[j].rank {
				return hits[i].rank < hits[j].rank
			}
			if hits[i].Label != hits[j].Label {
				return hits[i].Label < hits[j].Label
			}
			return hits[i].IRI < hits[j].IRI
		})
		if len(hits) > limit {
			hits = hits[:limit]
		}
		// The reports of the hits shown only (each is a look-up per
		// report graph that names the entity).
		for i := range hits {
			hits[i].Reports = rd.reportRefs(rd.namingGraphs(hits[i].node))
			slices.SortStableFunc(hits[i].Reports, func(a, b ReportRef) int { return cmp.Or(byTime(a.Date, b.Date), strings.Compare(a.ID, b.ID)) })
		}
		return r.Context().Err()
	})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if hits == nil {
		hits = []Hit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": text, "hits": hits})
}

// kindFits reports whether an entity of kind k fits a wanted kind (a
// query parameter's: "" or any takes every entity, at a bridge or a place).
func kindFits(want, k string) bool {
	switch want {
	case "":
		return true
	case "any":
		return k != ""
	case "at":
		return k == "bridge" || k == "place"
	}
	return k == want
}

// Node and Edge draw an entity's neighbourhood.
type Node struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type,omitempty"`
	Focus bool   `json:"focus,omitempty"`
}

type Edge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Label  string `json:"label"`
}

const maxGraphNodes = 150

// neighbourhood answers the nodes and edges around an entity: its IRI
// neighbours both ways, and the neighbours of fact nodes (an attendance's
// bridge and roles), for the graph picture.
func (s *Server) neighbourhood(w http.ResponseWriter, r *http.Request) {
	iri, err := s.iriParam(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	lang := langParam(r)
	nodes := []Node{}
	edges := []Edge{}
	err = s.st.View(r.Context(), func(qs graph.QuadStore) error {
		rd := s.reader(r.Context(), qs, 500, lang)
		if len(rd.out(iri)) == 0 && len(rd.in(iri)) == 0 {
			return errNoEntity
		}
		seen := map[quad.Value]bool{}
		seenEdge := map[Edge]bool{}
		add := func(n quad.Value, focus bool) bool {
			if seen[n] {
				return true
			}
			if len(seen) >= maxGraphNodes {
				return false
			}
			seen[n] = true
			t := ""
			if ts := rd.types(n); len(ts) > 0 {
				t = localName(query.Lexical(ts[0]))
			}
			label := rd.label(n, nil)
			if label == "" {
				label = localName(query.Lexical(n))
			}
			nodes = append(nodes, Node{ID: query.Lexical(n), Label: label, Type: t, Focus: focus})
			return true
		}
		edge := func(a, b quad.Value, p quad.Value) {
			e := Edge{Source: query.Lexical(a), Target: query.Lexical(b), Label: localName(query.Lexical(p))}
			if !seenEdge[e] {
				seenEdge[e] = true
				edges = append(edges, e)
			}
		}
		skip := func(q quad.Quad) bool {
			_, isIRI := q.Object.(quad.IRI)
			return !isIRI || quiet[q.Predicate] || q.Predicate == v.RDFSubject || q.Predicate == v.RDFObject || q.Predicate == v.RDFPredicate
		}
		add(iri, true)
		var facts []quad.Value
		for _, q := range rd.out(iri) {
			if !skip(q) && add(q.Object, false) {
				edge(iri, q.Object, q.Predicate)
			}
		}
		for _, q := range rd.in(iri) {
			if skip(q) {
				continue
			}
			if add(q.Subject, false) {
				edge(q.Subject, iri, q.Predicate)
				if rd.label(q.Subject, nil) == "" {
					facts = append(facts, q.Subject)
				}
			}
		}
		for _, n := range facts {
			for _, q := range rd.out(n) {
				if !skip(q) && q.Object != quad.Value(iri) && add(q.Object, false) {
					edge(n, q.Object, q.Predicate)
				}
			}
		}
		return nil
	})
	s.answerEntity(w, r, iri, err, map[string]any{"nodes": nodes, "edges": edges})
}
