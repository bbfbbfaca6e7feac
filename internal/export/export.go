// Package export is the registry of confgraph's export formats: it maps a
// format name or a file extension to the writer that serializes a sorted
// quad source (package source). The serializations live in one package
// each and depend on the data model, never the other way round.
package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/confgraph/confgraph/internal/export/csv"
	"github.com/confgraph/confgraph/internal/export/dot"
	"github.com/confgraph/confgraph/internal/export/graphml"
	"github.com/confgraph/confgraph/internal/export/jsonld"
	"github.com/confgraph/confgraph/internal/export/nquads"
	"github.com/confgraph/confgraph/internal/export/source"
	"github.com/confgraph/confgraph/internal/export/turtle"
)

// Format is one export format.
type Format struct {
	// Name is what users pass to --format.
	Name string
	// Exts are the file extensions (with dot) that select it from -o.
	Exts []string
	// MediaType is the format's IANA media type.
	MediaType string
	// RDF formats carry every quad (Turtle and N-Triples: every triple).
	RDF bool
	// Streams marks writers that only walk Source.All, line by line: they
	// get a bounded-memory source (see StoreSource) and leave Source.Graphs
	// and Source.InGraph unset.
	Streams bool
	// Doc is a one-line description.
	Doc string
	// Write serializes src to w.
	Write func(ctx context.Context, w io.Writer, src source.Source) error
}

func noCtx(f func(io.Writer, source.Source) error) func(context.Context, io.Writer, source.Source) error {
	return func(_ context.Context, w io.Writer, src source.Source) error { return f(w, src) }
}

var formats = []Format{
	{Name: "nquads", Exts: []string{".nq"}, MediaType: "application/n-quads", RDF: true, Streams: true,
		Doc:   "N-Quads, one quad a line (the reference export)",
		Write: noCtx(func(w io.Writer, s source.Source) error { return nquads.WriteSeq(w, s.All) })},
	{Name: "ntriples", Exts: []string{".nt"}, MediaType: "application/n-triples", RDF: true, Streams: true,
		Doc:   "N-Triples: the union of the graphs, each triple once",
		Write: noCtx(func(w io.Writer, s source.Source) error { return nquads.WriteTriples(w, s.All) })},
	{Name: "turtle", Exts: []string{".ttl"}, MediaType: "text/turtle", RDF: true,
		Doc: "Turtle with prefixes, grouped by subject: the union of the graphs", Write: noCtx(turtle.WriteTurtle)},
	{Name: "trig", Exts: []string{".trig"}, MediaType: "application/trig", RDF: true,
		Doc: "TriG: Turtle with one block per named graph", Write: noCtx(turtle.WriteTriG)},
	{Name: "jsonld", Exts: []string{".jsonld", ".json"}, MediaType: "application/ld+json", RDF: true,
		Doc: "JSON-LD with a readable @context, one @graph per named graph", Write: noCtx(jsonld.Write)},
	{Name: "graphml", Exts: []string{".graphml"}, MediaType: "application/graphml+xml",
		Doc: "GraphML entity graph for network tools (networkx, Gephi, yEd)", Write: noCtx(graphml.Write)},
	{Name: "dot", Exts: []string{".dot", ".gv"}, MediaType: "text/vnd.graphviz",
		Doc: "Graphviz DOT entity graph", Write: noCtx(dot.Write)},
	{Name: "svg", Exts: []string{".svg"}, MediaType: "image/svg+xml",
		Doc: "the DOT entity graph rendered by Graphviz (needs dot on PATH)", Write: dot.WriteSVG},
	{Name: "csv", Exts: []string{".csv"}, MediaType: "text/csv", Streams: true,
		Doc: "one spreadsheet row per statement, with subject labels and types", Write: noCtx(csv.Write)},
}

// Formats lists every format, in the order of the documentation.
func Formats() []Format { return append([]Format(nil), formats...) }

// Names lists the format names.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.Name
	}
	return out
}

// ByName returns the format called name, or whose extension name is
// ("nt", "ttl", "gv"), case-insensitive; else an error listing the names.
func ByName(name string) (Format, error) {
	for _, f := range formats {
		if strings.EqualFold(f.Name, name) {
			return f, nil
		}
	}
	for _, f := range formats {
		for _, e := range f.Exts {
			if strings.EqualFold(e, "."+name) {
				return f, nil
			}
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (valid: %s)", name, strings.Join(Names(), ", "))
}

// ByPath returns the format a file name's extension selects.
func ByPath(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range formats {
		for _, e := range f.Exts {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}

// Choose picks the format from --format (name) or else from the -o file
// name (path); with neither it is N-Quads. A name and an extension that
// disagree are an error.
func Choose(name, path string) (Format, error) {
	byExt, extOK := Format{}, false
	if path != "" && path != "-" {
		byExt, extOK = ByPath(path)
	}
	if name != "" {
		f, err := ByName(name)
		if err != nil {
			return Format{}, err
		}
		if extOK && byExt.Name != f.Name {
			return Format{}, fmt.Errorf("--format %s does not match the extension of %s (a %s file); change one of them", f.Name, path, byExt.Name)
		}
		return f, nil
	}
	if extOK {
		return byExt, nil
	}
	if ext := filepath.Ext(path); path != "" && path != "-" && ext != "" {
		var exts []string
		for _, f := range formats {
			exts = append(exts, f.Exts...)
		}
		return Format{}, fmt.Errorf("cannot tell the format from the extension %q of %s; pass --format (valid: %s) or use one of %s",
			ext, path, strings.Join(Names(), ", "), strings.Join(exts, " "))
	}
	f, _ := ByName("nquads")
	return f, nil
}
