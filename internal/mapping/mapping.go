// Package mapping turns validated data files into RDF quads: one named graph
// per source report, absolute IRIs minted from IDs under a base IRI, standard
// vocabularies first and the project vocabulary for the rest.
package mapping

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/rdf"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// DefaultBase is the base IRI under which instance IRIs are minted.
const DefaultBase = "https://confgraph.example/id/"

// VocabGraph names the graph that holds the project vocabulary.
const VocabGraph = quad.IRI("https://confgraph.example/vocab")

// CheckBase reports whether base can prefix instance IRIs.
func CheckBase(base string) error {
	u, err := url.Parse(base)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return fmt.Errorf("base IRI %q is not an absolute http(s) IRI (use e.g. %s)", base, DefaultBase)
	}
	if !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") {
		return fmt.Errorf("base IRI %q must end with / or # (use e.g. %s)", base, DefaultBase)
	}
	if strings.ContainsAny(base, " <>\"{}|^`\\") {
		return fmt.Errorf("base IRI %q contains a character not allowed in an IRI", base)
	}
	return nil
}

// IRIs mints the IRIs of one base.
type IRIs struct{ Base string }

// Entity is the IRI of an entity of kind k.
func (m IRIs) Entity(k dataset.Kind, id string) quad.IRI {
	return quad.IRI(m.Base + string(k) + "/" + id)
}

// Report is the IRI of a source report.
func (m IRIs) Report(id string) quad.IRI { return quad.IRI(m.Base + "report/" + id) }

// Graph is the IRI of the named graph holding a report's facts.
func (m IRIs) Graph(reportID string) quad.IRI { return quad.IRI(m.Base + "graph/" + reportID) }

// Paragraph is the IRI of paragraph n of a report.
func (m IRIs) Paragraph(reportID string, n int) quad.IRI {
	return quad.IRI(fmt.Sprintf("%sreport/%s/p%d", m.Base, reportID, n))
}

// Curator is the agent to whom curator-supplied statements are attributed.
func (m IRIs) Curator() quad.IRI { return quad.IRI(m.Base + "agent/curator") }

// Membership is the IRI of the org:Membership recording a holding.
func (m IRIs) Membership(person, post string) quad.IRI {
	return quad.IRI(m.Base + "membership/" + person + "--" + post)
}

// Attendance is the IRI of an attendance.
func (m IRIs) Attendance(id string) quad.IRI { return quad.IRI(m.Base + "attendance/" + id) }

// Implementation is the IRI of an implementation fact.
func (m IRIs) Implementation(id string) quad.IRI { return quad.IRI(m.Base + "implementation/" + id) }

var classes = map[dataset.Kind][]quad.IRI{
	dataset.KindPlace:        {v.SchemaPlace},
	dataset.KindOrganisation: {v.OrgOrganization, v.ProvAgent},
	dataset.KindPerson:       {v.SchemaPerson, v.ProvAgent},
	dataset.KindGroup:        {v.Group, v.ProvAgent},
	dataset.KindEvent:        {v.SchemaEvent},
	dataset.KindBridge:       {v.Bridge},
	dataset.KindRole:         {v.OrgRole, v.SKOSConcept},
	dataset.KindPost:         {v.OrgPost},
	dataset.KindDocument:     {v.SchemaLegislation, v.ProvEntity},
	dataset.KindDirective:    {v.Directive},
	dataset.KindTarget:       {v.Target},
}

// Class returns the rdf:type IRIs given to entities of kind k.
func Class(k dataset.Kind) []quad.IRI { return classes[k] }

type builder struct {
	m     IRIs
	f     *dataset.File
	g     quad.IRI
	lang  string
	kinds map[string]dataset.Kind
	out   []quad.Quad
}

func (b *builder) add(s quad.Value, p quad.IRI, o quad.Value) {
	b.out = append(b.out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.g})
}

func (b *builder) ref(id string) quad.IRI { return b.m.Entity(b.kinds[id], id) }

func lit(s, lang string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: lang} }

func typed(s string, t quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(s), Type: t} }

func integer(n int) quad.Value { return typed(strconv.Itoa(n), v.XSDInteger) }

// fact adds the provenance of a fact node: cited paragraphs, quote, note.
func (b *builder) fact(s quad.IRI, f dataset.Fact) {
	for _, c := range f.Cite {
		b.add(s, v.WasDerivedFrom, b.m.Paragraph(b.f.Report.ID.V, c.V))
	}
	if f.Quote.V != "" {
		b.add(s, v.Evidence, lit(f.Quote.V, b.lang))
	}
	if f.Note.V != "" {
		b.add(s, v.EditorialNote, lit(f.Note.V, "en"))
	}
}

