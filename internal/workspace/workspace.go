// Package workspace opens the store a command works on and fills it, reads
// the data files and RDF files a load names, and resolves graph names: what
// every command needs before it does its own work, without a command line.
// Its errors are typed; the command line words them (internal/cli).
package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
	"github.com/confgraph/confgraph/internal/store"
)

// Config selects a store and the base of minted IRIs.
type Config struct {
	Backend string // store backend name
	Path    string // path or address of a persistent store
	Base    string // base IRI of minted instance IRIs
}

// BaseError reports a base IRI that cannot mint IRIs.
type BaseError struct{ Err error }

func (e *BaseError) Error() string { return e.Err.Error() }
func (e *BaseError) Unwrap() error { return e.Err }

// NoStoreError reports a file store that does not exist where a command
// only reads it.
type NoStoreError struct{ Backend, Path string }

func (e *NoStoreError) Error() string { return fmt.Sprintf("no %s store at %s", e.Backend, e.Path) }

// GraphNotFoundError reports a graph that is not in the store, with the
// graphs that are.
type GraphNotFoundError struct {
	Want quad.Value
	Have []quad.Value
}

func (e *GraphNotFoundError) Error() string {
	names := make([]string, len(e.Have))
	for i, g := range e.Have {
		names[i] = g.String()
	}
	return fmt.Sprintf("graph %s is not in the store; graphs: %s", e.Want, strings.Join(names, " "))
}

// ProblemsError lists every problem found in the files read, one message
// a problem (file:line:col: ... for data files); nothing was read.
type ProblemsError struct{ Problems []string }

func (e *ProblemsError) Error() string { return fmt.Sprintf("%d problem(s) found", len(e.Problems)) }

// FileKindError reports a file load does not read, by its extension.
type FileKindError struct {
	Path string
	Ext  string // lower case, with its dot; "" for none
	// Format names the format of the extension when one is known that
	// load does not read, e.g. "Turtle"; "" when the extension is unknown.
	Format string
}

// LoadExts lists the extensions load reads: data files, then RDF files.
func LoadExts() []string { return append(dataset.DataExts(), rdfio.ReadExts()...) }

// absentFormats names, by extension, RDF syntaxes confgraph has no reader
// or writer for at all; the syntaxes it has are named by rdfio's table.
var absentFormats = map[string]string{
	".n3": "N3", ".rdf": "RDF/XML", ".owl": "RDF/XML", ".xml": "XML", ".trix": "TriX", ".hdt": "HDT",
}

// formatOf names the format of a file load does not read, from rdfio's
// table or the formats confgraph lacks; "" when none is known.
func formatOf(path string) string {
	if f, ok := rdfio.ByPath(path); ok {
		return f.Title
	}
	return absentFormats[strings.ToLower(filepath.Ext(path))]
}

func (e *FileKindError) Error() string {
	what := "its extension " + e.Ext + " is not one load reads"
	if e.Ext == "" {
		what = "it has no file extension, and load picks the format by extension"
	} else if e.Format != "" {
		what = e.Format + " is not supported for loading"
	}
	return fmt.Sprintf("cannot read %s: %s; supported: %s", e.Path, what, strings.Join(LoadExts(), ", "))
}

// IRIs returns the IRI minter for the configured base.
func (c Config) IRIs() (mapping.IRIs, error) {
	if err := mapping.CheckBase(c.Base); err != nil {
		return mapping.IRIs{}, &BaseError{err}
	}
	return mapping.IRIs{Base: c.Base}, nil
}

// ReadData reads and validates data files: the named paths (a directory
// stands for the data files in it), or the curated data embedded in the
// binary when there are none. Validation problems come as a ProblemsError.
func ReadData(paths []string) ([]*dataset.File, error) {
	var files []*dataset.File
	var err error
	if len(paths) == 0 {
		files, err = dataset.ReadFS(graph.Files, ".")
	} else {
		files, err = dataset.ReadPaths(paths)
	}
	var es dataset.Errors
	if errors.As(err, &es) {
		pe := &ProblemsError{}
		for _, e := range es {
			pe.Problems = append(pe.Problems, e.Error())
		}
		return nil, pe
	}
	return files, err
}

// OpenExisting is Open for commands that only read: a file store that does
// not exist is a NoStoreError (a mistyped path), not a new empty store.
func (c Config) OpenExisting(ctx context.Context) (*store.Store, error) {
	if b, ok := store.Lookup(c.Backend); ok && b.File && c.Path != "" {
		if _, err := os.Stat(c.Path); os.IsNotExist(err) {
			return nil, &NoStoreError{Backend: c.Backend, Path: c.Path}
		}
	}
	return c.Open(ctx)
}

// OpenReadOnly is OpenExisting for commands that do not write: a bolt
// store is opened read-only (store.OpenReadOnly), so it works on a
// read-only file system or without write permission, and a directory that
// is not a store is refused, never turned into one.
func (c Config) OpenReadOnly(ctx context.Context) (*store.Store, error) {
	b, ok := store.Lookup(c.Backend)
	if !ok || !b.Persistent {
		return c.Open(ctx)
	}
	if b.File && c.Path != "" {
		if _, err := os.Stat(c.Path); os.IsNotExist(err) {
			return nil, &NoStoreError{Backend: c.Backend, Path: c.Path}
		}
	}
	return store.OpenReadOnly(ctx, c.Backend, c.Path)
}

