package query

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"
)

// This file is the Go side of the prelude's look-ups (LOOK in prelude.js):
// outs, ins, outsIn and insIn ask one node's values of one predicate, in
// one named graph or any. Asked through a Gizmo path, each look-up builds
// a path, optimises it and runs it; within a graph (labelContext) Cayley's
// key-value stores cannot use an index at all (subject, predicate and
// graph fixed is more than their subject-predicate index covers), so they
// read every quad of the node, on every report. Here each look-up is one
// index scan with subject (or object) and predicate fixed, the graph
// compared per quad found, and the values handed to JavaScript as Gizmo's
// toArray hands them.

// lookupName is the global the prelude reads the function from (and then
// deletes).
const lookupName = "CONFGRAPH_LOOKUP"

// lookupFunc returns CONFGRAPH_LOOKUP(dir, node, pred[, graph]) for vm:
// dir "out" gives the objects of quads node pred ?, "in" the subjects of
// quads ? pred node; with graph only quads of that named graph.
func lookupFunc(ctx context.Context, qs graph.QuadStore, vm *goja.Runtime) func(goja.FunctionCall) goja.Value {
	cache := map[string]graph.Ref{}
	ref := func(s string) (graph.Ref, error) {
		if r, ok := cache[s]; ok {
			return r, nil
		}
		r, err := qs.ValueOf(quad.StringToValue(s))
		if err != nil {
			return nil, err
		}
		cache[s] = r
		return r, nil
	}
	throw := func(err error) { panic(vm.NewGoError(err)) }
	return func(call goja.FunctionCall) goja.Value {
		var args [4]string
		n := len(call.Arguments)
		if n != 3 && n != 4 {
			panic(vm.NewTypeError("%s takes 3 or 4 strings", lookupName))
		}
		for i, a := range call.Arguments {
			s, ok := a.Export().(string)
			if !ok {
				panic(vm.NewTypeError("%s takes strings", lookupName))
			}
			args[i] = s
		}
		from, result := quad.Subject, quad.Object
		switch args[0] {
		case "out":
		case "in":
			from, result = quad.Object, quad.Subject
		default:
			panic(vm.NewTypeError("%s: direction %q is neither out nor in", lookupName, args[0]))
		}
		out := []any{}
		node, err := ref(args[1])
		if err != nil {
			throw(err)
		}
		pred, err := ref(args[2])
		if err != nil {
			throw(err)
		}
		var label graph.Ref
		if n == 4 {
			if label, err = ref(args[3]); err != nil {
				throw(err)
			}
			if label == nil {
				return vm.ToValue(out)
			}
		}
		if node == nil || pred == nil {
			return vm.ToValue(out)
		}
		it := quadsOf(ctx, qs, from, node, pred).Iterate()
		defer it.Close()
		var want any
		if label != nil {
			want = refs.ToKey(label)
		}
		for it.Next(ctx) {
			q := it.Result()
			if label != nil {
				l, err := qs.QuadDirection(q, quad.Label)
				if err != nil {
					throw(err)
				}
				if l == nil || refs.ToKey(l) != want {
					continue
				}
			}
			r, err := qs.QuadDirection(q, result)
			if err != nil {
				throw(err)
			}
			v, err := qs.NameOf(r)
			if err != nil {
				throw(fmt.Errorf("read value: %w", err))
			}
			if v != nil {
				out = append(out, nativeValue(v))
			}
		}
		if err := it.Err(); err != nil {
			throw(err)
		}
		return vm.ToValue(out)
	}
}

// quadsOf returns an iterator over the quads with node in direction from
// and predicate pred. The store's optimiser is asked for the quads action
// that a Gizmo out or in step becomes: on the key-value stores that is one
// scan of the index that starts with both (subject-predicate, or
// object-predicate-subject), whose quads are taken before the step would
// turn them into nodes. Elsewhere the quads are the intersection of the
// two directions, as the store builds it.
func quadsOf(ctx context.Context, qs graph.QuadStore, from quad.Direction, node, pred graph.Ref) iterator.Shape {
	act := shape.QuadsAction{Result: quad.Label, Filter: map[quad.Direction]graph.Ref{from: node, quad.Predicate: pred}}
	if opt, _ := shape.Optimize(ctx, act, qs); opt != nil {
		if nf, ok := opt.(shape.NodesFrom); ok {
			if _, generic := nf.Quads.(shape.Quads); !generic {
				return nf.Quads.BuildIterator(qs)
			}
		}
	}
	return shape.BuildIterator(ctx, qs, shape.Quads{
		{Dir: from, Values: shape.Fixed{node}},
		{Dir: quad.Predicate, Values: shape.Fixed{pred}},
	})
}

// nativeValue is v as Gizmo's toArray gives it to JavaScript
// (Session.quadValueToNative, Raw collation): the value's Go native form,
// or its N-Quads text when it has none (IRIs "<...>", tagged literals).
func nativeValue(v quad.Value) any {
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && v == nv {
		return quad.StringOf(v)
	}
	return out
}
