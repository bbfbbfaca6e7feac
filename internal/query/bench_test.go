package query

import (
	"context"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"

	v "github.com/confgraph/confgraph/internal/vocab"
)

// naiveAttendance asks what the bundled attendance query asks, written the
// usual Gizmo way: tags saved along one path from all attendances, which
// the key-value stores answer with predicate scans.
const naiveAttendance = `
g.V("<https://confgraph.example/vocab#Attendance>").in("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")
 .save("<https://confgraph.example/vocab#attendee>", "who")
 .save("<https://confgraph.example/vocab#at>", "at")
 .save("<https://confgraph.example/vocab#event>", "event")
 .saveOpt("<https://confgraph.example/vocab#inRole>", "post")
 .save("<http://www.w3.org/ns/prov#wasDerivedFrom>", "para")
 .all()`

// BenchmarkQueries compares each bundled query, and the naive attendance
// query as a reference, on memstore and bolt in the same run.
func BenchmarkQueries(b *testing.B) {
	ctx := context.Background()
	for _, backend := range backends {
		s := openStore(b, backend)
		b.Run(backend+"/naive-attendance", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Run(ctx, s, "gizmo", naiveAttendance, nil, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		params := map[string]map[string]string{
			"person":       {"name": "truong-thi-mai"},
			"sources":      {"entity": "pham-van-tuan"},
			"co-attendees": {"person": "ngo-dong-hai"},
		}
		for _, q := range mustBundled(b) {
			b.Run(backend+"/"+q.Name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := q.Run(ctx, s, params[q.Name], Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSelectiveStart compares, on a store with 3,000 more attendances
// of another event, the bundled attendance query for the report's event
// (a walk from the event with point look-ups) against the same question as
// one Gizmo path with .save() steps starting from the same event.
func BenchmarkSelectiveStart(b *testing.B) {
	ctx := context.Background()
	const ev = "<https://confgraph.example/id/event/party-building-conference-2023>"
	naive := `g.V("` + ev + `").in("<https://confgraph.example/vocab#event>")
 .save("<https://confgraph.example/vocab#attendee>", "who")
 .save("<https://confgraph.example/vocab#at>", "at")
 .saveOpt("<https://confgraph.example/vocab#inRole>", "post")
 .save("<http://www.w3.org/ns/prov#wasDerivedFrom>", "para")
 .all()`
	for _, backend := range backends {
		s := openStore(b, backend)
		if _, err := s.Replace(ctx, syntheticAttendances(3000)); err != nil {
			b.Fatal(err)
		}
		b.Run(backend+"/save-chain", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := Run(ctx, s, "gizmo", naive, nil, Options{})
				if err != nil || len(res.Rows) == 0 {
					b.Fatal(err, len(res.Rows))
				}
			}
		})
		b.Run(backend+"/bundled-walk", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := RunBundled(ctx, s, "attendance", map[string]string{"event": ev})
				if err != nil || len(res.Rows) != 12 {
					b.Fatal(err)
				}
			}
		})
	}
}

func syntheticAttendances(n int) []quad.Quad {
	const base = "https://synthetic.example/"
	g := quad.IRI(base + "graph")
	var out []quad.Quad
	add := func(s quad.IRI, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: g})
	}
	ev := quad.IRI(base + "event")
	add(ev, v.Type, v.SchemaEvent)
	for i := 0; i < n; i++ {
		a := quad.IRI(fmt.Sprintf("%sattendance/%d", base, i))
		add(a, v.Type, v.Attendance)
		add(a, v.Attendee, quad.IRI(fmt.Sprintf("%sperson/%d", base, i)))
		add(a, v.AttendanceEvent, ev)
		add(a, v.AttendedAt, quad.IRI(fmt.Sprintf("%sbridge/%d", base, i%20)))
		add(a, v.InRole, quad.IRI(fmt.Sprintf("%spost/%d", base, i%50)))
		add(a, v.WasDerivedFrom, quad.IRI(fmt.Sprintf("%sp/%d", base, i%13)))
	}
	return out
}

// BenchmarkPreludeCompile is what every query paid before the program was
// compiled once per text (program.go): compiling the prelude with a
// one-line query.
func BenchmarkPreludeCompile(b *testing.B) {
	text := programText(`g.V().all()`)
	for i := 0; i < b.N; i++ {
		if _, err := goja.Compile("", text, false); err != nil {
			b.Fatal(err)
		}
	}
}
