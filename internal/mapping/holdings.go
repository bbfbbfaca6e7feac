package mapping

import (
	"github.com/cayleygraph/quad"
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// holdings: an org:Membership node carrying the person, the post (with its
// organisation and role), the time the report gives (cg:asOf the report's
// date, start, end, term), the status (cg:Current unless stated) and a
// qualifier. No triple states the holding without this node: whether the
// holder heads or is a member of the body follows from the role
// (cg:heads, cg:confersMembership).
func (b *builder) holdings() {
	posts := map[string]*dataset.Post{}
	for i := range b.f.Posts {
		posts[b.f.Posts[i].ID.V] = &b.f.Posts[i]
	}
	for _, h := range b.f.Holdings {
		post := posts[h.Post.V]
		s := b.m.Membership(b.f.Report.ID.V, dataset.MembershipID(h))
		b.classes(s, "holdings")
		b.add(s, v.OrgMember, b.ref(h.Person.V))
		if post.Organisation.V != "" {
			b.add(s, v.OrgOrganizationP, b.ref(post.Organisation.V))
		}
		b.add(s, v.OrgRoleP, b.ref(post.Role.V))
		b.add(s, v.Post, b.ref(h.Post.V))
		b.add(s, v.AsOf, typed(b.f.Report.Date.V, v.XSDDate))
		if h.Start.V != "" {
			b.add(s, v.SchemaStartDate, when(h.Start.V))
		}
		if h.End.V != "" {
			b.add(s, v.SchemaEndDate, when(h.End.V))
		}
		if h.Term.V != "" {
			b.add(s, v.TermText, quad.String(h.Term.V))
		}
		b.add(s, v.Status, v.HoldingStatuses[dataset.HoldingStatus(h)])
		if h.Qualifier.V != "" {
			b.add(s, v.Qualifier, v.HoldingQualifiers[h.Qualifier.V])
		}
		b.fact(s, h.Fact)
	}
}
