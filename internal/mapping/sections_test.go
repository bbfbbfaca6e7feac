package mapping

import (
	"bytes"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/rdf"
)

// TestEverySectionIsMapped keeps the mapping table and the section table
// of dataset in step, and every entity kind with its classes.
func TestEverySectionIsMapped(t *testing.T) {
	var names []string
	for _, s := range dataset.Sections {
		names = append(names, s.Name)
		if _, ok := sections[s.Name]; !ok {
			t.Errorf("section %q has no mapping in sections", s.Name)
		}
		if s.Kind != "" && len(ontology.Classes(string(s.Kind))) == 0 {
			t.Errorf("kind %q of section %q has no classes in ontology", s.Kind, s.Name)
		}
	}
	for name := range sections {
		if !slices.Contains(names, name) {
			t.Errorf("sections maps %q, which is not a section of dataset.Sections", name)
		}
	}
}

// TestEncodeKeepsQuads writes the curated data files with dataset.Encode
// and reads them back, all together (a file may name another file's IDs in
// possibly_same_as): they map to the same quads.
func TestEncodeKeepsQuads(t *testing.T) {
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	m := IRIs{Base: DefaultBase}
	encoded := fstest.MapFS{}
	for _, f := range files {
		var b bytes.Buffer
		if err := dataset.Encode(&b, f); err != nil {
			t.Fatal(err)
		}
		encoded[f.Path] = &fstest.MapFile{Data: b.Bytes()}
	}
	back, err := dataset.ReadFS(encoded, ".")
	if err != nil {
		t.Fatalf("the files written by Encode do not validate: %v", err)
	}
	if len(back) != len(files) {
		t.Fatalf("%d files read back, %d written", len(back), len(files))
	}
	byPath := map[string]*dataset.File{}
	for _, g := range back {
		byPath[g.Path] = g
	}
	for _, f := range files {
		g := byPath[f.Path]
		if g == nil {
			t.Errorf("%s not read back", f.Path)
			continue
		}
		want, got := rdf.Dedup(File(m, f)), rdf.Dedup(File(m, g))
		if !slices.Equal(want, got) {
			t.Errorf("%s: %d quads before Encode, %d after; they differ", f.Path, len(want), len(got))
		}
	}
}
