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

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
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
	if _, err := s.Replace(ctx, mapping.All(m, files)); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Graph resolves a graph name, a report ID or the full IRI of a graph (in
// angle brackets or not), to a graph in s; "" is no graph (nil).
func (c Config) Graph(ctx context.Context, s *store.Store, arg string) (quad.Value, error) {
	if arg == "" {
		return nil, nil
	}
	m, err := c.IRIs()
	if err != nil {
		return nil, err
	}
	want := quad.IRI(strings.Trim(arg, "<>"))
	if !strings.Contains(arg, ":") {
		want = m.Graph(arg)
	}
	graphs, err := s.Graphs(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range graphs {
		if g == want {
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

// ReadRDF reads every RDF file; triples in a file's default graph go to
// DefaultGraph(m, path, graph). Any problem means nothing is read: all of
// them come as a ProblemsError.
func ReadRDF(m mapping.IRIs, paths []string, graph string) ([]quad.Quad, error) {
	var out []quad.Quad
	var problems []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("read %s: %v", p, err))
			continue
		}
		qs, err := rdfio.Read(p, data, DefaultGraph(m, p, graph))
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

// DefaultGraph is the graph of an RDF file's default-graph triples: graph
// (a report ID or a graph IRI) when it is not "", else a graph named after
// the file.
func DefaultGraph(m mapping.IRIs, path, graph string) quad.Value {
	if graph != "" {
		if strings.Contains(graph, ":") {
			return quad.IRI(strings.Trim(graph, "<>"))
		}
		return m.Graph(graph)
	}
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
