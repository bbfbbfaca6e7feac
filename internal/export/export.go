// Package export is the registry of confgraph's export formats: the RDF
// syntaxes of package rdfio, the entity-graph formats (GraphML, DOT,
// SVG, CSV) and the civic-tech formats (FollowTheMoney, Popolo) of this
// package's subpackages. It maps a format name or a file
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
	"github.com/confgraph/confgraph/internal/export/ftm"
	"github.com/confgraph/confgraph/internal/export/graphml"
	"github.com/confgraph/confgraph/internal/export/popolo"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Format is one export format.
type Format struct {
	// Name is what users pass to --format.
	Name string
	// Title is the format's own name, e.g. "Turtle" or "GraphML", for
	// messages.
	Title string
	// Exts are the file extensions (with dot) that select it from -o.
	Exts []string
	// MediaType is the format's IANA media type.
	MediaType string
	// RDF formats carry every quad (Turtle and N-Triples: every triple);
	// they come from the table of package rdfio.
	RDF bool
	// KeepsGraphs marks RDF formats that write named graphs; the other RDF
	// formats write the union of the graphs, each triple once.
	KeepsGraphs bool
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
	return Format{Name: f.Name, Title: f.Title, Exts: f.Exts, MediaType: f.MediaType, RDF: true, KeepsGraphs: f.KeepsGraphs, Streams: f.Streams, Doc: f.Doc,
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
		Format{Name: "graphml", Title: "GraphML", Exts: []string{".graphml"}, MediaType: "application/graphml+xml",
			Doc: "GraphML entity graph for network tools (networkx, Gephi, yEd)", Write: noCtx(graphml.Write), WriteLang: noCtxLang(graphml.WriteLang)},
		Format{Name: "dot", Title: "DOT", Exts: []string{".dot", ".gv"}, MediaType: "text/vnd.graphviz",
			Doc: "Graphviz DOT entity graph", Write: noCtx(dot.Write), WriteLang: noCtxLang(dot.WriteLang)},
		Format{Name: "svg", Title: "SVG", Exts: []string{".svg"}, MediaType: "image/svg+xml",
			Doc: "the DOT entity graph rendered by Graphviz (needs dot on PATH)", Write: dot.WriteSVG, WriteLang: dot.WriteSVGLang},
		Format{Name: "csv", Title: "CSV", Exts: []string{".csv"}, MediaType: "text/csv", Streams: true,
			Doc: "one spreadsheet row per statement, with subject labels and types", Write: noCtx(csv.Write), WriteLang: noCtxLang(csv.WriteLang)},
		Format{Name: "ftm", Title: "FollowTheMoney", Exts: []string{".ftm.json"}, MediaType: "application/x-ndjson", Streams: true,
			Doc: "FollowTheMoney entities, one JSON object a line, for Aleph and OpenSanctions", Write: noCtx(ftm.Write)},
		Format{Name: "popolo", Title: "Popolo", Exts: []string{".popolo.json"}, MediaType: "application/json",
			Doc: "one Popolo JSON document: persons, organizations, posts, memberships, events", Write: noCtx(popolo.Write)},
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

// FormatProblem says why no format could be chosen.
type FormatProblem int

const (
	// UnknownName: the name is neither a format's name nor one of its
	// extensions.
	UnknownName FormatProblem = iota + 1
	// NameMismatch: the name and the output file's extension select
	// different formats.
	NameMismatch
	// UnknownExt: no name was given and the output file's extension
	// selects no format.
	UnknownExt
)

// FormatError reports a format name or output file name that selects no
// format, or two that select different ones. Its text names no flag; a
// command line words it in its own terms from the fields.
type FormatError struct {
	Problem FormatProblem
	// Name is the name asked for (UnknownName) or the format it selects
	// (NameMismatch).
	Name string
	// Path is the output file name (NameMismatch, UnknownExt); Ext its
	// extension as written (UnknownExt).
	Path, Ext string
	// PathFormat is the format the extension of Path selects (NameMismatch).
	PathFormat string
	// Valid lists the format names; Exts every extension that selects one.
	Valid, Exts []string
}

func (e *FormatError) Error() string {
	switch e.Problem {
	case NameMismatch:
		return fmt.Sprintf("format %s does not match the extension of %s (a %s file)", e.Name, e.Path, e.PathFormat)
	case UnknownExt:
		return fmt.Sprintf("cannot tell the format from the extension %q of %s (formats: %s; extensions: %s)",
			e.Ext, e.Path, strings.Join(e.Valid, ", "), strings.Join(e.Exts, " "))
	}
	return fmt.Sprintf("unknown format %q (valid: %s)", e.Name, strings.Join(e.Valid, ", "))
}

// exts lists every extension that selects a format, in table order.
func exts() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.Exts...)
	}
	return out
}

func formatExts(f Format) []string { return f.Exts }

// ByName returns the format called name, or whose extension name is
// ("nt", "ttl", "gv"), case-insensitive; else a *FormatError.
func ByName(name string) (Format, error) {
	for _, f := range formats {
		if strings.EqualFold(f.Name, name) {
			return f, nil
		}
	}
	if f, ok := rdfio.ByExt(formats, formatExts, "."+name); ok {
		return f, nil
	}
	return Format{}, &FormatError{Problem: UnknownName, Name: name, Valid: Names(), Exts: exts()}
}

// ByPath returns the format a file name's extension selects. The longest
// extension that the name ends with wins, so x.ftm.json is an FtM file,
// not JSON-LD (.json).
func ByPath(path string) (Format, bool) {
	name := strings.ToLower(filepath.Base(path))
	best, bestLen := Format{}, 0
	for _, f := range formats {
		for _, e := range f.Exts {
			if len(e) > bestLen && strings.HasSuffix(name, strings.ToLower(e)) {
				best, bestLen = f, len(e)
			}
		}
	}
	return best, bestLen > 0
}

// Choose picks the format from a format name or else from the output file
// name (path); with neither it is N-Quads. A name and an extension that
// disagree, like a name or an extension that selects nothing, are a
// *FormatError.
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
			return Format{}, &FormatError{Problem: NameMismatch, Name: f.Name, Path: path, PathFormat: byExt.Name, Valid: Names(), Exts: exts()}
		}
		return f, nil
	}
	if extOK {
		return byExt, nil
	}
	if ext := filepath.Ext(path); path != "" && path != "-" && ext != "" {
		return Format{}, &FormatError{Problem: UnknownExt, Path: path, Ext: ext, Valid: Names(), Exts: exts()}
	}
	f, _ := ByName("nquads")
	return f, nil
}
