package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// people, with schema:gender when the file gives it.
func (b *builder) people() {
	for i := range b.f.People {
		p := &b.f.People[i]
		s := b.named(dataset.KindPerson, &p.Named)
		switch p.Gender.V {
		case "female":
			b.add(s, v.SchemaGender, v.Term(v.Schema, "Female"))
		case "male":
			b.add(s, v.SchemaGender, v.Term(v.Schema, "Male"))
		}
	}
}
