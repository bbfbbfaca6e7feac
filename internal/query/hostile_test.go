package query

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/store"
)

// A thrown object's toString or getters, a throwing or looping one, or a
// program value with getters, once ran in Go after the query had stopped
// and panicked ("iterator closed ... [recovered, repanicked]"). Each is a
// clear error now, or the timeout; the message is exact.
func TestGizmoThrownValues(t *testing.T) {
	s := openStore(t, "memstore")
	const cannot = "gizmo: the query threw an object that cannot be shown as text"
	for _, tc := range []struct{ text, want string }{
		{`throw {toString: function(){return "x"}}`, "gizmo: x"},
		{`throw {toString: function(){throw "y"}}`, cannot + " (its toString threw y)"},
		{`throw {toString: function(){throw {toString: function(){throw 1}}}}`, cannot},
		{`throw {get message(){throw 1}}`, "gizmo: [object Object]"},
		{`throw {}`, "gizmo: [object Object]"},
		{`throw Object.create(null)`, cannot},
		{`throw new Proxy({}, {get: function(){ throw 9 }})`, cannot + " (its toString threw 9)"},
		{`throw "boom"`, "gizmo: boom"},
		{`throw 42`, "gizmo: 42"},
		{`throw null`, "gizmo: null"},
		{`throw new Error("e")`, "gizmo: Error: e at <eval>:1:7"},
		{"var x = 1;\n\nfoo.bar();", "gizmo: ReferenceError: foo is not defined at <eval>:3:1"},
		{`var e = new Error("m"); Object.defineProperty(e, "stack", {get: function(){throw 1}}); throw e`, "gizmo: Error: m"},
		{`String = function(){ return 1 }; throw {}`, "gizmo: [object Object]"},
		{`Error.prototype.toString = function(){ throw 3 }; foo.bar()`, cannot + " (its toString threw 3) at <eval>:1:51"},
		{`g.V().forEach(function(x){ throw {toString: function(){throw 2}} })`, cannot + " (its toString threw 2)"},
		{`g.V().forEach(function(x){ throw "cb" })`, "gizmo: cb at <eval>:1:28"},
		// A thrown string of megabytes is cut to 1000 bytes, not inside
		// a character.
		{`throw "x".repeat(1e7)`, "gizmo: " + strings.Repeat("x", 1000) + "… (9999000 more bytes)"},
		{`throw "x".repeat(999) + "ééé"`, "gizmo: " + strings.Repeat("x", 999) + "… (6 more bytes)"},
		// A text that would close the try around it is not a program.
		{`1 } catch (e) {} try { throw {toString: function(){throw 1}}`, "gizmo syntax error: Line 1:3 Unexpected token } (and 5 more errors)"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			_, err := Run(context.Background(), s, "gizmo", tc.text, nil, Options{Timeout: 5 * time.Second})
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v\nwant      %s", err, tc.want)
			}
		})
	}
	// The program's own value is not exported: its getters do not run.
	for _, text := range []string{`({get x(){throw 1}})`, `({get x(){while(true){}}})`} {
		if _, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 5 * time.Second}); err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
	// A looping toString or getter is stopped by the timeout.
	for _, text := range []string{
		`throw {toString: function(){while(true){}}}`,
		`throw {get stack(){while(true){}}, toString: function(){return "s"}}`,
		`g.emit({get x(){while(true){}}})`,
	} {
		start := time.Now()
		_, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 200 * time.Millisecond})
		var te *TimeoutError
		if !errors.As(err, &te) {
			t.Errorf("%s: error %v, want the timeout", text, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: stopped after %s", text, d)
		}
	}
}

