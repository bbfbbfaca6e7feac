package serve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/query"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// The W3C ORG relations the page derives from a membership; the data
// never states them (export/graphview draws the same edges).
var (
	orgHolds    = v.Term(v.ORG, "holds")
	orgMemberOf = v.Term(v.ORG, "memberOf")
	orgHeadOf   = v.Term(v.ORG, "headOf")
)

// words maps each SKOS concept of the holding statuses, qualifiers and
// speech acts back to the data files' word (current, alternate, said).
var words = map[quad.Value]string{}

func init() {
	for _, m := range []map[string]quad.IRI{v.HoldingStatuses, v.HoldingQualifiers, v.SpeechActs} {
		for w, iri := range m {
			words[iri] = w
		}
	}
}

// Holding is one org:Membership as one report states it: who holds which
// post in which body in what role, with the time and status the report
// gives. A membership stated by two reports is two holdings.
type Holding struct {
	Membership string `json:"membership"`
	Graph      string `json:"graph"`
	Person     *Value `json:"person,omitempty"`
	Post       *Value `json:"post,omitempty"`
	Body       *Value `json:"body,omitempty"`
	Role       *Value `json:"role,omitempty"`
	Heads      bool   `json:"heads,omitempty"`  // the role heads the body (cg:heads)
	Member     bool   `json:"member,omitempty"` // the role confers membership (cg:confersMembership)
	Status     string `json:"status,omitempty"` // current, former, elected, re-elected
	Qualifier  string `json:"qualifier,omitempty"`
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
	Term       string `json:"term,omitempty"`
	AsOf       string `json:"asOf,omitempty"`
}

// when is the holding's place in time: its start, else the report's date,
// else its end.
func (h *Holding) when() string { return cmp.Or(h.Start, h.AsOf, h.End) }

// Statement is a cg:Statement an entity takes part in: as its speaker, the
// event it was made at or one it was addressed to.
type Statement struct {
	IRI         string      `json:"iri"`
	Graph       string      `json:"graph,omitempty"`
	Report      *ReportRef  `json:"report,omitempty"`
	Role        string      `json:"role"` // speaker, event, addressee
	Act         string      `json:"act"`  // said, reported, appreciated ...
	Speakers    []Value     `json:"speakers"`
	Event       *Value      `json:"event,omitempty"`
	Date        string      `json:"date,omitempty"` // the event's start
	AddressedTo []Value     `json:"addressedTo,omitempty"`
	Summary     []Value     `json:"summary,omitempty"`
	Provenance  *Provenance `json:"provenance,omitempty"`
}

// Link is an identity link: owl:sameAs to another dataset (Wikidata ...),
// or cg:possiblySameAs between entities the curator could not tell apart
// (shown, never merged).
type Link struct {
	Value
	Graph   string `json:"graph,omitempty"`
	Inverse bool   `json:"inverse,omitempty"` // stated by the other entity
}

func isMembershipLink(p quad.Value) bool {
	return p == v.OrgMember || p == v.Post || p == v.OrgOrganizationP || p == v.OrgRoleP
}

func isStatementLink(p quad.Value) bool {
	return p == v.StatedBy || p == v.StatedAt || p == v.AddressedTo
}

// inGraph returns n's quads in graph g.
func (r *reader) inGraph(n quad.Value, g quad.Value) []quad.Quad {
	var out []quad.Quad
	for _, q := range r.out(n) {
		if q.Label == g {
			out = append(out, q)
		}
	}
	return out
}

func (r *reader) flag(n quad.Value, p quad.IRI) bool {
	for _, o := range r.objects(n, p) {
		if query.Lexical(o) == "true" {
			return true
		}
	}
	return false
}

// holding reads membership m as graph g states it.
func (r *reader) holding(m, g quad.Value) *Holding {
	h := &Holding{Membership: query.Lexical(m), Graph: query.Lexical(g)}
	ref := func(dst **Value, o quad.Value) {
		if *dst == nil {
			val := r.value(o, g)
			*dst = &val
		}
	}
	for _, q := range r.inGraph(m, g) {
		o := q.Object
		switch q.Predicate {
		case v.OrgMember:
			ref(&h.Person, o)
		case v.Post:
			ref(&h.Post, o)
		case v.OrgOrganizationP:
			ref(&h.Body, o)
		case v.OrgRoleP:
			ref(&h.Role, o)
			h.Heads = h.Heads || r.flag(o, v.Heads)
			h.Member = h.Member || r.flag(o, v.ConfersMember)
		case v.Status:
			h.Status = cmp.Or(h.Status, words[o])
		case v.Qualifier:
			h.Qualifier = cmp.Or(h.Qualifier, words[o])
		case v.SchemaStartDate:
			h.Start = cmp.Or(h.Start, query.Lexical(o))
		case v.SchemaEndDate:
			h.End = cmp.Or(h.End, query.Lexical(o))
		case v.TermText:
			h.Term = cmp.Or(h.Term, query.Lexical(o))
		case v.AsOf:
			h.AsOf = cmp.Or(h.AsOf, query.Lexical(o))
		}
	}
	return h
}

