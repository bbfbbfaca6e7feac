// Package rdfin reads RDF files (N-Quads, N-Triples, JSON-LD) into
// canonical quads that confgraph can load next to its own data.
//
// Literals keep their exact lexical form: this package turns off quad's
// conversion of typed literals into Go values (nquads.AutoConvertTypedString
// and jsonld.AutoConvertTypedString, process-wide, in init), and every quad
// goes through store.Canonical. Triples in the default graph go to the
// graph the caller names. Language tags are lowercased (RDF compares them
// case-insensitively; the JSON-LD processor lowercases them). Blank node labels get a prefix made from the
// file's content hash, so blank nodes of different files never merge and
// loading the same file twice gives the same labels.
//
// Input is checked strictly: N-Quads and N-Triples are parsed here, one
// statement per line (errors carry file:line:col), and every IRI, from
// any syntax, must be absolute and free of spaces, control characters
// and <>"{}|^`\; language tags must be well formed. .json files are read
// as JSON-LD, since 'confgraph export -o x.json' writes JSON-LD.
package rdfin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	qjsonld "github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/piprate/json-gold/ld"

	"github.com/confgraph/confgraph/internal/store"
)

func init() {
	nquads.AutoConvertTypedString = false
	qjsonld.AutoConvertTypedString = false
}

// Syntax is an RDF syntax this package reads.
type Syntax struct {
	Name string
	Exts []string
	read func(data []byte) ([]quad.Quad, error)
}

var syntaxes = []Syntax{
	{Name: "N-Quads", Exts: []string{".nq"}, read: readNQuads},
	{Name: "N-Triples", Exts: []string{".nt"}, read: readNQuads},
	{Name: "JSON-LD", Exts: []string{".jsonld", ".json"}, read: readJSONLD}, // export -o x.json writes JSON-LD
}

// Exts lists the file extensions read, e.g. ".nq".
func Exts() []string {
	var out []string
	for _, s := range syntaxes {
		out = append(out, s.Exts...)
	}
	return out
}

// ByPath returns the syntax a file name's extension selects.
func ByPath(name string) (Syntax, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, s := range syntaxes {
		for _, e := range s.Exts {
			if e == ext {
				return s, true
			}
		}
	}
	return Syntax{}, false
}

// IsRDFFile reports whether name has an extension this package reads.
func IsRDFFile(name string) bool {
	_, ok := ByPath(name)
	return ok
}

// Read parses data, the content of the file called name, into canonical
// quads. Triples of the default graph are put into graph def, which must
// not be nil. The error names the file and what is wrong.
func Read(name string, data []byte, def quad.Value) (qs []quad.Quad, err error) {
	syn, ok := ByPath(name)
	if !ok {
		return nil, fmt.Errorf("%s: not an RDF file this version reads (extensions: %s)", name, strings.Join(Exts(), " "))
	}
	if def == nil {
		return nil, fmt.Errorf("%s: no graph given for default-graph triples", name)
	}
	defer func() {
		if r := recover(); r != nil { // quad's parser panics on some malformed escapes
			qs, err = nil, fmt.Errorf("%s: not valid %s: %v", name, syn.Name, r)
		}
	}()
	qs, err = syn.read(data)
	var pe *posError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("%s:%d:%d: not valid %s: %s", name, pe.line, pe.col, syn.Name, pe.msg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not valid %s: %w", name, syn.Name, err)
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
			return nil, fmt.Errorf("%s: not valid %s: %v", name, syn.Name, err)
		}
		q = store.Canonical(q)
		if l, ok := q.Object.(quad.LangString); ok {
			l.Lang = strings.ToLower(l.Lang) // json-gold lowercases tags; RDF compares them case-insensitively
			q.Object = l
		}
		if t, ok := q.Object.(quad.TypedString); ok && t.Type == xsdString {
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
			if err := CheckIRI(string(v)); err != nil {
				return err
			}
		case quad.TypedString:
			if err := CheckIRI(string(v.Type)); err != nil {
				return fmt.Errorf("datatype %v", err)
			}
		case quad.LangString:
			if err := CheckLang(v.Lang); err != nil {
				return err
			}
		}
	}
	return nil
}

