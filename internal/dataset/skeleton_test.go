package dataset_test

import (
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/dataset"
)

func TestSkeleton(t *testing.T) {
	src := []byte("Riverside, 3 March – the committee met in the town.\n\nIt was the first meeting of the year.\n")
	sk, err := dataset.Skeleton(src, dataset.SkeletonOptions{Source: "texts/Bản tin 1.txt"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(sk)
	for _, want := range []string{
		"# [1] Riverside, 3 March – the committee met in the town.\n# [2] \n# [3] It was the first meeting",
		"  id: ban-tin-1\n",
		"  language: en  # a guess from the English words in the text: check it\n",
		"  paragraphs: 3\n",
		`  source: "texts/Bản tin 1.txt"` + "\n",
		"  sha256: " + dataset.Digest(src) + "\n",
		"# holdings:\n#   - {person: TODO, post: TODO, start: TODO, end: TODO, term: TODO, status: TODO, qualifier: TODO, cite: [N], quote: TODO}\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("skeleton lacks %q:\n%s", want, s)
		}
	}
	for _, sec := range dataset.Sections {
		if !strings.Contains(s, "\n# "+sec.Name+":\n#   - {") {
			t.Errorf("skeleton has no example for section %s", sec.Name)
		}
	}
	f, errs := dataset.Parse("new.yaml", sk)
	if len(errs) > 0 {
		t.Fatalf("skeleton does not validate:\n%v", errs)
	}
	if ph := f.Placeholders(); len(ph) != 2 {
		t.Errorf("placeholders %v, want title and date", ph)
	}
	if _, err := dataset.Skeleton([]byte("a\x00b"), dataset.SkeletonOptions{Source: "x"}); err == nil {
		t.Error("binary source accepted")
	}
	if _, err := dataset.Skeleton([]byte("\n"), dataset.SkeletonOptions{Source: "x"}); err == nil {
		t.Error("empty source accepted")
	}
}

func TestGuessLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"Am Morgen hielt das Komitee in Hanoi eine Konferenz ab, um die Arbeit des Jahres zu prüfen.": "de",
		"On the morning of December 28, the committee held a conference in Hanoi.":                    "en",
		"Sáng 28/12, Ban Tổ chức Trung ương tổ chức hội nghị toàn quốc tại Hà Nội.":                   "vi",
		"12345 — 678": "",
	} {
		if got, _ := dataset.GuessLanguage(text); got != want {
			t.Errorf("GuessLanguage(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"000_4583f5cd226afdf5": "000-4583f5cd226afdf5", "Đại hội Đảng bộ": "dai-hoi-dang-bo", "--": "report"} {
		if got := dataset.Slug(in); got != want || !dataset.IsSlug(got) {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
