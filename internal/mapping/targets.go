package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// targets: a value or a range, unit, period and who set them.
func (b *builder) targets() {
	for i := range b.f.Targets {
		t := &b.f.Targets[i]
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
		for _, a := range t.AddressedTo {
			b.add(s, v.AddressedTo, b.ref(a.V))
		}
	}
}