// curated adds a curator-supplied statement and records, by RDF reification,
// that the curator and not the report supplied it.
func (b *builder) curated(s quad.IRI, p quad.IRI, o quad.Value, name string) {
	b.add(s, p, o)
	st := quad.IRI(string(s) + "/curated/" + name)
	b.add(st, v.Type, v.RDFStatement)
	b.add(st, v.RDFSubject, s)
	b.add(st, v.RDFPredicate, p)
	b.add(st, v.RDFObject, o)
	b.add(st, v.WasAttributedTo, b.m.Curator())
}

func (b *builder) named(k dataset.Kind, n *dataset.Named) quad.IRI {
	s := b.m.Entity(k, n.ID.V)
	for _, c := range classes[k] {
		b.add(s, v.Type, c)
	}
	b.add(s, v.Label, lit(n.Name.V, b.lang))
	b.add(s, v.PrefLabel, lit(n.Name.V, b.lang))
	for _, a := range n.AltNames {
		b.add(s, v.AltLabel, lit(a.V, b.lang))
	}
	for _, l := range n.Labels {
		p := v.PrefLabel
		if l.Lang.V == b.lang {
			p = v.AltLabel
		}
		b.curated(s, p, lit(l.Text.V, l.Lang.V), "label-"+strings.ToLower(l.Lang.V))
	}
	b.fact(s, n.Fact)
	return s
}

// File returns the quads of one validated data file, in its report's graph.
func File(m IRIs, f *dataset.File) []quad.Quad {
	r := f.Report
	b := &builder{m: m, f: f, g: m.Graph(r.ID.V), lang: r.Language.V, kinds: f.IDs()}
	b.report()
	for i := range f.Places {
		p := &f.Places[i]
		s := b.named(dataset.KindPlace, &p.Named)
		if p.In.V != "" {
			b.add(s, v.SchemaContainedIn, b.ref(p.In.V))
		}
	}
	for i := range f.Organisations {
		o := &f.Organisations[i]
		s := b.named(dataset.KindOrganisation, &o.Named)
		if o.PartOf.V != "" {
			b.add(s, v.OrgSubOrgOf, b.ref(o.PartOf.V))
		}
	}
	for i := range f.People {
		p := &f.People[i]
		s := b.named(dataset.KindPerson, &p.Named)
		switch p.Gender.V {
		case "female":
			b.add(s, v.SchemaGender, v.Term(v.Schema, "Female"))
		case "male":
			b.add(s, v.SchemaGender, v.Term(v.Schema, "Male"))
		}
	}
	for i := range f.Groups {
		b.named(dataset.KindGroup, &f.Groups[i].Named)
	}
	for i := range f.Events {
		e := &f.Events[i]
		s := b.named(dataset.KindEvent, &e.Named)
		if e.Description.V != "" {
			b.add(s, v.SchemaDescription, lit(e.Description.V, "en"))
		}
		b.add(s, v.SchemaStartDate, typed(e.Date.V, v.XSDDate))
		if e.Mode.V != "" {
			b.add(s, v.SchemaAttendMode, v.AttendanceModes[e.Mode.V])
		}
		if e.Location.V != "" {
			b.add(s, v.SchemaLocation, b.ref(e.Location.V))
		}
		if e.Organiser.V != "" {
			b.add(s, v.SchemaOrganizer, b.ref(e.Organiser.V))
		}
	}
	for i := range f.Bridges {
		br := &f.Bridges[i]
		s := b.named(dataset.KindBridge, &br.Named)
		ev := b.ref(br.Event.V)
		b.add(s, v.BridgeOf, ev)
		b.add(ev, v.HasBridge, s)
		if br.Location.V != "" {
			b.add(s, v.SchemaContainedIn, b.ref(br.Location.V))
		}
		if br.Central.V {
			b.add(s, v.Central, typed("true", v.XSDBoolean))
		}
	}
	for i := range f.Roles {
		b.named(dataset.KindRole, &f.Roles[i].Named)
	}
	for i := range f.Posts {
		p := &f.Posts[i]
		s := b.named(dataset.KindPost, &p.Named)
		b.add(s, v.OrgPostIn, b.ref(p.Organisation.V))
		b.add(s, v.OrgRoleP, b.ref(p.Role.V))
	}
	for i := range f.Documents {
		d := &f.Documents[i]
		s := b.named(dataset.KindDocument, &d.Named)
		if d.Identifier.V != "" {
			b.add(s, v.SchemaIdentifier, quad.String(d.Identifier.V))
		}
		if d.Issuer.V != "" {
			b.add(s, v.SchemaLegislator, b.ref(d.Issuer.V))
		}
		if d.Term.Set {
			b.add(s, v.Term_, integer(d.Term.V))
		}
	}
	b.holdings()
	for _, a := range f.Attendances {
		s := m.Attendance(dataset.AttendanceID(a))
		who, ev := b.ref(a.Attendee.V), b.ref(a.Event.V)
		b.add(s, v.Type, v.Attendance)
		b.add(s, v.Attendee, who)
		b.add(s, v.AttendanceEvent, ev)
		b.add(s, v.AttendedAt, b.ref(a.At.V))
		for _, r := range a.Roles {
			b.add(s, v.InRole, b.ref(r.V))
		}
		b.fact(s, a.Fact)
		b.add(ev, v.SchemaAttendee, who)
	}
	for _, im := range f.Implements {
		s := m.Implementation(dataset.ImplementationID(im))
		b.add(s, v.Type, v.Implementation)
		b.add(s, v.Implements, b.ref(im.Document.V))
		b.add(s, v.ImplementedBy, b.ref(im.By.V))
		if im.What.V != "" {
			b.add(s, v.SchemaDescription, lit(im.What.V, "en"))
		}
		b.fact(s, im.Fact)
	}
	for i := range f.Directives {
		d := &f.Directives[i]
		s := b.named(dataset.KindDirective, &d.Named)
		b.add(s, v.SetBy, b.ref(d.SetBy.V))
		if d.Event.V != "" {
			b.add(s, v.StatedAt, b.ref(d.Event.V))
		}
		for _, a := range d.AddressedTo {
			b.add(s, v.AddressedTo, b.ref(a.V))
		}
		if d.Period.V != "" {
			b.add(s, v.Period, typed(d.Period.V, v.XSDGYear))
		}
	}
	for i := range f.Targets {
		t := &f.Targets[i]
		s := b.named(dataset.KindTarget, &t.Named)
		if t.Value.V != "" {
			b.add(s, v.SchemaValue, typed(t.Value.V, v.XSDDecimal))
		}
		if t.Min.V != "" {
			b.add(s, v.SchemaMinValue, typed(t.Min.V, v.XSDDecimal))
		}
		if t.Max.V != "" {
			b.add(s, v.SchemaMaxValue, typed(t.Max.V, v.XSDDecimal))
		}
		b.add(s, v.SchemaUnitText, lit(t.Unit.V, b.lang))
		if t.RelativeTo.V != "" {
			b.add(s, v.RelativeTo, lit(t.RelativeTo.V, b.lang))
		}
		b.add(s, v.Period, typed(t.Period.V, v.XSDGYear))
		b.add(s, v.SetBy, b.ref(t.SetBy.V))
		if t.Directive.V != "" {
			b.add(s, v.UnderDirective, b.ref(t.Directive.V))
		}
		if t.Event.V != "" {
			b.add(s, v.StatedAt, b.ref(t.Event.V))
		}
	}
	return b.out
}

