// Package nquads reads and writes N-Quads and N-Triples. The reader is
// strict (positioned errors, absolute IRIs, well-formed language tags, typed
// literals kept as written); the writer streams sorted, byte-stable lines
// through quad's own N-Quads writer in constant memory.
package nquads

import (
	"bufio"
	"io"

	"github.com/cayleygraph/quad"
	qnq "github.com/cayleygraph/quad/nquads"

	"github.com/confgraph/confgraph/internal/rdf"
)

// quad's N-Quads reader and writer turn typed literals into Go values
// unless told otherwise, process-wide; confgraph keeps every literal as
// written, so this package (imported by every reader and writer of
// confgraph) turns that off once.
func init() { qnq.AutoConvertTypedString = false }

// Write writes quads, which the caller has sorted, one N-Quads line each.
func Write(w io.Writer, quads []quad.Quad) error {
	return WriteSeq(w, rdf.Slice(quads))
}

// WriteSeq writes the quads of s, one N-Quads line each, in s's order.
func WriteSeq(w io.Writer, s rdf.Seq) error {
	nw := qnq.NewWriter(w)
	err := s(func(q quad.Quad) error {
		if err := nw.WriteQuad(q); err != nil {
			return err // the writer's error (write FILE: no space left on device); the quad is no part of it
		}
		return nil
	})
	if cerr := nw.Close(); err == nil {
		err = cerr
	}
	return err
}

// WriteLines writes the N-Quads lines (rdf.Key) that lines yields, each
// with a newline: the bytes WriteSeq writes for their quads, without
// formatting each quad again.
func WriteLines(w io.Writer, lines rdf.LineSeq) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	err := lines(func(line string) error {
		bw.WriteString(line)
		return bw.WriteByte('\n')
	})
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// WriteTriples writes the quads of s as N-Triples: the graph label is
// dropped, so the output is the union of all graphs, and a triple stated
// in several graphs is written once (rdf.Triples). s must be sorted in
// N-Quads line order.
func WriteTriples(w io.Writer, s rdf.Seq) error {
	return WriteSeq(w, rdf.Triples(s))
}
