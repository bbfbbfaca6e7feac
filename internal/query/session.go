package query

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// This file is the one place that relies on the inside of Cayley's Gizmo
// session, at the version pinned in go.mod: a *gizmo.Session keeps its
// JavaScript runtime in the unexported field vm, and compiles the text
// given to Execute unless it equals the field last, in which case it
// runs the program in p. confgraph puts the same prelude before every
// query; compiling it took about as long as a whole bundled query on a
// small store, so a session made here is handed a program compiled once
// per query text (a goja.Program is not tied to a runtime and may be run
// by several at once) and its parameters as globals. When the fields are
// not there with these types (another Cayley), sessionFields reports so
// and runGizmo compiles per query as before (TestSessionFields fails then).

// sessionLayout is where the fields sit in a gizmo.Session, found once.
type sessionLayout struct {
	ok          bool
	vm, last, p uintptr // offsets
}

var (
	layoutOnce sync.Once
	layout     sessionLayout
)

func sessionFields() sessionLayout {
	layoutOnce.Do(func() {
		t := reflect.TypeOf(gizmo.Session{})
		field := func(name string, want reflect.Type) (uintptr, bool) {
			f, ok := t.FieldByName(name)
			if !ok || f.Type != want || len(f.Index) != 1 {
				return 0, false
			}
			return f.Offset, true
		}
		var ok1, ok2, ok3 bool
		layout.vm, ok1 = field("vm", reflect.TypeOf((*goja.Runtime)(nil)))
		layout.last, ok2 = field("last", reflect.TypeOf(""))
		layout.p, ok3 = field("p", reflect.TypeOf((*goja.Program)(nil)))
		layout.ok = ok1 && ok2 && ok3
	})
	return layout
}

// preparedSession returns a new Gizmo session on qs that will run prog
// when Execute is given text, and its runtime, in which the caller sets
// the globals the program reads. ok is false when this Cayley's session
// cannot be prepared (the caller then compiles as Execute does).
func preparedSession(qs graph.QuadStore, text string, prog *goja.Program) (sess *gizmo.Session, vm *goja.Runtime, ok bool) {
	l := sessionFields()
	sess = gizmo.NewSession(qs)
	if !l.ok {
		return sess, nil, false
	}
	base := unsafe.Pointer(sess)
	vm = *(**goja.Runtime)(unsafe.Add(base, l.vm))
	if vm == nil {
		return sess, nil, false
	}
	*(*string)(unsafe.Add(base, l.last)) = text
	*(**goja.Program)(unsafe.Add(base, l.p)) = prog
	return sess, vm, true
}
