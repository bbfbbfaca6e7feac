package dataset

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// UnmarshalYAML records the scalar and its position. A non-scalar value is
// kept as bad (Pos set, V empty, badStr) so validation can report it.
func (s *Str) UnmarshalYAML(n *yaml.Node) error {
	s.Pos = Pos{n.Line, n.Column}
	if n.Kind != yaml.ScalarNode {
		s.bad = fmt.Sprintf("expected a text value, found a %s", kindName(n))
		return nil
	}
	if n.Tag == "!!null" {
		s.V = ""
		return nil
	}
	s.V = n.Value
	s.Quoted = n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	for _, r := range s.V {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			s.bad = fmt.Sprintf("control character U+%04X in text; remove it", r)
			return nil
		}
	}
	return nil
}

// UnmarshalYAML records the integer and its position.
func (i *Int) UnmarshalYAML(n *yaml.Node) error {
	i.Pos = Pos{n.Line, n.Column}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		i.bad = fmt.Sprintf("expected a whole number, found %q", nodeText(n))
		return nil
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		i.bad = fmt.Sprintf("%q is not a whole number", n.Value)
		return nil
	}
	i.V, i.Set = v, true
	return nil
}

// UnmarshalYAML records the flag and its position.
func (f *Flag) UnmarshalYAML(n *yaml.Node) error {
	f.Pos = Pos{n.Line, n.Column}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		f.bad = fmt.Sprintf("expected true or false, found %q", nodeText(n))
		return nil
	}
	f.V = n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	return nil
}

// UnmarshalYAML reads a list of paragraph numbers; anything else is kept
// as one bad entry so that Parse reports it and the entry is not lost.
func (c *Cites) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		*c = Cites{{Pos: Pos{n.Line, n.Column}, bad: fmt.Sprintf("cite must be a list of paragraph numbers such as [3, 9], found %q", nodeText(n))}}
		return nil
	}
	for _, e := range n.Content {
		var i Int
		if err := i.UnmarshalYAML(e); err != nil {
			return err
		}
		*c = append(*c, i)
	}
	return nil
}

var decimalRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// UnmarshalYAML records the number as written and its position.
func (x *Num) UnmarshalYAML(n *yaml.Node) error {
	x.Pos = Pos{n.Line, n.Column}
	if n.Kind != yaml.ScalarNode || !decimalRE.MatchString(n.Value) {
		x.bad = fmt.Sprintf("expected a decimal number such as 3 or 3.5, found %q", nodeText(n))
		return nil
	}
	x.V = n.Value
	return nil
}

// UnmarshalYAML reads a mapping from language tag to label, keeping order
// and positions.
func (l *Labels) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: column %d: %s", n.Line, n.Column, fmt.Sprintf("labels must be a mapping of language tag to label, such as {en: ..., vi: ...}"))}}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var lab Label
		if err := lab.Lang.UnmarshalYAML(k); err != nil {
			return err
		}
		if err := lab.Text.UnmarshalYAML(v); err != nil {
			return err
		}
		*l = append(*l, lab)
	}
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return kindName(n)
}

var lineRE = regexp.MustCompile(`line (\d+)(?::|,)?(?: column (\d+))?:? *`)

