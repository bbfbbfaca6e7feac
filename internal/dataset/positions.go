package dataset

import (
	"reflect"
	"strings"

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
	if n.Kind != yaml.SequenceNode {
		// Let yaml.v3 word the error, naming the list type ([]dataset.Place).
		var plain []T
		err := n.Decode(&plain)
		*es = plain
		return err
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
		var e T
		if err := c.Decode(&e); err != nil {
			te, ok := err.(*yaml.TypeError)
			if !ok {
				return err
			}
			for _, m := range te.Errors {
				terrs = append(terrs, entryTypeWords(m, reflect.TypeFor[T]()))
			}
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

// UnmarshalYAML decodes the report section and records where it starts;
// it is the one section that is a mapping rather than a list.
func (x *Report) UnmarshalYAML(n *yaml.Node) error {
	type plain Report
	x.Start = Pos{n.Line, n.Column}
	return n.Decode((*plain)(x))
}

// entryTypeWords names the entry type in a yaml.v3 message about a whole
// entry ("cannot unmarshal !!seq into dataset.Place") as the messages have
// always named it, when each entry type decoded itself through a local
// type plain: "... into dataset.plain".
func entryTypeWords(m string, t reflect.Type) string {
	if rest, ok := strings.CutSuffix(m, " into "+t.String()); ok {
		return rest + " into dataset.plain"
	}
	return m
}
