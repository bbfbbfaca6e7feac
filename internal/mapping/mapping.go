// Package mapping turns validated data files into RDF quads: one named graph
// per source report, absolute IRIs minted from IDs under a base IRI, standard
// vocabularies first and the project vocabulary for the rest.
package mapping

import (
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/rdf"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// DefaultBase is the base IRI under which instance IRIs are minted.
const DefaultBase = "https://confgraph.example/id/"

// VocabGraph names the graph that holds the project vocabulary.
const VocabGraph = quad.IRI("https://confgraph.example/vocab")

// CheckBase reports whether base can prefix instance IRIs: an absolute
// http or https IRI with a host, ending with / or # (at most one #, as an
// IRI has at most one fragment), that holds no character an IRI may not.
func CheckBase(base string) error {
	if !utf8.ValidString(base) {
		return fmt.Errorf("base IRI %q is not valid UTF-8 text", base)
	}
	u, err := url.Parse(base)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("base IRI %q is not an absolute http(s) IRI (use e.g. %s)", base, DefaultBase)
	}
	if !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") {
		return fmt.Errorf("base IRI %q must end with / or # (use e.g. %s)", base, DefaultBase)
	}
	if strings.Count(base, "#") > 1 {
		return fmt.Errorf("base IRI %q has more than one #; an IRI has at most one fragment (end it with / or a single #)", base)
	}
	if strings.ContainsAny(base, " <>\"{}|^`\\") {
		return fmt.Errorf("base IRI %q contains a character not allowed in an IRI", base)
	}
	if err := rdf.CheckIRI(base); err != nil {
		return fmt.Errorf("base IRI %q: %v", base, err)
	}
	// RFC 3987, 4.1: IRIs must not contain bidirectional formatting
	// characters; invisible, they make an IRI read other than it is.
	if i := strings.IndexAny(base, bidiFormatting); i >= 0 {
		r, _ := utf8.DecodeRuneInString(base[i:])
		return fmt.Errorf("base IRI %q contains the invisible bidirectional formatting character U+%04X, which an IRI must not hold", base, r)
	}
	return nil
}

// bidiFormatting are the bidirectional formatting characters (LRM, RLM,
// ALM, LRE to RLO, LRI to PDI).
const bidiFormatting = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

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

// Fact nodes — a holding, an attendance, a statement, an implementation —
// are facts a report states, so their IRIs carry the report ID: two reports
// that state that one person holds one post (at different dates, with
// another status) give two membership nodes, each in its own report's
// graph, instead of one node with both reports' times and statuses.

// Membership is the IRI of the org:Membership recording a holding stated
// by report; id is dataset.MembershipID.
func (m IRIs) Membership(report, id string) quad.IRI {
	return quad.IRI(m.Base + "membership/" + report + "/" + id)
}

// Attendance is the IRI of an attendance stated by report.
func (m IRIs) Attendance(report, id string) quad.IRI {
	return quad.IRI(m.Base + "attendance/" + report + "/" + id)
}

// Statement is the IRI of a statement reported by report.
func (m IRIs) Statement(report, id string) quad.IRI {
	return quad.IRI(m.Base + "statement/" + report + "/" + id)
}

// Implementation is the IRI of an implementation fact stated by report.
func (m IRIs) Implementation(report, id string) quad.IRI {
	return quad.IRI(m.Base + "implementation/" + report + "/" + id)
}

// entityKinds are the path segments of entity IRIs, BASE{kind}/{id}.
var entityKinds = map[string]bool{"report": true}

// factKinds are the path segments of fact-node IRIs, BASE{kind}/{report}/{id}.
var factKinds = map[string]bool{"membership": true, "attendance": true, "statement": true, "implementation": true}

func init() {
	for _, k := range []dataset.Kind{dataset.KindPlace, dataset.KindOrganisation, dataset.KindPerson, dataset.KindGroup,
		dataset.KindEvent, dataset.KindBridge, dataset.KindRole, dataset.KindPost, dataset.KindDocument,
		dataset.KindDirective, dataset.KindTarget} {
		entityKinds[string(k)] = true
	}
}

// SplitIRI returns the parts of an IRI these functions mint, read from its
// last path segments whatever the base: the kind and ID of an entity
// (BASE{kind}/{id}, report "") or the kind, report and ID of a fact node
// (BASE{kind}/{report}/{id}). ok is false for any other IRI. Exports that
// need short, stable IDs (FtM, Popolo) build them from these parts.
func SplitIRI(iri string) (kind, report, id string, ok bool) {
	parts := strings.Split(iri, "/")
	n := len(parts)
	if n >= 4 && factKinds[parts[n-3]] && parts[n-2] != "" && parts[n-1] != "" {
		return parts[n-3], parts[n-2], parts[n-1], true
	}
	if n >= 3 && entityKinds[parts[n-2]] && parts[n-1] != "" {
		return parts[n-2], "", parts[n-1], true
	}
	return "", "", "", false
}

// Class returns the rdf:type IRIs given to entities of kind k.
func Class(k dataset.Kind) []quad.IRI { return ontology.Classes(string(k)) }

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

// ref is the IRI of an entity the file refers to: one it defines, or one
// defined in another file read with it or in the store (File.Outside).
func (b *builder) ref(id string) quad.IRI {
	k, ok := b.kinds[id]
	if !ok {
		d, _ := b.f.Outside(id)
		k = d.Kind
	}
	return b.m.Entity(k, id)
}

func lit(s, lang string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: lang} }

func typed(s string, t quad.IRI) quad.Value { return quad.TypedString{Value: quad.String(s), Type: t} }

