package query

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// This file picks the one name a row shows for an entity. The prelude's
// label(node, graph) does not read a name itself (Gizmo hands JavaScript
// a literal without its language tag): it writes a token that names the
// node and the named graph of the report whose fact the row states, and
// Run replaces each token with the name chosen here, in Go, from the
// node's label quads with their graphs and language tags.
//
// The rule, which every SPARQL twin spells out too (see docs/queries.md):
//
//   - Candidates are the node's rdfs:label and skos:prefLabel values, in
//     any named graph.
//   - Languages rank first (the report's language, or Options.Lang), then
//     en, de, vi, then any other tag in tag order (an untagged literal
//     before the other tags).
//   - By default a name in the row's report graph beats any name elsewhere
//     whatever its language, so that loading other reports never changes
//     the rows of a report; with Options.Lang the language decides first
//     and the row's report graph only breaks ties.
//   - Then rdfs:label (the report's own name) before skos:prefLabel, then
//     the smallest text.
//   - A node with no name shows its IRI's last segment.

// LabelPreds are the properties whose values a row may show as a name, in
// rank order.
var LabelPreds = []quad.IRI{v.Label, v.PrefLabel}

// fixedLangs rank after the first language, in this order.
var fixedLangs = []string{"en", "de", "vi"}

// Token delimiters: label tokens are "\x02NODE\x01GRAPH\x03".
const (
	tokOpen  = "\x02"
	tokSep   = "\x01"
	tokClose = "\x03"
)

var tokenRE = regexp.MustCompile("\x02([^\x01\x03]*)\x01([^\x02\x03]*)\x03")

// LangKey is the rank of language tag tag when first is the language
// wanted first: "0" for first, "1" en, "2" de, "3" vi, else "4" and the
// tag. Keys compare as text (the SPARQL twins build the same strings).
func LangKey(tag, first string) string {
	tag = strings.ToLower(tag)
	if tag == strings.ToLower(first) && first != "" {
		return "0"
	}
	for i, l := range fixedLangs {
		if tag == l {
			return fmt.Sprint(i + 1)
		}
	}
	return "4" + tag
}

type labelCand struct {
	graph, lang, text string
	pred              int
}

// labeler resolves label tokens on one quad store, caching names and the
// languages of report graphs.
type labeler struct {
	ctx   context.Context
	qs    graph.QuadStore
	lang  string // Options.Lang
	cands map[string][]labelCand
	langs map[string]string // report graph -> report language
	names map[[2]string]string
}

func newLabeler(ctx context.Context, qs graph.QuadStore, lang string) *labeler {
	return &labeler{ctx: ctx, qs: qs, lang: lang, cands: map[string][]labelCand{}, langs: map[string]string{}, names: map[[2]string]string{}}
}

// quads returns the (canonical) quads with subject node and predicate
// pred, read as lookup.go's quadsOf reads them (on the key-value stores
// one scan of their subject-predicate index): only the quads asked for,
// not every quad of the node.
func (l *labeler) quads(node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	ref, err := l.qs.ValueOf(node)
	if err != nil || ref == nil {
		return nil, err
	}
	pref, err := l.qs.ValueOf(pred)
	if err != nil || pref == nil {
		return nil, err
	}
	it := quadsOf(l.ctx, l.qs, quad.Subject, ref, pref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(l.ctx) {
		var vals [2]quad.Value
		for i, d := range []quad.Direction{quad.Object, quad.Label} {
			r, err := l.qs.QuadDirection(it.Result(), d)
			if err != nil {
				return nil, err
			}
			if r == nil {
				continue
			}
			if vals[i], err = l.qs.NameOf(r); err != nil {
				return nil, err
			}
		}
		out = append(out, rdf.Canonical(quad.Quad{Subject: node, Predicate: pred, Object: vals[0], Label: vals[1]}))
	}
	return out, it.Err()
}

func (l *labeler) candidates(node string) ([]labelCand, error) {
	if c, ok := l.cands[node]; ok {
		return c, nil
	}
	var out []labelCand
	for i, p := range LabelPreds {
		qs, err := l.quads(quad.IRI(node), p)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			c := labelCand{pred: i, text: Lexical(q.Object)}
			if ls, ok := q.Object.(quad.LangString); ok {
				c.lang = ls.Lang
			}
			if q.Label != nil {
				c.graph = Lexical(q.Label)
			}
			out = append(out, c)
		}
	}
	l.cands[node] = out
	return out, nil
}

