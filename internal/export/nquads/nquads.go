// Package nquads writes quads as sorted, byte-stable N-Quads through quad's
// own N-Quads writer.
package nquads

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"
)

// Write writes quads, which the caller has sorted, one N-Quads line each.
func Write(w io.Writer, quads []quad.Quad) error {
	nw := qnq.NewWriter(w)
	for _, q := range quads {
		if err := nw.WriteQuad(q); err != nil {
			nw.Close()
			return fmt.Errorf("write %s: %w", q.NQuad(), err)
		}
	}
	return nw.Close()
}