// Arguments a step or value function does not take are refused in plain
// words that name the step and what it takes, not in Go's terms
// ("not a quad.Value: map[string]interface {}", "could not convert 1 to
// gizmo.valFilter") or with a panic (str(1)).
func TestGizmoArgumentWords(t *testing.T) {
	s := openStore(t, "memstore")
	const nodes = `(give IRIs as "<...>" strings, paths, or lists of them)`
	const cmp = "(filter() takes comparisons made with lt, lte, gt, gte, regex or like, e.g. filter(gt(5)))"
	for _, tc := range []struct{ text, want string }{
		{`g.V({}).all()`, `argument 1 of V() is an object at line 1:4 (V() takes node IRIs as "<...>" strings (or values), or lists of them)`},
		{`g.V([{}]).all()`, `argument 1 of V() has an item that is an object at line 1:4 (V() takes node IRIs as "<...>" strings (or values), or lists of them)`},
		{`g.V().has("<a>", {}).all()`, `argument 2 of has() is an object at line 1:10 (has() takes a predicate IRI as a "<...>" string, then values or comparisons such as gt(5))`},
		{`g.V().out({}).all()`, "argument 1 of out() is an object at line 1:10 " + nodes},
		{`str({})`, "argument 1 of str() is an object at line 1:4 (str() takes one string)"},
		{`str(1)`, "argument 1 of str() is a number at line 1:4 (str() takes one string)"},
		{`lang({}, 1)`, "argument 1 of lang() is an object at line 1:5 (lang() takes two strings: the text and its language tag)"},
		{`typed("a")`, "typed() got 1 argument at line 1:6 (typed() takes two strings: the text and its datatype IRI)"},
		{`raw({a:1})`, "argument 1 of raw() is an object at line 1:4 (raw() takes one string)"},
		{`lt({})`, `argument 1 of lt() is an object at line 1:3 (lt() takes one value: a string ("<...>" for an IRI), a number or a boolean)`},
		{`gt(g.V())`, `argument 1 of gt() is a path at line 1:3 (gt() takes one value: a string ("<...>" for an IRI), a number or a boolean)`},
		{`regex(1)`, "argument 1 of regex() is a number at line 1:6 (regex() takes a pattern string, and true as a second argument to match IRIs too)"},
		{`like(1)`, "argument 1 of like() is a number at line 1:5 (like() takes one pattern string, with % and _ as wildcards)"},
		{`g.V().filter({}).all()`, "argument 1 of filter() is an object at line 1:13 " + cmp},
		{`g.V().filter(1).all()`, "argument 1 of filter() is a number at line 1:13 " + cmp},
		{`g.V().filter(regex("a"), "x").all()`, "argument 2 of filter() is a string at line 1:13 " + cmp},
		{`g.V().follow("<a>").all()`, `argument 1 of follow() is a string at line 1:13 (follow() takes a path, e.g. g.M().out("<p>"))`},
		{`g.V().union({}).all()`, `argument 1 of union() is an object at line 1:12 (union() takes a path, e.g. g.M().out("<p>"))`},
		{`g.V().limit("a").all()`, "argument 1 of limit() is a string at line 1:12 (limit() takes a number)"},
		{`g.V().tag(5).all()`, "argument 1 of tag() is a number at line 1:10 (tag() takes tag names as strings)"},
		{`g.V().forEach({})`, "argument 1 of forEach() is an object at line 1:14 (forEach() takes a function, optionally after a number)"},
		{`g.V().toArray({})`, "argument 1 of toArray() is an object at line 1:14 (toArray() takes an optional number: the most results)"},
		{`g.V().count({})`, "count() got 1 argument at line 1:12 (count() takes no arguments)"},
		{`g.M({}).all()`, "M() got 1 argument at line 1:4 (M() takes no arguments)"},
		// Found by FuzzGizmoArguments: a path or value as a tag name panicked
		// the process ("expected string, got: *path.Path").
		{`g.V().out("<p>", g.V()).all()`, "argument 2 of out() is a path at line 1:10 (out() takes a predicate (or list or path of them) and tag names as strings)"},
		{`g.V().saveOpt(lang("a", "de"), lang("a", "de")).all()`, `argument 2 of saveOpt() is a value at line 1:14 (saveOpt() takes a predicate IRI as a "<...>" string and a tag name)`},
		{`g.V().save(g.V()).all()`, `argument 1 of save() is a path at line 1:11 (save() takes a predicate IRI as a "<...>" string and a tag name)`},
		{`g.V().has(g.V()).all()`, `argument 1 of has() is a path at line 1:10 (has() takes a predicate IRI as a "<...>" string, then values or comparisons such as gt(5))`},
		{`g.V().is(g.V()).all()`, `argument 1 of is() is a path at line 1:9 (is() takes node IRIs as "<...>" strings (or values), or lists of them)`},
		// Found by FuzzGizmoArguments: an object with the guard's old path key passed as a path.
		{`g.V().follow({"\u0000target": 1}).all()`, `argument 1 of follow() is an object at line 1:13 (follow() takes a path, e.g. g.M().out("<p>"))`},
		// Found by FuzzGizmoArguments: an empty predicate panicked the process ("empty has").
		{`g.V().has("").all()`, `argument 1 of has() is an empty string at line 1:10 (has() takes a predicate IRI as a "<...>" string, then values or comparisons such as gt(5))`},
		{`g.V().followRecursive("").all()`, "argument 1 of followRecursive() is an empty string at line 1:22 (followRecursive() takes a predicate (or path), a number (the most steps) and tag names as strings)"},
		{`g.V().followRecursive(["<a>", "<b>"]).all()`, "argument 1 of followRecursive() is a list of 2 items at line 1:22 (followRecursive() takes a predicate (or path), a number (the most steps) and tag names as strings; one predicate)"},
		{`g.V().followRecursive().all()`, "followRecursive() got no arguments at line 1:22 (followRecursive() takes a predicate (or path), a number (the most steps) and tag names as strings)"},
		// Found by FuzzGizmoArguments: a function as the predicate panicked
		// the process ("unsupported type: func(goja.FunctionCall) goja.Value").
		{`g.V().followRecursive(function(){}).all()`, "argument 1 of followRecursive() is a function at line 1:22 " + nodes},
		{`g.V().followRecursive([1]).all()`, "argument 1 of followRecursive() is a number at line 1:22 " + nodes},
		// Found by FuzzGizmoArguments: values and comparisons together
		// answered "not a quad.Value: gizmo.valFilter".
		{`g.V().has("<p>", lang("a", "de"), lt(1)).all()`, `has() got both values and comparisons at line 1:10 (has() takes a predicate IRI as a "<...>" string, then values or comparisons such as gt(5); all values or all comparisons)`},
		{`g.V().hasR("<p>", gt(2), "x").all()`, `hasR() got both values and comparisons at line 1:11 (hasR() takes a predicate IRI as a "<...>" string, then values or comparisons such as gt(5); all values or all comparisons)`},
		{`g.V().followRecursive("<p>", 2, {}).all()`, "argument 3 of followRecursive() is an object at line 1:22 (followRecursive() takes a predicate (or path), a number (the most steps) and tag names as strings)"},
		// Found by the hostile-input probe: Cayley takes the number as a Go
		// int, and Skip(1e308) skipped nothing.
		{`g.V().skip(1e308).all()`, "argument 1 of skip() is not a whole number up to 2^53 at line 1:11 (skip() takes a whole number)"},
		{`g.V().limit(1.5).all()`, "argument 1 of limit() is not a whole number up to 2^53 at line 1:12 (limit() takes a whole number)"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			_, err := Run(context.Background(), s, "gizmo", tc.text, nil, Options{Timeout: 5 * time.Second})
			want := "gizmo: Error: " + tc.want
			if err == nil || err.Error() != want {
				t.Errorf("error %v\nwant      %s", err, want)
			}
			for _, goWords := range []string{"interface {}", "quad.", "gizmo.", "goja", "panic"} {
				if err != nil && strings.Contains(err.Error(), goWords) {
					t.Errorf("error %q speaks Go (%s)", err, goWords)
				}
			}
		})
	}
	// What the functions take still works: values from str() in a step,
	// comparisons in filter().
	for _, text := range []string{
		`g.V().is(str("x")).all()`,
		`g.V().filter(lt(1), regex("a", true), like("%a%")).all()`,
		`g.V("<https://confgraph.example/id/place/hanoi>", ["<a>", "<b>"]).all()`,
		`g.V().forEach(5, function(x){})`,
	} {
		if _, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 5 * time.Second}); err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
}

// What emit() cannot show (a path, a function) was shown as a Go value
// ("&{0x…}", "0xde06a0"), and two MQL queries gave rows without a word:
// "[{"id": {}}]" every node, a query not in a list none (found by the
// hostile-input probe). Each is an error now; data still goes through.
func TestEmitAndMQLWords(t *testing.T) {
	s := openStore(t, "memstore")
	for _, tc := range []struct{ lang, text, want string }{
		{"gizmo", `g.Emit(g)`, "emit() was given a path or another object of the query engine"},
		{"gizmo", `g.Emit(g.V())`, "emit() was given a path or another object of the query engine"},
		{"gizmo", `g.Emit(function(){})`, "emit() was given a function"},
		{"gizmo", `g.Emit({a: [1, function(){}]})`, "emit() was given a function"},
		{"mql", `[{"id": {}}]`, `"id" takes an IRI as a string`},
		{"mql", `[{"<http://schema.org/name>": [{"id": {"x": null}}]}]`, `"id" takes an IRI as a string`},
		{"mql", `{"id": null}`, "a query is a list of one object"},
		{"mql", `[]`, "a query is a list of one object"},
		{"mql", `[{"id": null}, {"id": null}]`, "a query is a list of one object"},
	} {
		_, err := Run(context.Background(), s, tc.lang, tc.text, nil, Options{Timeout: 5 * time.Second})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: error %v, want %q", tc.lang, tc.text, err, tc.want)
		}
		if err != nil && (strings.Contains(err.Error(), "0x") || strings.Contains(err.Error(), "&{")) {
			t.Errorf("%s %s: error %q shows a Go value", tc.lang, tc.text, err)
		}
	}
	for _, tc := range []struct{ lang, text, want string }{
		{"gizmo", `g.Emit({a: [1, "x"], b: true})`, "1; x"},
		{"mql", `[{"id": "<https://confgraph.example/id/place/hanoi>", "<http://www.w3.org/2000/01/rdf-schema#label>": null}]`, "Hanoi"},
	} {
		res, err := Run(context.Background(), s, tc.lang, tc.text, nil, Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Errorf("%s %s: %v", tc.lang, tc.text, err)
			continue
		}
		if got := fmt.Sprint(res.Rows); !strings.Contains(got, tc.want) {
			t.Errorf("%s %s: rows %s, want %q in them", tc.lang, tc.text, got, tc.want)
		}
	}
}

// GraphQL's argument errors named Go types ("*ast.ObjectValue", "quad.String").
func TestGraphQLArgumentWords(t *testing.T) {
	s := openStore(t, "memstore")
	for _, tc := range []struct{ text, want string }{
		{`{ nodes(id: {}) { id } }`, "graphql syntax error: an argument is an object; arguments take IRIs (<...>), strings, numbers, booleans or lists of them"},
		{`{ nodes(first: "a") { id } }`, "graphql: first takes a whole number"},
	} {
		_, err := Run(context.Background(), s, "graphql", tc.text, nil, Options{Timeout: 5 * time.Second})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v\nwant %s", tc.text, err, tc.want)
		}
	}
}

// Memory bombs once grew to ~6 GB and died "out of memory" before the
// timeout: the memory budget stops them with a MemoryError. The budget
// here is small and the timeout a backstop, so the test stays cheap.
func TestGizmoMemoryBudget(t *testing.T) {
	s := openStore(t, "memstore")
	const budget = 64 << 20
	for _, text := range []string{
		`var a = []; while (true) a.push(new Array(1e6));`,
		`var s = "x"; while (true) s = s + s + "";`,
		`var o = {}; while (true) o = {a: o, b: [o, o]};`,
	} {
		t.Run(text, func(t *testing.T) {
			runtime.GC() // the heap the last case left is not this one's
			start := time.Now()
			_, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 60 * time.Second, MaxMemory: budget})
			var me *MemoryError
			if !errors.As(err, &me) {
				t.Fatalf("error %v, want the memory budget", err)
			}
			want := "query stopped: it used more than its memory budget of 64 MiB (raise it with --max-memory, or have the query keep fewer or smaller values)"
			if got := me.Message("--max-memory"); got != want {
				t.Errorf("message %q\nwant    %q", got, want)
			}
			t.Logf("stopped after %s", time.Since(start))
		})
	}
	// The store is free again, and an ordinary query runs within the budget.
	res, err := RunBundled(context.Background(), s, "attendance", nil)
	if err != nil || len(res.Rows) == 0 {
		t.Fatalf("attendance after the bombs: %v, %v", res, err)
	}
}

