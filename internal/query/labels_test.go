package query

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// tokenSpec is the token's grammar as a regular expression, which Run
// used until nextToken replaced it: the reference nextToken must agree
// with.
var tokenSpec = regexp.MustCompile("\x02([^\x01\x03]*)\x01([^\x02\x03]*)\x03")

func TestNextToken(t *testing.T) {
	for _, c := range []struct {
		in, node, graph string
		start, end      int
	}{
		{"plain text", "", "", -1, -1},
		{"\x02<n>\x01<g>\x03", "<n>", "<g>", 0, 9},
		{"a \x02n\x01\x03 b", "n", "", 2, 6},
		{"\x02n\x03 \x02m\x01g\x03", "m", "g", 4, 9},       // the first \x02 closes before its \x01
		{"\x02n\x01g\x02h\x01i\x03", "h", "i", 4, 9},       // a graph cannot hold \x02
		{"\x02\x02n\x01g\x03", "\x02n", "g", 0, 6},         // a node can
		{"\x02n\x01g", "", "", -1, -1},                     // unclosed
		{"\x01\x03\x02\x01\x03", "", "", 2, 5},             // empty node and graph
		{"Tô Lâm \x02<ß>\x01<g>\x03", "<ß>", "<g>", 9, 19}, // bytes, not runes
	} {
		start, end, node, graph := nextToken(c.in)
		if start != c.start || end != c.end || node != c.node || graph != c.graph {
			t.Errorf("nextToken(%q) = %d, %d, %q, %q; want %d, %d, %q, %q", c.in, start, end, node, graph, c.start, c.end, c.node, c.graph)
		}
	}
}

// TestReplaceTokensAgreesWithSpec replaces the tokens of random strings
// over the bytes that matter both ways: with tokenSpec and with
// replaceTokens.
func TestReplaceTokensAgreesWithSpec(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"\x01", "\x02", "\x03", "a", "b", "; ", "é"}
	name := func(node, g string) string { return "[" + node + "|" + g + "]" }
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		want := tokenSpec.ReplaceAllStringFunc(s, func(tok string) string {
			m := tokenSpec.FindStringSubmatch(tok)
			return name(m[1], m[2])
		})
		if got := replaceTokens(s, name); got != want {
			t.Fatalf("replaceTokens(%q) = %q; the regular expression gives %q", s, got, want)
		}
		_, _, ok := wholeToken(s)
		if whole := tokenSpec.FindStringIndex(s); ok != (whole != nil && whole[0] == 0 && whole[1] == len(s)) {
			t.Fatalf("wholeToken(%q) = %v; the regular expression's first match is %v", s, ok, whole)
		}
	}
}
