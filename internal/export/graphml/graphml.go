// Package graphml writes the entity graph (see graphview) as GraphML for
// network tools (networkx, Gephi, yEd, Cytoscape). Each attendance stays an
// n-ary node, labelled "attendee at bridge (as roles)", with edges
// attendee, at, event and inRole.
//
// Node data: label, type, iri. Edge data: label, predicate. Characters
// XML 1.0 cannot carry (control characters other than tab, newline and
// carriage return) become U+FFFD.
package graphml

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/confgraph/confgraph/internal/export/graphview"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Write writes src as one GraphML document with a directed graph.
func Write(w io.Writer, src rdf.Source) error { return WriteLang(w, src, "") }

// WriteLang is Write with node labels in language lang first (see
// graphview.Options.Lang); "" writes Write's labels.
func WriteLang(w io.Writer, src rdf.Source, lang string) error {
	pm, err := prefix.Collect(src.All, vocab.Prefixes)
	if err != nil {
		return err
	}
	v, err := graphview.Build(src.All, pm, graphview.Options{Lang: lang})
	if err != nil {
		return err
	}
	labelAttendances(v)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="iri" for="node" attr.name="iri" attr.type="string"/>
  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>
  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
  <graph id="confgraph" edgedefault="directed">
`)
	for _, n := range v.Nodes {
		fmt.Fprintf(bw, "    <node id=%s>\n", attr(n.ID))
		data(bw, "label", n.Label)
		data(bw, "type", n.Type)
		data(bw, "iri", n.ID)
		bw.WriteString("    </node>\n")
	}
	for i, e := range v.Edges {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=%s target=%s>\n", i, attr(e.From), attr(e.To))
		data(bw, "elabel", e.Label)
		data(bw, "predicate", e.Predicate)
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	return nil
}

// labelAttendances names each attendance node after what it says.
func labelAttendances(v *graphview.View) {
	label := map[string]string{}
	for _, n := range v.Nodes {
		label[n.ID] = strings.SplitN(n.Label, "\n", 2)[0]
	}
	type att struct {
		who, where string
		roles      []string
	}
	atts := map[string]*att{}
	for _, e := range v.Edges {
		a := atts[e.From]
		if a == nil {
			a = &att{}
			atts[e.From] = a
		}
		switch e.Predicate {
		case string(vocab.Attendee):
			a.who = label[e.To]
		case string(vocab.AttendedAt):
			a.where = label[e.To]
		case string(vocab.InRole):
			a.roles = append(a.roles, label[e.To])
		}
	}
	for i, n := range v.Nodes {
		a := atts[n.ID]
		if !n.Attendance || a == nil || a.who == "" {
			continue
		}
		l := a.who + " attended"
		if a.where != "" {
			l += " at " + a.where
		}
		if len(a.roles) > 0 {
			l += " as " + strings.Join(a.roles, ", ")
		}
		v.Nodes[i].Label = l
	}
}

func data(bw *bufio.Writer, key, val string) {
	if val == "" {
		return
	}
	fmt.Fprintf(bw, "      <data key=\"%s\">%s</data>\n", key, text(val))
}

func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func attr(s string) string { return `"` + text(s) + `"` }
