// Package jsonld reads JSON-LD strictly (see Read) and writes JSON-LD meant
// to be read by people and expanded by
// any JSON-LD 1.1 processor back to exactly the quads written.
//
// The @context names every namespace used and gives each property a short
// name (its local name, e.g. "prefLabel" for skos:prefLabel) when that is
// unambiguous. A property whose values are all IRIs is typed "@id", so its
// values are plain strings; one whose values are all language-tagged
// strings is a language map ({"de": "…", "vi": "…"}). Each named graph is
// a node with "@graph"; nodes are sorted by subject, values by their
// N-Quads form. quad's own JSON-LD writer is not used: it loses blank nodes
// and builds the whole document in memory.
package jsonld

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
)

// propInfo is what the first pass learns about one predicate.
type propInfo struct {
	allIRI, allLang bool
	key             string // the JSON key it is written under
	coerce          string // "@id", "@language" or ""
}

// Write writes src as one JSON-LD document; known names the prefixes of the
// well-known namespaces.
func Write(w io.Writer, src rdf.Source, known []prefix.Prefix) error {
	pm, err := prefix.Collect(src.All, known)
	if err != nil {
		return err
	}
	props := map[quad.IRI]*propInfo{}
	err = src.All(func(q quad.Quad) error {
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			return fmt.Errorf("write JSON-LD: predicate %s is not an IRI", q.Predicate)
		}
		pi := props[p]
		if pi == nil {
			pi = &propInfo{allIRI: true, allLang: true}
			props[p] = pi
		}
		switch q.Object.(type) {
		case quad.IRI, quad.BNode:
			pi.allLang = false
		case quad.LangString:
			pi.allIRI = false
		default:
			pi.allIRI, pi.allLang = false, false
		}
		return nil
	})
	if err != nil {
		return err
	}
	ctx := nameProps(pm, props)

	jw := &writer{bw: bufio.NewWriterSize(w, 1<<16), pm: pm, props: props}
	jw.s("{\n  \"@context\": {")
	for i, e := range ctx {
		if i > 0 {
			jw.s(",")
		}
		jw.s("\n    " + jsonString(e.key) + ": " + e.val)
	}
	jw.s("\n  },\n  \"@graph\": [")
	firstTop := true
	for _, g := range src.Graphs {
		indent := "    "
		if g != nil {
			if !firstTop {
				jw.s(",")
			}
			firstTop = false
			jw.s("\n    {\n      \"@id\": " + jsonString(jw.id(g)) + ",\n      \"@graph\": [")
			indent = "        "
		}
		first := true
		err := rdf.Subjects(src.InGraph(g), func(_ quad.Value, qs []quad.Quad) error {
			if g == nil {
				if !firstTop {
					jw.s(",")
				}
				firstTop = false
			} else if !first {
				jw.s(",")
			}
			first = false
			jw.node(qs, indent)
			return jw.err
		})
		if err != nil {
			return err
		}
		if g != nil {
			if !first {
				jw.s("\n      ")
			}
			jw.s("]\n    }")
		}
	}
	if !firstTop {
		jw.s("\n  ")
	}
	jw.s("]\n}\n")
	if jw.err != nil {
		return fmt.Errorf("write JSON-LD: %w", jw.err)
	}
	if err := jw.bw.Flush(); err != nil {
		return fmt.Errorf("write JSON-LD: %w", err)
	}
	return nil
}

type ctxEntry struct{ key, val string }

// nameProps chooses the JSON key of every predicate and returns the
// @context entries: prefixes, then short property names, each sorted.
func nameProps(pm *prefix.Map, props map[quad.IRI]*propInfo) []ctxEntry {
	var entries []ctxEntry
	for _, p := range pm.Prefixes() {
		entries = append(entries, ctxEntry{p.Name, jsonString(p.IRI)})
	}
	count := map[string]int{}
	local := func(iri quad.IRI) string {
		s := string(iri)
		return s[strings.LastIndexAny(s, "/#")+1:]
	}
	for p := range props {
		count[local(p)]++
	}
	var terms []ctxEntry
	for p, pi := range props {
		l := local(p)
		if p == rdf.Type {
			pi.key = pm.Short(string(p)) // IRI objects go under "@type"
			continue
		}
		short := count[l] == 1 && simpleTerm(l) && !pm.Has(l)
		if !short {
			pi.key = pm.Short(string(p))
			continue
		}
		pi.key = l
		def := `{"@id": ` + jsonString(pm.Short(string(p)))
		switch {
		case pi.allIRI:
			pi.coerce = "@id"
			def += `, "@type": "@id"`
		case pi.allLang:
			pi.coerce = "@language"
			def += `, "@container": "@language"`
		}
		terms = append(terms, ctxEntry{l, def + "}"})
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].key < terms[j].key })
	return append(entries, terms...)
}

