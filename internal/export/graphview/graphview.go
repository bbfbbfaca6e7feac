// Package graphview turns quads into the entity graph that GraphML and DOT
// draw: nodes are the entities with a readable label and their type, edges
// the relations between them, labelled with the relation's name.
//
// Left out, so the picture stays legible (the RDF exports keep everything):
// provenance (reified statements, paragraphs, prov:wasDerivedFrom and
// prov:wasAttributedTo, rdfs:isDefinedBy), the vocabulary (classes,
// properties, concepts and concept schemes: every cg: term, and the
// ontology), the graph bundles, rdf:type edges (the type is
// a node attribute) and the inverse duplicate cg:bridgeOf.
// Each org:Membership also gives the edges its holder would have if the
// data stated the ORG shortcuts it leaves out (they carry no time): holds
// to the post, memberOf and headOf to the post's body as the role says
// (cg:confersMembership, cg:heads), labelled with the status when it is
// not current ("holds (former)").
// cg:implementedBy is kept: it and cg:implements both start at the
// cg:Implementation node, which is labelled "implementation of DOCUMENT by
// AGENT". Literal values other than the label are not drawn.
package graphview

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Node is one entity.
type Node struct {
	// ID is the IRI (or _:label of a blank node).
	ID string
	// Label is the entity's name: its English label, then its Vietnamese
	// one on a second line when that differs.
	Label string
	// Type lists the entity's classes as prefixed names, comma-separated.
	Type string
	// Attendance is set for an n-ary cg:Attendance node.
	Attendance bool
	// Types holds the full class IRIs.
	Types []quad.IRI
}

// Edge is one relation between two nodes.
type Edge struct {
	From, To string
	// Label is the relation's short name (e.g. "holds"); for a collapsed
	// attendance "attended", with the roles on further lines.
	Label string
	// Predicate is the relation's IRI; empty for a collapsed attendance.
	Predicate string
}

// View is the drawable graph, nodes sorted by ID, edges by (From, To, Label).
type View struct {
	Nodes []Node
	Edges []Edge
}

// Options select how the view is drawn.
type Options struct {
	// CollapseAttendance draws each cg:Attendance as one edge from the
	// attendee to the bridge (or event), labelled with the roles, instead
	// of a node with attendee/at/event/inRole edges.
	CollapseAttendance bool
	// SkipMemberships leaves out org:Membership nodes, whose person and
	// post the holds edge derived from them already joins.
	SkipMemberships bool
	// Lang, when set, labels each node in that language first (then en,
	// de, vi, then by tag), on one line; "" keeps the default label (see
	// Node.Label).
	Lang string
}

var skipTypes = map[quad.IRI]bool{
	vocab.RDFStatement: true, vocab.Paragraph: true, vocab.RDFSClass: true,
	vocab.RDFProperty: true, vocab.OWLOntology: true, vocab.ProvBundle: true,
}

var skipPreds = map[quad.IRI]bool{
	vocab.Type: true, ontology.DerivedFrom: true, ontology.AttributedTo: true,
	ontology.PrimarySource: true, vocab.IsDefinedBy: true,
	vocab.BridgeOf:   true,
	vocab.RDFSubject: true, vocab.RDFPredicate: true, vocab.RDFObject: true,
}

// labelPreds are tried in order for a node's label.
var labelPreds = ontology.DisplayOrder

// The W3C ORG relations drawn from a membership; the data never states them.
var (
	orgHolds    = vocab.Term(vocab.ORG, "holds")
	orgMemberOf = vocab.Term(vocab.ORG, "memberOf")
	orgHeadOf   = vocab.Term(vocab.ORG, "headOf")
)

// statusWords names each holding status in a derived edge's label; current
// (the default) adds nothing.
var statusWords = map[quad.IRI]string{}

// actWords names each speech act concept ("reported") in a statement's label.
var actWords = map[quad.IRI]string{}

