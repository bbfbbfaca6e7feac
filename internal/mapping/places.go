package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// places: a place may lie in another (schema:containedInPlace).
func (b *builder) places() {
	for i := range b.f.Places {
		p := &b.f.Places[i]
		s := b.named(dataset.KindPlace, &p.Named)
		if p.In.V != "" {
			b.add(s, v.SchemaContainedIn, b.ref(p.In.V))
		}
	}
}
