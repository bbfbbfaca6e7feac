package query

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/cayleygraph/quad"
)

// emittable reports whether v, a value a Gizmo query emitted, is data a
// row can show: strings, numbers, booleans, quad values, and lists and
// objects of them. A path, a function or another engine object is not —
// its text would be a Go pointer ("&{0x…}").
func emittable(v any) error {
	switch x := v.(type) {
	case nil, string, bool, float64, int64, int, quad.Value, []quad.Value, map[string]string:
		return nil
	case []any:
		for _, e := range x {
			if err := emittable(e); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		for _, e := range x {
			if err := emittable(e); err != nil {
				return err
			}
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			if err := emittable(rv.Index(i).Interface()); err != nil {
				return err
			}
		}
		return nil
	case reflect.Func:
		return &EmitError{What: "a function"}
	}
	return &EmitError{What: "a path or another object of the query engine"}
}

// EmitError is a Gizmo query's emit() given something that is no value.
type EmitError struct{ What string }

func (e *EmitError) Error() string {
	return fmt.Sprintf("emit() was given %s, which is no value: emit strings, numbers, lists or objects of them (a path's values come from .toArray() or .tagArray())", e.What)
}

// checkMQL refuses what Cayley's MQL would take without a word: a query
// that is not a list of one object gives no rows, and an "id" that is an
// object matches every node.
func checkMQL(text string) error {
	var q any
	if err := json.Unmarshal([]byte(text), &q); err != nil {
		return nil // Cayley's own parser words its syntax errors
	}
	l, ok := q.([]any)
	if !ok || len(l) != 1 {
		return &SyntaxError{Lang: "mql", Msg: `a query is a list of one object, e.g. [{"id": null, "<http://schema.org/name>": null}] (put an object in [ ])`}
	}
	if _, ok := l[0].(map[string]any); !ok {
		return &SyntaxError{Lang: "mql", Msg: `a query is a list of one object, e.g. [{"id": null, "<http://schema.org/name>": null}]`}
	}
	return checkMQLIDs(l[0])
}

func checkMQLIDs(v any) error {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "id" {
				if _, ok := e.(map[string]any); ok {
					return &SyntaxError{Lang: "mql", Msg: `"id" takes an IRI as a string, e.g. "<https://confgraph.example/id/person/truong-thi-mai>", a literal, or null; an object there would match every node`}
				}
				continue
			}
			if err := checkMQLIDs(e); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range x {
			if err := checkMQLIDs(e); err != nil {
				return err
			}
		}
	}
	return nil
}
