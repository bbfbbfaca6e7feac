package dataset

import (
	"bytes"
	"fmt"
	"io"
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
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "!!str" {
		// !!binary would be read as its base64 text, a tag of one's own
		// as the text it tags: neither is what the author meant.
		s.bad = fmt.Sprintf("tag %s not allowed here; write the text itself, without a tag", n.Tag)
		return nil
	}
	s.V = n.Value
	s.Quoted = n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	for _, r := range s.V {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			s.bad = fmt.Sprintf("control character U+%04X in text; remove it, only tab and newline are allowed", r)
			return nil
		}
	}
	if c := utf8.RuneCountInString(s.V); c > MaxText {
		s.bad = fmt.Sprintf("text is %d characters, longer than %d; shorten it", c, MaxText)
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
	if errs := controlChars(path, data); len(errs) > 0 {
		return nil, errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return nil, yamlErrors(path, err, "fix the YAML syntax at this place")
	}
	if errs := moreDocuments(path, dec); len(errs) > 0 {
		return nil, errs
	}
	if len(root.Content) == 0 {
		return nil, Errors{{File: path, Pos: Pos{1, 1}, Msg: "file is empty", Hint: "start with a report: section"}}
	}
	doc := root.Content[0]
	var errs Errors
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" && doc.Value == "" {
		// A document with nothing in it ("---" alone): yaml.v3 places the
		// empty node after the end of the file.
		return nil, Errors{{File: path, Pos: Pos{1, 1}, Msg: "file holds no report", Hint: "start with a report: section"}}
	}
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

// moreDocuments reports a second YAML document after ---, which would be
// lost: a data file holds one report. An empty one (a --- at the end)
// loses nothing and is let be.
func moreDocuments(path string, dec *yaml.Decoder) Errors {
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return yamlErrors(path, err, "fix the YAML syntax at this place")
		}
		if len(doc.Content) == 1 && doc.Content[0].ShortTag() == "!!null" && doc.Content[0].Value == "" {
			continue
		}
		return Errors{{File: path, Pos: Pos{doc.Line, doc.Column},
			Msg:  "a second YAML document starts here, after ---; it would be lost",
			Hint: "a data file holds one report: put this one in a file of its own, or remove the --- line"}}
	}
}

// controlChars reports the characters YAML does not allow in a file
// (NUL, most C0 and C1 controls), each at its line and column, the first
// of a line, at most maxControlLines lines; yaml.v3 would report the first
// at 1:1.
func controlChars(path string, data []byte) Errors {
	var errs Errors
	line, col := 1, 1
	lastLine := 0
	text := string(data)
	for i, r := range text {
		ok := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
			r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
		// A byte-order mark may start the file only (YAML 1.2, 5.2); inside
		// it is an invisible character, often left by joining two files.
		bom := r == 0xfeff && i > 0
		if (!ok || bom) && line != lastLine {
			if len(errs) == maxControlLines {
				errs[len(errs)-1].Msg += "; more lines below have control characters too"
				break
			}
			e := Error{File: path, Pos: Pos{line, col},
				Msg:  fmt.Sprintf("control character U+%04X in the file", r),
				Hint: "remove it; only tab and newline are allowed"}
			if bom {
				e.Msg, e.Hint = "byte-order mark U+FEFF inside the file, an invisible character", "remove it; a byte-order mark may only start the file"
			}
			errs = append(errs, e)
			lastLine = line
		}
		if lineBreak(text, i, r) {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return errs
}

// lineBreak reports whether rune r at byte i of text ends a line as YAML
// counts lines (and so the positions of yaml.v3): a newline, a carriage
// return not followed by one, NEL, LS and PS.
func lineBreak(text string, i int, r rune) bool {
	switch r {
	case '\n', 0x85, 0x2028, 0x2029:
		return true
	case '\r':
		return i+1 == len(text) || text[i+1] != '\n'
	}
	return false
}

const maxControlLines = 20

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
		// A key given twice is reported here and dropped, with its value:
		// yaml.v3 would refuse the whole mapping, and every field in it
		// would seem missing (a report section given twice: "missing
		// report section").
		type key struct {
			kind  yaml.Kind
			value string
		}
		seen := map[key]int{}
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Style&yaml.TaggedStyle != 0 && k.Tag != "!!str" {
				// Dropped too: yaml.v3 would word it in Go's terms.
				*errs = append(*errs, Error{File: path, Pos: Pos{k.Line, k.Column},
					Msg:  fmt.Sprintf("a field name must be plain text, found %s", foundWords(k)),
					Hint: "valid fields here: " + strings.Join(slices.Sorted(maps.Keys(fields)), ", ")})
				continue
			}
			if line, dup := seen[key{k.Kind, k.Value}]; dup {
				*errs = append(*errs, Error{File: path, Pos: Pos{k.Line, k.Column},
					Msg: fmt.Sprintf("field %q given twice, first at line %d", k.Value, line), Hint: "keep one of them"})
				continue
			}
			seen[key{k.Kind, k.Value}] = k.Line
			kept = append(kept, k, n.Content[i+1])
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, Error{File: path, Pos: Pos{k.Line, k.Column},
					Msg:  fmt.Sprintf("unknown field %q", k.Value),
					Hint: "valid fields here: " + strings.Join(slices.Sorted(maps.Keys(fields)), ", ")})
				continue
			}
			checkKeys(path, n.Content[i+1], ft, errs)
		}
		n.Content = kept
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
	text := string(b)
	for i, r := range text[:off] {
		if lineBreak(text, i, r) {
			line, col = line+1, 1
		} else {
			col++
		}
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

var unmarshalRE = regexp.MustCompile("^cannot unmarshal (!\\S*) `(.*)` into (.+)$")

var unmarshalNoValueRE = regexp.MustCompile(`^cannot unmarshal (!\S*) into (.+)$`)

// yamlKindWords names a YAML kind with its article: a mapping, a list.
func yamlKindWords(tag string) string {
	k, ok := strings.CutPrefix(tag, "!!")
	if !ok {
		return "a value tagged " + tag
	}
	switch k {
	case "map":
		return "a mapping"
	case "seq":
		return "a list"
	}
	if w := yamlKinds[k]; w != "" {
		return w
	}
	return k
}

var yamlKinds = map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "map": "a mapping", "seq": "a list", "null": "nothing"}

// plainTypeError rewrites yaml.v3's "cannot unmarshal !!str `x` into
// []dataset.Int" into words a data-file author knows.
func plainTypeError(m string) string {
	sm := unmarshalRE.FindStringSubmatch(m)
	if sm == nil {
		if sm := unmarshalNoValueRE.FindStringSubmatch(m); sm != nil {
			return fmt.Sprintf("expected %s, found %s", goTypeWords(sm[2]), yamlKindWords(sm[1]))
		}
		return m
	}
	found := yamlKinds[strings.TrimPrefix(sm[1], "!!")]
	if found == "" {
		found = yamlKindWords(sm[1])
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
