package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// attendances: an n-ary cg:Attendance node (cg:at only when the report
// names a bridge or place), and schema:attendee on the event.
func (b *builder) attendances() {
	for _, a := range b.f.Attendances {
		s := b.m.Attendance(b.f.Report.ID.V, dataset.AttendanceID(a))
		who, ev := b.ref(a.Attendee.V), b.ref(a.Event.V)
		b.classes(s, "attendances")
		b.add(s, v.Attendee, who)
		b.add(s, v.AttendanceEvent, ev)
		if a.At.V != "" {
			b.add(s, v.AttendedAt, b.ref(a.At.V))
		}
		for _, r := range a.Roles {
			b.add(s, v.InRole, b.ref(r.V))
		}
		b.fact(s, a.Fact)
		b.add(ev, v.SchemaAttendee, who)
	}
}