// Parse decodes one data file and checks its structure and every fact it
// holds. It returns all problems found, sorted by position; the File is nil
// when the YAML could not be read at all.
func Parse(path string, data []byte) (*File, Errors) {
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		line, col := lineCol(data, off)
		return nil, Errors{{File: path, Pos: Pos{line, col},
			Msg:  fmt.Sprintf("file is not valid UTF-8 (byte 0x%02x)", data[off]),
			Hint: "save the file with UTF-8 encoding"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErrors(path, err, "fix the YAML syntax at this place")
	}
	if len(root.Content) == 0 {
		return nil, Errors{{File: path, Pos: Pos{1, 1}, Msg: "file is empty", Hint: "start with a report: section"}}
	}
	doc := root.Content[0]
	var errs Errors
	if doc.Kind != yaml.MappingNode {
		return nil, Errors{{File: path, Pos: Pos{doc.Line, doc.Column}, Msg: "top level must be a mapping", Hint: "start with a report: section"}}
	}
	checkKeys(path, doc, reflect.TypeOf(File{}), &errs)
	f := &File{Path: path}
	if err := doc.Decode(f); err != nil {
		errs = append(errs, yamlErrors(path, err, "see the data file format in docs/data-format.md")...)
	}
	errs = append(errs, badValues(path, reflect.ValueOf(f).Elem())...)
	errs = append(errs, validate(f)...)
	errs.sort()
	return f, errs
}

func yamlErrors(path string, err error, hint string) Errors {
	var msgs []string
	if te, ok := err.(*yaml.TypeError); ok {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var out Errors
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		e := Error{File: path, Pos: Pos{1, 1}, Hint: hint}
		if sm := lineRE.FindStringSubmatchIndex(m); sm != nil && sm[0] == 0 {
			e.Line, _ = strconv.Atoi(m[sm[2]:sm[3]])
			e.Col = 1
			if sm[4] >= 0 {
				e.Col, _ = strconv.Atoi(m[sm[4]:sm[5]])
			}
			m = m[sm[1]:]
		}
		e.Msg = plainTypeError(m)
		out = append(out, e)
	}
	return out
}

// checkKeys reports mapping keys that no field of t accepts, recursively.
func checkKeys(path string, n *yaml.Node, t reflect.Type, errs *Errors) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			checkKeys(path, c, t.Elem(), errs)
		}
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode && !isScalarType(t):
		fields := yamlFields(t)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, Error{File: path, Pos: Pos{k.Line, k.Column},
					Msg:  fmt.Sprintf("unknown field %q", k.Value),
					Hint: "valid fields here: " + strings.Join(slices.Sorted(maps.Keys(fields)), ", ")})
				continue
			}
			if seen[k.Value] {
				*errs = append(*errs, Error{File: path, Pos: Pos{k.Line, k.Column},
					Msg: fmt.Sprintf("field %q given twice", k.Value), Hint: "keep one of them"})
			}
			seen[k.Value] = true
			checkKeys(path, n.Content[i+1], ft, errs)
		}
	}
}

var scalarType = reflect.TypeFor[scalar]()

// isScalarType reports whether t is read from one YAML scalar (Str, Int, ...).
func isScalarType(t reflect.Type) bool { return t.Implements(scalarType) }

// yamlFields lists the YAML keys of struct t, following inline fields.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if opts == "inline" {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func lineCol(b []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(b[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// scalar is a value read with its position that may have been unreadable.
type scalar interface{ unreadable() (Pos, string) }

func (s Str) unreadable() (Pos, string)  { return s.Pos, s.bad }
func (i Int) unreadable() (Pos, string)  { return i.Pos, i.bad }
func (x Num) unreadable() (Pos, string)  { return x.Pos, x.bad }
func (f Flag) unreadable() (Pos, string) { return f.Pos, f.bad }

// badValues collects the scalars that could not be read, anywhere in v.
func badValues(path string, v reflect.Value) Errors {
	var out Errors
	add := func(p Pos, bad string) {
		if bad != "" {
			out = append(out, Error{File: path, Pos: p, Msg: bad, Hint: "see the data file format in docs/data-format.md"})
		}
	}
	if x, ok := v.Interface().(scalar); ok {
		p, bad := x.unreadable()
		add(p, bad)
		return out
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out = append(out, badValues(path, v.Field(i))...)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			out = append(out, badValues(path, v.Index(i))...)
		}
	}
	return out
}

var unmarshalRE = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (.+)$")

var yamlKinds = map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "map": "a mapping", "seq": "a list", "null": "nothing"}

// plainTypeError rewrites yaml.v3's "cannot unmarshal !!str `x` into
// []dataset.Int" into words a data-file author knows.
func plainTypeError(m string) string {
	sm := unmarshalRE.FindStringSubmatch(m)
	if sm == nil {
		return m
	}
	found := yamlKinds[sm[1]]
	if found == "" {
		found = sm[1]
	}
	return fmt.Sprintf("expected %s, found %s %q", goTypeWords(sm[3]), found, sm[2])
}

func goTypeWords(t string) string {
	if rest, ok := strings.CutPrefix(t, "[]"); ok {
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(goTypeWords(rest), "a "), "an ") + "s"
	}
	switch t {
	case "dataset.Int", "int":
		return "a whole number"
	case "dataset.Num":
		return "a decimal number"
	case "dataset.Str", "string":
		return "a text value"
	case "dataset.Labels":
		return "a mapping of language tag to label"
	case "bool":
		return "true or false"
	}
	return "a mapping (key: value)"
}