func (b *builder) holdings() {
	posts := map[string]*dataset.Post{}
	for i := range b.f.Posts {
		posts[b.f.Posts[i].ID.V] = &b.f.Posts[i]
	}
	roles := map[string]*dataset.Role{}
	for i := range b.f.Roles {
		roles[b.f.Roles[i].ID.V] = &b.f.Roles[i]
	}
	for _, h := range b.f.Holdings {
		post := posts[h.Post.V]
		role := roles[post.Role.V]
		s := b.m.Membership(h.Person.V, h.Post.V)
		person, org := b.ref(h.Person.V), b.ref(post.Organisation.V)
		b.add(s, v.Type, v.OrgMembership)
		b.add(s, v.OrgMember, person)
		b.add(s, v.OrgOrganizationP, org)
		b.add(s, v.OrgRoleP, b.ref(post.Role.V))
		b.add(s, v.Post, b.ref(h.Post.V))
		b.add(s, v.AsOf, typed(b.f.Report.Date.V, v.XSDDate))
		b.fact(s, h.Fact)
		b.add(person, v.OrgHolds, b.ref(h.Post.V))
		b.add(b.ref(h.Post.V), v.OrgHeldBy, person)
		if role.Member.V {
			b.add(person, v.OrgMemberOf, org)
		}
		if role.Heads.V {
			b.add(person, v.OrgHeadOf, org)
		}
	}
}

