package vocab_test

import (
	"os"
	"strings"
	"testing"

	v "github.com/confgraph/confgraph/internal/vocab"
)

// TestDocsTable checks that docs/vocabulary.md's table of project terms lists every
// project term with its definition, and nothing else.
func TestDocsTable(t *testing.T) {
	data, err := os.ReadFile("../../docs/vocabulary.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "| `cg:") && !strings.HasPrefix(l, "| `cg:` ") {
			cells := strings.Split(l, "|")
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = strings.TrimSpace(cells[3])
		}
	}
	seen := map[string]bool{}
	for _, d := range v.Defs {
		name := "cg:" + strings.TrimPrefix(string(d.IRI), v.CG)
		seen[name] = true
		if got, ok := rows[name]; !ok {
			t.Errorf("docs/vocabulary.md lacks %s", name)
		} else if got != d.Definition {
			t.Errorf("docs/vocabulary.md defines %s as %q, vocab as %q", name, got, d.Definition)
		}
		if d.Label == "" || d.Definition == "" {
			t.Errorf("%s has no label or definition", name)
		}
	}
	for name := range rows {
		if !seen[name] {
			t.Errorf("docs/vocabulary.md lists %s, which the vocabulary does not define", name)
		}
	}
}
