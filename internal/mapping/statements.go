package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// statements: a cg:Statement node with its speaker, event, speech act
// (cg:Said unless stated), addressees and the curator's English summary.
func (b *builder) statements() {
	for _, st := range b.f.Statements {
		s := b.m.Statement(b.f.Report.ID.V, dataset.StatementID(st))
		b.classes(s, "statements")
		b.add(s, v.StatedBy, b.ref(st.Speaker.V))
		if st.Event.V != "" {
			b.add(s, v.StatedAt, b.ref(st.Event.V))
		}
		b.add(s, v.SpeechAct, v.SpeechActs[dataset.SpeechAct(st)])
		for _, a := range st.AddressedTo {
			b.add(s, v.AddressedTo, b.ref(a.V))
		}
		b.add(s, v.SchemaDescription, lit(st.Summary.V, "en"))
		b.fact(s, st.Fact)
	}
}
