package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/gen"
)

// A corpus cached by an older generator (its marker holds another
// fingerprint) is made again, and the N-Quads made from it go with it;
// a current one is used as it is.
func TestCorpusCacheFollowsTheGenerator(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "corpus-"+Label(gen.MinFacts)+"-seed1")
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(d, "report-99999-stale.yaml")
	for _, f := range []struct{ path, data string }{
		{stale, "not a corpus of this generator\n"},
		{filepath.Join(d, "complete"), "an older generator's fingerprint\n"},
		{d + ".nq", "<a> <b> <c> .\n"},
	} {
		if err := os.WriteFile(f.path, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Corpus(dir, gen.MinFacts)
	if err != nil {
		t.Fatal(err)
	}
	if got != d {
		t.Fatalf("Corpus = %s, want %s", got, d)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("the stale corpus's file %s is still there", filepath.Base(stale))
	}
	if _, err := os.Stat(d + ".nq"); err == nil {
		t.Errorf("the stale corpus's N-Quads are still there")
	}
	files, err := dataset.ReadPaths([]string{d})
	if err != nil {
		t.Fatalf("the corpus made again does not read: %v", err)
	}
	if len(files) != 1 { // 2,000 facts are one report
		t.Errorf("corpus made again has %d data files, want 1", len(files))
	}
	if ok, err := Marked(filepath.Join(d, "complete")); err != nil || !ok {
		t.Fatalf("Marked(complete) = %v, %v after Corpus; want true", ok, err)
	}

	// A current corpus is kept: a file added to it survives.
	extra := filepath.Join(d, "kept.txt")
	if err := os.WriteFile(extra, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Corpus(dir, gen.MinFacts); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(extra); err != nil {
		t.Errorf("a current corpus was made again: %v", err)
	}
}

func TestMarkedMissing(t *testing.T) {
	ok, err := Marked(filepath.Join(t.TempDir(), "none"))
	if ok || err != nil {
		t.Errorf("Marked(missing) = %v, %v; want false, nil", ok, err)
	}
}
