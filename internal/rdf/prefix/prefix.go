// Package prefix chooses the namespace prefixes of the readable exports
// (Turtle, TriG, JSON-LD, CSV, GraphML, DOT) and shortens IRIs with them.
//
// The well-known vocabularies the caller names get their usual names (rdf,
// rdfs, schema, …, cg for the project vocabulary). Other IRIs are split after their last '/'
// or '#', and the namespace is named after its last path segment
// (https://confgraph.example/id/person/ becomes person:) when that name is
// unique and a valid Turtle prefix name; otherwise the IRI stays full.
package prefix

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// Prefix binds a name to a namespace IRI.
type Prefix struct {
	Name, IRI string
}

// Map holds the prefixes of one export.
type Map struct {
	list  []Prefix          // sorted by name
	byIRI map[string]string // namespace -> name
}

// Collect walks s once and returns the prefixes for every namespace its
// IRIs (subjects, predicates, objects, datatypes, graphs) use; a namespace
// in known gets its name from there.
func Collect(s rdf.Seq, known []Prefix) (*Map, error) {
	byIRI := map[string]string{}
	for _, p := range known {
		byIRI[p.IRI] = p.Name
	}
	used := map[string]bool{}
	note := func(v quad.Value) {
		var iri string
		switch v := v.(type) {
		case quad.IRI:
			iri = string(v)
		case quad.TypedString:
			iri = string(v.Type)
		default:
			return
		}
		ns, local := split(iri)
		if ns != "" && validLocal(local) {
			used[ns] = true
		}
	}
	err := s(func(q quad.Quad) error {
		note(q.Subject)
		note(q.Predicate)
		note(q.Object)
		note(q.Label)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return build(used, byIRI), nil
}

// build names the used namespaces: known ones by their usual name, the rest
// by their last path segment when that is unique.
func build(used map[string]bool, known map[string]string) *Map {
	m := &Map{byIRI: map[string]string{}}
	taken := map[string]bool{}
	for _, name := range known {
		taken[name] = true
	}
	for _, reserved := range []string{"http", "https", "urn", "mailto", "file", "tag", "_"} {
		taken[reserved] = true
	}
	derived := map[string][]string{} // name -> namespaces
	for ns := range used {
		if name, ok := known[ns]; ok {
			m.byIRI[ns] = name
			continue
		}
		if name := segmentName(ns); name != "" {
			derived[name] = append(derived[name], ns)
		}
	}
	for name, nss := range derived {
		if len(nss) == 1 && !taken[name] {
			m.byIRI[nss[0]] = name
		}
	}
	for ns, name := range m.byIRI {
		m.list = append(m.list, Prefix{Name: name, IRI: ns})
	}
	sort.Slice(m.list, func(i, j int) bool { return m.list[i].Name < m.list[j].Name })
	return m
}

// Prefixes returns the prefixes, sorted by name.
func (m *Map) Prefixes() []Prefix { return m.list }

// Has reports whether name is one of the prefix names.
func (m *Map) Has(name string) bool {
	for _, p := range m.list {
		if p.Name == name {
			return true
		}
	}
	return false
}

// Compact returns iri as prefix:local, or "" when no prefix fits.
func (m *Map) Compact(iri string) string {
	ns, local := split(iri)
	if ns == "" || !validLocal(local) {
		return ""
	}
	if name, ok := m.byIRI[ns]; ok {
		return name + ":" + local
	}
	return ""
}

// Short returns iri as prefix:local when a prefix fits, else the full IRI.
func (m *Map) Short(iri string) string {
	if c := m.Compact(iri); c != "" {
		return c
	}
	return iri
}

// split cuts iri after its last '/' or '#'.
func split(iri string) (ns, local string) {
	i := strings.LastIndexAny(iri, "/#")
	if i < 0 {
		return "", ""
	}
	return iri[:i+1], iri[i+1:]
}

// segmentName derives a prefix name from the last path segment of ns, or
// returns "" when it has none or it is not a valid prefix name.
func segmentName(ns string) string {
	rest, ok := strings.CutPrefix(ns, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(ns, "http://"); !ok {
			return ""
		}
	}
	rest = strings.TrimRight(rest, "/#")
	i := strings.LastIndex(rest, "/")
	if i < 0 {
		return "" // the host itself
	}
	name := rest[i+1:]
	if !validPrefixName(name) {
		return ""
	}
	return name
}

// validPrefixName is a conservative PN_PREFIX: an ASCII letter, then
// letters, digits, '-', '_' or '.', not ending in '.'.
func validPrefixName(s string) bool {
	if s == "" || !isLetter(s[0]) || s[len(s)-1] == '.' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !isDigit(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// validLocal is a conservative PN_LOCAL that needs no escapes in Turtle and
// is safe in JSON-LD compact IRIs: ASCII letters, digits, '_', '-', '.',
// starting with a letter, digit or '_' and not ending in '.'.
func validLocal(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	c := s[0]
	if !isLetter(c) && !isDigit(c) && c != '_' {
		return false
	}
	if s[len(s)-1] == '.' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !isDigit(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