// A string doubled in a loop allocates as much in each step as in all
// before it, in one copy that cannot be interrupted: judged only by the
// live heap, which a collection finds steps late, such a bomb had
// allocated 8 times its budget (2-4 GB at the default) when it was
// stopped. The heap in use, garbage included, is bounded too, by what the
// collector lets a query within its budget reach, so the bomb is stopped
// at the step that passes it.
func TestObjectsCap(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		live0, budget int64
		gogc          uint64
		want          int64
	}{
		// The collector runs when the heap has doubled (GOGC=100): a
		// query with 10 MiB live at its start and 64 MiB of budget
		// reaches 148 MiB of heap objects at most.
		{10 * mib, 64 * mib, 100, 148 * mib},
		{0, 512 * mib, 100, 1024 * mib},
		{10 * mib, 64 * mib, 50, 111 * mib},
		{10 * mib, 64 * mib, 0, 74 * mib},
		// GOGC=off (reported as the largest uint64): no bound.
		{10 * mib, 64 * mib, math.MaxUint64, math.MaxInt64},
	} {
		if got := objectsCap(tc.live0, tc.budget, tc.gogc); got != tc.want {
			t.Errorf("objectsCap(%d MiB, %d MiB, GOGC=%d) = %d, want %d", tc.live0/mib, tc.budget/mib, tc.gogc, got, tc.want)
		}
	}
	// The bomb is stopped; what it allocated in all (runtime/metrics,
	// exact, a bound of its peak heap) is logged: the step it is stopped
	// at depends on when the watch gets the processor.
	s := openStore(t, "memstore")
	const budget = 96 << 20
	runtime.GC()
	m := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(m)
	before := m[0].Value.Uint64()
	_, err := Run(context.Background(), s, "gizmo", `var s = "x"; while (true) s = s + s + "";`, nil, Options{Timeout: 60 * time.Second, MaxMemory: budget})
	metrics.Read(m)
	var me *MemoryError
	if !errors.As(err, &me) {
		t.Fatalf("error %v, want the memory budget", err)
	}
	allocated := m[0].Value.Uint64() - before
	t.Logf("string doubling: allocated %d MiB in all, %.1f times the budget", allocated>>20, float64(allocated)/budget)
}

