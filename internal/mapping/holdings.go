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
	type post struct{ org, role quad.IRI }
	posts := map[string]post{}
	for i := range b.f.Posts {
		p := &b.f.Posts[i]
		var org quad.IRI
		if p.Organisation.V != "" {
			org = b.ref(p.Organisation.V)
		}
		posts[p.ID.V] = post{org, b.ref(p.Role.V)}
	}
	for _, h := range b.f.Holdings {
		p, ok := posts[h.Post.V]
		if !ok {
			// A post defined in another report: its body and role as
			// that report gives them.
			d, _ := b.f.Outside(h.Post.V)
			if d.Organisation != "" {
				p.org = b.m.Entity(dataset.KindOrganisation, d.Organisation)
			}
			p.role = b.m.Entity(dataset.KindRole, d.Role)
		}
		s := b.m.Membership(b.f.Report.ID.V, dataset.MembershipID(h))
		b.classes(s, "holdings")
		b.add(s, v.OrgMember, b.ref(h.Person.V))
		if p.org != "" {
			b.add(s, v.OrgOrganizationP, p.org)
		}
		b.add(s, v.OrgRoleP, p.role)
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
