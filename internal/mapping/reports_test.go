package mapping

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// twoReports returns two made-up reports that state the same holding (one
// person, one post) at different dates with different statuses, an
// attendance of one event, and a curated label in one language.
func twoReports(t *testing.T) []*dataset.File {
	t.Helper()
	var files []*dataset.File
	for i, c := range []struct{ id, date, status string }{{"report-a", "2020-10-15", "elected"}, {"report-b", "2023-12-28", "current"}} {
		src := fmt.Sprintf(`report: {id: %s, title: T, language: en, date: %s, paragraphs: 1}
people:
  - {id: p, name: P, labels: {vi: "P vi %d"}, cite: [1]}
organisations:
  - {id: o, name: O, cite: [1]}
events:
  - {id: e, name: E, date: 2020, cite: [1]}
roles:
  - {id: r, name: R, member: true, cite: [1]}
posts:
  - {id: s, name: S, organisation: o, role: r, cite: [1]}
holdings:
  - {person: p, post: s, status: %s, cite: [1]}
attendances:
  - {attendee: p, event: e, cite: [1]}
`, c.id, c.date, i, c.status)
		f, errs := dataset.Parse(c.id+".yaml", []byte(src))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		files = append(files, f)
	}
	return files
}

// TestFactNodesArePerReport: two reports stating one holding give two
// membership nodes, each with its report's date and status in its own
// graph, so no node carries two reports' times; likewise attendances and
// curated-label statements.
func TestFactNodesArePerReport(t *testing.T) {
	m := IRIs{Base: DefaultBase}
	qs := All(m, twoReports(t))
	type key struct{ s, p string }
	values := map[key]map[string]bool{}
	graphs := map[string]map[string]bool{}
	for _, q := range qs {
		if q.Label == nil || q.Label == quad.Value(quad.IRI(v.CG[:len(v.CG)-1])) {
			continue
		}
		k := key{q.Subject.String(), q.Predicate.String()}
		if values[k] == nil {
			values[k] = map[string]bool{}
		}
		values[k][q.Object.String()] = true
		s := q.Subject.String()
		if graphs[s] == nil {
			graphs[s] = map[string]bool{}
		}
		graphs[s][q.Label.String()] = true
	}
	memberships := 0
	for s, gs := range graphs {
		kind := ""
		for _, prefix := range []string{"membership/", "attendance/", "/curated/"} {
			if strings.Contains(s, prefix) {
				kind = prefix
			}
		}
		if kind == "" {
			continue
		}
		if len(gs) != 1 {
			t.Errorf("fact node %s is stated in %d graphs, want 1", s, len(gs))
		}
		if kind == "membership/" {
			memberships++
			if n := len(values[key{s, "<" + string(v.AsOf) + ">"}]); n != 1 {
				t.Errorf("membership %s has %d as-of dates, want 1", s, n)
			}
			if n := len(values[key{s, "<" + string(v.Status) + ">"}]); n != 1 {
				t.Errorf("membership %s has %d statuses, want 1", s, n)
			}
		}
	}
	if memberships != 2 {
		t.Errorf("%d membership nodes, want 2 (one per report)", memberships)
	}
}
