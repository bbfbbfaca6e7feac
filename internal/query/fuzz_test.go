package query

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// goTerms are words of Go, Cayley's or goja's internals that no error a
// query gets may show.
var goTerms = []string{"interface {}", "quad.", "goja", "gizmo.", "*ast.", "[]interface", "map[string]", "panic", "runtime error", "&{"}

func speaksGo(msg string) string {
	for _, w := range goTerms {
		if strings.Contains(msg, w) {
			return w
		}
	}
	return ""
}

// fuzzCalls and fuzzArgs are what FuzzGizmoArguments builds calls from:
// each byte of its input picks one.
var (
	fuzzCalls = []string{
		"g.V(%s).all()", "g.Vertex(%s).all()", "g.M(%s).all()", "g.emit(%s)",
		"g.V().out(%s).all()", "g.V().in(%s).all()", "g.V().both(%s).all()", "g.V().is(%s).all()",
		"g.V().has(%s).all()", "g.V().hasR(%s).all()", "g.V().save(%s).all()", "g.V().saveOpt(%s).all()",
		"g.V().tag(%s).all()", "g.V().back(%s).all()", "g.V().follow(%s).all()", "g.V().followR(%s).all()",
		"g.V().followRecursive(%s).all()", "g.V().union(%s).all()", "g.V().intersect(%s).all()", "g.V().except(%s).all()",
		"g.V().labelContext(%s).all()", "g.V().filter(%s).all()", "g.V().limit(%s).all()", "g.V().skip(%s).all()",
		"g.V().count(%s)", "g.V().toArray(%s)", "g.V().tagArray(%s)", "g.V().forEach(%s)", "g.V().map(%s)",
		"g.V().getLimit(%s)", "g.V().unique(%s).all()", "g.V().order(%s).all()", "g.V().Out(%s).All()",
		"str(%s)", "raw(%s)", "bnode(%s)", "lang(%s)", "typed(%s)", "lt(%s)", "gte(%s)", "regex(%s)", "like(%s)",
		"g.V().filter(lt(%s)).all()", "g.V().has(\"<p>\", %s).all()", "throw %s",
	}
	fuzzArgs = []string{
		`"<https://confgraph.example/id/place/hanoi>"`, `"x"`, `""`, `1`, `-1`, `1.5`, `1e300`, `NaN`, `true`, `null`,
		`undefined`, `{}`, `[]`, `["<x>"]`, `[{}]`, `[[1]]`, `g.V()`, `g.M().out("<p>")`, `function(){}`,
		`function(x){ throw x }`, `str("s")`, `lang("a", "de")`, `lt(1)`, `regex("a")`, `like("%a")`, `Symbol()`,
		`{toString: function(){ throw 1 }}`, `{get x(){ throw 2 }}`, `new Proxy({}, {get: function(){ throw 3 }})`,
		`Object.create(null)`, `new Error("e")`, `{"\u0000target": 1}`, `[g.V(), {}]`, `params`,
	}
)

// FuzzGizmoArguments calls Gizmo's steps and value functions with
// arguments of every kind: no input may panic (a panic in Cayley's
// goroutine ends the process) or get an error in Go's terms.
func FuzzGizmoArguments(f *testing.F) {
	for _, seed := range [][]byte{{0, 11}, {4, 1}, {21, 11}, {14, 0}, {33, 3}, {38, 1}, {44, 26}, {27, 27}, {16, 0, 31}} {
		f.Add(seed)
	}
	s := openStore(f, "memstore")
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 || len(in) > 6 {
			return
		}
		args := make([]string, 0, len(in)-1)
		for _, b := range in[1:] {
			args = append(args, fuzzArgs[int(b)%len(fuzzArgs)])
		}
		text := strings.Replace(fuzzCalls[int(in[0])%len(fuzzCalls)], "%s", strings.Join(args, ", "), 1)
		_, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 2 * time.Second, Limit: 5, MaxMemory: 64 << 20})
		if err == nil {
			return
		}
		var te *TimeoutError
		if errors.As(err, &te) {
			return
		}
		if w := speaksGo(err.Error()); w != "" {
			t.Errorf("%s: error %q speaks Go (%s)", text, err, w)
		}
	})
}

// FuzzBundledParams gives bundled queries parameter values of any text:
// resolution finds an entity, or says in plain words that none (or more
// than one) has that name; it never panics.
func FuzzBundledParams(f *testing.F) {
	for _, seed := range []struct{ query, value string }{
		{"person", "Ngo Dong Hai"}, {"person", "ngo-dong-hai"}, {"sources", "Delegierte"},
		{"attendance", "Hanoy"}, {"sources", "<https://example.org/nobody>"}, {"co-attendees", "<>"},
		{"person", "\x00"}, {"person", "\xff\xfe"}, {"sources", "<a b>"}, {"person", `"); throw 1; ("`},
	} {
		f.Add(seed.query, seed.value)
	}
	s := openStore(f, "memstore")
	f.Fuzz(func(t *testing.T, name, value string) {
		q, err := Lookup(name)
		if err != nil || len(q.Params) == 0 || len(value) > 200 {
			return
		}
		p := q.Params[0].Name
		_, err = q.Run(context.Background(), s, map[string]string{p: value}, Options{Timeout: 5 * time.Second, MaxMemory: 256 << 20})
		if err == nil {
			return
		}
		var te *TimeoutError
		if errors.As(err, &te) {
			return
		}
		// The message may quote the value given; only the rest must not
		// speak Go ("&{" inside the value is the user's, not Go's).
		msg := strings.ReplaceAll(err.Error(), fmt.Sprintf("%q", value), `"VALUE"`)
		if w := speaksGo(msg); w != "" {
			t.Errorf("%s %s=%q: error %q speaks Go (%s)", name, p, value, err, w)
		}
	})
}
