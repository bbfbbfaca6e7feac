package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// organisations: a body may be part of another (org:subOrganizationOf).
func (b *builder) organisations() {
	for i := range b.f.Organisations {
		o := &b.f.Organisations[i]
		s := b.named(dataset.KindOrganisation, &o.Named)
		if o.PartOf.V != "" {
			b.add(s, v.OrgSubOrgOf, b.ref(o.PartOf.V))
		}
	}
}
