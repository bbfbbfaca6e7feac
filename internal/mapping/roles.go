package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// roles: whether holders head the body of their post (cg:heads) and are
// members of it (cg:confersMembership), stated only when true.
func (b *builder) roles() {
	for i := range b.f.Roles {
		r := &b.f.Roles[i]
		s := b.named(dataset.KindRole, &r.Named)
		if r.Heads.V {
			b.add(s, v.Heads, typed("true", v.XSDBoolean))
		}
		if r.Member.V {
			b.add(s, v.ConfersMember, typed("true", v.XSDBoolean))
		}
	}
}
