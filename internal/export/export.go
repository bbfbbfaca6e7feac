// Package export is the registry of confgraph's export formats: the RDF
// syntaxes of package rdfio and the entity-graph formats (GraphML, DOT,
// SVG, CSV) of this package's subpackages. It maps a format name or a file
// extension to the writer that serializes a sorted quad source (rdf.Source)
// and reads that source from a store. The serializations depend on the
// data model, never the other way round.
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
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Format is one export format.
type Format struct {
	// Name is what users pass to --format.
	Name string
	// Exts are the file extensions (with dot) that select it from -o.
	Exts []string
	// MediaType is the format's IANA media type.
	MediaType string
	// RDF formats carry every quad (Turtle and N-Triples: every triple);
	// they come from the table of package rdfio.
	RDF bool
	// Streams marks writers that only walk Source.All, line by line: they
	// get a bounded-memory source (see StoreSource) with Source.Graphs and
	// Source.InGraph unset.
	Streams bool
	// Doc is a one-line description.
	Doc string
	// Write serializes src to w.
	Write func(ctx context.Context, w io.Writer, src rdf.Source) error
	// WriteLang, set for the entity-graph formats, is Write with node
	// labels in language lang first ("" is Write).
	WriteLang func(ctx context.Context, w io.Writer, src rdf.Source, lang string) error
}

func noCtxLang(f func(io.Writer, rdf.Source, string) error) func(context.Context, io.Writer, rdf.Source, string) error {
	return func(_ context.Context, w io.Writer, src rdf.Source, lang string) error { return f(w, src, lang) }
}

func noCtx(f func(io.Writer, rdf.Source) error) func(context.Context, io.Writer, rdf.Source) error {
	return func(_ context.Context, w io.Writer, src rdf.Source) error { return f(w, src) }
}

// fromRDF makes an export format of an RDF syntax that confgraph writes,
// with the project's well-known prefixes.
func fromRDF(f rdfio.Format) Format {
	return Format{Name: f.Name, Exts: f.Exts, MediaType: f.MediaType, RDF: true, Streams: f.Streams, Doc: f.Doc,
		Write: func(_ context.Context, w io.Writer, src rdf.Source) error { return f.Write(w, src, vocab.Prefixes) }}
}

// formats lists the RDF syntaxes first, then the entity-graph formats.
var formats = func() []Format {
	var out []Format
	for _, f := range rdfio.Formats() {
		if f.CanWrite() {
			out = append(out, fromRDF(f))
		}
	}
	return append(out,
		Format{Name: "graphml", Exts: []string{".graphml"}, MediaType: "application/graphml+xml",
			Doc: "GraphML entity graph for network tools (networkx, Gephi, yEd)", Write: noCtx(graphml.Write), WriteLang: noCtxLang(graphml.WriteLang)},
		Format{Name: "dot", Exts: []string{".dot", ".gv"}, MediaType: "text/vnd.graphviz",
			Doc: "Graphviz DOT entity graph", Write: noCtx(dot.Write), WriteLang: noCtxLang(dot.WriteLang)},
		Format{Name: "svg", Exts: []string{".svg"}, MediaType: "image/svg+xml",
			Doc: "the DOT entity graph rendered by Graphviz (needs dot on PATH)", Write: dot.WriteSVG, WriteLang: dot.WriteSVGLang},
		Format{Name: "csv", Exts: []string{".csv"}, MediaType: "text/csv", Streams: true,
			Doc: "one spreadsheet row per statement, with subject labels and types", Write: noCtx(csv.Write), WriteLang: noCtxLang(csv.WriteLang)},
	)
}()

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
