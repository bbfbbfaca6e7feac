package dataset

import (
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Encode writes f as a data file in one fixed layout: the comment, the
// report, then each non-empty section of Sections in order after a blank
// line; an entry's fields one a line (a Flow section's entries one a line),
// in the order of its type with the entity fields (id, name, alt_names,
// labels) first and the provenance (cite, quote, note) last; labels, cites
// and lists of IDs in flow style. Empty values are left out. A text value is
// written bare when it reads back the same and was not written in quotes
// (Str.Quoted), else double-quoted. Parse of the output gives f's values.
func Encode(w io.Writer, f *File) error {
	_, err := w.Write(appendFile(nil, f))
	return err
}

func appendFile(b []byte, f *File) []byte {
	if f.Comment != "" {
		for _, l := range strings.Split(f.Comment, "\n") {
			b = append(b, "# "...)
			b = append(b, l...)
			b = append(b, '\n')
		}
		b = append(b, '\n')
	}
	b = append(b, "report:\n"...)
	r := reflect.ValueOf(&f.Report).Elem()
	for _, fl := range fieldsOf(r.Type()) {
		if val, ok := appendValue(nil, r.FieldByIndex(fl.index)); ok {
			b = append(b, "  "...)
			b = append(b, fl.key...)
			b = append(b, ": "...)
			b = append(b, val...)
			b = append(b, '\n')
		}
	}
	for _, s := range Sections {
		n := s.Len(f)
		if n == 0 {
			continue
		}
		b = append(b, '\n')
		b = append(b, s.Name...)
		b = append(b, ":\n"...)
		for i := range n {
			b = appendEntry(b, reflect.ValueOf(s.Entry(f, i)).Elem(), s.Flow)
		}
	}
	return b
}

func appendEntry(b []byte, e reflect.Value, flow bool) []byte {
	b = append(b, "  - "...)
	if flow {
		b = append(b, '{')
	}
	n := 0
	for _, fl := range fieldsOf(e.Type()) {
		start := len(b)
		switch {
		case n > 0 && flow:
			b = append(b, ", "...)
		case n > 0:
			b = append(b, "    "...)
		}
		b = append(b, fl.key...)
		b = append(b, ": "...)
		var ok bool
		if b, ok = appendValue(b, e.FieldByIndex(fl.index)); !ok {
			b = b[:start]
			continue
		}
		if !flow {
			b = append(b, '\n')
		}
		n++
	}
	switch {
	case flow:
		b = append(b, "}\n"...)
	case n == 0:
		b = append(b, "{}\n"...)
	}
	return b
}

// appendValue appends the YAML of one field value; false when it is empty
// and left out.
func appendValue(b []byte, v reflect.Value) ([]byte, bool) {
	switch x := v.Addr().Interface().(type) {
	case *Str:
		if x.V == "" {
			return b, false
		}
		return appendStr(b, *x), true
	case *Int:
		if !x.Set {
			return b, false
		}
		return strconv.AppendInt(b, int64(x.V), 10), true
	case *Num:
		if x.V == "" {
			return b, false
		}
		return append(b, x.V...), true
	case *Flag:
		if !x.V {
			return b, false
		}
		return append(b, "true"...), true
	case *Cites:
		if len(*x) == 0 {
			return b, false
		}
		b = append(b, '[')
		for i, c := range *x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendInt(b, int64(c.V), 10)
		}
		return append(b, ']'), true
	case *[]Str:
		if len(*x) == 0 {
			return b, false
		}
		b = append(b, '[')
		for i, s := range *x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendStr(b, s)
		}
		return append(b, ']'), true
	case *Labels:
		if len(*x) == 0 {
			return b, false
		}
		b = append(b, '{')
		for i, l := range *x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendStr(b, l.Lang)
			b = append(b, ": "...)
			b = appendStr(b, l.Text)
		}
		return append(b, '}'), true
	}
	panic("dataset: Encode has no layout for a field of type " + v.Type().String())
}

// bareRE matches text that YAML reads back unchanged as a plain scalar, in
// a block or a flow collection.
var bareRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

func appendStr(b []byte, s Str) []byte {
	if !s.Quoted && bareRE.MatchString(s.V) && s.V != "null" && s.V != "Null" && s.V != "NULL" {
		return append(b, s.V...)
	}
	// Go's quoted form is a valid YAML double-quoted scalar: its escapes
	// (\n, \t, \", \\, \xNN, \uNNNN, \UNNNNNNNN) are YAML's.
	return strconv.AppendQuote(b, s.V)
}

type encField struct {
	key   string
	index []int
}

var fieldCache sync.Map // reflect.Type -> []encField

var factType = reflect.TypeFor[Fact]()

// fieldsOf lists the YAML fields of an entry type in Encode's order: its
// own fields in declaration order, those of an inline Fact last.
func fieldsOf(t reflect.Type) []encField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]encField)
	}
	var own, fact []encField
	var walk func(t reflect.Type, index []int, dst *[]encField)
	walk = func(t reflect.Type, index []int, dst *[]encField) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			ix := append(slices.Clone(index), i)
			if opts == "inline" {
				if f.Type == factType {
					walk(f.Type, ix, &fact)
				} else {
					walk(f.Type, ix, dst)
				}
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			*dst = append(*dst, encField{name, ix})
		}
	}
	walk(t, nil, &own)
	fs := append(own, fact...)
	fieldCache.Store(t, fs)
	return fs
}
