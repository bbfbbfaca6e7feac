// Package rdfio is the table of RDF syntaxes: for each its name, file
// extensions, media type, whether it keeps named graphs, and its reader and
// writer, each in a package of its own (nquads, turtle, jsonld). load,
// export, the server and the tests all choose formats through it.
//
// Read turns a file's bytes into canonical quads that confgraph can load
// next to its own data. Literals keep their exact lexical form (the syntax
// packages turn off quad's conversion of typed literals into Go values) and
// every quad goes through rdf.Canonical. Triples in the default graph go to
// the graph the caller names. Language tags are lowercased (RDF compares
// them case-insensitively; the JSON-LD processor lowercases them). Blank
// node labels get a prefix made from the file's content hash, so blank
// nodes of different files never merge and loading the same file twice
// gives the same labels.
//
// Input is checked strictly: N-Quads and N-Triples are parsed one statement
// per line (errors carry file:line:col), and every IRI, from any syntax,
// must be absolute and free of spaces, control characters and <>"{}|^`\;
// language tags must be well formed. .json files are read as JSON-LD, since
// 'confgraph export -o x.json' writes JSON-LD.
package rdfio

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/rdfio/jsonld"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
	"github.com/confgraph/confgraph/internal/rdfio/turtle"
)

// Format is one RDF syntax.
type Format struct {
	// Name is what users pass to --format, e.g. "nquads".
	Name string
	// Title is the syntax's own name, e.g. "N-Quads", for messages.
	Title string
	// Exts are the file extensions (with dot) that select it.
	Exts []string
	// MediaType is the syntax's IANA media type.
	MediaType string
	// KeepsGraphs marks syntaxes that write named graphs; the others write
	// the union of the graphs, each triple once.
	KeepsGraphs bool
	// Streams marks writers that only walk Source.All, line by line: they
	// need no Source.Graphs or Source.InGraph and run in bounded memory.
	Streams bool
	// Doc is a one-line description.
	Doc string
	// Read parses a file's bytes; nil when confgraph cannot read the
	// syntax. Default-graph triples have no label; a syntax error is an
	// *rdf.SyntaxError.
	Read func(data []byte) ([]quad.Quad, error)
	// Write serializes a sorted source; known names the prefixes of the
	// well-known namespaces. Nil when confgraph cannot write the syntax.
	Write func(w io.Writer, src rdf.Source, known []prefix.Prefix) error
}

// CanRead reports whether confgraph reads the syntax.
func (f Format) CanRead() bool { return f.Read != nil }

// CanWrite reports whether confgraph writes the syntax.
func (f Format) CanWrite() bool { return f.Write != nil }

var formats = []Format{
	{Name: "nquads", Title: "N-Quads", Exts: []string{".nq"}, MediaType: "application/n-quads", KeepsGraphs: true, Streams: true,
		Doc:  "N-Quads, one quad a line (the reference export)",
		Read: nquads.Read,
		Write: func(w io.Writer, s rdf.Source, _ []prefix.Prefix) error {
			if s.Lines != nil {
				return nquads.WriteLines(w, s.Lines)
			}
			return nquads.WriteSeq(w, s.All)
		}},
	{Name: "ntriples", Title: "N-Triples", Exts: []string{".nt"}, MediaType: "application/n-triples", Streams: true,
		Doc:   "N-Triples: the union of the graphs, each triple once",
		Read:  nquads.ReadTriples,
		Write: func(w io.Writer, s rdf.Source, _ []prefix.Prefix) error { return nquads.WriteTriples(w, s.All) }},
	{Name: "turtle", Title: "Turtle", Exts: []string{".ttl"}, MediaType: "text/turtle",
		Doc: "Turtle with prefixes, grouped by subject: the union of the graphs", Write: turtle.WriteTurtle},
	{Name: "trig", Title: "TriG", Exts: []string{".trig"}, MediaType: "application/trig", KeepsGraphs: true,
		Doc: "TriG: Turtle with one block per named graph", Write: turtle.WriteTriG},
	{Name: "jsonld", Title: "JSON-LD", Exts: []string{".jsonld", ".json"}, MediaType: "application/ld+json", KeepsGraphs: true,
		Doc:  "JSON-LD with a readable @context, one @graph per named graph",
		Read: jsonld.Read, Write: jsonld.Write}, // export -o x.json writes JSON-LD, so load reads .json as JSON-LD
}

