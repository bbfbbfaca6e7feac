package query

import (
	"sync"

	"github.com/dop251/goja"
)

// maxPrograms bounds the compiled programs kept: every bundled query and
// the ad-hoc texts a server is asked most recently.
const maxPrograms = 64

// programs holds compiled Gizmo programs (prelude and query text) by their
// text, so that the prelude is compiled once per query text rather than
// once per run.
var programs = struct {
	sync.Mutex
	m     map[string]*goja.Program
	order []string // oldest first
}{m: map[string]*goja.Program{}}

// compiled returns the program of text, compiling it on first use. A text
// that does not compile is not kept.
func compiled(text string) (*goja.Program, error) {
	programs.Lock()
	p := programs.m[text]
	programs.Unlock()
	if p != nil {
		return p, nil
	}
	p, err := goja.Compile("", text, false)
	if err != nil {
		return nil, err
	}
	programs.Lock()
	defer programs.Unlock()
	if q := programs.m[text]; q != nil {
		return q, nil
	}
	if len(programs.order) >= maxPrograms {
		delete(programs.m, programs.order[0])
		programs.order = programs.order[1:]
	}
	programs.m[text] = p
	programs.order = append(programs.order, text)
	return p, nil
}
