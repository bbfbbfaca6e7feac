package mapping

import (
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/confgraph/confgraph/internal/ontology"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// report: the report's graph (a prov:Bundle), the report with its
// metadata and author, and one node per paragraph.
func (b *builder) report() {
	r := b.f.Report
	s := b.m.Report(r.ID.V)
	g := b.g
	b.add(g, v.Type, v.ProvBundle)
	b.add(g, v.Type, v.ProvEntity)
	b.add(g, v.Label, lit("confgraph facts curated from report "+r.ID.V, "en"))
	b.add(g, ontology.DerivedFrom, s)
	b.add(g, ontology.PrimarySource, s)
	b.add(g, ontology.AttributedTo, b.m.Curator())
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
	if r.URL.V != "" {
		b.add(s, v.SchemaURL, quad.IRI(r.URL.V))
	}
	if r.Retrieved.V != "" {
		b.add(s, v.RetrievedOn, when(r.Retrieved.V))
	}
	if r.Note.V != "" {
		b.add(s, ontology.Note, lit(r.Note.V, "en"))
	}
	if r.DateNote.V != "" {
		b.add(s, ontology.Note, lit(r.DateNote.V, "en"))
	}
	for _, l := range r.Labels {
		b.curated(s, v.PrefLabel, lit(l.Text.V, l.Lang.V), "label-"+strings.ToLower(l.Lang.V))
	}
	if r.Author.V != "" {
		a := quad.IRI(string(s) + "/author")
		b.add(s, v.SchemaAuthor, a)
		b.add(s, ontology.AttributedTo, a)
		b.add(a, v.Type, v.ProvAgent)
		b.add(a, v.Label, lit(r.Author.V, r.Language.V))
		if r.AuthorParagraph.Set {
			b.add(a, ontology.DerivedFrom, b.m.Paragraph(r.ID.V, r.AuthorParagraph.V))
		}
	}
	for n := 1; n <= r.Paragraphs.V; n++ {
		p := b.m.Paragraph(r.ID.V, n)
		b.add(p, v.Type, v.Paragraph)
		b.add(p, v.SchemaIsPartOf, s)
		b.add(p, v.SchemaPosition, integer(n))
	}
}
