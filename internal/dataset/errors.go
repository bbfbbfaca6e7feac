package dataset

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a data file, at a position, with a hint on how to
// fix it.
type Error struct {
	File string
	Pos
	Msg  string
	Hint string
	// elsewhere is set for a reference another file may resolve.
	elsewhere *ref
}

// ref is an ID a file refers to without defining it: it must name an
// entity of one of kinds, defined in another file read with it or in the
// store (see resolveElsewhere).
type ref struct {
	id     string
	kinds  []Kind
	field  string // the field that holds the ID
	sameAs bool   // a possibly_same_as entry
	self   string // the entity a possibly_same_as entry belongs to
}

// Error formats the problem as file:line:col: message (hint).
func (e Error) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Errors is every problem found in one or more files.
type Errors []Error

// Error lists the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
