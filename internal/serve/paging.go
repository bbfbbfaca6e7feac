package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// An entity named in every report (a central body, a post every report
// fills) has thousands of facts, and each fact in full is a kilobyte or
// two of JSON and a dozen look-ups (the other end's names and kinds, the
// paragraphs cited, a fact node's details). So the entity page's facts
// are read in two passes: every fact lightly (what it is, its report and
// its time: enough to put it in its relation and in time order), then in
// full only the facts the answer gives, the first few of each relation
// (/api/entity, ?facts=N) or one page of one relation (/api/entity/facts).
// The order is the same in both passes and does not depend on the
// store's: facts are sorted from the node's quads in canonical order.

// factsPerRelation is how many facts of each relation /api/entity gives
// unless ?facts= says otherwise; maxFactsPerPage bounds any page.
const (
	factsPerRelation = 50
	maxFactsPerPage  = 1000
)

// Relation is one relation of an entity's facts on one side: its
// property (org:holds, org:memberOf, org:headOf for the facts read from
// memberships), how many facts it has and which of them the answer holds.
type Relation struct {
	Side     string `json:"side"` // out or in
	Property string `json:"property"`
	Derived  bool   `json:"derived,omitempty"`
	Total    int    `json:"total"`  // facts of the relation
	Offset   int    `json:"offset"` // the first fact given, from 0
	Count    int    `json:"count"`  // facts given
}

// The kinds of quad a fact is read from.
const (
	srcOut     = iota + 1 // a quad of the entity (outFact)
	srcIn                 // a quad naming the entity (inFact)
	srcHolding            // a membership's link to the entity (holdingFacts)
)

// factSrc is the quad a fact was read from, to read it again in full.
type factSrc struct {
	q    quad.Quad
	kind int
}

// relation is a Relation with its facts (read lightly).
type relation struct {
	Relation
	facts []Fact
}

// relations groups facts of one side, in the order sortFacts gave them,
// by relation, in the order the relations first appear.
func relations(side string, fs []Fact) []relation {
	var out []relation
	at := map[[2]string]int{}
	for _, f := range fs {
		k := [2]string{f.Property, strconv.FormatBool(f.Derived)}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, relation{Relation: Relation{Side: side, Property: f.Property, Derived: f.Derived}})
		}
		out[i].facts = append(out[i].facts, f)
		out[i].Total++
	}
	return out
}

// full reads facts read lightly again in full, in the same order.
func (rd *reader) full(iri quad.IRI, fs []Fact) []Fact {
	out := make([]Fact, 0, len(fs))
	for _, f := range fs {
		switch f.src.kind {
		case srcOut:
			f = rd.outFact(iri, f.src.q)
		case srcIn:
			f = rd.inFact(iri, f.src.q)
		case srcHolding:
			hout, hin := rd.holdingFacts(iri, []quad.Quad{f.src.q})
			f = pick(append(hout, hin...), f)
		}
		out = append(out, f)
	}
	return out
}

// pick is the fact of fs with the property of f (a membership gives
// headOf and memberOf for one role), else f.
func pick(fs []Fact, f Fact) Fact {
	for _, x := range fs {
		if x.Property == f.Property {
			return x
		}
	}
	return f
}

// FactPage is one page of one relation of an entity's facts.
type FactPage struct {
	IRI      string   `json:"iri"`
	Relation Relation `json:"relation"`
	Facts    []Fact   `json:"facts"`
	// Truncated: a node had more quads than the reader reads (as Entity's).
	Truncated bool `json:"truncated,omitempty"`
}

// errNoRelation: the entity has no facts of the relation asked.
var errNoRelation = errors.New("the entity has no facts of this relation on this side")

// readFactPage reads facts offset to offset+limit of one relation of iri.
func readFactPage(rd *reader, iri quad.IRI, want Relation, limit int) (*FactPage, error) {
	e, _, err := rd.entityFacts(iri)
	if err != nil {
		return nil, err
	}
	fs := e.Out
	if want.Side == "in" {
		fs = e.In
	}
	for _, rel := range relations(want.Side, fs) {
		if rel.Property != want.Property || rel.Derived != want.Derived {
			continue
		}
		rel.Offset = min(want.Offset, rel.Total)
		rel.Count = min(limit, rel.Total-rel.Offset)
		page := &FactPage{IRI: string(iri), Relation: rel.Relation, Facts: rd.full(iri, rel.facts[rel.Offset:rel.Offset+rel.Count])}
		page.Truncated = rd.cut
		return page, rd.failed()
	}
	return nil, errNoRelation
}

// failed is the first read that failed, else the request's end.
func (rd *reader) failed() error {
	if rd.err != nil {
		return fmt.Errorf("read the store: %w", rd.err)
	}
	return rd.ctx.Err()
}

// countParam reads a count parameter: def when absent, an error unless
// it is a whole number from 0 to max.
func countParam(r *http.Request, name string, def, max int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > max {
		return 0, fmt.Errorf("?%s= takes a whole number from 0 to %d, not %q", name, max, s)
	}
	return n, nil
}

// entityFactPage answers /api/entity/facts: ?iri= (or ?id=), side=out|in,
// property=IRI, derived=true for the facts read from memberships,
// offset= and limit= (default factsPerRelation).
func (s *Server) entityFactPage(w http.ResponseWriter, r *http.Request) {
	iri, err := s.iriParam(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	q := r.URL.Query()
	want := Relation{Side: q.Get("side"), Property: q.Get("property"), Derived: q.Get("derived") == "true"}
	if want.Side != "out" && want.Side != "in" || want.Property == "" {
		s.fail(w, r, http.StatusBadRequest, errors.New("give the relation as side=out or side=in and property=IRI (derived=true for the facts read from memberships), as /api/entity's relations list them"))
		return
	}
	offset, err := countParam(r, "offset", 0, 1<<30)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	want.Offset = offset
	limit, err := countParam(r, "limit", factsPerRelation, maxFactsPerPage)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	var page *FactPage
	err = s.st.View(r.Context(), func(qs graph.QuadStore) error {
		page, err = readFactPage(s.reader(r.Context(), qs, maxFactsPerSide, langParam(r)), iri, want, limit)
		return err
	})
	s.answerEntity(w, r, iri, err, page)
}
