package query

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

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
// languages of report graphs. The candidates of each node and the
// language of each report graph are what the store holds, kept in kept
// (shared by the queries until the store is next written, where the store
// keeps such answers; see store.Cached); the names chosen depend on the
// query's options and are kept for the query alone.
type labeler struct {
	r     *reader
	lang  string // Options.Lang
	kept  *keptLabels
	names map[[2]string]string
	best  map[[2]string]*bestNames // node, first language
	// langKeys are LangKey's answers by tag and first language.
	langKeys map[[2]string]string
}

// keptLabels are the label candidates of nodes and the languages of
// report graphs, as read from one store.
type keptLabels struct {
	mu    sync.Mutex
	cands map[string][]labelCand
	langs map[string]string // report graph -> report language
}

// maxKeptLabels bounds the nodes whose candidates are kept; more empties
// the lot.
const maxKeptLabels = 1 << 16

func (k *keptLabels) cand(node string) ([]labelCand, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	c, ok := k.cands[node]
	return c, ok
}

func (k *keptLabels) keepCand(node string, c []labelCand) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.cands) >= maxKeptLabels {
		k.cands = map[string][]labelCand{}
	}
	k.cands[node] = c
}

func (k *keptLabels) lang(g string) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.langs[g]
	return l, ok
}

func (k *keptLabels) keepLang(g, lang string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.langs) >= maxKeptLabels {
		k.langs = map[string]string{}
	}
	k.langs[g] = lang
}

// labelsKey is the key of the keptLabels of a store (store.Cached).
const labelsKey = "query: label candidates"

