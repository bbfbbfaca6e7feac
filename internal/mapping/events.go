package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// events: description, start and end date, attendance mode, location and organiser.
func (b *builder) events() {
	for i := range b.f.Events {
		e := &b.f.Events[i]
		s := b.named(dataset.KindEvent, &e.Named)
		if e.Description.V != "" {
			b.add(s, v.SchemaDescription, lit(e.Description.V, "en"))
		}
		b.add(s, v.SchemaStartDate, when(e.Date.V))
		if e.End.V != "" {
			b.add(s, v.SchemaEndDate, when(e.End.V))
		}
		if e.Mode.V != "" {
			b.add(s, v.SchemaAttendMode, v.AttendanceModes[e.Mode.V])
		}
		if e.Location.V != "" {
			b.add(s, v.SchemaLocation, b.ref(e.Location.V))
		}
		if e.Organiser.V != "" {
			b.add(s, v.SchemaOrganizer, b.ref(e.Organiser.V))
		}
	}
}
