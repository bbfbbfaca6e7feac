package workspace

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// This file checks data files against the store they are loaded into, by
// point look-ups of the IRIs the files mint (or, when the files define
// many entities, one scan of the store instead, see prefetch):
// an ID another report gives another kind, a role with other flags, a
// post in another organisation, a report already loaded from another
// source, and a new entity whose ID is a near miss of one in the store
// with the same name. It also resolves the references a file makes to
// entities only the store defines (Resolver).

// MergeOptions are the choices of a load into a store that holds reports.
type MergeOptions struct {
	// Replace allows replacing a report the store holds from another
	// source (another digest or URL) by a file with the same report ID.
	Replace bool
	// ReplaceHint says how to allow that, in the caller's words; "" for
	// a default.
	ReplaceHint string
}

// ReportPlan is what a load does to one report of its data files.
type ReportPlan struct {
	Report string
	Graph  quad.IRI
	// Existing: the store holds the report already; OtherSource: from
	// another source, so the load replaces it (MergeOptions.Replace).
	Existing, OtherSource bool
}

// lookup reads the store by point look-ups, outside the graphs a load
// replaces (skip).
type lookup struct {
	ctx  context.Context
	s    *store.Store
	m    mapping.IRIs
	skip map[quad.Value]bool
	// empty: the store held no quads when the lookup was made, and every
	// look-up finds nothing without asking it (a first load, which holds
	// the writer lock from the look-ups to its write).
	empty bool
	// subjects, when set, holds the quads outside skip of every subject in
	// wanted, read by one scan of the store (prefetch).
	wanted   map[quad.Value]bool
	subjects map[quad.Value][]quad.Quad
	// names, when set, holds the quads outside skip that give one of the
	// names in wantedNames as a label (v.Label), read by the same scan.
	wantedNames map[quad.Value]bool
	names       map[quad.Value][]quad.Quad
}

// about returns the quads with subject iri in graphs other than skip, in
// canonical form, by one index look-up (or from what prefetch read).
func (l *lookup) about(iri quad.Value) ([]quad.Quad, error) {
	if l.wanted[iri] {
		return l.subjects[iri], nil
	}
	return l.quadsBy(quad.Subject, iri)
}

// prefetchFraction: when the entity IRIs CheckMerge looks up (every ID the
// files define, as every kind) outnumber this fraction of the store's
// quads, one scan of the store reads their quads instead of a look-up
// each. A look-up through Cayley's key-value indexes costs about as much
// as reading 20 quads in a scan (measured on a 1M-quad bolt store:
// docs/notes-reload.md).
var prefetchFraction = 0.05

