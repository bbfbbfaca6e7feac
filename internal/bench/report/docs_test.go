package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUpdateDoc(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "docs", "performance.md")
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	before := "# Performance\n\nIntro.\n\n" + DocBegin + "\nold table\n" + DocEnd + "\n\n## Next\n\nKept.\n"
	if err := os.WriteFile(doc, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(dir, "docs", "performance-report.svg")
	png := filepath.Join(dir, "docs", "performance-report.png")
	if err := UpdateDoc(doc, sample(), svg, png); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	if strings.Contains(got, "old table") {
		t.Error("the old section is still there")
	}
	for _, w := range []string{
		"# Performance\n\nIntro.\n\n" + DocBegin + "\n\n![",
		"](performance-report.svg) ([PNG](performance-report.png))", // relative to the document
		"| 10k | 10,000 | 0.50× |",
		"\n\n" + DocEnd + "\n\n## Next\n\nKept.\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("document lacks %q:\n%s", w, got)
		}
	}
	// A second run replaces the section instead of adding another.
	if err := UpdateDoc(doc, sample(), svg, png); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(doc)
	if string(again) != got {
		t.Error("a second update of the same report changed the document")
	}
}

func TestUpdateDocWithoutMarkers(t *testing.T) {
	doc := filepath.Join(t.TempDir(), "p.md")
	for _, text := range []string{"no markers\n", DocEnd + "\n" + DocBegin + "\n"} {
		if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		err := UpdateDoc(doc, sample(), "", "")
		var me *MarkersError
		if !errors.As(err, &me) {
			t.Errorf("%q: err = %v, want a MarkersError", text, err)
		}
		if data, _ := os.ReadFile(doc); string(data) != text {
			t.Errorf("%q: the document was changed to %q", text, data)
		}
	}
}