// Open opens the configured store, creating a persistent store on first
// use. A store that keeps nothing is filled with the embedded curated data,
// so that every command has a graph.
func (c Config) Open(ctx context.Context) (*store.Store, error) {
	s, err := store.Open(ctx, c.Backend, c.Path)
	if err != nil {
		return nil, err
	}
	if s.Backend().Persistent {
		return s, nil
	}
	m, err := c.IRIs()
	if err != nil {
		s.Close()
		return nil, err
	}
	files, err := ReadData(nil)
	if err != nil {
		s.Close()
		return nil, err
	}
	if _, err := s.Replace(ctx, mapping.Quads(m, files)); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Graph resolves a graph name, a report ID or the full IRI of a graph (in
// angle brackets or not; see GraphIRI), to a graph in s; "" is no graph
// (nil).
func (c Config) Graph(ctx context.Context, s *store.Store, arg string) (quad.Value, error) {
	if arg == "" {
		return nil, nil
	}
	m, err := c.IRIs()
	if err != nil {
		return nil, err
	}
	want, err := GraphIRI(m, arg)
	if err != nil {
		return nil, err
	}
	graphs, err := s.Graphs(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range graphs {
		if g == quad.Value(want) {
			return want, nil
		}
	}
	return nil, &GraphNotFoundError{Want: want, Have: graphs}
}

// SplitLoadArgs sorts load's arguments by extension: directories and
// .yaml/.yml files are data, .nq/.nt/.jsonld/.json are RDF; anything else
// is a FileKindError (a directory stands for the .yaml/.yml files in it).
func SplitLoadArgs(args []string) (data, rdf []string, err error) {
	for _, p := range args {
		st, err := os.Stat(p)
		if err == nil && st.IsDir() || err != nil && filepath.Ext(p) == "" {
			data = append(data, p) // reading reports a missing directory
			continue
		}
		switch {
		case dataset.IsDataFile(p):
			data = append(data, p)
		case rdfio.IsReadable(p):
			rdf = append(rdf, p)
		default:
			return nil, nil, &FileKindError{Path: p, Ext: strings.ToLower(filepath.Ext(p)), Format: formatOf(p)}
		}
	}
	return data, rdf, nil
}

// GraphArgError reports a graph name that is neither a report ID nor a
// usable absolute IRI.
type GraphArgError struct {
	Arg string
	Err error // what is wrong with the IRI; nil when Arg is no IRI at all
}

func (e *GraphArgError) Error() string { return e.Message("graph") }

// Message returns the error's text with setting as the name of what gave
// the graph name.
func (e *GraphArgError) Message(setting string) string {
	if e.Err != nil {
		return fmt.Sprintf("%s %q: %v", setting, e.Arg, e.Err)
	}
	return fmt.Sprintf("%s %q is neither a report ID (lowercase letters and digits, joined by single hyphens, e.g. imported-people) nor an absolute IRI (e.g. https://example.org/graph/people)", setting, e.Arg)
}

func (e *GraphArgError) Unwrap() error { return e.Err }

// GraphIRI is the one resolution of a graph name: a report ID names the
// report's graph, anything with a colon is an absolute IRI (in angle
// brackets or not). Anything else, or an IRI confgraph cannot store, is a
// *GraphArgError.
func GraphIRI(m mapping.IRIs, arg string) (quad.IRI, error) {
	if dataset.IsSlug(arg) {
		return m.Graph(arg), nil
	}
	if !strings.Contains(arg, ":") {
		return "", &GraphArgError{Arg: arg}
	}
	iri := strings.TrimSuffix(strings.TrimPrefix(arg, "<"), ">")
	if !utf8.ValidString(iri) {
		return "", &GraphArgError{Arg: arg, Err: errors.New("not valid UTF-8 text")}
	}
	if err := rdf.CheckIRI(iri); err != nil {
		return "", &GraphArgError{Arg: arg, Err: err}
	}
	return quad.IRI(iri), nil
}

// ReadRDF reads every RDF file; triples in a file's default graph go to
// graph (a report ID or a graph IRI, see GraphIRI) when it is not "", else
// to FileGraph(m, path). Any problem with a file means nothing is read: all
// of them come as a ProblemsError.
func ReadRDF(m mapping.IRIs, paths []string, graph string) ([]quad.Quad, error) {
	var def quad.Value
	if graph != "" {
		g, err := GraphIRI(m, graph)
		if err != nil {
			return nil, err
		}
		def = g
	}
	var out []quad.Quad
	var problems []string
	for _, p := range paths {
		data, err := dataset.ReadRegular(p, dataset.MaxRDFSize)
		if err != nil {
			problems = append(problems, dataset.ReadError(p, err).Error())
			continue
		}
		g := def
		if g == nil {
			g = FileGraph(m, p)
		}
		qs, err := rdfio.Read(p, data, g)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out = append(out, qs...)
	}
	if len(problems) > 0 {
		return nil, &ProblemsError{Problems: problems}
	}
	return out, nil
}

// FileGraph is the graph named after an RDF file, for its default-graph
// triples when no graph is given.
func FileGraph(m mapping.IRIs, path string) quad.IRI {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range strings.ToLower(stem) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return m.Graph(b.String())
}
