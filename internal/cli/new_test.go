package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
)

// sharedSources is ../shared/source seen from internal/cli: the source
// texts of the embedded reports, beside the repository in the project's
// workspace (and in CI), not in it.
var sharedSources = filepath.Join("..", "..", "..", "shared", "source")

func needSources(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedSources); err != nil {
		t.Skipf("source texts not found at %s (../shared is absent outside the project workspace)", sharedSources)
	}
}

// new on the seed's source text writes the report block the curated seed
// has: its paragraph count, digest and language; and the embedded data
// passes the quote, digest and paragraph checks against its sources.
func TestNewOnSeedSource(t *testing.T) {
	needSources(t)
	ctx := context.Background()
	seeds, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range seeds {
		if seed.Report.Source.V == "" {
			continue
		}
		src := filepath.Join(sharedSources, seed.Report.Source.V)
		if _, err := os.Stat(src); err != nil {
			continue // a report whose source text is not kept there
		}
		a, _, _ := testApp()
		out := filepath.Join(t.TempDir(), "new.yaml")
		if err := a.runNew(ctx, &newOptions{Source: src, Output: out}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := dataset.Parse(out, data)
		if len(errs) > 0 {
			t.Fatalf("skeleton of %s does not validate:\n%v", src, errs)
		}
		r, want := f.Report, seed.Report
		if r.Paragraphs.V != want.Paragraphs.V || r.SHA256.V != want.SHA256.V || r.Language.V != want.Language.V {
			t.Errorf("new %s: paragraphs %d, sha256 %s, language %s; the seed has %d, %s, %s", src,
				r.Paragraphs.V, r.SHA256.V, r.Language.V, want.Paragraphs.V, want.SHA256.V, want.Language.V)
		}
		for i := 1; i <= r.Paragraphs.V; i++ {
			if !strings.Contains(string(data), "\n# ["+strconv.Itoa(i)+"] ") {
				t.Errorf("skeleton lacks paragraph %d as a comment", i)
			}
		}
		// Filled in with the seed's facts (its report block with the
		// skeleton's source path), it validates against the source.
		seed.Report.Source = r.Source
		seed.Path = out
		seed.Comment = ""
		var b strings.Builder
		if err := dataset.Encode(&b, seed); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		_, warnings, err := dataset.ReadPathsWith([]string{out}, dataset.ReadOptions{})
		if err != nil || len(warnings) > 0 {
			t.Errorf("the seed's facts in the new file: warnings %v, error %v", warnings, err)
		}
	}
	a, _, errb := testApp()
	// Reports whose source is kept elsewhere are warnings; no error.
	if err := a.runValidate(ctx, &validateOptions{Sources: []string{sharedSources}}); err != nil || !strings.HasSuffix(errb.String(), " file(s) valid\n") {
		t.Errorf("embedded data against %s: %v\n%s", sharedSources, err, errb)
	}
}
