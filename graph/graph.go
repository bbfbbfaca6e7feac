// Package graph embeds the curated data files, one per source report, that
// confgraph loads when no other input is named.
package graph

import "embed"

// Files holds the curated data files (*.yaml) at its root.
//
//go:embed *.yaml
var Files embed.FS
