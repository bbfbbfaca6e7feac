// Package layers holds the dependency test: confgraph's packages form
// layers, and a package may import only packages of lower layers (or of
// its own group, e.g. export imports export/csv). The table below is the
// layout the README describes; a new package must be placed in it.
package layers

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/confgraph/confgraph/"

// layers lists the package groups from the bottom up. A group is a
// directory and everything below it. The rank is the index.
var layers = [][]string{
	{"internal/rdf"},   // model: canonical values, the sort key, Seq/Source
	{"internal/rdfio"}, // one package per RDF syntax and the format table
	{"internal/vocab", "internal/dataset", "internal/progress", "internal/externaltest", "internal/golden", "graph", "queries"},
	{"internal/ontology"}, // class per kind, label order, provenance
	{"internal/mapping"},  // data files -> quads
	{"internal/store"},
	// the libraries of the commands; gen (synthetic corpora) is used by
	// gen and the benchmarks only
	{"internal/query", "internal/export", "internal/stats", "internal/workspace", "internal/gen"},
	{"internal/serve"}, // the HTTP server and its embedded page
	{"internal/cli"},
	{"cmd", "internal/bench"},
}

// thirdParty limits what the bottom layers may import besides the
// standard library and each other: RDF parsing depends on quad alone
// (and the JSON-LD processor).
var thirdParty = map[string][]string{
	"internal/rdf":   {"github.com/cayleygraph/quad"},
	"internal/rdfio": {"github.com/cayleygraph/quad", "github.com/piprate/json-gold"},
}

// group returns the group of a package directory and its rank.
func group(dir string) (string, int, bool) {
	best, rank := "", -1
	for r, l := range layers {
		for _, g := range l {
			if (dir == g || strings.HasPrefix(dir, g+"/")) && len(g) > len(best) {
				best, rank = g, r
			}
		}
	}
	return best, rank, rank >= 0
}

// imports returns the import paths of the non-test Go files of each
// package directory below root.
func imports(t *testing.T, root string) map[string][]string {
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		for _, s := range f.Imports {
			p, _ := strconv.Unquote(s.Path.Value)
			out[rel] = append(out[rel], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLayers(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found: %v", err)
	}
	pkgs := imports(t, root)
	if len(pkgs) < 10 {
		t.Fatalf("found only %d packages; the walk is broken", len(pkgs))
	}
	for dir, imps := range pkgs {
		g, rank, ok := group(dir)
		if !ok {
			t.Errorf("package %s is in no layer: add it to the table in internal/layers and to the README's layout", dir)
			continue
		}
		for _, imp := range imps {
			if !strings.HasPrefix(imp, module) {
				if allowed, limited := thirdParty[g]; limited && strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") &&
					!slices.ContainsFunc(allowed, func(a string) bool { return imp == a || strings.HasPrefix(imp, a+"/") }) {
					t.Errorf("%s imports %s: the %s layer may import only %s besides the standard library", dir, imp, g, strings.Join(allowed, ", "))
				}
				continue
			}
			target := strings.TrimPrefix(imp, module)
			tg, trank, ok := group(target)
			switch {
			case !ok:
				t.Errorf("%s imports %s, which is in no layer", dir, target)
			case tg == g:
				// within a group: Go itself forbids cycles
			case trank >= rank:
				t.Errorf("%s (layer %d, %s) imports %s (layer %d, %s): imports must point to a lower layer", dir, rank, g, target, trank, tg)
			}
		}
	}
}

// TestLayersCatchesUpwardImports checks the checker on a made-up case, so
// a broken group function cannot pass every package silently.
func TestLayersCatchesUpwardImports(t *testing.T) {
	_, low, _ := group("internal/rdf/prefix")
	_, high, _ := group("internal/cli")
	_, mid, _ := group("internal/export/csv")
	if !(low < mid && mid < high) {
		t.Fatalf("ranks rdf/prefix=%d export/csv=%d cli=%d, want increasing", low, mid, high)
	}
	if g, _, _ := group("internal/rdfio/nquads"); g != "internal/rdfio" {
		t.Fatalf("rdfio/nquads is in group %q, want internal/rdfio (not internal/rdf)", g)
	}
	if _, _, ok := group("internal/nowhere"); ok {
		t.Fatal("an unknown package found a layer")
	}
}

// TestREADMELayout checks that the README's layout names every group of
// the table, and that its chain of arrows lists the layers in the table's
// order, so the documented layout cannot fall behind the code.
func TestREADMELayout(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, "## Layout")
	if i < 0 {
		t.Fatal("README.md has no ## Layout section")
	}
	layout := readme[i:]
	if j := strings.Index(layout[len("## Layout"):], "\n## "); j >= 0 {
		layout = layout[:len("## Layout")+j]
	}
	for _, l := range layers {
		for _, g := range l {
			if !strings.Contains(layout, "`"+g) {
				t.Errorf("README's Layout section does not name %s", g)
			}
		}
	}
	chain := ""
	for _, line := range strings.Split(layout, "\n") {
		if strings.Contains(line, " → ") {
			chain = line
			break
		}
	}
	if chain == "" {
		t.Fatal("README's Layout section has no chain line (a → b → ...)")
	}
	for _, p := range chainProblems(chain) {
		t.Error("README chain: " + p)
	}
}

// chainProblems checks a chain line, top layer first ("cmd → cli →
// {query, export} → ... → rdf"): the names of one step share a layer, each
// step's layer is below the one before, and every layer of the table is a
// step. It returns what is wrong.
func chainProblems(chain string) []string {
	var out []string
	seen := map[int]bool{}
	prev := len(layers)
	for _, step := range strings.Split(chain, "→") {
		step = strings.TrimSpace(step)
		rank := -1
		for _, name := range strings.Split(strings.Trim(step, "{}"), ",") {
			name = strings.TrimSpace(name)
			dir := name
			if name != "cmd" {
				dir = "internal/" + name
			}
			_, r, ok := group(dir)
			switch {
			case !ok:
				out = append(out, fmt.Sprintf("%s is in no layer of the table", name))
				continue
			case rank >= 0 && r != rank:
				out = append(out, fmt.Sprintf("%s (layer %d) and the rest of %q (layer %d) are in different layers", name, r, step, rank))
			}
			rank = r
		}
		if rank < 0 {
			continue
		}
		if rank >= prev {
			out = append(out, fmt.Sprintf("%q (layer %d) is not below the step before it (layer %d)", step, rank, prev))
		}
		prev = rank
		seen[rank] = true
	}
	for r := range layers {
		if !seen[r] {
			out = append(out, fmt.Sprintf("no step for layer %d (%s)", r, strings.Join(layers[r], ", ")))
		}
	}
	return out
}

// TestChainProblems checks the chain check on made-up chains.
func TestChainProblems(t *testing.T) {
	for _, bad := range []string{
		"cmd → cli → {query, export, stats, workspace, gen} → mapping → store → ontology → {dataset, vocab} → rdfio → rdf", // store, mapping swapped
		"cmd → cli → {query, store} → mapping → ontology → {dataset, vocab} → rdfio → rdf",                                 // two layers in one step
		"cmd → cli → {query, export, stats, workspace, gen} → mapping → ontology → {dataset, vocab} → rdfio → rdf",         // store missing
	} {
		if len(chainProblems(bad)) == 0 {
			t.Errorf("chainProblems accepts %q", bad)
		}
	}
}
