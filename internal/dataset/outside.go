package dataset

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Definition is an entity defined outside the file that refers to it: in
// another file read with it, or in a store (a report already loaded).
type Definition struct {
	ID   string
	Kind Kind
	// Report is the ID of the report that defines it (or its graph's IRI
	// when the graph is not a report's).
	Report string
	// File is the data file that defines it when it was read in the same
	// command; "" for a definition in a store.
	File string
	// Organisation and Role are, for a post, the IDs of its body ("" when
	// it names none) and of its role.
	Organisation, Role string
}

// where names the definition's place for messages: the file read with
// the referring one, or the report in the store.
func (d Definition) where() string {
	if d.File != "" {
		return d.File
	}
	return "report " + d.Report
}

// Resolver finds entities that the files read do not define, e.g. in the
// store they are loaded into.
type Resolver interface {
	// Defined returns every definition of id there, whatever its kind.
	Defined(id string) ([]Definition, error)
	// Near returns entities of the kinds whose IDs are close to id (for
	// "did you mean"); it may return IDs that are not close, which are
	// dropped.
	Near(id string, kinds []Kind) ([]Definition, error)
}

// Outside returns the definition of an entity f refers to but does not
// define, resolved when f was read: in another file read with it, or by
// ReadOptions.Outside (the store).
func (f *File) Outside(id string) (Definition, bool) {
	d, ok := f.outside[id]
	return d, ok
}

