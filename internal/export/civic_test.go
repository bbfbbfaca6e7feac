package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	cggraph "github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/externaltest"
	"github.com/confgraph/confgraph/internal/gen"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
)

// popoloSchemas is the directory of the Popolo project's JSON Schemas,
// beside the repository (../shared/schemas/popolo); tests that need it
// skip without it.
func popoloSchemas(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "schemas", "popolo"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "person.json")); err != nil {
		t.Skipf("the Popolo JSON Schemas are not at %s (../shared/schemas/popolo beside the repository); skipping", dir)
	}
	return dir
}

// corpora are the three inputs the civic-tech exports are judged on: the
// seed report alone, every embedded report, and a small gen corpus.
func corpora(t *testing.T) map[string][]quad.Quad {
	t.Helper()
	files, err := dataset.ReadFS(cggraph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	m := mapping.IRIs{Base: mapping.DefaultBase}
	var seed []*dataset.File
	for _, f := range files {
		if f.Report.ID.V == "party-building-conference-2023-de" {
			seed = append(seed, f)
		}
	}
	if len(seed) != 1 {
		t.Fatalf("the seed report is not embedded")
	}
	var generated []*dataset.File
	_, err = gen.Generate(gen.Options{Facts: 3 * gen.MinFacts, ReportFacts: gen.MinFacts, Seed: 12}, func(f gen.File) error {
		df, errs := dataset.Parse(f.Name, f.Data)
		if len(errs) > 0 {
			t.Fatalf("gen file %s: %v", f.Name, errs)
		}
		generated = append(generated, df)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the seed with the optional fields the seed does not use: a report
	// URL with a query, a Wikidata QID, a former, acting holding with a
	// start year, an end month and a term
	data, err := cggraph.Files.ReadFile("2023-12-28-party-building-conference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "  id: party-building-conference-2023-de\n", "  id: party-building-conference-2023-de\n  url: https://example.org/news/a?b=1&c=2\n", 1)
	text = strings.Replace(text, "    labels: {en: Truong Thi Mai, vi: Trương Thị Mai}\n", "    labels: {en: Truong Thi Mai, vi: Trương Thị Mai}\n    same_as: [Q10800000]\n", 1)
	text = strings.Replace(text, `quote: "Mitglied des Politbüros"}`, `quote: "Mitglied des Politbüros", start: "2016", end: "2024-05", status: former, qualifier: acting, term: "2016–2021"}`, 1)
	fields, errs := dataset.Parse("fields.yaml", []byte(text))
	if len(errs) > 0 || !strings.Contains(text, "Q10800000") || !strings.Contains(text, "2024-05") || !strings.Contains(text, "example.org") {
		t.Fatalf("the seed with optional fields: %v", errs)
	}
	return map[string][]quad.Quad{
		"seed":     mapping.All(m, seed),
		"fields":   mapping.All(m, []*dataset.File{fields}),
		"embedded": mapping.All(m, files),
		"gen":      mapping.All(m, generated),
	}
}

func judge(t *testing.T, script string, pkgs []string, data []byte, args ...string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "export")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := externaltest.RunNode(t, script, pkgs, append(args, f)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return out
}

// TestFtMPassesTheFollowTheMoneyModel validates every entity of the FtM
// export of each corpus against the model of @alephdata/followthemoney
// 3.8.4 (js/ftmcheck.js says what is checked).
func TestFtMPassesTheFollowTheMoneyModel(t *testing.T) {
	for name, qs := range corpora(t) {
		t.Run(name, func(t *testing.T) {
			out := judge(t, "ftmcheck.js", []string{"@alephdata/followthemoney"}, write(t, "ftm", qs))
			if !strings.HasPrefix(out, "ok ") {
				t.Fatalf("ftmcheck: %s", out)
			}
			for _, s := range []string{"Person", "Position", "Occupancy", "Membership", "Event", "Article", "Documentation"} {
				if !strings.Contains(out, "\n"+s+" ") {
					t.Errorf("no %s entity in the %s export:\n%s", s, name, out)
				}
			}
			t.Logf("%s: %s", name, strings.ReplaceAll(strings.TrimSpace(out), "\n", ", "))
		})
	}
}

// TestPopoloPassesThePopoloSchemas validates the Popolo export of each
// corpus with jsonschema against the Popolo project's draft-03 schemas,
// plus the references between its objects (js/popolocheck.js).
func TestPopoloPassesThePopoloSchemas(t *testing.T) {
	dir := popoloSchemas(t)
	for name, qs := range corpora(t) {
		t.Run(name, func(t *testing.T) {
			out := judge(t, "popolocheck.js", []string{"jsonschema"}, write(t, "popolo", qs), dir)
			if !strings.HasPrefix(out, "ok\n") {
				t.Fatalf("popolocheck: %s", out)
			}
			for _, k := range []string{"persons", "organizations", "posts", "memberships", "events"} {
				if strings.Contains(out, "\n"+k+" 0\n") {
					t.Errorf("no %s in the %s export:\n%s", k, name, out)
				}
			}
			t.Logf("%s: %s", name, strings.ReplaceAll(strings.TrimSpace(out), "\n", ", "))
		})
	}
}

// TestCivicExportsAreTheSameFromEveryStore: FtM and Popolo from memstore
// and from bolt, through StoreSource, are the same bytes as over the
// in-memory sort, for every embedded report.
func TestCivicExportsAreTheSameFromEveryStore(t *testing.T) {
	ctx := context.Background()
	qs := corpora(t)["embedded"]
	for _, f := range []string{"ftm", "popolo"} {
		want := write(t, f, qs)
		for _, backend := range []string{"memstore", "bolt"} {
			path := ""
			if backend == "bolt" {
				path = filepath.Join(t.TempDir(), "cg.db")
			}
			s, err := store.Open(ctx, backend, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Replace(ctx, qs); err != nil {
				t.Fatal(err)
			}
			format, _ := export.ByName(f)
			src, err := export.StoreSource(ctx, s, nil, format, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := format.Write(ctx, &got, src); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s from %s: %d bytes, in memory %d; differ", f, backend, got.Len(), len(want))
			}
		}
	}
}

// TestFtMWritesAsItReads: after its first walk (the index), the FtM
// export writes each subject's entities as its quads arrive.
func TestFtMWritesAsItReads(t *testing.T) {
	qs := corpora(t)["gen"]
	src := rdf.FromQuads(qs)
	f, _ := export.ByName("ftm")
	w := &countingWriter{}
	walks, n, total := 0, 0, 0
	_ = src.All(func(quad.Quad) error { total++; return nil })
	var atLast int
	seq := func(yield func(quad.Quad) error) error {
		walks++
		n = 0
		return src.All(func(q quad.Quad) error {
			n++
			if walks == 2 && n == total {
				atLast = w.n
			}
			return yield(q)
		})
	}
	if err := f.Write(context.Background(), w, rdf.Source{All: seq}); err != nil {
		t.Fatal(err)
	}
	if walks != 2 {
		t.Errorf("%d walks of the source, want 2", walks)
	}
	if atLast < w.n*9/10 {
		t.Errorf("wrote %d of %d bytes before the last quad: it buffers", atLast, w.n)
	}
}
