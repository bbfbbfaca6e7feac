package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// bridges: linked both ways to their event, with place and central flag.
func (b *builder) bridges() {
	for i := range b.f.Bridges {
		br := &b.f.Bridges[i]
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
}