// Formats lists every RDF syntax, in the order of the documentation.
func Formats() []Format { return append([]Format(nil), formats...) }

// ByPath returns the syntax a file name's extension selects.
func ByPath(name string) (Format, bool) {
	return ByExt(formats, func(f Format) []string { return f.Exts }, filepath.Ext(name))
}

// ByExt returns the first of formats whose extensions (exts) include ext,
// case-insensitive: the one extension lookup of every format table (this
// one and export's).
func ByExt[F any](formats []F, exts func(F) []string, ext string) (F, bool) {
	for _, f := range formats {
		for _, e := range exts(f) {
			if strings.EqualFold(e, ext) {
				return f, true
			}
		}
	}
	var zero F
	return zero, false
}

// ReadExts lists the file extensions Read accepts, e.g. ".nq".
func ReadExts() []string {
	var out []string
	for _, f := range formats {
		if f.CanRead() {
			out = append(out, f.Exts...)
		}
	}
	return out
}

// IsReadable reports whether name has an extension Read accepts.
func IsReadable(name string) bool {
	f, ok := ByPath(name)
	return ok && f.CanRead()
}

// Read parses data, the content of the file called name, into canonical
// quads. Triples of the default graph are put into graph def, which must
// not be nil. The error names the file and what is wrong.
func Read(name string, data []byte, def quad.Value) (qs []quad.Quad, err error) {
	syn, ok := ByPath(name)
	if !ok || !syn.CanRead() {
		return nil, fmt.Errorf("%s: not an RDF file this version reads (extensions: %s)", name, strings.Join(ReadExts(), " "))
	}
	if def == nil {
		return nil, fmt.Errorf("%s: no graph given for default-graph triples", name)
	}
	defer func() {
		if r := recover(); r != nil { // quad's parser panics on some malformed escapes
			qs, err = nil, fmt.Errorf("%s: not valid %s: %v", name, syn.Title, r)
		}
	}()
	qs, err = syn.Read(data)
	var pe *rdf.SyntaxError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("%s:%d:%d: not valid %s: %s", name, pe.Line, pe.Col, syn.Title, pe.Msg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not valid %s: %w", name, syn.Title, err)
	}
	sum := sha256.Sum256(data)
	bprefix := "f" + hex.EncodeToString(sum[:4]) + "_"
	for i, q := range qs {
		if q.Label == nil {
			q.Label = def
		}
		q.Subject = relabel(q.Subject, bprefix)
		q.Object = relabel(q.Object, bprefix)
		q.Label = relabel(q.Label, bprefix)
		if _, ok := q.Predicate.(quad.IRI); !ok {
			return nil, fmt.Errorf("%s: predicate %s is not an IRI", name, q.Predicate)
		}
		if err := checkTerms(q); err != nil {
			return nil, fmt.Errorf("%s: not valid %s: %v", name, syn.Title, err)
		}
		q = rdf.Canonical(q)
		if l, ok := q.Object.(quad.LangString); ok {
			l.Lang = strings.ToLower(l.Lang) // json-gold lowercases tags; RDF compares them case-insensitively
			q.Object = l
		}
		if t, ok := q.Object.(quad.TypedString); ok && t.Type == rdf.XSDString {
			q.Object = t.Value // "x"^^xsd:string and "x" are one RDF term
		}
		qs[i] = q
	}
	return qs, nil
}

// checkTerms checks every IRI (datatypes included) and language tag of q,
// whichever reader produced it (json-gold lets relative IRIs through).
func checkTerms(q quad.Quad) error {
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		switch v := v.(type) {
		case quad.IRI:
			if err := rdf.CheckIRI(string(v)); err != nil {
				return err
			}
		case quad.TypedString:
			if err := rdf.CheckIRI(string(v.Type)); err != nil {
				return fmt.Errorf("datatype %v", err)
			}
		case quad.LangString:
			if err := rdf.CheckLang(v.Lang); err != nil {
				return err
			}
		}
	}
	return nil
}

func relabel(v quad.Value, prefix string) quad.Value {
	if b, ok := v.(quad.BNode); ok {
		return quad.BNode(prefix + string(b))
	}
	return v
}
