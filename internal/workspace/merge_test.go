package workspace_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store/storetest"
	"github.com/confgraph/confgraph/internal/workspace"
)

// On every backend (PostgreSQL when CONFGRAPH_TEST_POSTGRES is set): a
// file that conflicts with the stored seed is refused, one that refers to
// the seed's entities resolves and loads, and remove takes reports out all
// or nothing, leaving the seed byte for byte as it was. The check reads
// the store by look-ups or, for many entities, by one scan: both ways.
func TestMergeAndRemoveOnEveryBackend(t *testing.T) {
	for _, mode := range []struct {
		name     string
		fraction float64
	}{{"look-ups", math.Inf(1)}, {"scan", 0}} {
		t.Run(mode.name, func(t *testing.T) {
			defer workspace.SetPrefetchFraction(mode.fraction)()
			testMergeAndRemove(t)
		})
	}
}

func testMergeAndRemove(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	conflict := write("conflict.yaml", `report: {id: conflict, description: C., language: en, date: 2024-01-05, paragraphs: 1}
organisations:
  - {id: hanoi, name: Hanoi, cite: [1]}
posts:
  - {id: politburo-member, name: Politburo member, organisation: hanoi, role: member, cite: [1]}
`)
	// The seed's post defined again, its ID misspelt (a near miss).
	typo := write("typo.yaml", `report: {id: typo-shared-id, description: T., language: de, date: 2024-01-05, paragraphs: 1}
posts:
  - {id: secretariat-standing-membr, name: ständiges Mitglied des Sekretariats, organisation: secretariat, role: standing-member, cite: [1]}
`)
	shares := write("shares.yaml", `report: {id: shares, description: S., language: en, date: 2024-01-05, paragraphs: 1}
holdings:
  - {person: ngo-dong-hai, post: provincial-party-secretary, start: "2020", cite: [1]}
`)
	ws := workspace.Config{Base: mapping.DefaultBase}
	for _, target := range storetest.Targets(t) {
		t.Run(target.Name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := target.New(t)
			storetest.Load(t, s, storetest.Curated(t))
			before := storetest.Export(t, s, nil)
			read := func(path string) ([]*dataset.File, error) {
				r, err := ws.Resolver(ctx, s)
				if err != nil {
					t.Fatal(err)
				}
				files, _, err := workspace.ReadDataWith([]string{path}, dataset.ReadOptions{Outside: r})
				if err != nil {
					return nil, err
				}
				_, err = ws.CheckMerge(ctx, s, files, workspace.MergeOptions{})
				return files, err
			}

			_, err := read(conflict)
			var pe *workspace.ProblemsError
			if !errors.As(err, &pe) || len(pe.Problems) != 2 ||
				!strings.Contains(pe.Problems[0], `conflict.yaml:3:10: ID "hanoi" is an organisation here but a place in report party-building-conference-2023-de`) ||
				!strings.Contains(pe.Problems[1], `conflict.yaml:5:66: post "politburo-member" is in organisation "hanoi" here but in "politburo" in report party-building-central-highlands-2022-en` /* the first report, by ID, that defines the post */) {
				t.Fatalf("conflicting file: %v: %q", err, pe.Problems)
			}

			pe = nil
			_, err = read(typo)
			if !errors.As(err, &pe) || len(pe.Problems) != 1 ||
				!strings.Contains(pe.Problems[0], `typo.yaml:3:10: post "secretariat-standing-membr" is new to the store, but post "secretariat-standing-member" in report party-building-conference-2023-de has the same name "ständiges Mitglied des Sekretariats"`) {
				t.Fatalf("file with a near miss: %v: %q", err, problems(pe))
			}

			files, err := read(shares)
			if err != nil {
				t.Fatalf("a file referring to the seed's entities: %v", err)
			}
			qs := mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)
			storetest.Load(t, s, qs)
			m := quad.IRI(mapping.DefaultBase + "membership/shares/ngo-dong-hai--provincial-party-secretary--2020")
			g := quad.IRI(mapping.DefaultBase + "graph/shares")
			got := string(storetest.Export(t, s, g))
			for _, want := range []string{
				"<" + string(m) + "> <http://www.w3.org/ns/org#organization> <" + mapping.DefaultBase + "organisation/provincial-party-committee> <" + string(g) + "> .",
				"<" + string(m) + "> <http://www.w3.org/ns/org#member> <" + mapping.DefaultBase + "person/ngo-dong-hai> <" + string(g) + "> .",
			} {
				if !strings.Contains(got, want) {
					t.Errorf("the shares graph lacks %s:\n%s", want, got)
				}
			}

			have := []string{"shares"} // the embedded reports and shares, sorted
			seed, err := dataset.ReadFS(graph.Files, ".")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range seed {
				have = append(have, f.Report.ID.V)
			}
			slices.Sort(have)
			_, err = ws.Remove(ctx, s, []string{"shares", "nope"})
			var ue *workspace.UnknownReportsError
			if !errors.As(err, &ue) || strings.Join(ue.Unknown, " ") != "nope" || strings.Join(ue.Have, " ") != strings.Join(have, " ") {
				t.Fatalf("remove with an unknown report: %v", err)
			}
			res, err := ws.Remove(ctx, s, []string{"shares"})
			if err != nil || res.Graphs != 1 {
				t.Fatalf("remove shares: %+v, %v", res, err)
			}
			storetest.SameBytes(t, "export after removing the report", storetest.Export(t, s, nil), before)
		})
	}
}

func problems(pe *workspace.ProblemsError) []string {
	if pe == nil {
		return nil
	}
	return pe.Problems
}