const xsdString = quad.IRI("http://www.w3.org/2001/XMLSchema#string")

func relabel(v quad.Value, prefix string) quad.Value {
	if b, ok := v.(quad.BNode); ok {
		return quad.BNode(prefix + string(b))
	}
	return v
}

// offline refuses to fetch remote JSON-LD contexts.
type offline struct{}

func (offline) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("remote JSON-LD context %s is not fetched; put the context into the file", u)
}

func readJSONLD(data []byte) ([]quad.Quad, error) {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("JSON: %w", err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offline{}
	// Expand first: ToRDF silently drops statements with relative or
	// malformed IRIs, which must be errors instead.
	expanded, err := ld.NewJsonLdProcessor().Expand(doc, opts)
	if err == nil {
		if err := checkExpanded(expanded); err != nil {
			return nil, err
		}
	}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		if strings.Contains(err.Error(), "remote context") {
			return nil, fmt.Errorf("%w (confgraph does not fetch remote contexts: put the @context into the file)", err)
		}
		return nil, err
	}
	ds, ok := res.(*ld.RDFDataset)
	if !ok {
		return nil, fmt.Errorf("JSON-LD processor returned %T", res)
	}
	names := slices.Sorted(maps.Keys(ds.Graphs))
	var qs []quad.Quad
	for _, g := range names {
		for _, lq := range ds.Graphs[g] {
			q := quad.Quad{Subject: node(lq.Subject), Predicate: node(lq.Predicate), Object: node(lq.Object)}
			if g != "@default" {
				q.Label = node(lq.Graph)
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				continue
			}
			qs = append(qs, q)
		}
	}
	return qs, nil
}

// checkExpanded checks every IRI (node IDs, types, datatypes, properties)
// and language tag of an expanded JSON-LD document.
func checkExpanded(v any) error {
	checkID := func(s string) error {
		if strings.HasPrefix(s, "_:") {
			return nil
		}
		return CheckIRI(s)
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if err := checkExpanded(e); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := slices.Sorted(maps.Keys(v))
		for _, k := range keys {
			e := v[k]
			switch k {
			case "@id":
				if s, ok := e.(string); ok {
					if err := checkID(s); err != nil {
						return err
					}
				}
				continue
			case "@type":
				ts, _ := e.([]any)
				if s, ok := e.(string); ok {
					ts = []any{s}
				}
				for _, t := range ts {
					if s, ok := t.(string); ok && s != "@json" {
						if err := checkID(s); err != nil {
							return fmt.Errorf("type %v", err)
						}
					}
				}
				continue
			case "@language":
				if s, ok := e.(string); ok {
					if err := CheckLang(s); err != nil {
						return err
					}
				}
				continue
			case "@value":
				continue
			}
			if !strings.HasPrefix(k, "@") {
				if err := CheckIRI(k); err != nil {
					return fmt.Errorf("property %v", err)
				}
			}
			if err := checkExpanded(e); err != nil {
				return err
			}
		}
	}
	return nil
}

func node(n ld.Node) quad.Value {
	switch n := n.(type) {
	case *ld.IRI:
		return quad.IRI(n.Value)
	case *ld.BlankNode:
		return quad.BNode(strings.TrimPrefix(n.Attribute, "_:"))
	case *ld.Literal:
		return literal(*n)
	}
	return nil
}

func literal(l ld.Literal) quad.Value {
	switch {
	case l.Language != "":
		return quad.LangString{Value: quad.String(l.Value), Lang: l.Language}
	case l.Datatype == "" || l.Datatype == string(xsdString):
		return quad.String(l.Value)
	}
	return quad.TypedString{Value: quad.String(l.Value), Type: quad.IRI(l.Datatype)}
}
