package ontology

import (
	"slices"
	"testing"
)

// TestDisplayedLabelsMatch: every label a view shows is one a user can type
// to name the entity.
func TestDisplayedLabelsMatch(t *testing.T) {
	for _, p := range DisplayOrder {
		if !slices.Contains(MatchOrder, p) {
			t.Errorf("%s is shown as a label but not matched", p)
		}
	}
}

func TestClass(t *testing.T) {
	for k, cs := range classes {
		if c, ok := Class(k); !ok || c != cs[0] {
			t.Errorf("Class(%q) = %v, %v; want %v", k, c, ok, cs[0])
		}
	}
	if _, ok := Class("report"); ok {
		t.Error("Class(report) found a class; reports are not an entity kind")
	}
}
