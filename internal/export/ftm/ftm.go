// Package ftm writes confgraph's facts as FollowTheMoney (FtM) entities,
// one JSON object {"id","schema","properties"} per line, every property
// value a list of strings, for Aleph, OpenSanctions and yente. It targets
// the model of followthemoney 3.8 (docs/ftm.md has the mapping).
//
// The export walks the sorted quads twice. The first walk keeps a small
// index: the paragraphs and reports that provenance names, the report
// URLs, which roles confer membership, and the labels of places, bridges,
// posts, roles and report authors (what other entities name as text). The
// second walk writes each subject's entities as soon as its quads are read:
// memory is bounded by the index and the largest subject, not by the graph.
package ftm

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// Entity is one FtM entity.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *Entity) add(prop string, vals ...string) {
	for _, s := range vals {
		if s = strings.TrimSpace(s); s != "" {
			e.Properties[prop] = append(e.Properties[prop], s)
		}
	}
}

// finish sorts and deduplicates every value list and drops empty ones.
func (e *Entity) finish() {
	for k, vs := range e.Properties {
		sort.Strings(vs)
		vs = slices.Compact(vs)
		if len(vs) == 0 {
			delete(e.Properties, k)
			continue
		}
		e.Properties[k] = vs
	}
}

func newEntity(id, schema string) *Entity {
	return &Entity{ID: id, Schema: schema, Properties: map[string][]string{}}
}

// Split returns the kind and ID of a confgraph instance IRI
// (mapping.SplitIRI); a fact node's ID is REPORT.ID, so that the same
// holding stated by two reports gives two entities.
func Split(iri string) (kind, id string, ok bool) {
	k, r, id, ok := mapping.SplitIRI(iri)
	if r != "" {
		id = r + "." + id
	}
	return k, id, ok
}

const maxID = 200

func okIDChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-'
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// MakeID joins parts with "-" behind "cg-" into an FtM ID matching
// ^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$ of at most 200 characters. A
// join that does not fit as it is (other characters, too long) has them
// replaced and gets a hash of the join, so distinct joins stay distinct.
func MakeID(parts ...string) string {
	raw := "cg-" + strings.Join(parts, "-")
	clean := len(raw) <= maxID && okIDChar(raw[len(raw)-1]) && raw[len(raw)-1] != '.' && raw[len(raw)-1] != '-'
	for i := 0; clean && i < len(raw); i++ {
		clean = okIDChar(raw[i])
	}
	if clean {
		return raw
	}
	s := strings.Map(func(r rune) rune {
		if r < 128 && okIDChar(byte(r)) {
			return r
		}
		return '-'
	}, raw)
	s = strings.TrimRight(s, ".-")
	if len(s) > maxID-17 {
		s = strings.TrimRight(s[:maxID-17], ".-")
	}
	return s + "-" + hash(raw)
}

// IDOf returns the FtM ID of the entity an IRI names: cg-{kind}-{id} for a
// confgraph IRI, else cg-iri-{hash}.
func IDOf(iri string) string {
	if k, id, ok := Split(iri); ok {
		return MakeID(k, id)
	}
	return "cg-iri-" + hash(iri)
}

// subject is the quads of one subject, by predicate (rdf.Subject), with
// the label rules of the FtM export.
type subject struct{ *rdf.Subject }

func read(s quad.Value, qs []quad.Quad) *subject { return &subject{rdf.NewSubject(s, qs)} }

// lexical returns the lexical form of a literal.
func lexical(o quad.Value) (string, bool) {
	t, ok := rdf.Lexical(o)
	return t.Value, ok
}

// Display returns the one label shown for a subject: its English
// skos:prefLabel, else its rdfs:label, else any label; "" without one.
func (s *subject) display() string {
	for _, t := range s.Texts(v.PrefLabel) {
		if t.Lang == "en" {
			return t.Value
		}
	}
	for _, p := range []quad.IRI{v.Label, v.SchemaName, v.PrefLabel} {
		if t := s.String1(p); t != "" {
			return t
		}
	}
	return ""
}

