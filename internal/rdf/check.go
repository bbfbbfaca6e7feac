package rdf

import (
	"fmt"
	"strings"
)

// CheckIRI reports why s is not an absolute IRI confgraph can store: it
// needs a scheme ("https:...") and must not contain spaces, control
// characters or any of <>"{}|^`\; a "%" must start a percent-encoded
// octet (two hex digits, RFC 3987).
func CheckIRI(s string) error {
	if s == "" {
		return fmt.Errorf("IRI <> is empty (write an absolute IRI such as <https://example.org/x>)")
	}
	for i, r := range s {
		switch {
		case r == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])):
			return fmt.Errorf("IRI <%s> has a %% not followed by two hex digits (percent-encode a literal %% as %%25)", s)
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

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
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

// SyntaxError is a syntax error at a line and column (1-based, the column
// in characters) of an RDF file. Readers return it so that the caller can
// prefix the file name: "people.nq:3:14: …".
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }
