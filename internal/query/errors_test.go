package query

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
)

func TestBundledErrors(t *testing.T) {
	s := openStore(t, "memstore")
	cases := []struct {
		name   string
		query  string
		params map[string]string
		want   []string // substrings of the error
	}{
		{"unknown query", "attendence", nil, []string{`no bundled query "attendence"`, "attendance", "co-attendees"}},
		{"unknown param", "attendance", map[string]string{"place": "Hanoi"}, []string{`no parameter "place"`, "valid: event, bridge"}},
		{"param of a query without it", "documents", map[string]string{"x": "1"}, []string{`no parameter "x"`, "(valid: document)"}},
		{"missing required", "person", nil, []string{"needs --param name=VALUE"}},
		{"empty required name", "person", map[string]string{"name": ""}, []string{"parameter name must not be empty"}},
		{"blank required entity", "sources", map[string]string{"entity": " "}, []string{"parameter entity must not be empty"}},
		{"empty required person", "co-attendees", map[string]string{"person": ""}, []string{"parameter person must not be empty"}},
		// A typo of a name in §3/§9: the close match is offered.
		{"unknown name, close match", "person", map[string]string{"name": "Truong Thi May"},
			[]string{`no person named "Truong Thi May"`, `close matches: "Truong Thi Mai" (truong-thi-mai)`}},
		{"unknown name, none close", "person", map[string]string{"name": "Ho Chi Minh"},
			[]string{`no person named "Ho Chi Minh"`, "Ngo Dong Hai", "Pham Van Tuan", "Truong Thi Mai"}},
		// §2/§6, §7 and §8 all say "Delegierte": three groups share the name.
		{"ambiguous name", "sources", map[string]string{"entity": "Delegierte"},
			[]string{`"Delegierte" names 3 entities`, "conference-delegates", "delegates-central-bridge", "delegates-thai-binh-bridge", "pass the ID"}},
		{"group is not a person", "co-attendees", map[string]string{"person": "delegates-central-bridge"}, []string{"no person named"}},
		{"unknown IRI", "sources", map[string]string{"entity": "<https://example.org/nobody>"}, []string{"no entity <https://example.org/nobody> in the store"}},
		// Hanoi is a place, which the bridge parameter takes too (§3); a
		// misspelling of it is unknown and suggested.
		{"unknown bridge or place", "attendance", map[string]string{"bridge": "Hanoy"}, []string{`no bridge or place named "Hanoy"`, `close matches: "Hanoi" (hanoi)`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RunBundled(context.Background(), s, tc.query, tc.params)
			if err == nil {
				t.Fatal("no error")
			}
			msg := flagWords(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestAdhocErrors(t *testing.T) {
	s := openStore(t, "memstore")
	cases := []struct {
		name    string
		lang    string
		text    string
		timeout time.Duration
		want    []string
		timeErr bool
	}{
		{"syntax error with line and column", "gizmo", "var x = 1;\nvar y = ;", 0, []string{"gizmo syntax error", "Line 2:9", "Unexpected token"}, false},
		{"runtime error with its line", "gizmo", "var x = 1;\n\nfoo.bar();", 0, []string{"foo is not defined", "<eval>:3:"}, false},
		{"error in a path call", "gizmo", `g.V().out(1, 2, 3, 4).all()`, 0, []string{"gizmo:"}, false},
		{"runaway loop is stopped", "gizmo", "while(true){}", 300 * time.Millisecond, []string{"query stopped", "300ms timeout", "--timeout"}, true},
		{"runaway traversal loop is stopped", "gizmo", "while(true){ g.V().toArray(); }", 300 * time.Millisecond, []string{"query stopped"}, true},
		{"graphql syntax", "graphql", "{ nodes( ", 0, []string{"graphql syntax error"}, false},
		{"mql syntax", "mql", "[{", 0, []string{"mql syntax error"}, false},
		{"unknown language", "sparql", "SELECT * {}", 0, []string{`unknown query language "sparql"`, "gizmo, graphql, mql"}, false},
		{"throw a string", "gizmo", `throw "boom"`, 0, []string{"boom"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Run(context.Background(), s, tc.lang, tc.text, nil, Options{Timeout: tc.timeout})
			if err == nil {
				t.Fatal("no error")
			}
			msg := flagWords(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var te *TimeoutError
			if errors.As(err, &te) != tc.timeErr {
				t.Errorf("error %T %v: timeout error = %v, want %v", err, err, !tc.timeErr, tc.timeErr)
			}
			if te != nil && te.After != tc.timeout {
				t.Errorf("timeout error after %s, want %s", te.After, tc.timeout)
			}
			if tc.timeErr && time.Since(start) > 5*time.Second {
				t.Errorf("a %s timeout took %s", tc.timeout, time.Since(start))
			}
		})
	}
}

// The store lock is free again after a stopped query: a writer gets it.
func TestTimeoutReleasesStore(t *testing.T) {
	s := openStore(t, "memstore")
	_, err := Run(context.Background(), s, "gizmo", "while(true){}", nil, Options{Timeout: 100 * time.Millisecond})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("want a timeout, got %v", err)
	}
	done := make(chan struct{})
	go func() {
		if _, err := s.Replace(context.Background(), nil); err != nil {
			t.Error(err)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("store still locked after the query stopped")
	}
}

func TestAdhoc(t *testing.T) {
	s := openStore(t, "memstore")
	ctx := context.Background()
	const ndhIRI = "https://confgraph.example/id/person/ngo-dong-hai"
	// Tags of a Gizmo path become columns; "id" comes first.
	res, err := Run(ctx, s, "gizmo", `g.V(params.who).tag("person").in("<http://www.w3.org/ns/org#member>").out("<https://confgraph.example/vocab#post>").all()`,
		map[string]string{"who": "<" + ndhIRI + ">"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// §2, §4: Ngo Dong Hai holds two posts (through his memberships).
	if strings.Join(res.Columns, ",") != "id,person" || len(res.Rows) != 2 {
		t.Fatalf("columns %v rows %v, want id,person and 2 rows", res.Columns, res.Rows)
	}
	for _, r := range res.Rows {
		if r[1] != ndhIRI || !strings.HasPrefix(r[0], "https://confgraph.example/id/post/") {
			t.Errorf("row %v: want a post IRI and %s", r, ndhIRI)
		}
	}
	// Globals do not leak between queries: each runs in a fresh session.
	if _, err := Run(ctx, s, "gizmo", "var leaked = 1;", nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, s, "gizmo", "if (typeof leaked !== 'undefined') throw 'leaked';", nil, Options{}); err != nil {
		t.Errorf("global leaked between queries: %v", err)
	}
	// The limit cuts rows and says so: §3 has five attendances in Hanoi.
	res, err = Run(ctx, s, "gizmo", `g.V("<https://confgraph.example/id/place/hanoi>").in("<https://confgraph.example/vocab#at>").all()`, nil, Options{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || !res.Truncated {
		t.Errorf("limit 2: %d rows, truncated %v; want 2, true", len(res.Rows), res.Truncated)
	}
	res, err = Run(ctx, s, "gizmo", `g.V("<https://confgraph.example/id/place/hanoi>").in("<https://confgraph.example/vocab#at>").all()`, nil, Options{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 5 || res.Truncated {
		t.Errorf("no limit: %d rows, truncated %v; want 5 (§3), false", len(res.Rows), res.Truncated)
	}
	// GraphQL and MQL through Cayley's engines: the three people of §2–§4.
	res, err = Run(ctx, s, "graphql", `{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <http://schema.org/Person>) { id } }`, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 {
		t.Errorf("graphql: %d rows %v, want 3 people", len(res.Rows), res.Rows)
	}
	// A multi-valued field becomes a list cell, language tags dropped: the
	// curator's Vietnamese label of the §3 speaker is among her labels.
	res, err = Run(ctx, s, "graphql", `{ nodes(id: <https://confgraph.example/id/person/truong-thi-mai>) { id <http://www.w3.org/2004/02/skos/core#prefLabel> } }`, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range res.Rows {
		for _, c := range r {
			if strings.Contains(c, "Trương Thị Mai") && !strings.Contains(c, "@vi") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("graphql prefLabel rows %v lack the Vietnamese label as text", res.Rows)
	}
	res, err = Run(ctx, s, "mql", `[{"id": null, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>": "<http://schema.org/Person>"}]`, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 {
		t.Errorf("mql: %d rows %v, want 3 people", len(res.Rows), res.Rows)
	}
	res, err = Run(ctx, s, "mql", `[{"id": null, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>": "<http://schema.org/Person>"}]`, nil, Options{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || !res.Truncated {
		t.Errorf("mql, limit 2: %d rows, truncated %v; want 2, true", len(res.Rows), res.Truncated)
	}
}

// Arguments that make Cayley's Gizmo panic in its own goroutine (which
// would end the process) are refused with a JavaScript error instead.
func TestGizmoBadArgumentsDoNotPanic(t *testing.T) {
	s := openStore(t, "memstore")
	for _, text := range []string{
		`g.V().out(1, 2, 3, 4).all()`,
		`g.V().out({}).all()`,
		`g.V().tag(5).all()`,
		`g.V().out("<x>", {}).all()`,
		`g.V().has({}, "<y>").all()`,
		`g.V().save({}, "t").all()`,
		`g.V().in([1, {}]).all()`,
		`g.V({}).all()`,
		`g.V(null).out(null).all()`,
		`g.V().follow({}).all()`,
		`g.V().filter({}).all()`,
		`g.V().out(g.V()).tag(["a", 1]).all()`,
		`g.M().out({}).all()`,
	} {
		t.Run(text, func(t *testing.T) {
			_, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 5 * time.Second})
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "argument 1 of") && !strings.Contains(err.Error(), "at line 1:") {
				t.Errorf("error %q does not name line 1 of the query", err)
			}
		})
	}
}

// Queries hold the store's read lock: readers beside a writer that
// replaces the graph again and again stay race-free (run with -race) and
// always see a whole graph: §2–§8 give 12 attendances.
func TestQueriesBesideWriter(t *testing.T) {
	s := openStore(t, "memstore")
	ctx := context.Background()
	// One attendance row per attendance the seed states.
	data, err := graph.Files.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	f, errs := dataset.Parse(seedFile, data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := len(f.Attendances)
	qs, err := s.Quads(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Alternately drop one quad and put it back.
			q := qs
			if i%2 == 0 {
				q = qs[1:]
			}
			if _, err := s.Replace(ctx, q); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	errc := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func() {
			for i := 0; i < 5; i++ {
				res, err := RunBundled(ctx, s, "attendance", nil)
				if err == nil && len(res.Rows) != want {
					err = errors.New("attendance rows: " + strings.Join(res.Canonical(), "\n"))
				}
				if err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
	close(stop)
	<-done
}

func TestNounPlural(t *testing.T) {
	for in, want := range map[string]string{"entity": "entities", "person": "people", "bridge": "bridges", "event": "events", "address": "addresses"} {
		if got := nounPlural(in); got != want {
			t.Errorf("nounPlural(%q) = %q, want %q", in, got, want)
		}
	}
}

// flagWords returns err's text as the command line words it: parameters
// are given with --param, the timeout with --timeout (internal/cli does
// the same).
func flagWords(err error) string {
	msg := err.Error()
	var pe *ParamError
	if errors.As(err, &pe) {
		msg = strings.Replace(msg, pe.Error(), pe.Message("--param"), 1)
	}
	var te *TimeoutError
	if errors.As(err, &te) {
		msg = strings.Replace(msg, te.Error(), te.Message("--timeout"), 1)
	}
	return msg
}

func TestParamErrorTypes(t *testing.T) {
	s := openStore(t, "memstore")
	for _, tc := range []struct {
		query   string
		params  map[string]string
		problem ParamProblem
		param   string
	}{
		{"person", nil, ParamMissing, "name"},
		{"attendance", map[string]string{"place": "Hanoi"}, ParamUnknown, "place"},
		{"person", map[string]string{"name": ""}, ParamEmpty, "name"},
	} {
		_, err := RunBundled(context.Background(), s, tc.query, tc.params)
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Problem != tc.problem || pe.Query != tc.query || pe.Param != tc.param {
			t.Errorf("%s %v: error %T %v, want a ParamError %d for %s", tc.query, tc.params, err, err, tc.problem, tc.param)
		}
	}
	_, err := Run(context.Background(), s, "mql", "[{}]", map[string]string{"a": "b"}, Options{})
	var pe *ParamError
	if !errors.As(err, &pe) || pe.Problem != ParamNotTaken || pe.Message("--param") != "--param works with gizmo queries only; mql has no parameters" {
		t.Errorf("mql with params: error %T %v", err, err)
	}
}

// Every bundled query takes a parameter now; the words for an ad-hoc
// query that takes none stay.
func TestParamUnknownWithoutParams(t *testing.T) {
	e := &ParamError{Problem: ParamUnknown, Query: "q", Param: "x"}
	if got, want := e.Error(), `query q has no parameter "x" (it takes no parameters)`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
