package workspace_test

import (
	"reflect"
	"testing"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/workspace"
)

// TestParts: each part of the embedded data files is its report's graph
// and gives what mapping.File gives for the file; it lets go of the file
// once mapped, and a second call is an error, not a second mapping.
func TestParts(t *testing.T) {
	m := mapping.IRIs{Base: mapping.DefaultBase}
	files, err := workspace.ReadData(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("%d embedded data files, want several", len(files))
	}
	orig := append(files[:0:0], files...)
	parts := workspace.Parts(m, files)
	if len(parts) != len(files) {
		t.Fatalf("%d parts for %d files", len(parts), len(files))
	}
	for i, p := range parts {
		f := orig[i]
		if want := m.Graph(f.Report.ID.V); p.Graph != want {
			t.Errorf("part %d: graph %v, want %v", i, p.Graph, want)
		}
		want := mapping.File(m, f)
		got, err := p.Quads()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("part %d: %d quads, not mapping.File's %d", i, len(got), len(want))
		}
		if files[i] != nil {
			t.Errorf("part %d kept its file after mapping it", i)
		}
		if _, err := p.Quads(); err == nil {
			t.Errorf("part %d mapped a second time without an error", i)
		}
	}
}