// holdingFacts derives the facts that the memberships naming the entity
// state, one set per membership and report: for a person, holds → the
// post; for a body, headOf and memberOf as the role says (holds when the
// role confers neither); for a post or a role, its holders. Outgoing facts
// are the person's, incoming ones the holders of the others.
func (r *reader) holdingFacts(iri quad.Value, links []quad.Quad) (out, in []Fact) {
	type key struct{ m, g quad.Value }
	seen := map[key]bool{}
	for _, q := range links {
		k := key{q.Subject, q.Label}
		if seen[k] {
			continue
		}
		seen[k] = true
		h := r.holding(q.Subject, q.Label)
		if h.Person == nil {
			continue
		}
		prov := r.provenanceIn(q.Subject, q.Label)
		rep := r.reportOf(q.Label)
		fact := func(p quad.IRI, label string, val Value) Fact {
			return Fact{Property: string(p), PropertyLabel: label, Value: val, Graph: h.Graph, Report: &rep, Provenance: prov, Holding: h, Derived: true,
				src: factSrc{q: q, kind: srcHolding}}
		}
		switch q.Predicate {
		case v.OrgMember:
			if h.Post != nil {
				out = append(out, fact(orgHolds, "holds", *h.Post))
			}
		case v.OrgOrganizationP:
			if h.Heads {
				in = append(in, fact(orgHeadOf, "head of", *h.Person))
			}
			if h.Member {
				in = append(in, fact(orgMemberOf, "member of", *h.Person))
			}
			if !h.Heads && !h.Member {
				in = append(in, fact(orgHolds, "holds", *h.Person))
			}
		default: // the post or the role
			in = append(in, fact(orgHolds, "holds", *h.Person))
		}
	}
	return out, in
}

// statement reads statement s as graph g states it; role is how the entity
// takes part.
func (r *reader) statement(s, g quad.Value, role string) Statement {
	st := Statement{IRI: query.Lexical(s), Graph: query.Lexical(g), Role: role, Speakers: []Value{}, Provenance: r.provenanceIn(s, g)}
	rep := r.reportOf(g)
	st.Report = &rep
	for _, q := range r.inGraph(s, g) {
		switch q.Predicate {
		case v.StatedBy:
			st.Speakers = append(st.Speakers, r.value(q.Object, g))
		case v.StatedAt:
			if st.Event == nil {
				e := r.value(q.Object, g)
				st.Event = &e
				if d := r.objects(q.Object, v.SchemaStartDate); len(d) > 0 {
					st.Date = query.Lexical(d[0])
				}
			}
		case v.AddressedTo:
			st.AddressedTo = append(st.AddressedTo, r.value(q.Object, g))
		case v.SpeechAct:
			st.Act = cmp.Or(st.Act, words[q.Object])
		case v.SchemaDescription:
			st.Summary = append(st.Summary, r.value(q.Object, g))
		}
	}
	st.Act = cmp.Or(st.Act, "said")
	return st
}

// statements lists the statements that name the entity, in time order.
func (r *reader) statements(links []quad.Quad) []Statement {
	type key struct{ s, g quad.Value }
	seen := map[key]bool{}
	out := []Statement{}
	for _, q := range links {
		k := key{q.Subject, q.Label}
		if seen[k] {
			continue
		}
		seen[k] = true
		role := map[quad.Value]string{v.StatedBy: "speaker", v.StatedAt: "event", v.AddressedTo: "addressee"}[q.Predicate]
		out = append(out, r.statement(q.Subject, q.Label, role))
	}
	slices.SortStableFunc(out, func(a, b Statement) int {
		return cmp.Or(byTime(a.Date, b.Date), strings.Compare(a.IRI, b.IRI), strings.Compare(a.Graph, b.Graph))
	})
	return out
}

// byTime orders dates of any precision (2020, 2020-10, 2020-10-15) as
// text, a missing date last.
func byTime(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

// factTime is where a fact stands in time: its holding's, else the
// earliest date its provenance gives, else its value when that is a date,
// else its report's date.
func factTime(f Fact) string {
	if f.Holding != nil {
		return f.Holding.when()
	}
	t := ""
	if f.Provenance != nil {
		for _, tv := range f.Provenance.Time {
			if t == "" || tv.Value < t {
				t = tv.Value
			}
		}
	}
	if t == "" && strings.HasPrefix(f.Value.Datatype, v.XSD) && (strings.HasSuffix(f.Value.Datatype, "date") || strings.Contains(f.Value.Datatype, "gYear")) {
		t = f.Value.Value
	}
	if t == "" && f.Report != nil {
		t = f.Report.Date // a fact of no time of its own: as of its report
	}
	return t
}

// sortFacts orders facts by time within each relation, keeping the
// relations in the order they first appear; facts without a time keep
// their order after the dated ones.
func sortFacts(fs []Fact) {
	first := map[string]int{}
	for i, f := range fs {
		if _, ok := first[f.Property]; !ok {
			first[f.Property] = i
		}
	}
	slices.SortStableFunc(fs, func(a, b Fact) int {
		return cmp.Or(first[a.Property]-first[b.Property], byTime(factTime(a), factTime(b)))
	})
}
