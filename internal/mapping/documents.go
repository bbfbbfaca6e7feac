package mapping

import (
	"github.com/cayleygraph/quad"
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// documents: identifier, issuer and term.
func (b *builder) documents() {
	for i := range b.f.Documents {
		d := &b.f.Documents[i]
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
}