func (b *builder) report() {
	r := b.f.Report
	s := b.m.Report(r.ID.V)
	g := b.g
	b.add(g, v.Type, v.ProvBundle)
	b.add(g, v.Type, v.ProvEntity)
	b.add(g, v.Label, lit("confgraph facts curated from report "+r.ID.V, "en"))
	b.add(g, v.WasDerivedFrom, s)
	b.add(g, v.HadPrimarySource, s)
	b.add(g, v.WasAttributedTo, b.m.Curator())
	cur := b.m.Curator()
	b.add(cur, v.Type, v.ProvAgent)
	b.add(cur, v.Label, lit("confgraph curator", "en"))

	b.add(s, v.Type, v.SchemaReport)
	b.add(s, v.Type, v.ProvEntity)
	label := r.Title.V
	if label == "" {
		label = r.Description.V
	}
	if r.Title.V != "" {
		b.add(s, v.SchemaName, lit(r.Title.V, r.Language.V))
		b.add(s, v.Label, lit(r.Title.V, r.Language.V))
	} else {
		b.add(s, v.Label, lit(label, "en"))
	}
	if r.Description.V != "" {
		b.add(s, v.SchemaDescription, lit(r.Description.V, "en"))
	}
	b.add(s, v.SchemaInLanguage, quad.String(r.Language.V))
	b.add(s, v.SchemaDateCreated, typed(r.Date.V, v.XSDDate))
	b.add(s, v.ParagraphCount, integer(r.Paragraphs.V))
	if r.Source.V != "" {
		b.add(s, v.SourceFile, quad.String(r.Source.V))
	}
	if r.SHA256.V != "" {
		b.add(s, v.SHA256, quad.String(r.SHA256.V))
	}
	if r.Note.V != "" {
		b.add(s, v.EditorialNote, lit(r.Note.V, "en"))
	}
	if r.DateNote.V != "" {
		b.add(s, v.EditorialNote, lit(r.DateNote.V, "en"))
	}
	for _, l := range r.Labels {
		b.curated(s, v.PrefLabel, lit(l.Text.V, l.Lang.V), "label-"+strings.ToLower(l.Lang.V))
	}
	if r.Author.V != "" {
		a := quad.IRI(string(s) + "/author")
		b.add(s, v.SchemaAuthor, a)
		b.add(s, v.WasAttributedTo, a)
		b.add(a, v.Type, v.ProvAgent)
		b.add(a, v.Label, lit(r.Author.V, r.Language.V))
		if r.AuthorParagraph.Set {
			b.add(a, v.WasDerivedFrom, b.m.Paragraph(r.ID.V, r.AuthorParagraph.V))
		}
	}
	for n := 1; n <= r.Paragraphs.V; n++ {
		p := b.m.Paragraph(r.ID.V, n)
		b.add(p, v.Type, v.Paragraph)
		b.add(p, v.SchemaIsPartOf, s)
		b.add(p, v.SchemaPosition, integer(n))
	}
}

// Vocabulary returns the quads that define the project vocabulary, in
// graph VocabGraph.
func Vocabulary() []quad.Quad {
	var out []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: VocabGraph})
	}
	add(VocabGraph, v.Type, v.OWLOntology)
	add(VocabGraph, v.Label, lit("confgraph vocabulary", "en"))
	add(VocabGraph, v.Comment, lit("Terms for what schema.org, W3C ORG, PROV-O and SKOS do not cover: bridges of hybrid meetings, n-ary attendances, directives and targets.", "en"))
	for _, d := range v.Defs {
		if d.Class {
			add(d.IRI, v.Type, v.RDFSClass)
		} else {
			add(d.IRI, v.Type, v.RDFProperty)
		}
		add(d.IRI, v.Label, lit(d.Label, "en"))
		add(d.IRI, v.Definition, lit(d.Definition, "en"))
		add(d.IRI, v.IsDefinedBy, VocabGraph)
		if d.SubClassOf != "" {
			add(d.IRI, v.SubClassOf, d.SubClassOf)
		}
		if d.Domain != "" {
			add(d.IRI, v.Domain, d.Domain)
		}
		if d.Range != "" {
			add(d.IRI, v.Range, d.Range)
		}
	}
	return out
}

// All returns the vocabulary and the quads of every file, without duplicates,
// sorted in N-Quads order.
func All(m IRIs, files []*dataset.File) []quad.Quad {
	qs := Vocabulary()
	for _, f := range files {
		qs = append(qs, File(m, f)...)
	}
	return Dedup(qs)
}

// Dedup sorts quads by their N-Quads line and drops repeats.
func Dedup(qs []quad.Quad) []quad.Quad { return rdf.Dedup(qs) }
