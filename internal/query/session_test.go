package query

import (
	"context"
	"strconv"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// TestSessionFields proves that this Cayley's Gizmo session can be handed
// a compiled program: the fields session.go relies on are there, and
// Execute runs the program given (the text it is called with does not
// even parse, so a session that compiled it would fail) with the globals
// set in its runtime.
func TestSessionFields(t *testing.T) {
	if !sessionFields().ok {
		t.Fatal("gizmo.Session has no fields vm *goja.Runtime, last string and p *goja.Program: update session.go for this Cayley")
	}
	s := storeOf(t, embeddedFiles(t, true))
	prog, err := goja.Compile("", `g.emit({v: params.x + "/" + PRELUDE_LINES});`, false)
	if err != nil {
		t.Fatal(err)
	}
	const text = "this ( is not JavaScript"
	var got []any
	err = s.View(context.Background(), func(qs graph.QuadStore) error {
		sess, vm, ok := preparedSession(qs, text, prog)
		if !ok {
			t.Fatal("preparedSession: not prepared")
		}
		if err := setGlobals(vm, map[string]string{"x": "given"}); err != nil {
			return err
		}
		it, err := sess.Execute(context.Background(), text, cquery.Options{Collation: cquery.Raw})
		if err != nil {
			return err
		}
		defer it.Close()
		for it.Next(context.Background()) {
			if r, ok := it.Result().(*gizmo.Result); ok && !r.Meta {
				got = append(got, r.Val)
			}
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "given/" + strconv.Itoa(preludeLines)
	if len(got) != 1 || cells(got[0])["v"] != want {
		t.Fatalf("rows %v, want one row with v=%s", got, want)
	}
}