// names returns the report's own names (rdfs:label, one per report graph)
// and the other names: preferred labels in every language and the
// alternative names the report writes.
func (s *subject) names() (name, alias []string) {
	name = s.Strings(v.Label)
	if len(name) == 0 {
		if d := s.display(); d != "" {
			name = []string{d}
		}
	}
	for _, p := range []quad.IRI{v.PrefLabel, v.AltLabel, v.SchemaName, v.SchemaAltName} {
		for _, t := range s.Strings(p) {
			if !slices.Contains(name, t) {
				alias = append(alias, t)
			}
		}
	}
	return name, alias
}

// para is a paragraph of a report.
type para struct {
	report string // report IRI
	n      int
}

// report is what the index keeps of a report.
type report struct {
	id, url string
}

// index is what the first walk keeps.
type index struct {
	paras   map[string]para
	reports map[string]report   // report IRI →
	graphs  map[string]string   // graph IRI → report IRI
	labels  map[string]string   // place, bridge, post, role, author IRI → label
	confers map[string]bool     // role IRIs whose holders are members
	authors map[string][]string // report IRI → author IRIs
}

func buildIndex(all rdf.Seq) (*index, error) {
	ix := &index{paras: map[string]para{}, reports: map[string]report{}, graphs: map[string]string{},
		labels: map[string]string{}, confers: map[string]bool{}, authors: map[string][]string{}}
	err := rdf.Subjects(all, func(s quad.Value, qs []quad.Quad) error {
		sub := read(s, qs)
		if sub.IRI == "" {
			return nil
		}
		switch {
		case sub.Types[v.Paragraph]:
			n, _ := strconv.Atoi(sub.String1(v.SchemaPosition))
			ix.paras[sub.IRI] = para{report: sub.IRI1(v.SchemaIsPartOf), n: n}
		case sub.Types[v.SchemaReport]:
			_, id, ok := Split(sub.IRI)
			if !ok {
				id = sub.IRI
			}
			ix.reports[sub.IRI] = report{id: id, url: sub.String1(v.SchemaURL)}
			if u := sub.IRI1(v.SchemaURL); u != "" && ix.reports[sub.IRI].url == "" {
				ix.reports[sub.IRI] = report{id: id, url: u}
			}
			ix.authors[sub.IRI] = sub.IRIs(v.SchemaAuthor)
		case sub.Types[v.ProvBundle]:
			ix.graphs[sub.IRI] = sub.IRI1(v.HadPrimarySource)
		case sub.Types[v.SchemaPlace], sub.Types[v.Bridge], sub.Types[v.OrgPost], sub.Types[v.OrgRole],
			len(sub.Types) == 1 && sub.Types[v.ProvAgent]:
			ix.labels[sub.IRI] = sub.display()
			if sub.Types[v.OrgRole] && slices.Contains(sub.Strings(v.ConfersMember), "true") {
				ix.confers[sub.IRI] = true
			}
		}
		return nil
	})
	return ix, err
}

// prov is the provenance of a subject in one report.
type prov struct {
	report string // report IRI
	paras  []int
	quotes []string
}

