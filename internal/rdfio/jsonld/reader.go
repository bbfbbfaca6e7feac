package jsonld

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
// turn into RDF. The file must be one JSON value of UTF-8 text without
// lone surrogates (encoding/json would turn them into U+FFFD). Triples of
// the default graph have no label. Errors in the JSON text, and a property
// that is no IRI, are *rdf.SyntaxError.
func Read(data []byte) (qs []quad.Quad, err error) {
	// json-gold panics on some malformed documents (a term defined as {}
	// used as a compact IRI: "interface {} is nil, not bool"); that is bad
	// input, not a bug of the caller's.
	defer func() {
		if r := recover(); r != nil {
			// What it panicked with is Go's words (interface conversions),
			// not the user's: left out.
			qs, err = nil, errors.New("the JSON-LD processor could not read the document; check its @context and the values it applies to")
		}
	}()
	if err := checkText(data); err != nil {
		return nil, err
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		off := len(data)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = errors.New("unexpected end of JSON input")
		}
		return nil, at(data, off, "JSON: %v", err)
	}
	if rest := int(dec.InputOffset()); len(bytes.TrimLeft(data[rest:], " \t\r\n")) > 0 {
		off := len(data) - len(bytes.TrimLeft(data[rest:], " \t\r\n"))
		if c := data[off]; c == '{' || c == '[' {
			return nil, at(data, off, "a second top-level JSON value; a JSON-LD file holds one (put the objects into one array or @graph)")
		}
		r, _ := utf8.DecodeRune(data[off:])
		return nil, at(data, off, "unexpected %q after the end of the JSON document", r)
	}
	switch doc.(type) {
	case map[string]any, []any:
	default:
		off := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
		return nil, at(data, off, "a JSON-LD document is a JSON object or array, not %s", jsonKind(doc))
	}
	if n, ok := badNumber(doc); ok {
		off := bytes.Index(data, []byte(n))
		return nil, at(data, off, "the number %s is out of range (a JSON-LD number must fit a double; write it as a string with a datatype)", n)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offline{}
	// Expand first: ToRDF silently drops statements with relative or
	// malformed IRIs, which must be errors instead. The check expands
	// under a sentinel @vocab, which the document's own @vocab overrides:
	// a property that would expand to no IRI at all (and be dropped)
	// expands to the sentinel instead and is reported.
	expanded, err := ld.NewJsonLdProcessor().Expand(withSentinel(doc), opts)
	if err == nil {
		if err := checkExpanded(expanded); err != nil {
			var pe *propertyError
			if errors.As(err, &pe) {
				if off, ok := keyOffset(data, pe.key); ok {
					return nil, at(data, off, "%s", pe.msg)
				}
				return nil, errors.New(pe.msg)
			}
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
		return rdf.CheckIRI(strings.TrimPrefix(s, sentinel))
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
			if rel, ok := strings.CutPrefix(k, sentinel); ok {
				return &propertyError{key: rel, msg: fmt.Sprintf("property %q does not expand to an IRI, and json-gold would drop it (write an absolute IRI, a compact IRI with a prefix of the @context, or give the @context a term for it or an @vocab)", rel)}
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

// sentinel is the @vocab under which Read checks the expanded document;
// no IRI of a document can start with it.
const sentinel = "urn:x-confgraph-no-iri:"

// withSentinel returns doc with the sentinel @vocab as its outermost
// context, for the check only.
func withSentinel(doc any) any {
	vocab := map[string]any{"@vocab": sentinel}
	switch d := doc.(type) {
	case map[string]any:
		out := maps.Clone(d)
		switch c := d["@context"].(type) {
		case nil:
			out["@context"] = vocab
		case []any:
			out["@context"] = append([]any{vocab}, c...)
		default:
			out["@context"] = []any{vocab, c}
		}
		return out
	case []any:
		return map[string]any{"@context": vocab, "@graph": d}
	}
	return doc
}

// jsonKind names the kind of a decoded JSON value.
func jsonKind(v any) string {
	switch v.(type) {
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "this value"
}

// badNumber finds a number of the document that no double holds (json-gold
// panics on it); ok false when there is none.
func badNumber(v any) (string, bool) {
	switch v := v.(type) {
	case json.Number:
		if _, err := v.Float64(); err != nil {
			return v.String(), true
		}
	case []any:
		for _, e := range v {
			if n, ok := badNumber(e); ok {
				return n, true
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if n, ok := badNumber(v[k]); ok {
				return n, true
			}
		}
	}
	return "", false
}

// propertyError is a property that expands to no IRI; Read finds its key
// in the text for the position.
type propertyError struct{ key, msg string }

func (e *propertyError) Error() string { return e.msg }

// at returns a syntax error at byte offset off of data.
func at(data []byte, off int, format string, args ...any) error {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
	return &rdf.SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// checkText reports invalid UTF-8, a byte-order mark and \u escapes of
// lone surrogates, which encoding/json would silently turn into U+FFFD.
func checkText(data []byte) error {
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		return at(data, 0, "the file starts with a byte-order mark (U+FEFF), which JSON does not allow (save the file as UTF-8 without a BOM)")
	}
	inString := false
	for i := 0; i < len(data); {
		c := data[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				return at(data, i, "not UTF-8 text (save the file as UTF-8)")
			}
			i += n
			continue
		}
		switch {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(data):
			if data[i+1] != 'u' {
				i += 2
				continue
			}
			hi, ok := hex4(data, i+2)
			switch {
			case !ok:
				// encoding/json reports the bad escape
			case hi >= 0xDC00 && hi <= 0xDFFF:
				return at(data, i, "%s is a lone low surrogate (write the character itself, or a high and a low surrogate: \\ud83d\\ude00)", data[i:i+6])
			case hi >= 0xD800 && hi <= 0xDBFF:
				lo, ok := hex4(data, i+8)
				if !ok || data[i+6] != '\\' || data[i+7] != 'u' || lo < 0xDC00 || lo > 0xDFFF {
					return at(data, i, "%s is a lone high surrogate (write the character itself, or a high and a low surrogate: \\ud83d\\ude00)", data[i:i+6])
				}
				i += 12
				continue
			}
			i += 2
			continue
		}
		i++
	}
	return nil
}

// hex4 reads four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(data[i:i+4]), 16, 32)
	return rune(v), err == nil
}

// keyOffset returns the byte offset of the first object key equal to key
// in the JSON text data.
func keyOffset(data []byte, key string) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct{ object, wantKey bool }
	var stack []frame
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return 0, false
		}
		top := len(stack) - 1
		isKey := top >= 0 && stack[top].object && stack[top].wantKey
		if top >= 0 && stack[top].object {
			if _, end := tok.(json.Delim); !end || tok != json.Delim('}') {
				stack[top].wantKey = !stack[top].wantKey
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if s, ok := tok.(string); ok && isKey && s == key {
			// off is the end of the previous token; the key's quote follows
			// after white space, a "," or a "{".
			rest := data[off:]
			return off + bytes.IndexByte(rest, '"'), true
		}
	}
}
