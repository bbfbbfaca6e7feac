package cli_test

import (
	"os"
	"strings"
	"testing"
)

// The walkthrough (docs/curation.md) shows its filled-in data file in a
// yaml block and runs on internal/cli/testdata/walkthrough/my-report.yaml:
// the two must be the same file.
func TestWalkthroughShowsItsDataFile(t *testing.T) {
	doc, err := os.ReadFile("../../docs/curation.md")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile("testdata/walkthrough/my-report.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "\n```yaml\n"+string(file)+"```\n") {
		t.Error("docs/curation.md does not show testdata/walkthrough/my-report.yaml as it is in a ```yaml block; paste the file there")
	}
	// The made-up quote differs from the good file in that quote alone.
	bad, err := os.ReadFile("testdata/walkthrough/made-up-quote.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(string(file), "Kim Demo, Deputy Secretary\"", "Kim Demo, Vice Secretary\"", 1); string(bad) != want {
		t.Error("testdata/walkthrough/made-up-quote.yaml is not my-report.yaml with Kim Demo's quote made up")
	}
}
