package nquads

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// Read parses N-Quads (and so N-Triples) strictly, one statement per
// line: every IRI must be absolute and free of the characters IRIREF
// forbids, language tags must be well formed, and a line that is not a
// statement is an error (quad's reader reads unquoted words as literals
// and skips some bad lines). A syntax error is an *rdf.SyntaxError.
func Read(data []byte) ([]quad.Quad, error) { return read(data, true) }

// ReadTriples is Read for N-Triples: a statement with a graph term is an
// error, since N-Triples has no named graphs.
func ReadTriples(data []byte) ([]quad.Quad, error) { return read(data, false) }

func read(data []byte, graphs bool) ([]quad.Quad, error) {
	var qs []quad.Quad
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSuffix(string(raw), "\r")
		if !utf8.ValidString(line) {
			return nil, &rdf.SyntaxError{Line: i + 1, Col: 1, Msg: "not UTF-8 text (save the file as UTF-8)"}
		}
		p := &ntParser{s: []rune(line), line: i + 1, graphs: graphs}
		q, ok, err := p.statement()
		if err != nil {
			return nil, err
		}
		if ok {
			qs = append(qs, q)
		}
	}
	return qs, nil
}

type ntParser struct {
	s      []rune
	i      int
	line   int
	graphs bool // N-Quads: a fourth term names the graph
}

// bom is the byte-order mark U+FEFF, which N-Quads does not allow and
// which no editor shows.
const bom = '\uFEFF'

func (p *ntParser) errf(format string, args ...any) error {
	return &rdf.SyntaxError{Line: p.line, Col: p.i + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *ntParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *ntParser) atEnd() bool {
	p.skipSpace()
	return p.i >= len(p.s) || p.s[p.i] == '#'
}

// statement parses one line: nothing (blank or comment), or
// subject predicate object [graph] "." [comment].
func (p *ntParser) statement() (quad.Quad, bool, error) {
	if p.atEnd() {
		return quad.Quad{}, false, nil
	}
	var q quad.Quad
	var err error
	if q.Subject, err = p.term("subject", true, false); err != nil {
		return q, false, err
	}
	if q.Predicate, err = p.term("predicate", false, false); err != nil {
		return q, false, err
	}
	if q.Object, err = p.term("object", true, true); err != nil {
		return q, false, err
	}
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] != '.' {
		if c := p.s[p.i]; !p.graphs && (c == '<' || c == '_') {
			return q, false, p.errf(`N-Triples has no graphs, but the statement has a fourth term, a graph (save the file as .nq to load named graphs)`)
		}
		if p.graphs || p.s[p.i] == bom {
			what := "graph"
			if !p.graphs {
				what = `final "."`
			}
			if q.Label, err = p.term(what, true, false); err != nil {
				return q, false, err
			}
			p.skipSpace()
		}
	}
	if p.i >= len(p.s) || p.s[p.i] != '.' {
		return q, false, p.errf(`expected "." at the end of the statement (one statement per line, ended by " .")`)
	}
	p.i++
	if !p.atEnd() {
		return q, false, p.errf(`unexpected %q after the final "." (one statement per line)`, string(p.s[p.i]))
	}
	return q, true, nil
}

// term reads an IRI, or a blank node if bnode, or a literal if literal.
func (p *ntParser) term(what string, bnode, literal bool) (quad.Value, error) {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] == '#' {
		return nil, p.errf("the statement ends before its %s (write subject, predicate, object and an optional graph, then \" .\")", what)
	}
	switch c := p.s[p.i]; {
	case c == bom:
		if p.line == 1 && p.i == 0 {
			return nil, p.errf("the file starts with a byte-order mark (U+FEFF), which N-Quads and N-Triples do not allow (save the file as UTF-8 without a BOM)")
		}
		return nil, p.errf("invisible byte-order mark (U+FEFF) before the %s (remove it)", what)
	case c == '<':
		iri, err := p.iri(what)
		if err != nil {
			return nil, err
		}
		return iri, nil
	case c == '_' && bnode:
		return p.bnode()
	case c == '"' && literal:
		return p.literal()
	}
	want := "an IRI <...>"
	if bnode {
		want += " or a blank node _:x"
	}
	if literal {
		want += " or a literal \"...\""
	}
	end := p.i
	for end < len(p.s) && p.s[end] != ' ' && p.s[end] != '\t' {
		end++
	}
	return nil, p.errf("%s %s is not %s", what, string(p.s[p.i:end]), want)
}

// iri reads <...>, decodes \u escapes and checks the result.
func (p *ntParser) iri(what string) (quad.IRI, error) {
	start := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(p.s) {
			p.i = start
			return "", p.errf("%s IRI %s has no closing \">\"", what, string(p.s[start:]))
		}
		c := p.s[p.i]
		if c == '>' {
			p.i++
			break
		}
		if c == '\\' {
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
			continue
		}
		b.WriteRune(c)
		p.i++
	}
	iri := b.String()
	if err := rdf.CheckIRI(iri); err != nil {
		p.i = start
		return "", p.errf("%s %v", what, err)
	}
	return quad.IRI(iri), nil
}

