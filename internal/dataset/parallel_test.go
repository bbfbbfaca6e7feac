package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestReadAllParallelOrder: files are parsed in parallel, yet what a read
// of many files returns is what reading them one after the other returns
// (one worker): the same problems in the same order, and the first file
// that cannot be read as the error, even when later files finish first.
func TestReadAllParallelOrder(t *testing.T) {
	bad, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(bad) < 5 {
		t.Fatalf("bad files: %v %v", bad, err)
	}
	slices.Sort(bad)
	read := func(n string) ([]byte, error) {
		// The first files take longest: they finish last.
		time.Sleep(time.Duration(len(bad)-slices.Index(bad, n)) * time.Millisecond)
		return os.ReadFile(n)
	}
	problems := func(workers int, names []string) ([]string, error) {
		old := parseWorkers
		parseWorkers = func() int { return workers }
		defer func() { parseWorkers = old }()
		_, _, err := readAll(names, read, ReadOptions{}.sources(true))
		var es Errors
		if !errors.As(err, &es) {
			return nil, err
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Error())
		}
		return out, nil
	}
	want, err := problems(1, bad)
	if err != nil || len(want) < 10 {
		t.Fatalf("one worker: %d problems, %v", len(want), err)
	}
	for _, w := range []int{2, 8} {
		got, err := problems(w, bad)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%d workers: %d problems, one worker %d, or in another order:\n%q\nwant\n%q", w, len(got), len(want), got, want)
		}
	}
	withMissing := slices.Insert(slices.Clone(bad), 3, filepath.Join(t.TempDir(), "missing.yaml"))
	_, want1 := problems(1, withMissing)
	_, got1 := problems(8, withMissing)
	if want1 == nil || got1 == nil || got1.Error() != want1.Error() {
		t.Fatalf("a file that cannot be read: 8 workers %v, one worker %v", got1, want1)
	}
}