func newLabeler(r *reader, memo memoFunc, lang string) (*labeler, error) {
	k, err := memo(labelsKey, func() (any, error) {
		return &keptLabels{cands: map[string][]labelCand{}, langs: map[string]string{}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &labeler{r: r, lang: lang, kept: k.(*keptLabels), names: map[[2]string]string{},
		best: map[[2]string]*bestNames{}, langKeys: map[[2]string]string{}}, nil
}

// quads returns the (canonical) quads with subject node and predicate
// pred, read as lookup.go's quadsOf reads them (on the key-value stores
// one scan of their subject-predicate index): only the quads asked for,
// not every quad of the node; their values are read in one batch.
func (l *labeler) quads(node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	ref, err := l.r.refOf(node)
	if err != nil || ref == nil {
		return nil, err
	}
	pref, err := l.r.refOf(pred)
	if err != nil || pref == nil {
		return nil, err
	}
	found, err := l.r.scanPred(quad.Subject, ref, pref, nil, quad.Object, quad.Label)
	if err != nil {
		return nil, err
	}
	vals, err := l.r.values(found)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(vals)/2)
	for i := 0; i+1 < len(vals); i += 2 {
		out = append(out, rdf.Canonical(quad.Quad{Subject: node, Predicate: pred, Object: vals[i], Label: vals[i+1]}))
	}
	return out, nil
}

func (l *labeler) candidates(node string) ([]labelCand, error) {
	if c, ok := l.kept.cand(node); ok {
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
	l.kept.keepCand(node, out)
	return out, nil
}

// reportLang is the language of the report whose graph is g.
func (l *labeler) reportLang(g string) (string, error) {
	if g == "" {
		return "", nil
	}
	if lang, ok := l.kept.lang(g); ok {
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
	l.kept.keepLang(g, lang)
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
	var best string
	if l.lang == "" {
		// The key is in + rest (in: "0" for a name in the row's report
		// graph): a name in g, if any, is the smallest rest among them,
		// else the smallest rest of all. Both are found once per node and
		// first language.
		b := l.bestOf(node, first, cs)
		n, ok := b.inGraph[g]
		switch {
		case g != "" && ok:
			best = n
		case b.any:
			best = b.all
		default:
			best = node[strings.LastIndexAny(node, "/#")+1:]
		}
		l.names[k] = best
		return best, nil
	}
	bestKey := ""
	for _, c := range cs {
		in := "1"
		if g != "" && c.graph == g {
			in = "0"
		}
		key := l.langKey(c.lang, first) + "\t" + in + strconv.Itoa(c.pred) + c.text
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

// bestNames are the names a node may show when the row's language is
// first: the one of smallest key rest (LangKey, then the property's rank,
// then the text) among all candidates, and among those of each graph.
type bestNames struct {
	any     bool
	all     string
	inGraph map[string]string
}

// bestOf returns the bestNames of node, whose candidates are cs.
func (l *labeler) bestOf(node, first string, cs []labelCand) *bestNames {
	k := [2]string{node, first}
	if b, ok := l.best[k]; ok {
		return b
	}
	b := &bestNames{inGraph: map[string]string{}}
	allKey := ""
	graphKey := map[string]string{}
	for _, c := range cs {
		rest := l.langKey(c.lang, first) + "\t" + strconv.Itoa(c.pred) + c.text
		if !b.any || rest < allKey {
			b.any, b.all, allKey = true, c.text, rest
		}
		if gk, ok := graphKey[c.graph]; !ok || rest < gk {
			graphKey[c.graph] = rest
			b.inGraph[c.graph] = c.text
		}
	}
	l.best[k] = b
	return b
}

// langKey is LangKey(tag, first), computed once per pair.
func (l *labeler) langKey(tag, first string) string {
	k := [2]string{tag, first}
	if lk, ok := l.langKeys[k]; ok {
		return lk
	}
	lk := LangKey(tag, first)
	l.langKeys[k] = lk
	return lk
}

// cell replaces the label tokens of one cell. A cell that is a list of
// tokens (labels(nodes)) becomes the list of their names, distinct and
// sorted, as GROUP_CONCAT(DISTINCT ...) gives it.
func (l *labeler) cell(s string) (string, error) {
	if !strings.Contains(s, tokOpen) {
		return s, nil
	}
	var ferr error
	resolve := func(node, g string) string {
		n, err := l.name(node, g)
		if err != nil && ferr == nil {
			ferr = err
		}
		return n
	}
	items := strings.Split(s, ListSep)
	type token struct{ node, g string }
	toks := make([]token, 0, len(items))
	for _, it := range items {
		node, g, ok := wholeToken(it)
		if !ok {
			break
		}
		toks = append(toks, token{node, g})
	}
	if len(items) < 2 || len(toks) < len(items) {
		return replaceTokens(s, resolve), ferr
	}
	seen := map[string]bool{}
	var names []string
	for _, tok := range toks {
		n := resolve(tok.node, tok.g)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ListSep), ferr
}

// nextToken finds the first label token in s: "\x02NODE\x01GRAPH\x03",
// where NODE holds no \x01 or \x03 and GRAPH no \x02 or \x03 (a \x02 that
// starts no such token is text). It returns the token's start and end in
// s and its parts; start is -1 when s holds none. (A regular expression
// did this, and took 7 % of a large listing's CPU time.)
func nextToken(s string) (start, end int, node, g string) {
	for off := 0; ; {
		i := strings.Index(s[off:], tokOpen)
		if i < 0 {
			return -1, -1, "", ""
		}
		i += off
		rest := s[i+1:]
		if j := strings.IndexAny(rest, tokSep+tokClose); j >= 0 && rest[j] == tokSep[0] {
			after := rest[j+1:]
			if k := strings.IndexAny(after, tokOpen+tokClose); k >= 0 && after[k] == tokClose[0] {
				return i, i + 1 + j + 1 + k + 1, rest[:j], after[:k]
			}
		}
		off = i + 1
	}
}

// wholeToken returns the parts of s when s is one label token.
func wholeToken(s string) (node, g string, ok bool) {
	start, end, node, g := nextToken(s)
	if start != 0 || end != len(s) {
		return "", "", false
	}
	return node, g, true
}

// replaceTokens replaces each label token of s with name(node, graph).
func replaceTokens(s string, name func(node, g string) string) string {
	var b strings.Builder
	for {
		start, end, node, g := nextToken(s)
		if start < 0 {
			if b.Len() == 0 {
				return s
			}
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:start])
		b.WriteString(name(node, g))
		s = s[end:]
	}
}

// resolveLabels replaces the label tokens in every cell of res.
func resolveLabels(r *reader, memo memoFunc, lang string, res *rawResult) error {
	var l *labeler
	for at := 0; at < len(res.maps); at += labelRows {
		rows := res.maps[at:min(len(res.maps), at+labelRows)]
		if r.batch {
			if err := prefetchLabels(r, rows); err != nil {
				return fmt.Errorf("read labels: %w", err)
			}
		}
		for _, m := range rows {
			for k, c := range m {
				if !strings.Contains(c, tokOpen) {
					continue
				}
				if l == nil {
					var err error
					if l, err = newLabeler(r, memo, lang); err != nil {
						return err
					}
				}
				n, err := l.cell(c)
				if err != nil {
					return fmt.Errorf("read labels: %w", err)
				}
				m[k] = n
			}
		}
	}
	return nil
}

// labelRows is how many rows' names resolveLabels reads together.
const labelRows = 256

// prefetchLabels reads the label predicates of every node that a token
// of rows names, many nodes a statement (reader.prefetch), before the
// labeler asks them one by one: on SQL stores, where each look-up the
// reader has not read is a round trip.
func prefetchLabels(r *reader, rows []map[string]string) error {
	var nodes []graph.Ref
	seen := map[string]bool{}
	for _, m := range rows {
		for _, c := range m {
			for rest := c; ; {
				start, end, node, _ := nextToken(rest)
				if start < 0 {
					break
				}
				rest = rest[end:]
				if seen[node] {
					continue
				}
				seen[node] = true
				ref, err := r.refOf(quad.IRI(node))
				if err != nil {
					return err
				}
				if ref != nil {
					nodes = append(nodes, ref)
				}
			}
		}
	}
	if len(nodes) == 0 {
		return nil
	}
	for _, p := range LabelPreds {
		pref, err := r.refOf(p)
		if err != nil {
			return err
		}
		if pref == nil {
			continue
		}
		if err := r.prefetch(quad.Subject, nodes, pref); err != nil {
			return err
		}
	}
	return nil
}
