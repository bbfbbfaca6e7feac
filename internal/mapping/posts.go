package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// posts: the organisation they are in (when the report names one) and
// their role.
func (b *builder) posts() {
	for i := range b.f.Posts {
		p := &b.f.Posts[i]
		s := b.named(dataset.KindPost, &p.Named)
		if p.Organisation.V != "" {
			b.add(s, v.OrgPostIn, b.ref(p.Organisation.V))
		}
		b.add(s, v.OrgRoleP, b.ref(p.Role.V))
	}
}
