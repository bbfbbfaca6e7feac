package rdfin

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// posError is a syntax error at a line and column (1-based, in runes) of
// an N-Quads or N-Triples file.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

// readNQuads parses N-Quads (and so N-Triples) strictly, one statement per
// line: every IRI must be absolute and free of the characters IRIREF
// forbids, language tags must be well formed, and a line that is not a
// statement is an error (quad's reader reads unquoted words as literals
// and skips some bad lines).
func readNQuads(data []byte) ([]quad.Quad, error) {
	var qs []quad.Quad
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSuffix(string(raw), "\r")
		if !utf8.ValidString(line) {
			return nil, &posError{i + 1, 1, "not UTF-8 text (save the file as UTF-8)"}
		}
		p := &ntParser{s: []rune(line), line: i + 1}
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
	s    []rune
	i    int
	line int
}

func (p *ntParser) errf(format string, args ...any) error {
	return &posError{p.line, p.i + 1, fmt.Sprintf(format, args...)}
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
		if q.Label, err = p.term("graph", true, false); err != nil {
			return q, false, err
		}
		p.skipSpace()
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
	if err := CheckIRI(iri); err != nil {
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
		if !(c == '_' || c == '-' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
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
		if err := CheckLang(tag); err != nil {
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

// CheckIRI reports why s is not an absolute IRI confgraph can store: it
// needs a scheme ("https:...") and must not contain spaces, control
// characters or any of <>"{}|^`\.
func CheckIRI(s string) error {
	if s == "" {
		return fmt.Errorf("IRI <> is empty (write an absolute IRI such as <https://example.org/x>)")
	}
	for _, r := range s {
		switch {
		case r == ' ':
			return fmt.Errorf("IRI <%s> contains a space (write it as %%20)", s)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return fmt.Errorf("IRI %q contains a control character (percent-encode it, e.g. %%0A)", s)
		case strings.ContainsRune("<>\"{}|^`\\", r):
			return fmt.Errorf("IRI <%s> contains %q (percent-encode it as %%%02X)", s, r, r)
		}
	}
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || !isScheme(s[:colon]) {
		return fmt.Errorf("IRI <%s> is relative (write an absolute IRI with a scheme, such as <https://example.org/%s>)", s, strings.TrimLeft(s, "/"))
	}
	return nil
}

func isScheme(s string) bool {
	for i, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// CheckLang reports why tag is not a well-formed language tag
// (BCP 47 syntax as N-Quads writes it: letters, then "-" and letters or digits).
func CheckLang(tag string) error {
	parts := strings.Split(tag, "-")
	ok := tag != ""
	for i, part := range parts {
		if part == "" || len(part) > 8 {
			ok = false
		}
		for _, c := range part {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
				ok = false
			}
		}
	}
	if !ok {
		return fmt.Errorf("language tag @%s is not well formed (write e.g. @de, @vi or @de-AT)", tag)
	}
	return nil
}