// reportLang is the language of the report whose graph is g.
func (l *labeler) reportLang(g string) (string, error) {
	if g == "" {
		return "", nil
	}
	if lang, ok := l.langs[g]; ok {
		return lang, nil
	}
	lang := ""
	reps, err := l.quads(quad.IRI(g), v.HadPrimarySource)
	if err != nil {
		return "", err
	}
	var all []string
	for _, r := range reps {
		ls, err := l.quads(r.Object, v.SchemaInLanguage)
		if err != nil {
			return "", err
		}
		for _, x := range ls {
			all = append(all, Lexical(x.Object))
		}
	}
	sort.Strings(all)
	if len(all) > 0 {
		lang = all[0]
	}
	l.langs[g] = lang
	return lang, nil
}

// name is the name shown for node in a row of the report graph g ("" for
// a row of no report).
func (l *labeler) name(node, g string) (string, error) {
	k := [2]string{node, g}
	if n, ok := l.names[k]; ok {
		return n, nil
	}
	cs, err := l.candidates(node)
	if err != nil {
		return "", err
	}
	first := l.lang
	if first == "" {
		if first, err = l.reportLang(g); err != nil {
			return "", err
		}
	}
	best, bestKey := "", ""
	for _, c := range cs {
		in := "1"
		if g != "" && c.graph == g {
			in = "0"
		}
		lk := LangKey(c.lang, first)
		var key string
		if l.lang == "" {
			key = in + lk + "\t" + fmt.Sprint(c.pred) + c.text
		} else {
			key = lk + "\t" + in + fmt.Sprint(c.pred) + c.text
		}
		if bestKey == "" || key < bestKey {
			best, bestKey = c.text, key
		}
	}
	if bestKey == "" {
		best = node[strings.LastIndexAny(node, "/#")+1:]
	}
	l.names[k] = best
	return best, nil
}

// cell replaces the label tokens of one cell. A cell that is a list of
// tokens (labels(nodes)) becomes the list of their names, distinct and
// sorted, as GROUP_CONCAT(DISTINCT ...) gives it.
func (l *labeler) cell(s string) (string, error) {
	if !strings.Contains(s, tokOpen) {
		return s, nil
	}
	var ferr error
	resolve := func(tok string) string {
		m := tokenRE.FindStringSubmatch(tok)
		n, err := l.name(m[1], m[2])
		if err != nil && ferr == nil {
			ferr = err
		}
		return n
	}
	items := strings.Split(s, ListSep)
	allTokens := len(items) > 1
	for _, it := range items {
		if !tokenRE.MatchString(it) || tokenRE.ReplaceAllString(it, "") != "" {
			allTokens = false
		}
	}
	if !allTokens {
		out := tokenRE.ReplaceAllStringFunc(s, resolve)
		return out, ferr
	}
	seen := map[string]bool{}
	var names []string
	for _, it := range items {
		n := resolve(it)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ListSep), ferr
}

// resolveLabels replaces the label tokens in every cell of res.
func resolveLabels(ctx context.Context, qs graph.QuadStore, lang string, res *rawResult) error {
	var l *labeler
	for _, m := range res.maps {
		for k, c := range m {
			if !strings.Contains(c, tokOpen) {
				continue
			}
			if l == nil {
				l = newLabeler(ctx, qs, lang)
			}
			n, err := l.cell(c)
			if err != nil {
				return fmt.Errorf("read labels: %w", err)
			}
			m[k] = n
		}
	}
	return nil
}
