package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// implementations: a cg:Implementation node linking document and agent.
func (b *builder) implementations() {
	for _, im := range b.f.Implements {
		s := b.m.Implementation(b.f.Report.ID.V, dataset.ImplementationID(im))
		b.classes(s, "implementations")
		b.add(s, v.Implements, b.ref(im.Document.V))
		b.add(s, v.ImplementedBy, b.ref(im.By.V))
		if im.What.V != "" {
			b.add(s, v.SchemaDescription, lit(im.What.V, "en"))
		}
		b.fact(s, im.Fact)
	}
}
