package gen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/golden"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
)

func generate(t *testing.T, opt Options) ([]File, Summary) {
	t.Helper()
	var files []File
	sum, err := Generate(opt, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opt, err)
	}
	return files, sum
}

// readCorpus validates the files together, as `confgraph validate DIR` does.
func readCorpus(t *testing.T, files []File) []*dataset.File {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	ds, err := dataset.ReadFS(fsys, ".")
	if err != nil {
		t.Fatalf("generated corpus does not validate:\n%v", err)
	}
	return ds
}

func TestFactsAreExactAndValid(t *testing.T) {
	for _, tc := range []struct {
		facts, perReport int
		seed             uint64
		minReports       int
	}{
		{MinFacts, 0, 1, 1},
		{2001, 0, 7, 1},
		{7777, 0, 3, 1},
		{11000, 0, 1, 2},
		{10000, 2500, 9, 3},
	} {
		files, sum := generate(t, Options{Facts: tc.facts, Seed: tc.seed, ReportFacts: tc.perReport})
		ds := readCorpus(t, files)
		m := mapping.IRIs{Base: mapping.DefaultBase}
		got := len(mapping.All(m, ds)) - len(rdf.Dedup(mapping.Vocabulary()))
		if got != tc.facts || sum.Facts != tc.facts {
			t.Errorf("facts=%d seed=%d: corpus maps to %d quads outside the vocabulary (summary %d), want exactly %d",
				tc.facts, tc.seed, got, sum.Facts, tc.facts)
		}
		if sum.Reports != len(files) || len(files) < tc.minReports {
			t.Errorf("facts=%d: %d files, summary says %d reports, want at least %d", tc.facts, len(files), sum.Reports, tc.minReports)
		}
		entries := 0
		for _, f := range files {
			entries += f.Entries
		}
		if entries != sum.Entries || entries < tc.facts/30 {
			t.Errorf("facts=%d: %d entries (summary %d); expected roughly one entry per ten facts", tc.facts, entries, sum.Entries)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, Options{Facts: 7000, Seed: 42})
	b, _ := generate(t, Options{Facts: 7000, Seed: 42})
	c, _ := generate(t, Options{Facts: 7000, Seed: 43})
	if len(a) != len(b) {
		t.Fatalf("same seed gave %d and %d files", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("same seed, file %d differs: %s vs %s", i, a[i].Name, b[i].Name)
		}
	}
	if bytes.Equal(a[0].Data, c[0].Data) {
		t.Errorf("seeds 42 and 43 gave the same first file")
	}
}

// TestGolden pins the bytes of a small corpus, so that a change of the
// generator (or of math/rand/v2's PCG) that changes benchmark inputs is seen.
// Run with -update after an intended change.
func TestGolden(t *testing.T) {
	files, _ := generate(t, Options{Facts: MinFacts, Seed: 1})
	if len(files) != 1 {
		t.Fatalf("%d facts gave %d files, want 1", MinFacts, len(files))
	}
	golden.Check(t, filepath.Join("testdata", "seed1-2000.yaml"), files[0].Data)
}

func TestShape(t *testing.T) {
	files, _ := generate(t, Options{Facts: 20000, Seed: 5})
	ds := readCorpus(t, files)
	people := map[string]int{}
	for _, f := range ds {
		bridges := map[string]int{}
		for _, b := range f.Bridges {
			bridges[b.Event.V]++
		}
		for _, e := range f.Events {
			// Like the curated report (paragraphs 2, 4, 8: central and Thai
			// Binh bridges), every event has a central and provincial bridges.
			if bridges[e.ID.V] < 3 {
				t.Errorf("%s: event %s has %d bridges, want at least 3", f.Path, e.ID.V, bridges[e.ID.V])
			}
		}
		orgs := map[string]string{}
		for _, o := range f.Organisations {
			orgs[o.ID.V] = o.PartOf.V
		}
		deep := 0
		for _, p := range f.Posts {
			d := 0
			for o := p.Organisation.V; o != ""; o = orgs[o] {
				d++
			}
			deep = max(deep, d)
		}
		if deep < 3 {
			t.Errorf("%s: deepest post is in a body %d levels deep, want nested bodies (at least 3)", f.Path, deep)
		}
		for _, p := range f.People {
			people[p.ID.V]++
			var vi string
			for _, l := range p.Labels {
				if l.Lang.V == "vi" {
					vi = l.Text.V
				}
			}
			if f.Report.Language.V == "vi" {
				// A Vietnamese report names people with diacritics; the
				// diacritic-free form is the en label.
				en := ""
				for _, l := range p.Labels {
					if l.Lang.V == "en" {
						en = l.Text.V
					}
				}
				if ascii(p.Name.V) != en {
					t.Errorf("%s: person %s: en label %q is not the diacritic-free name %q", f.Path, p.ID.V, en, p.Name.V)
				}
				continue
			}
			if ascii(vi) != p.Name.V {
				t.Errorf("%s: person %s: name %q is not the diacritic-free vi label %q", f.Path, p.ID.V, p.Name.V, vi)
			}
		}
		if len(f.Attendances) < 20 || len(f.Holdings) < 10 || len(f.Documents) < 2 || len(f.Targets) < 1 {
			t.Errorf("%s: %d attendances, %d holdings, %d documents, %d targets: too thin for a report",
				f.Path, len(f.Attendances), len(f.Holdings), len(f.Documents), len(f.Targets))
		}
	}
	diacritics, recurring := 0, 0
	for _, f := range ds {
		for _, p := range f.People {
			for _, l := range p.Labels {
				if l.Lang.V == "vi" && len(l.Text.V) != utf8.RuneCountInString(l.Text.V) {
					diacritics++
				}
			}
			if people[p.ID.V] > 1 {
				recurring++
			}
		}
	}
	if diacritics == 0 {
		t.Error("no Vietnamese label with diacritics")
	}
	if recurring == 0 {
		t.Error("no person appears in more than one report")
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ in, ascii, slug string }{
		// Paragraph 3 of the source report writes "Genossin Truong Thi Mai"
		// for Trương Thị Mai.
		{"Trương Thị Mai", "Truong Thi Mai", "truong-thi-mai"},
		// Paragraph 2 writes "Ngo Dong Hai" (Ngô Đông Hải): đ becomes d.
		{"Ngô Đông Hải", "Ngo Dong Hai", "ngo-dong-hai"},
		{"Cư M'gar", "Cu M'gar", "cu-m-gar"},
		{"Thừa Thiên Huế", "Thua Thien Hue", "thua-thien-hue"},
	} {
		if got := ascii(tc.in); got != tc.ascii {
			t.Errorf("ascii(%q) = %q, want %q", tc.in, got, tc.ascii)
		}
		if got := slug(tc.in); got != tc.slug {
			t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.slug)
		}
	}
}

