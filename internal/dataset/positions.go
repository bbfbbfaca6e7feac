package dataset

import (
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"
)

// Entries is the list of one section of a data file. Reading it records
// where each entry starts (Fact.Start), so that a problem with a missing
// field can be reported at its entry; a new section needs no code here.
type Entries[T any] []T

// starter is implemented by every section entry through its embedded Fact.
type starter interface{ setStart(Pos) }

func (f *Fact) setStart(p Pos) { f.Start = p }

// UnmarshalYAML decodes the list entry by entry, as yaml.v3 decodes a
// slice: an entry that cannot be read (a scalar where a mapping belongs, a
// field of the wrong shape) is dropped and its problem reported, and a
// null entry is skipped.
func (es *Entries[T]) UnmarshalYAML(n *yaml.Node) error {
	name := sectionName(reflect.TypeFor[T]())
	if n.ShortTag() == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: column %d: %s must be a list of entries, each starting with - on its own line, found %s",
			n.Line, n.Column, name, foundWords(n))}}
	}
	var terrs []string
	for _, c := range n.Content {
		at := c
		if at.Kind == yaml.AliasNode && at.Alias != nil {
			at = at.Alias // yaml.v3 resolves the alias before decoding
		}
		if at.ShortTag() == "!!null" {
			continue
		}
		if at.Kind != yaml.MappingNode {
			terrs = append(terrs, fmt.Sprintf("line %d: column %d: each entry of %s must be a mapping of its fields, such as {id: ..., name: ...}, found %s",
				c.Line, c.Column, name, foundWords(at)))
			continue
		}
		var e T
		if err := c.Decode(&e); err != nil {
			te, ok := err.(*yaml.TypeError)
			if !ok {
				return err
			}
			terrs = append(terrs, te.Errors...)
			continue
		}
		if s, ok := any(&e).(starter); ok {
			s.setStart(Pos{at.Line, at.Column})
		}
		*es = append(*es, e)
	}
	if len(terrs) > 0 {
		return &yaml.TypeError{Errors: terrs}
	}
	return nil
}

// sectionName is the key of the section whose entries are of type t.
func sectionName(t reflect.Type) string {
	for _, s := range Sections {
		if s.typ == t {
			return s.Name
		}
	}
	return "this section"
}

// foundWords names what node n is, for "..., found a list".
func foundWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!str":
		return fmt.Sprintf("the text %q", short(n.Value))
	}
	return fmt.Sprintf("%q", short(n.Value))
}

// UnmarshalYAML decodes the report section and records where it starts;
// it is the one section that is a mapping rather than a list.
func (x *Report) UnmarshalYAML(n *yaml.Node) error {
	type plain Report
	x.Start = Pos{n.Line, n.Column}
	if n.Kind != yaml.MappingNode && n.ShortTag() != "!!null" {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: column %d: report must be a mapping of its fields, such as id:, title:, language:, found %s",
			n.Line, n.Column, foundWords(n))}}
	}
	return n.Decode((*plain)(x))
}