func init() {
	for word, iri := range vocab.HoldingStatuses {
		if word != "current" {
			statusWords[iri] = word
		}
	}
	for word, iri := range vocab.SpeechActs {
		actWords[iri] = word
	}
}

type info struct {
	types  []quad.IRI
	labels map[quad.IRI]map[string]string // predicate -> language -> first value
	rels   []quad.Quad
	flags  map[quad.IRI]bool // boolean predicates stated true (a role's cg:heads)
}

func nodeID(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.IRI:
		return string(v), true
	case quad.BNode:
		return "_:" + string(v), true
	}
	return "", false
}

// Build reads s and returns its view. pm shortens type IRIs.
func Build(s rdf.Seq, pm *prefix.Map, opt Options) (*View, error) {
	infos := map[string]*info{}
	get := func(id string) *info {
		in := infos[id]
		if in == nil {
			in = &info{labels: map[quad.IRI]map[string]string{}}
			infos[id] = in
		}
		return in
	}
	err := s(func(q quad.Quad) error {
		sid, ok := nodeID(q.Subject)
		if !ok {
			return nil
		}
		in := get(sid)
		p, _ := q.Predicate.(quad.IRI)
		switch o := q.Object.(type) {
		case quad.IRI:
			if p == vocab.Type {
				if len(in.types) == 0 || in.types[len(in.types)-1] != o {
					in.types = append(in.types, o)
				}
				return nil
			}
			in.rels = append(in.rels, q)
		case quad.BNode:
			in.rels = append(in.rels, q)
		case quad.LangString:
			in.label(p, o.Lang, string(o.Value))
		case quad.String:
			in.label(p, "", string(o))
		case quad.TypedString:
			if string(o.Type) == vocab.XSD+"string" {
				in.label(p, "", string(o.Value))
			}
			if o.Type == vocab.XSDBoolean && o.Value == "true" {
				if in.flags == nil {
					in.flags = map[quad.IRI]bool{}
				}
				in.flags[p] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	skip := func(id string) bool {
		if strings.HasPrefix(id, vocab.CG) {
			return true // a term of the project vocabulary, not an entity
		}
		in := infos[id]
		if in == nil {
			return false
		}
		for _, t := range in.types {
			if skipTypes[t] || (opt.SkipMemberships && t == vocab.OrgMembership) {
				return true
			}
		}
		return false
	}
	v := &View{}
	nodes := map[string]bool{}
	label := func(id string) string {
		if in := infos[id]; in != nil {
			if l := in.bestLabel(opt.Lang); l != "" {
				return strings.SplitN(l, "\n", 2)[0]
			}
		}
		return pm.Short(id)
	}
	addNode := func(id string) {
		if nodes[id] {
			return
		}
		nodes[id] = true
		n := Node{ID: id, Label: pm.Short(id)}
		if in := infos[id]; in != nil {
			n.Types = in.types
			var ts []string
			for _, t := range in.types {
				ts = append(ts, pm.Short(string(t)))
				if t == vocab.Attendance {
					n.Attendance = true
				}
			}
			n.Type = strings.Join(ts, ", ")
			if l := in.bestLabel(opt.Lang); l != "" {
				n.Label = l
			} else if l := implementationLabel(in, label); l != "" {
				n.Label = l
			} else if l := statementLabel(in, label); l != "" {
				n.Label = l
			}
		}
		v.Nodes = append(v.Nodes, n)
	}
	ids := slices.Sorted(maps.Keys(infos))
	for _, id := range ids {
		in := infos[id]
		if slices.Contains(in.types, vocab.OrgMembership) {
			for _, e := range membershipEdges(in, infos) {
				if !skip(e.From) && !skip(e.To) {
					addNode(e.From)
					addNode(e.To)
					v.Edges = append(v.Edges, e)
				}
			}
		}
		if skip(id) || (len(in.types) == 0 && len(in.rels) == 0) {
			continue
		}
		isAtt := false
		for _, t := range in.types {
			isAtt = isAtt || t == vocab.Attendance
		}
		if isAtt && opt.CollapseAttendance {
			var attendee, at, event string
			var roles []string
			for _, q := range in.rels {
				o, _ := nodeID(q.Object)
				switch q.Predicate {
				case vocab.Attendee:
					attendee = o
				case vocab.AttendedAt:
					at = o
				case vocab.AttendanceEvent:
					event = o
				case vocab.InRole:
					roles = append(roles, label(o))
				}
			}
			to := at
			if to == "" {
				to = event
			}
			if attendee == "" || to == "" {
				continue
			}
			addNode(attendee)
			addNode(to)
			l := "attended"
			if len(roles) > 0 {
				l += " as\n" + strings.Join(roles, ",\n")
			}
			v.Edges = append(v.Edges, Edge{From: attendee, To: to, Label: l})
			continue
		}
		addNode(id)
		for _, q := range in.rels {
			p, _ := q.Predicate.(quad.IRI)
			if skipPreds[p] || (opt.CollapseAttendance && p == vocab.SchemaAttendee) {
				continue
			}
			o, _ := nodeID(q.Object)
			if skip(o) {
				continue
			}
			addNode(o)
			v.Edges = append(v.Edges, Edge{From: id, To: o, Label: localName(string(p)), Predicate: string(p)})
		}
	}
	sort.Slice(v.Nodes, func(i, j int) bool { return v.Nodes[i].ID < v.Nodes[j].ID })
	sort.Slice(v.Edges, func(i, j int) bool {
		a, b := v.Edges[i], v.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Label < b.Label
	})
	// The same relation stated in several graphs is drawn once.
	out := v.Edges[:0]
	for i, e := range v.Edges {
		if i > 0 && e == v.Edges[i-1] {
			continue
		}
		out = append(out, e)
	}
	v.Edges = out
	return v, nil
}

// membershipEdges are the edges a membership gives its holder: holds to
// the post, memberOf and headOf to the body as the role says.
func membershipEdges(m *info, infos map[string]*info) []Edge {
	var who, post, org, role []string
	suffix := ""
	for _, q := range m.rels {
		o, ok := nodeID(q.Object)
		if !ok {
			continue
		}
		switch q.Predicate {
		case vocab.OrgMember:
			who = appendNew(who, o)
		case vocab.Post:
			post = appendNew(post, o)
		case vocab.OrgOrganizationP:
			org = appendNew(org, o)
		case vocab.OrgRoleP:
			role = appendNew(role, o)
		case vocab.Status:
			if iri, _ := q.Object.(quad.IRI); statusWords[iri] != "" {
				suffix = " (" + statusWords[iri] + ")"
			}
		}
	}
	heads, member := false, false
	for _, r := range role {
		if in := infos[r]; in != nil {
			heads = heads || in.flags[vocab.Heads]
			member = member || in.flags[vocab.ConfersMember]
		}
	}
	var out []Edge
	edge := func(from, to string, p quad.IRI) {
		out = append(out, Edge{From: from, To: to, Label: localName(string(p)) + suffix, Predicate: string(p)})
	}
	for _, w := range who {
		for _, p := range post {
			edge(w, p, orgHolds)
		}
		for _, o := range org {
			if member {
				edge(w, o, orgMemberOf)
			}
			if heads {
				edge(w, o, orgHeadOf)
			}
		}
	}
	return out
}

// implementationLabel names an unlabelled cg:Implementation after what it
// says: "implementation of DOCUMENT by AGENT[, AGENT...]".
func implementationLabel(in *info, label func(string) string) string {
	isImpl := false
	for _, t := range in.types {
		isImpl = isImpl || t == vocab.Implementation
	}
	if !isImpl {
		return ""
	}
	var docs, agents []string
	for _, q := range in.rels {
		o, ok := nodeID(q.Object)
		if !ok {
			continue
		}
		switch q.Predicate {
		case vocab.Implements:
			docs = appendNew(docs, label(o))
		case vocab.ImplementedBy:
			agents = appendNew(agents, label(o))
		}
	}
	if len(docs) == 0 && len(agents) == 0 {
		return ""
	}
	l := "implementation"
	if len(docs) > 0 {
		l += " of " + strings.Join(docs, ", ")
	}
	if len(agents) > 0 {
		l += " by " + strings.Join(agents, ", ")
	}
	return l
}

// statementLabel names an unlabelled cg:Statement after its act and
// speaker: "reported by SPEAKER".
func statementLabel(in *info, label func(string) string) string {
	if !slices.Contains(in.types, vocab.Statement) {
		return ""
	}
	act, who := "statement", []string{}
	for _, q := range in.rels {
		o, ok := nodeID(q.Object)
		if !ok {
			continue
		}
		switch q.Predicate {
		case vocab.SpeechAct:
			if w := actWords[quad.IRI(o)]; w != "" {
				act = w
			}
		case vocab.StatedBy:
			who = appendNew(who, label(o))
		}
	}
	if len(who) == 0 {
		return act
	}
	return act + " by " + strings.Join(who, ", ")
}

// appendNew appends s unless list has it (a quad stated in several graphs
// is read once per graph).
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (in *info) label(p quad.IRI, lang, val string) {
	m := in.labels[p]
	if m == nil {
		m = map[string]string{}
		in.labels[p] = m
	}
	if _, ok := m[lang]; !ok {
		m[lang] = val
	}
}

// bestLabel returns, for lang "", the English (else untagged, else first)
// label of the first label property present, plus the Vietnamese one when
// it differs. For a language lang it returns the label in the first
// language of lang, en, de, vi, untagged, the others by tag that some label
// property has, trying the properties in order within each language.
func (in *info) bestLabel(lang string) string {
	if lang != "" {
		return in.labelIn(lang)
	}
	for _, p := range labelPreds {
		m := in.labels[p]
		if len(m) == 0 {
			continue
		}
		l, ok := m["en"]
		if !ok {
			l, ok = m[""]
		}
		if !ok {
			langs := slices.Sorted(maps.Keys(m))
			l = m[langs[0]]
		}
		if vi, ok := m["vi"]; ok && vi != l {
			l += "\n" + vi
		}
		return l
	}
	return ""
}

// localName returns the part of iri after its last '/' or '#'.
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#"); i >= 0 && i < len(iri)-1 {
		return iri[i+1:]
	}
	return iri
}

// Describe returns the label (first line only) and the classes of one
// subject, given all its quads, as Build would show them.
func Describe(qs []quad.Quad) (label string, types []quad.IRI) { return DescribeLang(qs, "") }

// DescribeLang is Describe with the label in language lang first (see
// Options.Lang).
func DescribeLang(qs []quad.Quad, lang string) (label string, types []quad.IRI) {
	in := &info{labels: map[quad.IRI]map[string]string{}}
	for _, q := range qs {
		p, _ := q.Predicate.(quad.IRI)
		switch o := q.Object.(type) {
		case quad.IRI:
			if p == vocab.Type && (len(types) == 0 || types[len(types)-1] != o) {
				types = append(types, o)
			}
		case quad.LangString:
			in.label(p, o.Lang, string(o.Value))
		case quad.String:
			in.label(p, "", string(o))
		}
	}
	return strings.SplitN(in.bestLabel(lang), "\n", 2)[0], types
}

// labelIn is bestLabel for a language.
func (in *info) labelIn(lang string) string {
	order := []string{strings.ToLower(lang), "en", "de", "vi", ""}
	var rest []string
	for _, p := range labelPreds {
		for l := range in.labels[p] {
			if !slices.Contains(order, strings.ToLower(l)) && !slices.Contains(rest, l) {
				rest = append(rest, l)
			}
		}
	}
	sort.Strings(rest)
	for _, l := range append(order, rest...) {
		for _, p := range labelPreds {
			for tag, val := range in.labels[p] {
				if strings.EqualFold(tag, l) {
					return val
				}
			}
		}
	}
	return ""
}
