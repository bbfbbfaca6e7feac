// Package queries holds confgraph's bundled queries: one Gizmo file
// (NAME.js) per query with a header naming its parameters and columns, and
// its SPARQL 1.1 twin (NAME.rq) that answers the same question over the
// N-Quads of 'confgraph export'.
package queries

import "embed"

// FS holds every bundled query file.
//
//go:embed *.js *.rq
var FS embed.FS