func integer(n int) quad.Value { return typed(strconv.Itoa(n), v.XSDInteger) }

// when is a validated date of year, month or day precision, typed
// xsd:gYear, xsd:gYearMonth or xsd:date.
func when(s string) quad.Value {
	switch len(s) {
	case 4:
		return typed(s, v.XSDGYear)
	case 7:
		return typed(s, v.XSDGYearMonth)
	}
	return typed(s, v.XSDDate)
}

// classes adds the rdf:type triples of a fact node of section.
func (b *builder) classes(s quad.IRI, section string) {
	for _, c := range ontology.FactClasses(section) {
		b.add(s, v.Type, c)
	}
}

// fact adds the provenance of a fact node: cited paragraphs, quote, note.
func (b *builder) fact(s quad.IRI, f dataset.Fact) {
	for _, c := range f.Cite {
		b.add(s, ontology.DerivedFrom, b.m.Paragraph(b.f.Report.ID.V, c.V))
	}
	if f.Quote.V != "" {
		b.add(s, ontology.Evidence, lit(f.Quote.V, b.lang))
	}
	if f.Note.V != "" {
		b.add(s, ontology.Note, lit(f.Note.V, "en"))
	}
}

// curated adds a curator-supplied statement and records, by RDF reification,
// that the curator and not the report supplied it. The statement node is
// the subject's IRI + /curated/REPORT/NAME.
func (b *builder) curated(s quad.IRI, p quad.IRI, o quad.Value, name string) {
	b.add(s, p, o)
	// Per report: two reports may supply a label in one language.
	st := quad.IRI(string(s) + "/curated/" + b.f.Report.ID.V + "/" + name)
	b.add(st, v.Type, v.RDFStatement)
	b.add(st, v.RDFSubject, s)
	b.add(st, v.RDFPredicate, p)
	b.add(st, v.RDFObject, o)
	b.add(st, ontology.AttributedTo, b.m.Curator())
}

func (b *builder) named(k dataset.Kind, n *dataset.Named) quad.IRI {
	s := b.m.Entity(k, n.ID.V)
	for _, c := range Class(k) {
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
	for _, x := range n.SameAs {
		b.add(s, v.OWLSameAs, SameAs(x.V))
	}
	for _, x := range n.PossiblySameAs {
		b.add(s, v.PossiblySameAs, b.m.Entity(k, x.V))
	}
	b.fact(s, n.Fact)
	return s
}

// SameAs is the IRI a same_as entry names: a Wikidata QID's entity IRI, or
// the IRI itself.
func SameAs(x string) quad.IRI {
	if len(x) > 1 && x[0] == 'Q' && strings.Trim(x[1:], "0123456789") == "" {
		return quad.IRI(v.WikidataEntity + x)
	}
	return quad.IRI(x)
}

// sections maps each section of dataset.Sections to the method adding its
// quads (one file per section); File calls them in the table's order.
var sections = map[string]func(*builder){
	"places":          (*builder).places,
	"organisations":   (*builder).organisations,
	"people":          (*builder).people,
	"groups":          (*builder).groups,
	"events":          (*builder).events,
	"bridges":         (*builder).bridges,
	"roles":           (*builder).roles,
	"posts":           (*builder).posts,
	"documents":       (*builder).documents,
	"holdings":        (*builder).holdings,
	"attendances":     (*builder).attendances,
	"implementations": (*builder).implementations,
	"directives":      (*builder).directives,
	"targets":         (*builder).targets,
	"statements":      (*builder).statements,
}

// File returns the quads of one validated data file, in its report's graph.
func File(m IRIs, f *dataset.File) []quad.Quad {
	r := f.Report
	b := &builder{m: m, f: f, g: m.Graph(r.ID.V), lang: r.Language.V, kinds: f.IDs()}
	b.report()
	for _, s := range dataset.Sections {
		add, ok := sections[s.Name]
		if !ok {
			panic("mapping: no mapping for data-file section " + s.Name)
		}
		add(b)
	}
	return b.out
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
	add(VocabGraph, v.Comment, lit("Terms for what schema.org, W3C ORG, PROV-O and SKOS do not cover: bridges of hybrid meetings, n-ary attendances, directives, targets and statements.", "en"))
	for _, d := range v.Defs {
		switch {
		case d.Class:
			add(d.IRI, v.Type, v.RDFSClass)
		case d.Scheme:
			add(d.IRI, v.Type, v.SKOSScheme)
		case d.InScheme != "":
			add(d.IRI, v.Type, v.SKOSConcept)
			add(d.IRI, v.InScheme, d.InScheme)
		default:
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
		if d.SubPropertyOf != "" {
			add(d.IRI, v.SubPropertyOf, d.SubPropertyOf)
		}
	}
	return out
}

// All returns the vocabulary and the quads of every file, without duplicates,
// sorted in N-Quads order.
func All(m IRIs, files []*dataset.File) []quad.Quad {
	return rdf.Dedup(Quads(m, files))
}

// Quads returns the quads of All, with repeats and not sorted (the
// vocabulary, then each file's quads in the order of files), mapping the
// files on as many goroutines as there are CPUs: for a load, whose store
// sorts and deduplicates each graph itself.
func Quads(m IRIs, files []*dataset.File) []quad.Quad {
	per := make([][]quad.Quad, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i] = File(m, files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	qs := Vocabulary()
	n := len(qs)
	for _, p := range per {
		n += len(p)
	}
	qs = slices.Grow(qs, n-len(qs))
	for i, p := range per {
		qs = append(qs, p...)
		per[i] = nil
	}
	return qs
}
