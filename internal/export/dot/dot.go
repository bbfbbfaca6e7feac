// Package dot draws the entity graph (see graphview) in Graphviz's DOT
// language, and as SVG through Graphviz's dot program. Each attendance is
// one edge from the attendee to the bridge, labelled with the roles.
package dot

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/confgraph/confgraph/internal/export/graphview"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
	"github.com/confgraph/confgraph/internal/vocab"
)

// Options returns the graphview options DOT draws with.
func Options() graphview.Options {
	return graphview.Options{CollapseAttendance: true, SkipMemberships: true}
}

// Write writes src as a DOT digraph.
func Write(w io.Writer, src rdf.Source) error { return WriteLang(w, src, "") }

// WriteLang is Write with node labels in language lang first (see
// graphview.Options.Lang); "" writes Write's labels.
func WriteLang(w io.Writer, src rdf.Source, lang string) error {
	v, err := view(src, lang)
	if err != nil {
		return err
	}
	return WriteView(w, v)
}

func view(src rdf.Source, lang string) (*graphview.View, error) {
	pm, err := prefix.Collect(src.All, vocab.Prefixes)
	if err != nil {
		return nil, err
	}
	opt := Options()
	opt.Lang = lang
	return graphview.Build(src.All, pm, opt)
}

// style gives nodes of a class a shape and colour.
var styles = []struct {
	class string
	attrs string
}{
	{vocab.SchemaPerson.String(), `shape=ellipse, style=filled, fillcolor="#cfe2ff"`},
	{vocab.Group.String(), `shape=ellipse, style="filled,dashed", fillcolor="#e7eef8"`},
	{vocab.Bridge.String(), `shape=box, style="filled,bold", fillcolor="#fff3bf"`},
	{vocab.SchemaPlace.String(), `shape=box, style=filled, fillcolor="#fff9db"`},
	{vocab.SchemaEvent.String(), `shape=doubleoctagon, style=filled, fillcolor="#ffd8a8"`},
	{vocab.OrgPost.String(), `shape=note, style=filled, fillcolor="#e6fcf5"`},
	{vocab.OrgOrganization.String(), `shape=box, style="filled,rounded", fillcolor="#d3f9d8"`},
	{vocab.OrgMembership.String(), `shape=box, style="filled,dotted", fillcolor="#f8f9fa"`},
}

// WriteView writes a view as a DOT digraph.
func WriteView(w io.Writer, v *graphview.View) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("digraph confgraph {\n")
	bw.WriteString("  graph [rankdir=LR, fontname=\"DejaVu Sans\", fontsize=12, nodesep=0.25, ranksep=0.6];\n")
	bw.WriteString("  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, style=filled, fillcolor=\"#f1f3f5\"];\n")
	bw.WriteString("  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#495057\"];\n")
	for _, n := range v.Nodes {
		attrs := ""
		for _, s := range styles {
			if strings.Contains(" "+typesOf(n)+" ", " "+s.class+" ") {
				attrs = ", " + s.attrs
				break
			}
		}
		label := n.Label
		if n.Type != "" {
			label += "\n[" + n.Type + "]"
		}
		fmt.Fprintf(bw, "  %s [label=%s, tooltip=%s%s];\n", Quote(n.ID), Quote(label), Quote(n.ID), attrs)
	}
	for _, e := range v.Edges {
		attrs := ""
		if e.Predicate == "" {
			attrs = `, color="#c92a2a", fontcolor="#c92a2a", penwidth=1.6`
		}
		fmt.Fprintf(bw, "  %s -> %s [label=%s%s];\n", Quote(e.From), Quote(e.To), Quote(e.Label), attrs)
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write DOT: %w", err)
	}
	return nil
}

func typesOf(n graphview.Node) string {
	var s []string
	for _, t := range n.Types {
		s = append(s, t.String())
	}
	return strings.Join(s, " ")
}

// Quote returns s as a DOT double-quoted string: quotes and backslashes
// escaped, line breaks as \n (centred lines), other control characters
// dropped.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ErrNoGraphviz reports that Graphviz's dot program is not on PATH.
var ErrNoGraphviz = errors.New("svg needs Graphviz's dot program: install Graphviz (apt-get install graphviz)")

// WriteSVG renders src to SVG with Graphviz's dot program, which must be on
// PATH (Debian package graphviz); else it returns ErrNoGraphviz.
func WriteSVG(ctx context.Context, w io.Writer, src rdf.Source) error {
	return WriteSVGLang(ctx, w, src, "")
}

// WriteSVGLang is WriteSVG with node labels in language lang first.
func WriteSVGLang(ctx context.Context, w io.Writer, src rdf.Source, lang string) error {
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		return ErrNoGraphviz
	}
	var in bytes.Buffer
	if err := WriteLang(&in, src, lang); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, dotPath, "-Tsvg")
	cmd.Stdin = &in
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("render SVG with %s: %v: %s", dotPath, err, strings.TrimSpace(errb.String()))
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("write SVG: %w", err)
	}
	return nil
}