// simpleTerm reports whether s can be a JSON-LD term that no processor
// mistakes for a keyword, compact IRI or IRI.
func simpleTerm(s string) bool {
	if s == "" || s[0] == '@' || s[0] == '_' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

type writer struct {
	bw    *bufio.Writer
	pm    *prefix.Map
	props map[quad.IRI]*propInfo
	err   error
}

func (j *writer) s(s string) {
	if j.err == nil {
		_, j.err = j.bw.WriteString(s)
	}
}

// id returns the @id form of an IRI or blank node.
func (j *writer) id(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return j.pm.Short(string(v))
	case quad.BNode:
		return "_:" + string(v)
	}
	return v.String()
}

// node writes one node object: the quads of one subject in one graph.
func (j *writer) node(qs []quad.Quad, indent string) {
	in := indent + "  "
	j.s("\n" + indent + "{\n" + in + `"@id": ` + jsonString(j.id(qs[0].Subject)))
	var types []string
	for _, q := range qs {
		if q.Predicate == rdf.Type {
			switch q.Object.(type) {
			case quad.IRI, quad.BNode:
				types = append(types, jsonString(j.id(q.Object)))
			}
		}
	}
	if len(types) > 0 {
		j.s(",\n" + in + `"@type": ` + list(types, in))
	}
	for i := 0; i < len(qs); {
		k := i
		for k < len(qs) && qs[k].Predicate == qs[i].Predicate {
			k++
		}
		group := qs[i:k]
		i = k
		p := group[0].Predicate.(quad.IRI)
		pi := j.props[p]
		var vals []string
		for _, q := range group {
			if p == rdf.Type && isNode(q.Object) {
				continue // written as "@type"
			}
			if pi.coerce != "@language" {
				vals = append(vals, j.value(q.Object, pi.coerce))
			}
		}
		if pi.coerce == "@language" {
			j.s(",\n" + in + jsonString(pi.key) + ": " + j.langMap(group, in))
			continue
		}
		if len(vals) == 0 {
			continue
		}
		j.s(",\n" + in + jsonString(pi.key) + ": " + list(vals, in))
	}
	j.s("\n" + indent + "}")
}

// isNode reports whether v is an IRI or a blank node.
func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// langMap writes the values of a language-map property.
func (j *writer) langMap(group []quad.Quad, in string) string {
	var langs []string
	by := map[string][]string{}
	for _, q := range group {
		ls := q.Object.(quad.LangString)
		if _, ok := by[ls.Lang]; !ok {
			langs = append(langs, ls.Lang)
		}
		by[ls.Lang] = append(by[ls.Lang], jsonString(string(ls.Value)))
	}
	sort.Strings(langs)
	var b strings.Builder
	b.WriteString("{")
	for i, l := range langs {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n" + in + "  " + jsonString(l) + ": " + list(by[l], in+"  "))
	}
	b.WriteString("\n" + in + "}")
	return b.String()
}

// value writes one object value; coerce is the term's coercion.
func (j *writer) value(v quad.Value, coerce string) string {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		if coerce == "@id" {
			return jsonString(j.id(v))
		}
		return `{"@id": ` + jsonString(j.id(v)) + `}`
	case quad.String:
		return jsonString(string(v))
	case quad.LangString:
		return `{"@value": ` + jsonString(string(v.Value)) + `, "@language": ` + jsonString(v.Lang) + `}`
	case quad.TypedString:
		if string(v.Type) == rdf.XSD+"string" {
			return jsonString(string(v.Value))
		}
		return `{"@value": ` + jsonString(string(v.Value)) + `, "@type": ` + jsonString(j.pm.Short(string(v.Type))) + `}`
	}
	return jsonString(quad.StringOf(v))
}

// list writes one value as itself and several as an array.
func list(vals []string, in string) string {
	if len(vals) == 1 {
		return vals[0]
	}
	total := 0
	for _, v := range vals {
		total += len(v) + 2
	}
	if total+len(in) < 90 && !strings.Contains(strings.Join(vals, ""), "\n") {
		return "[" + strings.Join(vals, ", ") + "]"
	}
	return "[\n" + in + "  " + strings.Join(vals, ",\n"+in+"  ") + "\n" + in + "]"
}

// jsonString encodes s as a JSON string without HTML escaping.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // encoding a string cannot fail
	}
	return strings.TrimSuffix(b.String(), "\n")
}