func TestBadOptions(t *testing.T) {
	for _, c := range []struct {
		opt  Options
		want SizeError
	}{
		{Options{Facts: 0}, SizeError{Got: 0, Min: MinFacts}},
		{Options{Facts: MinFacts - 1}, SizeError{Got: MinFacts - 1, Min: MinFacts}},
		{Options{Facts: 5000, ReportFacts: 100}, SizeError{ReportFacts: true, Got: 100, Min: MinFacts}},
		{Options{Facts: 5000, ReportFacts: -1}, SizeError{ReportFacts: true, Got: -1, Min: MinFacts}},
	} {
		_, err := Generate(c.opt, func(File) error { return nil })
		var se *SizeError
		if !errors.As(err, &se) || *se != c.want || !strings.Contains(err.Error(), "at least") {
			t.Errorf("Generate(%+v) = %v, want %+v naming the minimum", c.opt, err, c.want)
		}
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := WriteDir(dir, c.opt); !errors.As(err, &se) {
			t.Errorf("WriteDir(%+v) = %v, want a *SizeError", c.opt, err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("WriteDir(%+v) made the directory before checking the sizes", c.opt)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	sum, err := WriteDir(dir, Options{Facts: 6000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.ReadPaths([]string{dir})
	if err != nil {
		t.Fatalf("written corpus does not validate: %v", err)
	}
	if len(ds) != sum.Reports {
		t.Errorf("read %d files, wrote %d reports", len(ds), sum.Reports)
	}
	// A second run into the same directory would mix two corpora.
	if _, err := WriteDir(dir, Options{Facts: 6000, Seed: 3}); err == nil || !strings.Contains(err.Error(), "already holds data files") {
		t.Errorf("WriteDir into a directory with data files: err = %v, want a refusal", err)
	}
}

// TestEncodeRoundTrip reads the golden file back and writes it with
// dataset.Encode: the one encoder reproduces it byte for byte, so its layout
// (and each value's quoting) is a property of the dataset values.
func TestEncodeRoundTrip(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "seed1-2000.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f, errs := dataset.Parse("seed1-2000.yaml", want)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f.Comment = "Synthetic report generated by confgraph gen (seed 1); not a real report."
	var b bytes.Buffer
	if err := dataset.Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("Encode(Parse(golden)) differs from the golden file:\n%s", b.String())
	}
}

// TestManyReportsShape checks the shape the SPARQL twins are proven on:
// reports in de, en and vi that share people and bodies, and posts held by
// different people at different times (a former holder beside the current
// one, start and end dates, elected holders).
func TestManyReportsShape(t *testing.T) {
	files, _ := generate(t, Options{Facts: TwinCorpus.Facts, ReportFacts: TwinCorpus.ReportFacts, Seed: TwinCorpus.Seed})
	ds := readCorpus(t, files)
	langs := map[string]bool{}
	people := map[string]map[string]bool{}  // person -> reports
	holders := map[string]map[string]bool{} // post -> "person start end"
	statuses := map[string]int{}
	for _, f := range ds {
		langs[f.Report.Language.V] = true
		for _, p := range f.People {
			if people[p.ID.V] == nil {
				people[p.ID.V] = map[string]bool{}
			}
			people[p.ID.V][f.Report.ID.V] = true
		}
		for _, h := range f.Holdings {
			if holders[h.Post.V] == nil {
				holders[h.Post.V] = map[string]bool{}
			}
			holders[h.Post.V][h.Person.V+" "+h.Start.V+" "+h.End.V] = true
			st := h.Status.V
			if st == "" {
				st = "current"
			}
			statuses[st]++
		}
	}
	if len(ds) < 3 || !langs["de"] || !langs["en"] || !langs["vi"] {
		t.Errorf("%d reports in %v, want at least 3 in de, en and vi", len(ds), langs)
	}
	shared := 0
	for _, rs := range people {
		if len(rs) > 1 {
			shared++
		}
	}
	if shared == 0 {
		t.Error("no person is in two reports")
	}
	if n := len(holders["head-central-organising-commission"]); n < 2*len(ds) {
		t.Errorf("head-central-organising-commission has %d holdings, want a current and a former holder per report", n)
	}
	for _, st := range []string{"current", "former", "elected"} {
		if statuses[st] == 0 {
			t.Errorf("no holding with status %s (%v)", st, statuses)
		}
	}
}