// uchar reads \uXXXX or \UXXXXXXXX at p.i.
func (p *ntParser) uchar() (rune, error) {
	n := 0
	if p.i+1 < len(p.s) {
		switch p.s[p.i+1] {
		case 'u':
			n = 4
		case 'U':
			n = 8
		}
	}
	if n == 0 || p.i+2+n > len(p.s) {
		return 0, p.errf(`bad escape (only \uXXXX and \UXXXXXXXX are allowed here)`)
	}
	v, err := strconv.ParseUint(string(p.s[p.i+2:p.i+2+n]), 16, 32)
	if err != nil || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, p.errf(`bad escape %s (write \u and 4 or \U and 8 hex digits of a Unicode code point)`, string(p.s[p.i:p.i+2+n]))
	}
	p.i += 2 + n
	return rune(v), nil
}

// bnode reads a blank node, _: and a label as BLANK_NODE_LABEL allows:
// a first character of PN_CHARS_U or a digit, then PN_CHARS or ".", not
// ending in "." (the W3C suite rejects ":" in labels: _::a, _:abc:def).
func (p *ntParser) bnode() (quad.Value, error) {
	start := p.i
	if p.i+1 >= len(p.s) || p.s[p.i+1] != ':' {
		return nil, p.errf(`blank node must start with "_:"`)
	}
	p.i += 2
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ' ' || c == '\t' || c == '<' || c == '"' || c == '#' {
			break
		}
		if p.i == start+2 && !(isPNCharsU(c) || c >= '0' && c <= '9') {
			return nil, p.errf("blank node label starts with %q (start it with a letter, a digit or _)", string(c))
		}
		if !(isPNChars(c) || c == '.') {
			return nil, p.errf("blank node label contains %q (use letters, digits, _ - and .)", string(c))
		}
		p.i++
	}
	label := string(p.s[start+2 : p.i])
	// A "." right before the end of the statement ends it, not the label.
	for strings.HasSuffix(label, ".") {
		label = strings.TrimSuffix(label, ".")
		p.i--
	}
	if label == "" {
		p.i = start
		return nil, p.errf(`blank node "_:" has no label`)
	}
	return quad.BNode(label), nil
}

// isPNCharsBase is PN_CHARS_BASE of the N-Triples grammar.
func isPNCharsBase(c rune) bool {
	switch {
	case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z',
		c >= 0xC0 && c <= 0xD6, c >= 0xD8 && c <= 0xF6, c >= 0xF8 && c <= 0x2FF,
		c >= 0x370 && c <= 0x37D, c >= 0x37F && c <= 0x1FFF, c >= 0x200C && c <= 0x200D,
		c >= 0x2070 && c <= 0x218F, c >= 0x2C00 && c <= 0x2FEF, c >= 0x3001 && c <= 0xD7FF,
		c >= 0xF900 && c <= 0xFDCF, c >= 0xFDF0 && c <= 0xFFFD, c >= 0x10000 && c <= 0xEFFFF:
		return true
	}
	return false
}

// isPNCharsU is PN_CHARS_U without ":", as the W3C suite decides.
func isPNCharsU(c rune) bool { return isPNCharsBase(c) || c == '_' }

// isPNChars is PN_CHARS.
func isPNChars(c rune) bool {
	return isPNCharsU(c) || c == '-' || c >= '0' && c <= '9' || c == 0xB7 || c >= 0x300 && c <= 0x36F || c >= 0x203F && c <= 0x2040
}

func (p *ntParser) literal() (quad.Value, error) {
	start := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(p.s) {
			p.i = start
			return nil, p.errf(`literal has no closing quote (write a newline inside a literal as \n)`)
		}
		c := p.s[p.i]
		if c == '"' {
			p.i++
			break
		}
		if c == '\\' {
			if p.i+1 < len(p.s) {
				if e, ok := map[rune]rune{'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f', '"': '"', '\'': '\'', '\\': '\\'}[p.s[p.i+1]]; ok {
					b.WriteRune(e)
					p.i += 2
					continue
				}
			}
			r, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(r)
			continue
		}
		b.WriteRune(c)
		p.i++
	}
	val := quad.String(b.String())
	if p.i < len(p.s) && p.s[p.i] == '@' {
		p.i++
		ts := p.i
		for p.i < len(p.s) && p.s[p.i] != ' ' && p.s[p.i] != '\t' && !(p.s[p.i] == '.' && p.i+1 == len(p.s)) {
			p.i++
		}
		tag := string(p.s[ts:p.i])
		if err := rdf.CheckLang(tag); err != nil {
			p.i = ts
			return nil, p.errf("%v", err)
		}
		return quad.LangString{Value: val, Lang: tag}, nil
	}
	if p.i+1 < len(p.s) && p.s[p.i] == '^' && p.s[p.i+1] == '^' {
		p.i += 2
		if p.i >= len(p.s) || p.s[p.i] != '<' {
			return nil, p.errf(`datatype after "^^" must be an IRI <...>`)
		}
		dt, err := p.iri("datatype")
		if err != nil {
			return nil, err
		}
		return quad.TypedString{Value: val, Type: dt}, nil
	}
	return val, nil
}
