package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// holdings: an org:Membership as of the report date, org:holds/heldBy,
// and org:memberOf/headOf when the post's role says so.
func (b *builder) holdings() {
	posts := map[string]*dataset.Post{}
	for i := range b.f.Posts {
		posts[b.f.Posts[i].ID.V] = &b.f.Posts[i]
	}
	roles := map[string]*dataset.Role{}
	for i := range b.f.Roles {
		roles[b.f.Roles[i].ID.V] = &b.f.Roles[i]
	}
	for _, h := range b.f.Holdings {
		post := posts[h.Post.V]
		role := roles[post.Role.V]
		s := b.m.Membership(h.Person.V, h.Post.V)
		person, org := b.ref(h.Person.V), b.ref(post.Organisation.V)
		b.add(s, v.Type, v.OrgMembership)
		b.add(s, v.OrgMember, person)
		b.add(s, v.OrgOrganizationP, org)
		b.add(s, v.OrgRoleP, b.ref(post.Role.V))
		b.add(s, v.Post, b.ref(h.Post.V))
		b.add(s, v.AsOf, typed(b.f.Report.Date.V, v.XSDDate))
		b.fact(s, h.Fact)
		b.add(person, v.OrgHolds, b.ref(h.Post.V))
		b.add(b.ref(h.Post.V), v.OrgHeldBy, person)
		if role.Member.V {
			b.add(person, v.OrgMemberOf, org)
		}
		if role.Heads.V {
			b.add(person, v.OrgHeadOf, org)
		}
	}
}