// OutsideIDs lists the IDs f refers to that other files or the store
// define, sorted.
func (f *File) OutsideIDs() []string {
	ids := make([]string, 0, len(f.outside))
	for id := range f.outside {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// definitions returns the entities the files define, by ID (the first file
// that defines an ID wins; readAll reports one ID given two kinds).
func definitions(files []*File) map[string]Definition {
	defs := map[string]Definition{}
	for _, f := range files {
		f.eachNamed(func(k Kind, n *Named) {
			if _, ok := defs[n.ID.V]; ok || n.ID.V == "" {
				return
			}
			defs[n.ID.V] = Definition{ID: n.ID.V, Kind: k, Report: f.Report.ID.V, File: f.Path}
		})
		for i := range f.Posts {
			p := &f.Posts[i]
			if d, ok := defs[p.ID.V]; ok && d.File == f.Path && d.Kind == KindPost {
				d.Organisation, d.Role = p.Organisation.V, p.Role.V
				defs[p.ID.V] = d
			}
		}
	}
	return defs
}

// resolveElsewhere resolves the references a file makes to IDs it does not
// define: to another of the files, else through out (the store), when
// either defines the ID with a kind wanted. Those errors are dropped and
// the definition is recorded in the file (File.Outside); the others are
// worded anew when the ID has another kind there, and get a "did you mean"
// with the closest IDs of the kinds wanted when it is unknown everywhere.
func resolveElsewhere(errs Errors, files []*File, out Resolver) (Errors, error) {
	defs := definitions(files)
	byPath := map[string]*File{}
	reading := map[string]bool{}
	for _, f := range files {
		byPath[f.Path] = f
		reading[f.Report.ID.V] = true
	}
	// The store's definitions in the reports being read are replaced by
	// this read: they do not count.
	if out != nil {
		out = skipReports{out, reading}
	}
	keep := errs[:0]
	for _, e := range errs {
		r := e.elsewhere
		if r == nil {
			keep = append(keep, e)
			continue
		}
		var found []Definition
		if d, ok := defs[r.id]; ok {
			found = []Definition{d}
		} else if out != nil {
			ds, err := out.Defined(r.id)
			if err != nil {
				return nil, err
			}
			found = ds
		}
		if d, ok := wanted(found, r.kinds); ok {
			if f := byPath[e.File]; f != nil {
				if f.outside == nil {
					f.outside = map[string]Definition{}
				}
				f.outside[r.id] = d
			}
			continue
		}
		if len(found) > 0 {
			d := found[0]
			if r.sameAs {
				e.Msg = fmt.Sprintf("possibly_same_as: %q is %s in %s", r.id, article(string(d.Kind)), d.where())
				e.Hint = "possibly_same_as links entities of one kind: " + article(kindList(r.kinds))
			} else {
				e.Msg = fmt.Sprintf("%s: %q is %s in %s", r.field, r.id, article(string(d.Kind)), d.where())
				e.Hint = fmt.Sprintf("%s must refer to %s", r.field, article(kindList(r.kinds)))
			}
			keep = append(keep, e)
			continue
		}
		near, err := nearest(r, e.File, defs, out)
		if err != nil {
			return nil, err
		}
		if len(near) > 0 {
			e.Hint = "did you mean " + near + "? Else " + e.Hint
		}
		keep = append(keep, e)
	}
	return keep, nil
}

// skipReports is a Resolver that leaves out the definitions of some
// reports.
type skipReports struct {
	Resolver
	skip map[string]bool
}

func (s skipReports) keep(ds []Definition, err error) ([]Definition, error) {
	out := ds[:0]
	for _, d := range ds {
		if !s.skip[d.Report] {
			out = append(out, d)
		}
	}
	return out, err
}

func (s skipReports) Defined(id string) ([]Definition, error) { return s.keep(s.Resolver.Defined(id)) }

func (s skipReports) Near(id string, kinds []Kind) ([]Definition, error) {
	return s.keep(s.Resolver.Near(id, kinds))
}

// wanted returns the first definition of one of kinds.
func wanted(ds []Definition, kinds []Kind) (Definition, bool) {
	for _, d := range ds {
		if slices.Contains(kinds, d.Kind) {
			return d, true
		}
	}
	return Definition{}, false
}

// nearest words the IDs of the kinds r wants that are closest to r's ID,
// among the files' (defs) and the resolver's, for a reference in file:
// "x", a post in report r, or "y", a post in this file; "" when none is
// close.
func nearest(r *ref, file string, defs map[string]Definition, out Resolver) (string, error) {
	var cands []Definition
	for _, d := range defs {
		cands = append(cands, d)
	}
	if out != nil {
		ds, err := out.Near(r.id, r.kinds)
		if err != nil {
			return "", err
		}
		cands = append(cands, ds...)
	}
	limit := maxTypo(r.id)
	best := limit + 1
	var picked []Definition
	seen := map[string]bool{}
	for _, d := range cands {
		if !slices.Contains(r.kinds, d.Kind) || d.ID == r.id || d.ID == r.self {
			continue
		}
		n := Distance(r.id, d.ID)
		if n > limit {
			continue
		}
		if n < best {
			best, picked, seen = n, nil, map[string]bool{}
		}
		key := string(d.Kind) + "/" + d.ID
		if n == best && !seen[key] {
			seen[key] = true
			picked = append(picked, d)
		}
	}
	sort.Slice(picked, func(i, j int) bool {
		if picked[i].ID != picked[j].ID {
			return picked[i].ID < picked[j].ID
		}
		return picked[i].where() < picked[j].where()
	})
	if len(picked) > 3 {
		picked = picked[:3]
	}
	words := make([]string, len(picked))
	for i, d := range picked {
		where := d.where()
		if d.File == file {
			where = "this file"
		}
		words[i] = fmt.Sprintf("%q, %s in %s", d.ID, article(string(d.Kind)), where)
	}
	return strings.Join(words, " or "), nil
}

// maxTypo is the largest edit distance at which an ID counts as a typo of
// another: 1 for short IDs, 2 from 8 characters on.
func maxTypo(id string) int {
	if len(id) < 8 {
		return 1
	}
	return 2
}

// IsTypoOf reports whether a and b are distinct IDs close enough that one
// is likely a misspelling of the other.
func IsTypoOf(a, b string) bool {
	return a != b && Distance(a, b) <= min(maxTypo(a), maxTypo(b))
}

// Distance is the optimal-string-alignment edit distance of a and b:
// insertions, deletions, substitutions and swaps of neighbours, by byte
// (IDs are ASCII).
func Distance(a, b string) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
