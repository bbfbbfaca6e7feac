package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// directives: who set them, where, for whom and for which year.
func (b *builder) directives() {
	for i := range b.f.Directives {
		d := &b.f.Directives[i]
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
}
