package mapping

import (
	"bytes"
	"slices"
	"testing"

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
// and reads them back: they map to the same quads.
func TestEncodeKeepsQuads(t *testing.T) {
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	m := IRIs{Base: DefaultBase}
	for _, f := range files {
		var b bytes.Buffer
		if err := dataset.Encode(&b, f); err != nil {
			t.Fatal(err)
		}
		g, errs := dataset.Parse(f.Path, b.Bytes())
		if len(errs) > 0 {
			t.Fatalf("%s written by Encode does not validate: %v\n%s", f.Path, errs, b.String())
		}
		want, got := rdf.Dedup(File(m, f)), rdf.Dedup(File(m, g))
		if !slices.Equal(want, got) {
			t.Errorf("%s: %d quads before Encode, %d after; they differ", f.Path, len(want), len(got))
		}
	}
}