// provenance returns what the subject rests on, per report, in report
// order: the paragraphs it is derived from and the quotes of its graph.
func (ix *index) provenance(s *subject) []prov {
	by := map[string]*prov{}
	get := func(r string) *prov {
		if by[r] == nil {
			by[r] = &prov{report: r}
		}
		return by[r]
	}
	for _, q := range s.By[v.WasDerivedFrom] {
		iri, _ := q.Object.(quad.IRI)
		if p, ok := ix.paras[string(iri)]; ok && p.report != "" {
			pr := get(p.report)
			pr.paras = append(pr.paras, p.n)
		}
	}
	for _, q := range s.By[v.Evidence] {
		g, _ := q.Label.(quad.IRI)
		if r := ix.graphs[string(g)]; r != "" {
			if t, ok := lexical(q.Object); ok {
				get(r).quotes = append(get(r).quotes, t)
			}
		}
	}
	var out []prov
	for _, r := range slices.Sorted(mapsKeys(by)) {
		p := by[r]
		sort.Ints(p.paras)
		p.paras = slices.Compact(p.paras)
		sort.Strings(p.quotes)
		p.quotes = slices.Compact(p.quotes)
		out = append(out, *p)
	}
	return out
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Cite words one report's provenance: `report R §3, §9: "quote"`.
func (ix *index) cite(p prov) string {
	var b strings.Builder
	b.WriteString("report ")
	b.WriteString(ix.reportID(p.report))
	for i, n := range p.paras {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString("§" + strconv.Itoa(n))
	}
	for i, q := range p.quotes {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString("\"" + q + "\"")
	}
	return b.String()
}

func (ix *index) reportID(r string) string {
	if rep, ok := ix.reports[r]; ok {
		return rep.id
	}
	if _, id, ok := Split(r); ok {
		return id
	}
	return r
}

// source sets the provenance of an entity: sourceUrl (the reports' URLs)
// and, per report, a citation in prop (summary for intervals).
func (ix *index) source(e *Entity, ps []prov, prop string) {
	for _, p := range ps {
		e.add("sourceUrl", ix.reports[p.report].url)
		if prop != "" {
			e.add(prop, ix.cite(p))
		}
	}
}

// documented gives a thing its proof (the report entities) and one
// Documentation entity per report, which cites the paragraphs.
func (ix *index) documented(e *Entity, ps []prov) []*Entity {
	ix.source(e, ps, "")
	var out []*Entity
	for _, p := range ps {
		if _, ok := ix.reports[p.report]; !ok {
			continue
		}
		rid := IDOf(p.report)
		e.add("proof", rid)
		d := newEntity(MakeID("documentation", strings.TrimPrefix(e.ID, "cg-"), "in", ix.reportID(p.report)), "Documentation")
		d.add("document", rid)
		d.add("entity", e.ID)
		d.add("role", "source")
		d.add("summary", ix.cite(p))
		d.add("sourceUrl", ix.reports[p.report].url)
		out = append(out, d)
	}
	return out
}

// statusWords are the FtM status values of cg:HoldingStatus.
var statusWords = func() map[string]string {
	out := map[string]string{}
	for w, iri := range v.HoldingStatuses {
		out[string(iri)] = w
	}
	return out
}()

var qualifierWords = func() map[string]string {
	out := map[string]string{}
	for w, iri := range v.HoldingQualifiers {
		out[string(iri)] = w
	}
	return out
}()

// languages maps the BCP 47 primary tags of the report languages to the
// ISO 639-3 codes FtM 3.8 accepts (its list has no Vietnamese).
var languages = map[string]string{
	"de": "deu", "en": "eng", "fr": "fra", "ru": "rus", "zh": "zho", "es": "spa", "it": "ita",
	"ja": "jpn", "ko": "kor", "pt": "por", "nl": "nld", "pl": "pol", "uk": "ukr", "km": "khm",
}

func kindOf(iri string) string {
	k, _, _ := Split(iri)
	return k
}

// entities maps one subject.
func (ix *index) entities(s *subject) []*Entity {
	if s.IRI == "" {
		return nil
	}
	id := IDOf(s.IRI)
	ps := ix.provenance(s)
	name, alias := s.names()
	if len(name) == 0 {
		_, slug, _ := Split(s.IRI)
		name = []string{slug}
	}
	thing := func(schema string) *Entity {
		e := newEntity(id, schema)
		e.add("name", name...)
		e.add("alias", alias...)
		e.add("notes", s.Strings(v.EditorialNote)...)
		for _, same := range s.IRIs(v.OWLSameAs) {
			if q, ok := strings.CutPrefix(same, v.WikidataEntity); ok {
				e.add("wikidataId", q)
			}
		}
		return e
	}
	t := s.Types
	switch {
	case t[v.SchemaPerson]:
		e := thing("Person")
		for _, g := range s.IRIs(v.SchemaGender) {
			switch strings.TrimPrefix(g, v.Schema) {
			case "Male":
				e.add("gender", "male")
			case "Female":
				e.add("gender", "female")
			}
		}
		return append([]*Entity{e}, ix.documented(e, ps)...)
	case t[v.OrgOrganization], t[v.Group]:
		e := thing("Organization")
		if !t[v.OrgOrganization] {
			e.Schema = "LegalEntity" // a group of people the report describes collectively
		}
		for _, p := range s.IRIs(v.OrgSubOrgOf) {
			e.add("parent", IDOf(p))
		}
		return append([]*Entity{e}, ix.documented(e, ps)...)
	case t[v.OrgPost]:
		e := thing("Position")
		for _, o := range s.IRIs(v.OrgPostIn) {
			e.add("organization", IDOf(o))
		}
		return append([]*Entity{e}, ix.documented(e, ps)...)
	case t[v.SchemaPlace]:
		e := thing("Address")
		e.add("full", s.display())
		return append([]*Entity{e}, ix.documented(e, ps)...)
	case t[v.SchemaEvent]:
		e := thing("Event")
		e.add("startDate", s.Strings(v.SchemaStartDate)...)
		e.add("endDate", s.Strings(v.SchemaEndDate)...)
		e.add("description", s.Strings(v.SchemaDescription)...)
		for _, l := range s.IRIs(v.SchemaLocation) {
			ix.place(e, l)
		}
		for _, o := range s.IRIs(v.SchemaOrganizer) {
			e.add("organizer", IDOf(o))
		}
		for _, a := range s.IRIs(v.SchemaAttendee) {
			e.add("involved", IDOf(a))
		}
		return append([]*Entity{e}, ix.documented(e, ps)...)
	case t[v.Bridge]:
		e := thing("Event")
		for _, l := range s.IRIs(v.SchemaContainedIn) {
			ix.place(e, l)
		}
		out := append([]*Entity{e}, ix.documented(e, ps)...)
		for _, ev := range s.IRIs(v.BridgeOf) {
			l := newEntity(MakeID("bridgeof", strings.TrimPrefix(id, "cg-")), "UnknownLink")
			l.add("subject", id)
			l.add("object", IDOf(ev))
			if slices.Contains(s.Strings(v.Central), "true") {
				l.add("role", "central bridge of")
			} else {
				l.add("role", "bridge of")
			}
			ix.source(l, ps, "summary")
			out = append(out, l)
		}
		return out
	case t[v.SchemaLegislation]:
		e := thing("Document")
		e.add("title", name...)
		_, slug, _ := Split(s.IRI)
		e.add("fileName", slug) // required by FtM; a resolution has no file
		e.add("alias", s.Strings(v.SchemaIdentifier)...)
		out := append([]*Entity{e}, ix.documented(e, ps)...)
		for _, by := range s.IRIs(v.SchemaLegislator) {
			l := newEntity(MakeID("issued", strings.TrimPrefix(id, "cg-")), "UnknownLink")
			l.add("subject", IDOf(by))
			l.add("object", id)
			l.add("role", "issued")
			ix.source(l, ps, "summary")
			out = append(out, l)
		}
		return out
	case t[v.OrgMembership]:
		return ix.holding(s, ps)
	case t[v.Attendance]:
		return ix.attendance(s, ps)
	case t[v.SchemaReport]:
		return []*Entity{ix.report(s)}
	}
	return nil
}

// place sets an event's location (the place's label) and address entity.
func (ix *index) place(e *Entity, iri string) {
	e.add("location", ix.labels[iri])
	if kindOf(iri) == "place" {
		e.add("addressEntity", IDOf(iri))
	}
}

// holding maps an org:Membership to an Occupancy of the post and, when
// the role makes its holders members of the post's body, a Membership.
func (ix *index) holding(s *subject, ps []prov) []*Entity {
	_, mid, _ := Split(s.IRI)
	if mid == "" {
		mid = hash(s.IRI)
	}
	interval := func(e *Entity) {
		e.add("startDate", s.Strings(v.SchemaStartDate)...)
		e.add("endDate", s.Strings(v.SchemaEndDate)...)
		e.add("date", s.Strings(v.AsOf)...)
		for _, st := range s.IRIs(v.Status) {
			e.add("status", statusWords[st])
		}
		for _, q := range s.IRIs(v.Qualifier) {
			e.add("description", "qualifier: "+qualifierWords[q])
		}
		for _, tt := range s.Strings(v.TermText) {
			e.add("description", "term: "+tt)
		}
		e.add("description", s.Strings(v.EditorialNote)...)
		ix.source(e, ps, "summary")
	}
	var out []*Entity
	persons := s.IRIs(v.OrgMember)
	if post := s.IRI1(v.Post); post != "" && len(persons) > 0 {
		o := newEntity(MakeID("occupancy", mid), "Occupancy")
		for _, p := range persons {
			o.add("holder", IDOf(p))
		}
		o.add("post", IDOf(post))
		interval(o)
		out = append(out, o)
	}
	org, role := s.IRI1(v.OrgOrganizationP), s.IRI1(v.OrgRoleP)
	if org != "" && len(persons) > 0 && ix.confers[role] {
		m := newEntity(MakeID("membership", mid), "Membership")
		for _, p := range persons {
			m.add("member", IDOf(p))
		}
		m.add("organization", IDOf(org))
		m.add("role", ix.labels[role])
		interval(m)
		out = append(out, m)
	}
	return out
}

// attendance maps a cg:Attendance to an UnknownLink from the attendee to
// the event, with where and in which posts as the description.
func (ix *index) attendance(s *subject, ps []prov) []*Entity {
	_, aid, _ := Split(s.IRI)
	if aid == "" {
		aid = hash(s.IRI)
	}
	ev, who := s.IRI1(v.AttendanceEvent), s.IRI1(v.Attendee)
	if ev == "" || who == "" {
		return nil
	}
	l := newEntity(MakeID("attendance", aid), "UnknownLink")
	l.add("subject", IDOf(who))
	l.add("object", IDOf(ev))
	l.add("role", "attendee")
	var where, as []string
	for _, at := range s.IRIs(v.AttendedAt) {
		where = append(where, ix.labels[at])
	}
	for _, r := range s.IRIs(v.InRole) {
		as = append(as, ix.labels[r])
	}
	if len(where) > 0 {
		l.add("description", "at "+strings.Join(where, ", "))
	}
	if len(as) > 0 {
		l.add("description", "as "+strings.Join(as, "; "))
	}
	l.add("description", s.Strings(v.EditorialNote)...)
	ix.source(l, ps, "summary")
	return []*Entity{l}
}

// report maps the source report to an Article.
func (ix *index) report(s *subject) *Entity {
	e := newEntity(IDOf(s.IRI), "Article")
	title := s.Strings(v.SchemaName)
	if len(title) == 0 {
		title = s.Strings(v.Label)
	}
	e.add("name", title...)
	e.add("title", title...)
	file := s.String1(v.SourceFile)
	if file == "" {
		file = ix.reportID(s.IRI)
	}
	e.add("fileName", file)
	e.add("sourceUrl", ix.reports[s.IRI].url)
	e.add("publishedAt", s.Strings(v.SchemaDateCreated)...)
	e.add("retrievedAt", s.Strings(v.RetrievedOn)...)
	for _, l := range s.Strings(v.SchemaInLanguage) {
		e.add("language", languages[strings.ToLower(strings.SplitN(l, "-", 2)[0])])
	}
	for _, a := range ix.authors[s.IRI] {
		e.add("author", ix.labels[a])
	}
	e.add("summary", s.Strings(v.SchemaDescription)...)
	e.add("notes", s.Strings(v.EditorialNote)...)
	return e
}

// Write writes the entities of src, one JSON object a line, in the order
// of their subjects' IRIs (an entity's Documentation and links follow
// it): the same bytes for the same quads.
func Write(w io.Writer, src rdf.Source) error {
	ix, err := buildIndex(src.All)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err = rdf.Subjects(src.All, func(s quad.Value, qs []quad.Quad) error {
		for _, e := range ix.entities(read(s, qs)) {
			e.finish()
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
