package jsonld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	qjsonld "github.com/cayleygraph/quad/jsonld"
	"github.com/piprate/json-gold/ld"

	"github.com/confgraph/confgraph/internal/rdf"
)

// quad's JSON-LD package turns typed literals into Go values unless told
// otherwise, process-wide; confgraph keeps every literal as written.
func init() { qjsonld.AutoConvertTypedString = false }

// offline refuses to fetch remote JSON-LD contexts.
type offline struct{}

func (offline) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("remote JSON-LD context %s is not fetched; put the context into the file", u)
}

// Read parses a JSON-LD document into quads, strictly: remote contexts are
// never fetched, and every IRI (node IDs, types, datatypes, properties) and
// language tag must be valid, since json-gold silently drops what it cannot
// turn into RDF. Triples of the default graph have no label.
func Read(data []byte) ([]quad.Quad, error) {
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
		return rdf.CheckIRI(s)
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
					if err := rdf.CheckLang(s); err != nil {
						return err
					}
				}
				continue
			case "@value":
				continue
			}
			if !strings.HasPrefix(k, "@") {
				if err := rdf.CheckIRI(k); err != nil {
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
	case l.Datatype == "" || l.Datatype == string(rdf.XSDString):
		return quad.String(l.Value)
	}
	return quad.TypedString{Value: quad.String(l.Value), Type: quad.IRI(l.Datatype)}
}
