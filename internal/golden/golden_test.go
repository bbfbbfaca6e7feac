package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeT records failures instead of failing the test that uses it.
type fakeT struct {
	testing.TB
	errs []string
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Errorf(format string, args ...any) { f.errs = append(f.errs, format) }
func (f *fakeT) Fatalf(format string, args ...any) { f.errs = append(f.errs, format) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &fakeT{TB: t}
	Check(f, path, []byte("a\nb\n"))
	if len(f.errs) != 0 {
		t.Errorf("equal output failed: %v", f.errs)
	}
	Check(f, path, []byte("a\nc\n"))
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "differs") {
		t.Errorf("different output: %v", f.errs)
	}
	if d := firstDiff([]byte("a\nc\n"), []byte("a\nb\n")); !strings.HasPrefix(d, "line 2 is") {
		t.Errorf("firstDiff: %s", d)
	}
}
