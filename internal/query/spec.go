// Package query runs confgraph's bundled Gizmo queries and ad-hoc queries
// (Gizmo, GraphQL, MQL) through Cayley's own query engines, with a timeout,
// a row limit and a fresh session per query, and prints the rows as an
// aligned table, JSON or CSV.
package query

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/confgraph/confgraph/queries"
)

// ListSep separates the items of a list-valued cell (posts, paragraphs).
// Comparisons of rows treat such a cell as a set of items.
const ListSep = "; "

// Param is one declared parameter of a bundled query.
type Param struct {
	Name string
	// Type is "string" or "entity:KIND" (KIND one of person, event, bridge,
	// post, at (a bridge or a place), organisation, document, any): an entity parameter takes an ID, an IRI or any label of the
	// entity and reaches the query as the entity's IRI in angle brackets.
	Type     string
	Default  string
	Required bool
	Doc      string
}

// Noun names the entity kind of an entity parameter in help and messages
// ("person", "bridge or place"), or "" for a string.
func (p Param) Noun() string {
	k := p.Kind()
	if n, ok := kindNoun[k]; ok {
		return n
	}
	return k
}

// Kind returns the entity kind of an entity parameter, or "" for a string.
func (p Param) Kind() string {
	k, ok := strings.CutPrefix(p.Type, "entity:")
	if !ok {
		return ""
	}
	return k
}

// Query is a bundled query: a Gizmo file of queries/ with its header.
type Query struct {
	Name        string
	Description string
	Params      []Param
	// Columns are the keys of every row, in display order; the SPARQL twin
	// selects variables of the same names.
	Columns []string
	// Source is the Gizmo text, header included.
	Source string
	// SPARQL is the text of the twin queries/NAME.rq ("" when absent).
	SPARQL string
}

// Param returns the declared parameter called name.
func (q *Query) Param(name string) (Param, bool) {
	for _, p := range q.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// ExampleParams returns the parameters under which the query asks what its
// SPARQL twin asks: the "# confgraph-params: k=v, k=v" line of the twin,
// or none. Every bundled query answers with rows under these parameters.
func (q *Query) ExampleParams() map[string]string {
	p := map[string]string{}
	for _, line := range strings.Split(q.SPARQL, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# confgraph-params:")
		if !ok {
			continue
		}
		for _, kv := range strings.Split(rest, ",") {
			if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok {
				p[k] = v
			}
		}
	}
	return p
}

var entityKinds = map[string]bool{"person": true, "event": true, "bridge": true, "post": true, "at": true, "organisation": true, "document": true, "any": true}

// ParseHeader reads the header of a bundled Gizmo query: leading comment
// lines of the form
//
//	// @name NAME
//	// @description ONE LINE
//	// @param NAME TYPE DEFAULT DOC...   (DEFAULT a JSON string or the word required)
//	// @columns COL COL ...
//
// file names the file in error messages.
func ParseHeader(file, src string) (*Query, error) {
	q := &Query{Source: src}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		rest, ok := strings.CutPrefix(line, "//")
		if !ok {
			break
		}
		rest = strings.TrimSpace(rest)
		if !strings.HasPrefix(rest, "@") {
			continue
		}
		key, val, _ := strings.Cut(rest, " ")
		val = strings.TrimSpace(val)
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", file, i+1, fmt.Sprintf(format, args...))
		}
		switch key {
		case "@name":
			q.Name = val
		case "@description":
			q.Description = val
		case "@columns":
			q.Columns = strings.Fields(val)
		case "@param":
			p, err := parseParam(val)
			if err != nil {
				return nil, bad("%v", err)
			}
			if _, dup := q.Param(p.Name); dup {
				return nil, bad("parameter %q declared twice", p.Name)
			}
			q.Params = append(q.Params, p)
		default:
			return nil, bad("unknown header key %s (want @name, @description, @param, @columns)", key)
		}
	}
	switch {
	case q.Name == "":
		return nil, fmt.Errorf("%s: header has no @name line", file)
	case q.Description == "":
		return nil, fmt.Errorf("%s: header has no @description line", file)
	case len(q.Columns) == 0:
		return nil, fmt.Errorf("%s: header has no @columns line", file)
	}
	return q, nil
}

func parseParam(val string) (Param, error) {
	f := strings.Fields(val)
	if len(f) < 3 {
		return Param{}, fmt.Errorf(`@param needs NAME TYPE DEFAULT [DOC], got %q`, val)
	}
	p := Param{Name: f[0], Type: f[1]}
	if p.Type != "string" {
		k, ok := strings.CutPrefix(p.Type, "entity:")
		if !ok || !entityKinds[k] {
			return Param{}, fmt.Errorf("parameter %s: type %q is not string or entity:{person,event,bridge,post,at,any}", p.Name, p.Type)
		}
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(val, f[0])), f[1]))
	if strings.HasPrefix(rest, "required") {
		p.Required = true
		p.Doc = strings.TrimSpace(strings.TrimPrefix(rest, "required"))
		return p, nil
	}
	dec := json.NewDecoder(strings.NewReader(rest))
	if err := dec.Decode(&p.Default); err != nil {
		return Param{}, fmt.Errorf("parameter %s: default must be a JSON string or the word required: %v", p.Name, err)
	}
	p.Doc = strings.TrimSpace(rest[dec.InputOffset():])
	return p, nil
}

// bundled reads the queries embedded in the binary, once, on first use.
var bundled = sync.OnceValues(func() ([]*Query, error) {
	qs, err := Load(queries.FS)
	if err != nil {
		return nil, fmt.Errorf("bundled queries are broken: %w", err)
	}
	return qs, nil
})

// Load reads every NAME.js query and its NAME.rq twin from fsys, sorted by name.
func Load(fsys fs.FS) ([]*Query, error) {
	names, err := fs.Glob(fsys, "*.js")
	if err != nil {
		return nil, err
	}
	var out []*Query
	seen := map[string]bool{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		q, err := ParseHeader(n, string(b))
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(path.Base(n), ".js"); q.Name != want {
			return nil, fmt.Errorf("%s: @name %q differs from the file name", n, q.Name)
		}
		if seen[q.Name] {
			return nil, fmt.Errorf("query %s defined twice", q.Name)
		}
		seen[q.Name] = true
		if rq, err := fs.ReadFile(fsys, q.Name+".rq"); err == nil {
			q.SPARQL = string(rq)
		}
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Bundled returns the queries embedded in the binary, sorted by name, or
// why they cannot be read (a broken build).
func Bundled() ([]*Query, error) { return bundled() }

// UnknownQueryError reports a name that no bundled query has, with the
// names there are.
type UnknownQueryError struct {
	Name  string
	Names []string
}

func (e *UnknownQueryError) Error() string {
	return fmt.Sprintf("no bundled query %q; bundled queries: %s", e.Name, strings.Join(e.Names, ", "))
}

// Lookup returns the bundled query called name, or an *UnknownQueryError.
func Lookup(name string) (*Query, error) {
	qs, err := bundled()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, q := range qs {
		if q.Name == name {
			return q, nil
		}
		names = append(names, q.Name)
	}
	return nil, &UnknownQueryError{Name: name, Names: names}
}
