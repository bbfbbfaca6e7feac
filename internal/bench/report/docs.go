package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The markers around the section of a markdown file that UpdateDoc
// rewrites.
const (
	DocBegin = "<!-- benchmark report: begin (written by benchtool report; do not edit by hand) -->"
	DocEnd   = "<!-- benchmark report: end -->"
)

// MarkersError is a document without the section's markers, or with them
// out of order.
type MarkersError struct{ Path string }

func (e *MarkersError) Error() string {
	return fmt.Sprintf("%s: no section between %q and %q to rewrite", e.Path, DocBegin, DocEnd)
}

// Section returns the markdown UpdateDoc puts between the markers: the
// plot (an SVG, with a link to the PNG, both named relative to the
// document) and the report's tables.
func Section(r *Report, svg, png string) (string, error) {
	var b bytes.Buffer
	if svg != "" {
		fmt.Fprintf(&b, "![Rate and peak memory against corpus size: confgraph, cayley and serdi](%s)", svg)
		if png != "" {
			fmt.Fprintf(&b, " ([PNG](%s))", png)
		}
		b.WriteString("\n\n")
	}
	if err := WriteMarkdown(&b, r); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ReplaceSection returns doc with the text between the markers replaced
// by section.
func ReplaceSection(doc, section string) (string, bool) {
	i := strings.Index(doc, DocBegin)
	j := strings.Index(doc, DocEnd)
	if i < 0 || j < i {
		return "", false
	}
	return doc[:i+len(DocBegin)] + "\n\n" + strings.TrimSpace(section) + "\n\n" + doc[j:], true
}

// UpdateDoc rewrites the marked section of the markdown file at path with
// the report and the plot files svg and png (paths of the files; the
// document names them relative to its own directory).
func UpdateDoc(path string, r *Report, svg, png string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("update %s: %w", path, err)
	}
	rel := func(p string) (string, error) {
		if p == "" {
			return "", nil
		}
		return relTo(filepath.Dir(path), p)
	}
	rs, err := rel(svg)
	if err != nil {
		return err
	}
	rp, err := rel(png)
	if err != nil {
		return err
	}
	section, err := Section(r, rs, rp)
	if err != nil {
		return err
	}
	doc, ok := ReplaceSection(string(data), section)
	if !ok {
		return &MarkersError{Path: path}
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(doc), 0o644); err != nil {
		return fmt.Errorf("update %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

func relTo(dir, p string) (string, error) {
	ad, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	r, err := filepath.Rel(ad, ap)
	if err != nil {
		return "", fmt.Errorf("name %s from %s: %w", p, dir, err)
	}
	return filepath.ToSlash(r), nil
}