// preludeRow runs Gizmo text on s, with "$P" standing for a person of the
// seed, "$G" for the seed report's graph, "$T" for rdf:type and "$A" for
// a predicate no quad has (each as a quoted IRI), and returns its one row.
func preludeRow(t *testing.T, s *store.Store, text string) map[string]string {
	t.Helper()
	text = strings.NewReplacer(
		"$P", `"<https://confgraph.example/id/person/ngo-dong-hai>"`,
		"$G", `"<https://confgraph.example/id/graph/party-building-conference-2023-de>"`,
		"$T", `"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"`,
		"$A", `"<https://confgraph.example/vocab#noSuchPredicate>"`,
	).Replace(text)
	res, err := Run(context.Background(), s, "gizmo", text, nil, Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return res.Maps()[0]
}

// The prelude takes confgraph's native helpers (CONFGRAPH_LOOKUP,
// CONFGRAPH_GRAPHS) and deletes them: a query sees neither. The answers
// the prelude keeps are in objects without a prototype: a query that
// gives Object.prototype a node's name, or looks up "__proto__", does not
// change what outs and outsIn find, and outsIn answers as a Gizmo path.
func TestNativesHidden(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			row := preludeRow(t, openStore(t, backend), `Object.prototype[$P] = ["forged"];
g.emit({natives: [typeof CONFGRAPH_LOOKUP, typeof CONFGRAPH_GRAPHS].join(" "),
  absent: outsIn($P, $A, $G).length + outs($P, $A).length + outs("__proto__", $T).length + outs("__proto__", $T).length,
  types: list(outsIn($P, $T, $G)),
  path: list(g.V($P).labelContext($G).out($T).toArray())});`)
			if row["natives"] != "undefined undefined" {
				t.Errorf("a query sees the natives as %q", row["natives"])
			}
			if row["absent"] != "0" {
				t.Errorf("look-ups of what the store lacks found %s values", row["absent"])
			}
			if !strings.Contains(row["types"], "http://schema.org/Person") || row["types"] != row["path"] {
				t.Errorf("outsIn gives the types %q, the Gizmo path %q; want them equal, with http://schema.org/Person", row["types"], row["path"])
			}
		})
	}
}

// TestPreludeHelpers: the look-ups hand out copies (a query that changes
// an answer does not change the next one), "__proto__" as a predicate or
// graph finds nothing, and localName, which takes the last segment with
// string operations, agrees in goja with the regular expression it
// replaced on random strings over the characters that matter.
func TestPreludeHelpers(t *testing.T) {
	const text = `var a = outs($P, $T); a.push("x"); a[0] = "y";
var b = outsIn($P, $T, $G); b.length = 0;
var c = ins("<http://schema.org/Person>", $T); c.reverse(); c.pop();
var seed = 1, alphabet = ["/", "#", "a", "\n", "\r", "\u2028", "\u2029", "\u00e9", ":"], checked = 0, differ = 0;
function next(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
for (var i = 0; i < 20000; i++) {
  var s = "";
  for (var k = next(12); k > 0; k--) s += alphabet[next(alphabet.length)];
  checked++;
  if (localName(s) !== s.replace(/^.*[\/#]/, "")) differ++;
}
g.emit({outs: list(outs($P, $T)), outsPath: list(g.V($P).out($T).toArray()),
  outsIn: list(outsIn($P, $T, $G)), outsInPath: list(g.V($P).labelContext($G).out($T).toArray()),
  ins: String(ins("<http://schema.org/Person>", $T).length), insPath: String(g.V("<http://schema.org/Person>").in($T).toArray().length),
  proto: String(outs($P, "__proto__").length + outsIn($P, "__proto__", $G).length + outsIn($P, $T, "__proto__").length + insIn($P, "__proto__", "__proto__").length),
  checked: String(checked), differ: String(differ)});`
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			row := preludeRow(t, openStore(t, backend), text)
			for _, k := range []string{"outs", "outsIn", "ins"} {
				if row[k] != row[k+"Path"] || row[k] == "" || row[k] == "0" {
					t.Errorf("%s after changing its earlier answer: %q; the Gizmo path gives %q", k, row[k], row[k+"Path"])
				}
			}
			if row["proto"] != "0" {
				t.Errorf("look-ups with __proto__ found %s values", row["proto"])
			}
			if row["checked"] != "20000" || row["differ"] != "0" {
				t.Errorf("localName differs from the regular expression on %s of %s strings", row["differ"], row["checked"])
			}
		})
	}
}
