package rdfio_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/rdfio"
)

// The W3C RDF 1.1 N-Quads and N-Triples syntax suites, as shipped in
// github.com/cayleygraph/quad v1.3.0 (nquad_tests.tar.gz,
// ntriple_tests.tar.gz), are copied unchanged into testdata/w3c with their
// manifests, README files and the W3C test suite licence (LICENSE).

var (
	manifestEntry = regexp.MustCompile(`(?s)<#([^>]+)>\s+(?:a|rdf:type)\s+rdft:TestN(?:Quads|Triples)(Positive|Negative)Syntax\s*;.*?mf:action\s+<([^>]+)>`)
	positioned    = regexp.MustCompile(`^[^:]+:\d+:\d+: not valid N-(Quads|Triples): `)
)

// TestW3CSyntaxSuites runs every case of both suites through the reader
// of its syntax: a positive case must load, a negative one must fail with
// a file:line:col message. The manifest decides which is which; files the
// manifest does not list are decided by their name ("bad" marks a
// negative case), and the two rules must agree wherever both apply.
func TestW3CSyntaxSuites(t *testing.T) {
	for _, suite := range []struct{ dir, ext string }{{"nquads", ".nq"}, {"ntriples", ".nt"}} {
		t.Run(suite.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "w3c", suite.dir)
			manifest, err := os.ReadFile(filepath.Join(dir, "manifest.ttl"))
			if err != nil {
				t.Fatal(err)
			}
			negative := map[string]bool{}
			for _, m := range manifestEntry.FindAllStringSubmatch(string(manifest), -1) {
				file := m[3]
				negative[file] = m[2] == "Negative"
				if strings.Contains(file, "bad") != negative[file] {
					t.Errorf("%s: the manifest says %s, the file name says otherwise", file, m[2])
				}
			}
			if listed := strings.Count(string(manifest), "\n    <#"); listed != len(negative) {
				t.Fatalf("manifest lists %d entries, %d parsed", listed, len(negative))
			}
			files, err := filepath.Glob(filepath.Join(dir, "*"+suite.ext))
			if err != nil {
				t.Fatal(err)
			}
			var unlisted []string
			passed := 0
			for _, path := range files {
				file := filepath.Base(path)
				neg, ok := negative[file]
				if !ok {
					neg = strings.Contains(file, "bad")
					unlisted = append(unlisted, file)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				_, err = rdfio.Read(file, data, def)
				switch {
				case neg && err == nil:
					t.Errorf("%s: negative syntax case accepted:\n%s", file, data)
				case neg && !positioned.MatchString(err.Error()):
					t.Errorf("%s: rejected without file:line:col: %v", file, err)
				case !neg && err != nil:
					t.Errorf("%s: positive syntax case rejected: %v", file, err)
				default:
					passed++
				}
				// Every N-Triples document is an N-Quads document.
				if suite.ext == ".nt" && !neg {
					if _, err := rdfio.Read(strings.TrimSuffix(file, ".nt")+".nq", data, def); err != nil {
						t.Errorf("%s read as N-Quads: %v", file, err)
					}
				}
			}
			for file := range negative {
				if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
					t.Errorf("manifest names %s: %v", file, err)
				}
			}
			slices.Sort(unlisted)
			if want := []string{"literal_false" + suite.ext, "literal_true" + suite.ext}; !slices.Equal(unlisted, want) {
				t.Errorf("files outside the manifest: %v, want %v", unlisted, want)
			}
			t.Logf("%s: %d of %d cases decided right (%d in the manifest, %d unlisted)", suite.dir, passed, len(files), len(negative), len(unlisted))
		})
	}
}
