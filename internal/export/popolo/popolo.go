// Package popolo writes confgraph's facts as one Popolo JSON document
// (popoloproject.com): persons, organizations, posts, memberships and
// events, each with the sources (report and paragraphs) it rests on.
// docs/popolo.md has the mapping.
//
// A Popolo document is one JSON value whose parts refer to each other
// (a membership's post, a bridge's parent event), so the export holds the
// entities of the whole graph before it writes: memory grows with the
// graph, as for GraphML and DOT.
package popolo

import (
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

// Document is the exported document; arrays are sorted by id.
type Document struct {
	Persons       []Person       `json:"persons"`
	Organizations []Organization `json:"organizations"`
	Posts         []Post         `json:"posts"`
	Memberships   []Membership   `json:"memberships"`
	Events        []Event        `json:"events"`
}

// OtherName is a name in another language or an alternative name.
type OtherName struct {
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
}

// Link is a source or a link: a URL and what it is.
type Link struct {
	URL  string `json:"url"`
	Note string `json:"note,omitempty"`
}

// Identifier is an identifier issued by a scheme (Wikidata).
type Identifier struct {
	Identifier string `json:"identifier"`
	Scheme     string `json:"scheme,omitempty"`
}

// Person is a popolo person.
type Person struct {
	ID          string       `json:"id"`
	Name        string       `json:"name,omitempty"`
	OtherNames  []OtherName  `json:"other_names,omitempty"`
	Gender      string       `json:"gender,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Links       []Link       `json:"links,omitempty"`
	Sources     []Link       `json:"sources"`
}

// Organization is a popolo organization (also confgraph's groups).
type Organization struct {
	ID             string       `json:"id"`
	Name           string       `json:"name,omitempty"`
	OtherNames     []OtherName  `json:"other_names,omitempty"`
	Classification string       `json:"classification,omitempty"`
	ParentID       string       `json:"parent_id,omitempty"`
	Identifiers    []Identifier `json:"identifiers,omitempty"`
	Links          []Link       `json:"links,omitempty"`
	Sources        []Link       `json:"sources"`
}

// Post is a popolo post.
type Post struct {
	ID             string   `json:"id"`
	Label          string   `json:"label,omitempty"`
	OtherLabel     []string `json:"other_label,omitempty"`
	Role           string   `json:"role,omitempty"`
	OrganizationID string   `json:"organization_id,omitempty"`
	Sources        []Link   `json:"sources"`
}

// Membership is a popolo membership: one holding of a post.
type Membership struct {
	ID             string `json:"id"`
	Label          string `json:"label,omitempty"`
	Role           string `json:"role,omitempty"`
	PersonID       string `json:"person_id"`
	OrganizationID string `json:"organization_id,omitempty"`
	PostID         string `json:"post_id,omitempty"`
	StartDate      string `json:"start_date,omitempty"`
	EndDate        string `json:"end_date,omitempty"`
	Sources        []Link `json:"sources"`
}

// Attendee is a person attending an event, by id and name.
type Attendee struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Event is a popolo event: an event, or a bridge as its child.
type Event struct {
	ID             string     `json:"id"`
	Name           string     `json:"name,omitempty"`
	Description    string     `json:"description,omitempty"`
	StartDate      string     `json:"start_date,omitempty"`
	EndDate        string     `json:"end_date,omitempty"`
	Location       string     `json:"location,omitempty"`
	Classification string     `json:"classification,omitempty"`
	OrganizationID string     `json:"organization_id,omitempty"`
	ParentID       string     `json:"parent_id,omitempty"`
	Attendees      []Attendee `json:"attendees,omitempty"`
	Sources        []Link     `json:"sources"`
}

// ID returns the Popolo id of a confgraph IRI (mapping.SplitIRI):
// "{kind}/{id}" for an entity, "{kind}/{report}/{id}" for a fact node,
// else the IRI itself.
func ID(iri string) string {
	k, r, id, ok := mapping.SplitIRI(iri)
	switch {
	case !ok:
		return iri
	case r != "":
		return k + "/" + r + "/" + id
	}
	return k + "/" + id
}

// subject is the quads of one subject, by predicate (rdf.Subject), with
// the label rules of the Popolo export.
type subject struct{ *rdf.Subject }

// display is the label shown: the English preferred label, else the
// report's label, else any.
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

// names returns the report's own name (its rdfs:label; the first of
// several reports') and the other names, each with a note saying what it
// is: "de", "en" (a preferred label in that language), "alternative name
// (de)", "name in another report (de)".
func (s *subject) names() (string, []OtherName) {
	own := s.Texts(v.Label)
	name := ""
	if len(own) > 0 {
		name = own[0].Value
	} else {
		name = s.display()
	}
	seen := map[OtherName]bool{}
	var out []OtherName
	add := func(n, note string) {
		o := OtherName{n, note}
		if n == "" || n == name || seen[o] {
			return
		}
		seen[o] = true
		out = append(out, o)
	}
	for _, t := range own {
		add(t.Value, "name in another report ("+t.Lang+")")
	}
	for _, t := range s.Texts(v.PrefLabel) {
		add(t.Value, t.Lang)
	}
	for _, t := range s.Texts(v.AltLabel) {
		add(t.Value, "alternative name ("+t.Lang+")")
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Note < out[j].Note
	})
	return name, out
}

type para struct {
	report string
	n      int
}

// graph is everything read, by subject IRI.
type graph struct {
	subjects map[string]*subject
	paras    map[string]para
	graphs   map[string]string // graph IRI → report IRI
}

func (g *graph) of(t quad.IRI) []*subject {
	var out []*subject
	for _, s := range g.subjects {
		if s.Types[t] {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out
}

func (g *graph) label(iri string) string {
	if s := g.subjects[iri]; s != nil {
		return s.display()
	}
	return ""
}

func (g *graph) reportURL(r string) string {
	if s := g.subjects[r]; s != nil {
		if u := s.String1(v.SchemaURL); u != "" {
			return u
		}
		if u := s.IRI1(v.SchemaURL); u != "" {
			return u
		}
	}
	return r
}

func (g *graph) reportID(r string) string {
	if id := ID(r); id != r {
		return strings.TrimPrefix(id, "report/")
	}
	return r
}

// sources cites the reports a subject rests on: one link per report, its
// URL (the report's IRI when it has none) and a note naming the report,
// the paragraphs and the quotes.
func (g *graph) sources(s *subject) []Link {
	paras := map[string][]int{}
	quotes := map[string][]string{}
	for _, q := range s.By[v.WasDerivedFrom] {
		iri, _ := q.Object.(quad.IRI)
		if p, ok := g.paras[string(iri)]; ok && p.report != "" {
			paras[p.report] = append(paras[p.report], p.n)
		}
	}
	for _, q := range s.By[v.Evidence] {
		gr, _ := q.Label.(quad.IRI)
		if r := g.graphs[string(gr)]; r != "" {
			if t, ok := rdf.Lexical(q.Object); ok {
				quotes[r] = append(quotes[r], t.Value)
				if paras[r] == nil {
					paras[r] = []int{}
				}
			}
		}
	}
	var out []Link
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for k := range paras {
			if !yield(k) {
				return
			}
		}
	}) {
		ns := paras[r]
		sort.Ints(ns)
		ns = slices.Compact(ns)
		qs := quotes[r]
		sort.Strings(qs)
		qs = slices.Compact(qs)
		var b strings.Builder
		b.WriteString("report " + g.reportID(r))
		for i, n := range ns {
			if i == 0 {
				b.WriteString(" ")
			} else {
				b.WriteString(", ")
			}
			b.WriteString("§" + strconv.Itoa(n))
		}
		for i, q := range qs {
			if i == 0 {
				b.WriteString(": ")
			} else {
				b.WriteString("; ")
			}
			b.WriteString("\"" + q + "\"")
		}
		out = append(out, Link{URL: g.reportURL(r), Note: b.String()})
	}
	if out == nil {
		out = []Link{}
	}
	return out
}

func identifiers(s *subject) ([]Identifier, []Link) {
	var ids []Identifier
	var links []Link
	for _, same := range s.IRIs(v.OWLSameAs) {
		if q, ok := strings.CutPrefix(same, v.WikidataEntity); ok {
			ids = append(ids, Identifier{Identifier: q, Scheme: "wikidata"})
		}
		links = append(links, Link{URL: same, Note: "same as"})
	}
	return ids, links
}

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

// build turns the graph into the document.
func (g *graph) build() *Document {
	d := &Document{Persons: []Person{}, Organizations: []Organization{}, Posts: []Post{}, Memberships: []Membership{}, Events: []Event{}}
	persons, orgs := map[string]bool{}, map[string]bool{}
	for _, s := range g.of(v.SchemaPerson) {
		name, other := s.names()
		p := Person{ID: ID(s.IRI), Name: name, OtherNames: other, Sources: g.sources(s)}
		for _, gd := range s.IRIs(v.SchemaGender) {
			switch strings.TrimPrefix(gd, v.Schema) {
			case "Male":
				p.Gender = "male"
			case "Female":
				p.Gender = "female"
			}
		}
		p.Identifiers, p.Links = identifiers(s)
		d.Persons = append(d.Persons, p)
		persons[s.IRI] = true
	}
	var bodies []*subject
	for _, s := range append(g.of(v.OrgOrganization), g.of(v.Group)...) {
		if !orgs[s.IRI] {
			orgs[s.IRI] = true
			bodies = append(bodies, s)
		}
	}
	for _, s := range bodies {
		name, other := s.names()
		o := Organization{ID: ID(s.IRI), Name: name, OtherNames: other, Sources: g.sources(s)}
		if !s.Types[v.OrgOrganization] {
			o.Classification = "group"
		}
		if p := s.IRI1(v.OrgSubOrgOf); orgs[p] {
			o.ParentID = ID(p)
		}
		o.Identifiers, o.Links = identifiers(s)
		d.Organizations = append(d.Organizations, o)
	}
	posts := map[string]bool{}
	for _, s := range g.of(v.OrgPost) {
		name, other := s.names()
		p := Post{ID: ID(s.IRI), Label: name, Role: g.label(s.IRI1(v.OrgRoleP)), Sources: g.sources(s)}
		for _, o := range other {
			p.OtherLabel = append(p.OtherLabel, o.Name)
		}
		p.OtherLabel = slices.Compact(p.OtherLabel)
		if o := s.IRI1(v.OrgPostIn); orgs[o] {
			p.OrganizationID = ID(o)
		}
		d.Posts = append(d.Posts, p)
		posts[s.IRI] = true
	}
	for _, s := range g.of(v.OrgMembership) {
		person := s.IRI1(v.OrgMember)
		if !persons[person] {
			continue
		}
		m := Membership{ID: ID(s.IRI), PersonID: ID(person), Role: g.label(s.IRI1(v.OrgRoleP)),
			StartDate: s.String1(v.SchemaStartDate), EndDate: s.String1(v.SchemaEndDate), Sources: g.sources(s)}
		if o := s.IRI1(v.OrgOrganizationP); orgs[o] {
			m.OrganizationID = ID(o)
		}
		post := s.IRI1(v.Post)
		if posts[post] {
			m.PostID = ID(post)
		}
		label := g.label(post)
		if q := qualifierWords[s.IRI1(v.Qualifier)]; q != "" {
			label = q + ": " + label
		}
		if st := statusWords[s.IRI1(v.Status)]; st != "" && st != "current" {
			label += " (" + st + ")"
		}
		m.Label = label
		d.Memberships = append(d.Memberships, m)
	}
	// attendances: a person attending at a bridge attends its child event.
	byEvent := map[string][]string{}
	for _, s := range g.of(v.Attendance) {
		who, at := s.IRI1(v.Attendee), s.IRI1(v.AttendedAt)
		if persons[who] && at != "" && g.subjects[at] != nil && g.subjects[at].Types[v.Bridge] {
			byEvent[at] = append(byEvent[at], who)
		}
	}
	attendees := func(iris []string) []Attendee {
		sort.Strings(iris)
		var out []Attendee
		for _, a := range slices.Compact(iris) {
			if persons[a] {
				out = append(out, Attendee{ID: ID(a), Name: g.label(a)})
			}
		}
		return out
	}
	events := map[string]*subject{}
	for _, s := range g.of(v.SchemaEvent) {
		events[s.IRI] = s
		name, _ := s.names()
		e := Event{ID: ID(s.IRI), Name: name, Description: s.String1(v.SchemaDescription),
			StartDate: s.String1(v.SchemaStartDate), EndDate: s.String1(v.SchemaEndDate),
			Location: g.label(s.IRI1(v.SchemaLocation)), Attendees: attendees(s.IRIs(v.SchemaAttendee)), Sources: g.sources(s)}
		if o := s.IRI1(v.SchemaOrganizer); orgs[o] {
			e.OrganizationID = ID(o)
		}
		d.Events = append(d.Events, e)
	}
	for _, s := range g.of(v.Bridge) {
		name, _ := s.names()
		e := Event{ID: ID(s.IRI), Name: name, Location: g.label(s.IRI1(v.SchemaContainedIn)), Classification: "bridge",
			Attendees: attendees(byEvent[s.IRI]), Sources: g.sources(s)}
		for _, c := range s.Texts(v.Central) {
			if c.Value == "true" {
				e.Classification = "central bridge"
			}
		}
		if p := events[s.IRI1(v.BridgeOf)]; p != nil {
			e.ParentID = ID(p.IRI)
			e.StartDate, e.EndDate = p.String1(v.SchemaStartDate), p.String1(v.SchemaEndDate)
		}
		d.Events = append(d.Events, e)
	}
	sort.Slice(d.Events, func(i, j int) bool { return d.Events[i].ID < d.Events[j].ID })
	return d
}

// Write writes src as one Popolo document, indented, arrays sorted by id:
// the same bytes for the same quads.
func Write(w io.Writer, src rdf.Source) error {
	g := &graph{subjects: map[string]*subject{}, paras: map[string]para{}, graphs: map[string]string{}}
	err := rdf.Subjects(src.All, func(sv quad.Value, qs []quad.Quad) error {
		iri, ok := sv.(quad.IRI)
		if !ok {
			return nil
		}
		s := &subject{rdf.NewSubject(iri, qs)}
		switch {
		case s.Types[v.Paragraph]:
			n, _ := strconv.Atoi(s.String1(v.SchemaPosition))
			g.paras[s.IRI] = para{report: s.IRI1(v.SchemaIsPartOf), n: n}
			return nil
		case s.Types[v.ProvBundle]:
			g.graphs[s.IRI] = s.IRI1(v.HadPrimarySource)
			return nil
		case s.Types[v.RDFStatement]:
			return nil
		}
		g.subjects[s.IRI] = s
		return nil
	})
	if err != nil {
		return err
	}
	b, err := marshal(g.build())
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func marshal(d *Document) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}
