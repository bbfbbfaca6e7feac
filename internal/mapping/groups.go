package mapping

import (
	"github.com/confgraph/confgraph/internal/dataset"
)

// groups carry only what every entity carries.
func (b *builder) groups() {
	for i := range b.f.Groups {
		b.named(dataset.KindGroup, &b.f.Groups[i].Named)
	}
}