// prefetch reads, in one scan of the store, the quads outside skip about
// every entity IRI files define (as any kind), and those labelling
// something with one of the names the files give (for checkNearMiss), when
// there are enough of them for the scan to pay. The quads of a subject
// come in the store's order, as an index look-up gives those with one
// predicate; what CheckMerge reads from them (a predicate's presence or
// its first object) is the same either way. Labels come in the store's
// order too, where an index look-up gives them by subject; checkNearMiss
// uses them only when at most one of them matches.
func (l *lookup) prefetch(files []*dataset.File) error {
	if l.empty {
		return nil // every look-up finds nothing without asking the store
	}
	wanted, wantedNames := map[quad.Value]bool{}, map[quad.Value]bool{}
	ks := kinds()
	for _, f := range files {
		eachNamed(f, func(_ dataset.Kind, n *dataset.Named) {
			for _, k := range ks {
				wanted[l.m.Entity(k, n.ID.V)] = true
			}
			if name, ok := nameOf(f, n); ok {
				wantedNames[name] = true
			}
		})
	}
	var stored int64
	err := l.s.View(l.ctx, func(qs graph.QuadStore) error {
		st, err := qs.Stats(l.ctx, false)
		stored = st.Quads.Value
		return err
	})
	if err != nil || float64(len(wanted)) <= prefetchFraction*float64(stored) {
		// Without a size (a new bolt store has no counter yet), the
		// look-ups read the store, and say what fails.
		return nil
	}
	subjects, names := map[quad.Value][]quad.Quad{}, map[quad.Value][]quad.Quad{}
	err = l.s.Each(l.ctx, nil, func(q quad.Quad) error {
		if q.Label == nil || l.skip[q.Label] {
			return nil
		}
		if wanted[q.Subject] {
			subjects[q.Subject] = append(subjects[q.Subject], q)
		}
		if q.Predicate == v.Label && wantedNames[q.Object] {
			names[q.Object] = append(names[q.Object], q)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the store: %w", err)
	}
	l.wanted, l.subjects, l.wantedNames, l.names = wanted, subjects, wantedNames, names
	return nil
}

// nameOf is the label value the file gives entity n, as the store holds
// it; false for an entity without a name.
func nameOf(f *dataset.File, n *dataset.Named) (quad.Value, bool) {
	if strings.TrimSpace(n.Name.V) == "" {
		return nil, false
	}
	return quad.LangString{Value: quad.String(n.Name.V), Lang: f.Report.Language.V}, true
}

// quadsBy returns the quads with value val in direction d, outside skip.
func (l *lookup) quadsBy(d quad.Direction, val quad.Value) ([]quad.Quad, error) {
	if l.empty {
		return nil, nil
	}
	var out []quad.Quad
	err := l.s.View(l.ctx, func(qs graph.QuadStore) error {
		ref, err := qs.ValueOf(val)
		if err != nil || ref == nil {
			return err
		}
		it := qs.QuadIterator(d, ref).Iterate()
		defer it.Close()
		for it.Next(l.ctx) {
			q, err := qs.Quad(it.Result())
			if err != nil {
				return err
			}
			q = rdf.Canonical(q)
			if q.Label != nil && !l.skip[q.Label] {
				out = append(out, q)
			}
		}
		return it.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	return out, nil
}

// report names graph g for messages: its report ID, or its IRI.
func (l *lookup) report(g quad.Value) string {
	if iri, ok := g.(quad.IRI); ok {
		if id, ok := strings.CutPrefix(string(iri), string(l.m.Graph(""))); ok {
			return id
		}
	}
	return g.String()
}

// idOf is the ID of the entity IRI o of kind k; "" when o is no such IRI.
func (l *lookup) idOf(k dataset.Kind, o quad.Value) string {
	iri, ok := o.(quad.IRI)
	if !ok {
		return ""
	}
	id, _ := strings.CutPrefix(string(iri), string(l.m.Entity(k, "")))
	if id == string(iri) {
		return ""
	}
	return id
}

// definition is one report's statement of an entity: its quads about it
// in that report's graph.
type definition struct {
	kind   dataset.Kind
	graph  quad.Value
	report string
	quads  []quad.Quad
}

// defined returns the definitions of entity id of kind k in the store: one
// for each graph that types it, in graph order.
func (l *lookup) defined(k dataset.Kind, id string) ([]definition, error) {
	qs, err := l.about(l.m.Entity(k, id))
	if err != nil {
		return nil, err
	}
	by := map[quad.Value]*definition{}
	var order []quad.Value
	for _, q := range qs {
		d := by[q.Label]
		if d == nil {
			d = &definition{kind: k, graph: q.Label, report: l.report(q.Label)}
			by[q.Label] = d
			order = append(order, q.Label)
		}
		d.quads = append(d.quads, q)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].String() < order[j].String() })
	var out []definition
	for _, g := range order {
		d := by[g]
		if d.has(v.Type, nil) {
			out = append(out, *d)
		}
	}
	return out, nil
}

// has reports whether the definition states p (with object o, any when nil).
func (d definition) has(p quad.IRI, o quad.Value) bool {
	for _, q := range d.quads {
		if q.Predicate == p && (o == nil || q.Object == o) {
			return true
		}
	}
	return false
}

// object returns the object of p, nil when not stated.
func (d definition) object(p quad.IRI) quad.Value {
	for _, q := range d.quads {
		if q.Predicate == p {
			return q.Object
		}
	}
	return nil
}

// kinds are the entity kinds, in the order of the data file's sections.
func kinds() []dataset.Kind {
	var ks []dataset.Kind
	for _, s := range dataset.Sections {
		if s.Kind != "" {
			ks = append(ks, s.Kind)
		}
	}
	return ks
}

// resolver is a dataset.Resolver over the store.
type resolver struct{ *lookup }

// Defined returns every definition of id in the store, of every kind.
func (r resolver) Defined(id string) ([]dataset.Definition, error) {
	var out []dataset.Definition
	for _, k := range kinds() {
		ds, err := r.defined(k, id)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			def := dataset.Definition{ID: id, Kind: k, Report: d.report}
			if k == dataset.KindPost {
				def.Organisation = r.idOf(dataset.KindOrganisation, d.object(v.OrgPostIn))
				def.Role = r.idOf(dataset.KindRole, d.object(v.OrgRoleP))
			}
			out = append(out, def)
		}
	}
	return out, nil
}

// Near returns the store's entities of the kinds with an ID of about the
// length of id: the subjects typed with each kind's class (an index
// look-up by class, read only when a reference is unknown).
func (r resolver) Near(id string, ks []dataset.Kind) ([]dataset.Definition, error) {
	var out []dataset.Definition
	for _, k := range ks {
		class, ok := ontology.Class(string(k))
		if !ok {
			continue
		}
		qs, err := r.quadsBy(quad.Object, class)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			other := r.idOf(k, q.Subject)
			if q.Predicate != v.Type || other == "" || abs(len(other)-len(id)) > 2 {
				continue
			}
			out = append(out, dataset.Definition{ID: other, Kind: k, Report: r.report(q.Label)})
		}
	}
	return out, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Resolver returns a dataset.Resolver that finds, in s, the entities data
// files refer to without defining them.
func (c Config) Resolver(ctx context.Context, s *store.Store) (dataset.Resolver, error) {
	m, err := c.IRIs()
	if err != nil {
		return nil, err
	}
	empty, err := s.Empty(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	return resolver{&lookup{ctx: ctx, s: s, m: m, empty: empty}}, nil
}

// CheckMerge checks data files, read with the store's Resolver, against
// what s holds outside the files' own report graphs, and says what loading
// them does to each report. Every conflict is a positioned problem in a
// ProblemsError, and then nothing may be loaded.
func (c Config) CheckMerge(ctx context.Context, s *store.Store, files []*dataset.File, o MergeOptions) ([]ReportPlan, error) {
	m, err := c.IRIs()
	if err != nil {
		return nil, err
	}
	empty, err := s.Empty(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	l := &lookup{ctx: ctx, s: s, m: m, skip: map[quad.Value]bool{}, empty: empty}
	for _, f := range files {
		l.skip[m.Graph(f.Report.ID.V)] = true
	}
	if err := l.prefetch(files); err != nil {
		return nil, err
	}
	var errs dataset.Errors
	var plans []ReportPlan
	for _, f := range files {
		p, es, err := l.checkReport(f, o)
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
		errs = append(errs, es...)
		es, err = l.checkEntities(f)
		if err != nil {
			return nil, err
		}
		errs = append(errs, es...)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := errs[i], errs[j]
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		pe := &ProblemsError{}
		for _, e := range errs {
			pe.Problems = append(pe.Problems, e.Error())
		}
		return nil, pe
	}
	return plans, nil
}

// checkReport compares the file's report with the one of the same ID in
// the store, if any: a digest or URL that differs means another source.
func (l *lookup) checkReport(f *dataset.File, o MergeOptions) (ReportPlan, dataset.Errors, error) {
	r := f.Report
	p := ReportPlan{Report: r.ID.V, Graph: l.m.Graph(r.ID.V)}
	g := l.m.Graph(r.ID.V)
	if l.empty {
		return p, nil, nil
	}
	has, err := l.s.HasGraph(l.ctx, g)
	if err != nil || !has {
		return p, nil, err
	}
	p.Existing = true
	// The report's own quads, in its graph (which skip leaves out).
	all, err := (&lookup{ctx: l.ctx, s: l.s, m: l.m}).about(l.m.Report(r.ID.V))
	if err != nil {
		return p, nil, err
	}
	var there definition
	for _, q := range all {
		if q.Label == g {
			there.quads = append(there.quads, q)
		}
	}
	diff := sourceDiff(there, r)
	if diff == "" {
		return p, nil, nil
	}
	p.OtherSource = true
	if o.Replace {
		return p, nil, nil
	}
	hint := o.ReplaceHint
	if hint == "" {
		hint = "replace it on purpose with MergeOptions.Replace"
	}
	return p, dataset.Errors{{File: f.Path, Pos: r.ID.Pos,
		Msg:  fmt.Sprintf("report %q is already in the store from another source (%s)", r.ID.V, diff),
		Hint: hint + ", or give this report its own ID"}}, nil
}

// sourceDiff says how the report's source differs from the one the store
// holds (there): "" for the same source. A digest in the store pins the
// source: the file must give the same one. Without one, two URLs that
// differ mean two sources.
func sourceDiff(there definition, r dataset.Report) string {
	str := func(val quad.Value) string {
		switch x := val.(type) {
		case nil:
			return ""
		case quad.IRI:
			return string(x)
		case quad.String:
			return string(x)
		case quad.TypedString:
			return string(x.Value)
		}
		return val.String()
	}
	none := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	if sum := str(there.object(v.SHA256)); sum != "" {
		if sum != r.SHA256.V {
			return fmt.Sprintf("sha256 %s there, %s here", sum, none(r.SHA256.V))
		}
		return ""
	}
	if url := str(there.object(v.SchemaURL)); url != "" && r.URL.V != "" && url != r.URL.V {
		return fmt.Sprintf("url %s there, %s here", url, r.URL.V)
	}
	return ""
}

// checkEntities compares every entity the file defines with the store's
// definitions of the same ID, of every kind.
func (l *lookup) checkEntities(f *dataset.File) (dataset.Errors, error) {
	var errs dataset.Errors
	add := func(p dataset.Pos, hint, format string, args ...any) {
		errs = append(errs, dataset.Error{File: f.Path, Pos: p, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	roles := map[string]*dataset.Role{}
	for i := range f.Roles {
		roles[f.Roles[i].ID.V] = &f.Roles[i]
	}
	posts := map[string]*dataset.Post{}
	for i := range f.Posts {
		posts[f.Posts[i].ID.V] = &f.Posts[i]
	}
	var err error
	eachNamed(f, func(k dataset.Kind, n *dataset.Named) {
		if err != nil {
			return
		}
		id := n.ID.V
		var same []definition
		for _, other := range kinds() {
			ds, e := l.defined(other, id)
			if e != nil {
				err = e
				return
			}
			if other == k {
				same = ds
				continue
			}
			if len(ds) > 0 {
				add(n.ID.Pos, fmt.Sprintf("one ID names one entity in every report: give this %s another ID, or, if it is the %s of report %s, refer to it without defining it here", k, other, ds[0].report),
					"ID %q is %s here but %s in report %s", id, article(string(k)), article(string(other)), ds[0].report)
			}
		}
		switch {
		case len(same) == 0:
			if e := l.checkNearMiss(f, k, n, add); e != nil {
				err = e
			}
		case k == dataset.KindRole:
			r := roles[id]
			here := flags(r.Heads.V, r.Member.V)
			for _, d := range same {
				there := flags(d.has(v.Heads, nil), d.has(v.ConfersMember, nil))
				if here != there {
					pos := n.ID.Pos
					if r.Heads.Line != 0 {
						pos = r.Heads.Pos
					} else if r.Member.Line != 0 {
						pos = r.Member.Pos
					}
					add(pos, fmt.Sprintf("a role means the same in every report: state %s as report %s does, or give this role another ID", there, d.report),
						"role %q has %s here but %s in report %s", id, here, there, d.report)
					break
				}
			}
		case k == dataset.KindPost:
			p := posts[id]
			if p.Organisation.V == "" {
				break
			}
			for _, d := range same {
				org := l.idOf(dataset.KindOrganisation, d.object(v.OrgPostIn))
				if org != "" && org != p.Organisation.V {
					add(p.Organisation.Pos, fmt.Sprintf("a post is in one organisation in every report: name %s, or give this post another ID", org),
						"post %q is in organisation %q here but in %q in report %s", id, p.Organisation.V, org, d.report)
					break
				}
			}
		}
	})
	return errs, err
}

// checkNearMiss refuses a new entity whose ID is a near miss of the ID of
// an entity of the same kind in the store with the same name: a typo of a
// shared ID that would make a second entity. It looks the name up (an
// index look-up by value), not the store's IDs.
func (l *lookup) checkNearMiss(f *dataset.File, k dataset.Kind, n *dataset.Named, add func(dataset.Pos, string, string, ...any)) error {
	name, ok := nameOf(f, n)
	if !ok {
		return nil
	}
	match := func(q quad.Quad) (string, bool) {
		other := l.idOf(k, q.Subject)
		return other, q.Predicate == v.Label && other != "" && dataset.IsTypoOf(n.ID.V, other)
	}
	var qs []quad.Quad
	if l.wantedNames[name] {
		// Read by prefetch, in the store's order: good when at most one
		// matches; else the index's order decides which one is named.
		var matching []quad.Quad
		for _, q := range l.names[name] {
			if _, ok := match(q); ok {
				matching = append(matching, q)
			}
		}
		qs = matching
	}
	if !l.wantedNames[name] || len(qs) > 1 {
		var err error
		if qs, err = l.quadsBy(quad.Object, name); err != nil {
			return err
		}
	}
	for _, q := range qs {
		other, ok := match(q)
		if !ok {
			continue
		}
		add(n.ID.Pos, fmt.Sprintf("if it is that %s, use its ID %s, which needs no definition here; if not, give this one an ID that is not a near miss of it", k, other),
			"%s %q is new to the store, but %s %q in report %s has the same name %q", k, n.ID.V, k, other, l.report(q.Label), n.Name.V)
		return nil
	}
	return nil
}

// flags words a role's flags as a data file writes them.
func flags(heads, member bool) string {
	return fmt.Sprintf("heads: %t, member: %t", heads, member)
}

// eachNamed calls fn for every entity the file defines, in file order.
func eachNamed(f *dataset.File, fn func(dataset.Kind, *dataset.Named)) {
	for _, s := range dataset.Sections {
		if s.Kind == "" {
			continue
		}
		for i := range s.Len(f) {
			fn(s.Kind, s.Named(f, i))
		}
	}
}

// article prefixes a kind name with "a" or "an".
func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// UnknownReportsError reports reports to remove that the store does not
// hold, with those it does.
type UnknownReportsError struct {
	Unknown []string
	Have    []string // the store's reports (graph names for other graphs)
}

func (e *UnknownReportsError) Error() string {
	have := "none"
	if len(e.Have) > 0 {
		have = strings.Join(e.Have, " ")
	}
	return fmt.Sprintf("not in the store: %s; the store holds: %s", strings.Join(e.Unknown, " "), have)
}

// Remove removes the named reports (report IDs or graph IRIs, see
// GraphIRI) from s in one transaction: all of them, or none when any is
// not in the store (an *UnknownReportsError). The entities only those
// reports state go with their graphs.
func (c Config) Remove(ctx context.Context, s *store.Store, reports []string) (store.Result, error) {
	m, err := c.IRIs()
	if err != nil {
		return store.Result{}, err
	}
	var labels []quad.Value
	var unknown []string
	seen := map[quad.Value]bool{}
	for _, r := range reports {
		g, err := GraphIRI(m, r)
		if err != nil {
			return store.Result{}, err
		}
		if seen[g] {
			continue
		}
		seen[g] = true
		ok, err := s.HasGraph(ctx, g)
		if err != nil {
			return store.Result{}, err
		}
		if !ok || g == mapping.VocabGraph {
			unknown = append(unknown, r)
			continue
		}
		labels = append(labels, g)
	}
	if len(unknown) > 0 {
		graphs, err := s.Graphs(ctx)
		if err != nil {
			return store.Result{}, err
		}
		l := &lookup{m: m}
		e := &UnknownReportsError{Unknown: unknown}
		for _, g := range graphs {
			if g != mapping.VocabGraph {
				e.Have = append(e.Have, l.report(g))
			}
		}
		return store.Result{}, e
	}
	return s.RemoveGraphs(ctx, labels)
}

// ReportOf names graph g for messages: the report ID when it is a
// report's graph under the configured base, else its IRI.
func (c Config) ReportOf(g quad.Value) string {
	m, err := c.IRIs()
	if err != nil {
		return g.String()
	}
	return (&lookup{m: m}).report(g)
}
