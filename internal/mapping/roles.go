package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
)

// roles carry only what every entity carries; holdings read their flags.
func (b *builder) roles() {
	for i := range b.f.Roles {
		b.named(dataset.KindRole, &b.f.Roles[i].Named)
	}
}
