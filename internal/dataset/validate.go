package dataset

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Kind is the kind of an entity; IDs share one namespace per file.
type Kind string

// Entity kinds. Each becomes a path segment of the entity's IRI.
const (
	KindPlace        Kind = "place"
	KindOrganisation Kind = "organisation"
	KindPerson       Kind = "person"
	KindGroup        Kind = "group"
	KindEvent        Kind = "event"
	KindBridge       Kind = "bridge"
	KindRole         Kind = "role"
	KindPost         Kind = "post"
	KindDocument     Kind = "document"
	KindDirective    Kind = "directive"
	KindTarget       Kind = "target"
)

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	yearRE = regexp.MustCompile(`^[0-9]{4}$`)
	hexRE  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// langRE is the RDF 1.1 LANGTAG production; language.Parse adds BCP 47 validity.
	langRE = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)
)

// MaxQuote is the longest evidence quote accepted, in characters.
const MaxQuote = 300

type validator struct {
	f     *File
	errs  Errors
	kinds map[string]Kind
	at    Pos // start of the entry being checked, for missing fields
}

func (v *validator) errf(p Pos, hint, format string, args ...any) {
	if p.Line == 0 {
		p = v.at
	}
	if p.Line == 0 {
		p = Pos{1, 1}
	}
	v.errs = append(v.errs, Error{File: v.f.Path, Pos: p, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// IDs returns the kind of every entity ID defined in f.
func (f *File) IDs() map[string]Kind {
	m := map[string]Kind{}
	f.eachNamed(func(k Kind, n *Named) {
		if _, dup := m[n.ID.V]; !dup {
			m[n.ID.V] = k
		}
	})
	return m
}

// eachNamed calls fn for every entity in file order.
func (f *File) eachNamed(fn func(Kind, *Named)) {
	for i := range f.Places {
		fn(KindPlace, &f.Places[i].Named)
	}
	for i := range f.Organisations {
		fn(KindOrganisation, &f.Organisations[i].Named)
	}
	for i := range f.People {
		fn(KindPerson, &f.People[i].Named)
	}
	for i := range f.Groups {
		fn(KindGroup, &f.Groups[i].Named)
	}
	for i := range f.Events {
		fn(KindEvent, &f.Events[i].Named)
	}
	for i := range f.Bridges {
		fn(KindBridge, &f.Bridges[i].Named)
	}
	for i := range f.Roles {
		fn(KindRole, &f.Roles[i].Named)
	}
	for i := range f.Posts {
		fn(KindPost, &f.Posts[i].Named)
	}
	for i := range f.Documents {
		fn(KindDocument, &f.Documents[i].Named)
	}
	for i := range f.Directives {
		fn(KindDirective, &f.Directives[i].Named)
	}
	for i := range f.Targets {
		fn(KindTarget, &f.Targets[i].Named)
	}
}

func validate(f *File) Errors {
	v := &validator{f: f, kinds: map[string]Kind{}}
	v.report()
	first := map[string]Pos{}
	f.eachNamed(func(k Kind, n *Named) {
		v.at = n.Start
		v.named(k, n, first)
	})
	agents := []Kind{KindPerson, KindOrganisation, KindGroup}
	for _, p := range f.Places {
		v.at = p.Start
		v.ref("in", p.In, false, KindPlace)
	}
	for _, o := range f.Organisations {
		v.at = o.Start
		v.ref("part_of", o.PartOf, false, KindOrganisation)
		if o.PartOf.V != "" && o.PartOf.V == o.ID.V {
			v.errf(o.PartOf.Pos, "name the parent body", "organisation %q cannot be part of itself", o.ID.V)
		}
	}
	for _, p := range f.People {
		v.at = p.Start
		if g := p.Gender.V; g != "" && g != "female" && g != "male" {
			v.errf(p.Gender.Pos, "use female or male, or leave it out", "unknown gender %q", g)
		}
	}
	for _, e := range f.Events {
		v.at = e.Start
		v.date("date", e.Date, true, e.ID)
		if _, ok := modes[e.Mode.V]; e.Mode.V != "" && !ok {
			v.errf(e.Mode.Pos, "use mixed, online or offline", "unknown attendance mode %q", e.Mode.V)
		}
		v.ref("location", e.Location, false, KindPlace, KindBridge)
		v.ref("organiser", e.Organiser, false, agents...)
	}
	for _, b := range f.Bridges {
		v.at = b.Start
		v.ref("event", b.Event, true, KindEvent)
		v.ref("location", b.Location, false, KindPlace)
	}
	for _, p := range f.Posts {
		v.at = p.Start
		v.ref("organisation", p.Organisation, true, KindOrganisation)
		v.ref("role", p.Role, true, KindRole)
	}
	for _, d := range f.Documents {
		v.at = d.Start
		v.ref("issuer", d.Issuer, false, agents...)
		if d.Term.Set && d.Term.V < 1 {
			v.errf(d.Term.Pos, "write the term number as the report gives it, e.g. 13", "term must be a positive number")
		}
	}
	held := map[string]bool{}
	for _, h := range f.Holdings {
		v.at = h.Start
		v.fact("holding", h.Fact, h.Person.Pos)
		v.ref("person", h.Person, true, KindPerson)
		v.ref("post", h.Post, true, KindPost)
		key := h.Person.V + "|" + h.Post.V
		if held[key] && h.Person.V != "" {
			v.errf(h.Person.Pos, "merge the two entries and list both paragraphs in cite", "duplicate holding of post %q by %q", h.Post.V, h.Person.V)
		}
		held[key] = true
	}
	attIDs := map[string]bool{}
	for _, a := range f.Attendances {
		v.at = a.Start
		v.fact("attendance", a.Fact, a.Attendee.Pos)
		v.ref("attendee", a.Attendee, true, KindPerson, KindGroup)
		v.ref("event", a.Event, true, KindEvent)
		v.ref("at", a.At, true, KindBridge, KindPlace)
		for _, r := range a.Roles {
			v.ref("roles", r, true, KindPost)
		}
		id := AttendanceID(a)
		if a.ID.V != "" && !slugRE.MatchString(a.ID.V) {
			v.errf(a.ID.Pos, "use lower-case letters, digits and single hyphens", "invalid ID %q", a.ID.V)
		}
		if attIDs[id] {
			v.errf(a.Attendee.Pos, "merge the entries and list every paragraph in cite, or give each an id", "duplicate attendance %q", id)
		}
		attIDs[id] = true
	}
	for _, im := range f.Implements {
		v.at = im.Start
		v.fact("implementation", im.Fact, im.Document.Pos)
		v.ref("document", im.Document, true, KindDocument)
		v.ref("by", im.By, true, agents...)
		if im.ID.V != "" && !slugRE.MatchString(im.ID.V) {
			v.errf(im.ID.Pos, "use lower-case letters, digits and single hyphens", "invalid ID %q", im.ID.V)
		}
	}
	for _, d := range f.Directives {
		v.at = d.Start
		v.ref("set_by", d.SetBy, true, agents...)
		v.ref("event", d.Event, false, KindEvent)
		for _, r := range d.AddressedTo {
			v.ref("addressed_to", r, true, agents...)
		}
		v.year("period", d.Period, false)
	}
	for _, t := range f.Targets {
		v.at = t.Start
		v.ref("set_by", t.SetBy, true, agents...)
		v.ref("directive", t.Directive, false, KindDirective)
		v.ref("event", t.Event, false, KindEvent)
		v.year("period", t.Period, true)
		if t.Unit.V == "" {
			v.errf(t.ID.Pos, "add unit: with the unit as the report writes it, e.g. Prozent", "target %q has no unit", t.ID.V)
		}
		switch {
		case t.Value.V == "" && (t.Min.V == "" || t.Max.V == ""):
			v.errf(t.ID.Pos, "give value:, or min: and max: for a range", "target %q has no value", t.ID.V)
		case t.Value.V != "" && (t.Min.V != "" || t.Max.V != ""):
			v.errf(t.Value.Pos, "give either value: or min:/max:", "target %q has both a value and a range", t.ID.V)
		}
	}
	return v.errs
}

var modes = map[string]bool{"mixed": true, "online": true, "offline": true}

func (v *validator) report() {
	r := v.f.Report
	v.at = r.Start
	if r.Start.Line == 0 {
		v.errf(Pos{1, 1}, "every data file starts with a report: section describing its source", "missing report section")
		return
	}
	v.slug(r.ID, "report")
	if strings.TrimSpace(r.Title.V) == "" && strings.TrimSpace(r.Description.V) == "" {
		v.errf(r.ID.Pos, "add title: or description:", "report has neither title nor description")
	}
	v.lang(r.Language, true)
	for _, l := range r.Labels {
		v.lang(l.Lang, true)
	}
	v.date("date", r.Date, true, r.ID)
	if r.Paragraphs.bad == "" && (!r.Paragraphs.Set || r.Paragraphs.V < 1) {
		v.errf(orPos(r.Paragraphs.Pos, r.ID.Pos), "give the number of paragraphs of the source, e.g. paragraphs: 13", "report paragraphs missing or not positive")
	}
	if r.AuthorParagraph.Set {
		v.para(r.AuthorParagraph)
	}
	if r.SHA256.V != "" && !hexRE.MatchString(r.SHA256.V) {
		v.errf(r.SHA256.Pos, "give 64 lower-case hex digits, as sha256sum prints", "sha256 is not a SHA-256 digest")
	}
}

func orPos(p, fallback Pos) Pos {
	if p.Line == 0 {
		return fallback
	}
	return p
}

func (v *validator) slug(id Str, what string) bool {
	switch {
	case id.V == "":
		v.errf(id.Pos, "add id: with a lower-case slug such as truong-thi-mai", "%s without id", what)
	case !slugRE.MatchString(id.V):
		v.errf(id.Pos, "use lower-case letters, digits and single hyphens, e.g. truong-thi-mai", "invalid ID %q", id.V)
	default:
		return true
	}
	return false
}

func (v *validator) named(k Kind, n *Named, first map[string]Pos) {
	if v.slug(n.ID, string(k)) {
		if p, dup := first[n.ID.V]; dup {
			v.errf(n.ID.Pos, fmt.Sprintf("IDs are unique in a file; first defined at line %d", p.Line), "duplicate ID %q", n.ID.V)
		} else {
			first[n.ID.V] = n.ID.Pos
			v.kinds[n.ID.V] = k
		}
	}
	if strings.TrimSpace(n.Name.V) == "" && n.Name.bad == "" {
		v.errf(orPos(n.Name.Pos, n.ID.Pos), "write the name as the report writes it", "%s %q has an empty name", k, n.ID.V)
	}
	for _, a := range n.AltNames {
		if strings.TrimSpace(a.V) == "" {
			v.errf(a.Pos, "remove the empty entry", "empty alternative name")
		}
	}
	for _, l := range n.Labels {
		v.lang(l.Lang, true)
		if strings.TrimSpace(l.Text.V) == "" {
			v.errf(l.Text.Pos, "write the label or remove the entry", "empty %s label", l.Lang.V)
		}
	}
	v.fact(string(k)+" "+n.ID.V, n.Fact, n.ID.Pos)
}

func (v *validator) fact(what string, f Fact, at Pos) {
	if len(f.Cite) == 0 {
		v.errf(at, "add cite: [N] with the paragraph number(s) that state it", "%s cites no paragraph", what)
	}
	for _, c := range f.Cite {
		v.para(c)
	}
	if f.Quote.Pos.Line != 0 {
		switch n := len([]rune(f.Quote.V)); {
		case strings.TrimSpace(f.Quote.V) == "":
			v.errf(f.Quote.Pos, "quote a few words of the cited paragraph or remove quote:", "empty quote")
		case n > MaxQuote:
			v.errf(f.Quote.Pos, "cite the paragraph and quote only the decisive words", "quote is %d characters, longer than %d", n, MaxQuote)
		}
	}
}

func (v *validator) para(c Int) {
	if c.bad != "" {
		return // reported as unreadable
	}
	n := v.f.Report.Paragraphs.V
	if c.V < 1 || (n > 0 && c.V > n) {
		v.errf(c.Pos, fmt.Sprintf("the report has paragraphs 1 to %d", n), "paragraph %d is outside the report", c.V)
	}
}

func (v *validator) ref(field string, r Str, required bool, want ...Kind) {
	if r.V == "" {
		if required {
			v.errf(r.Pos, fmt.Sprintf("add %s: with the ID of %s", field, article(kindList(want))), "missing required field %q", field)
		}
		return
	}
	k, ok := v.kinds[r.V]
	if !ok {
		v.errf(r.Pos, fmt.Sprintf("define it in the file as %s, or fix the spelling", article(kindList(want))), "%s: unknown ID %q", field, r.V)
		return
	}
	for _, w := range want {
		if k == w {
			return
		}
	}
	v.errf(r.Pos, fmt.Sprintf("%s must refer to %s", field, article(kindList(want))), "%s: %q is %s", field, r.V, article(string(k)))
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}

func (v *validator) date(field string, d Str, required bool, owner Str) {
	if d.V == "" {
		if required {
			v.errf(orPos(d.Pos, owner.Pos), "add "+field+": YYYY-MM-DD", "missing required field %q", field)
		}
		return
	}
	if _, err := time.Parse("2006-01-02", d.V); err != nil {
		v.errf(d.Pos, "write the date as YYYY-MM-DD, e.g. 2023-12-28", "bad date %q", d.V)
	}
}

func (v *validator) year(field string, y Str, required bool) {
	if y.V == "" {
		if required {
			v.errf(y.Pos, "add "+field+": with a year such as 2024", "missing required field %q", field)
		}
		return
	}
	if !yearRE.MatchString(y.V) {
		v.errf(y.Pos, "write the period as a four-digit year, e.g. 2024", "bad period %q", y.V)
	}
}

func (v *validator) lang(l Str, required bool) {
	if l.V == "" {
		if required {
			v.errf(l.Pos, "give a BCP 47 language tag such as de, en or vi", "missing language tag")
		}
		return
	}
	if !langRE.MatchString(l.V) {
		v.errf(l.Pos, "give a BCP 47 language tag such as de, en or vi", "bad language tag %q", l.V)
		return
	}
	if _, err := language.Parse(l.V); err != nil {
		v.errf(l.Pos, "give a BCP 47 language tag such as de, en or vi", "bad language tag %q: %v", l.V, err)
	}
}

// AttendanceID is the attendance's own ID, or one derived from what it links.
func AttendanceID(a Attendance) string {
	if a.ID.V != "" {
		return a.ID.V
	}
	return a.Event.V + "--" + a.Attendee.V + "--" + a.At.V
}

// ImplementationID is the implementation's own ID, or one derived from what it links.
func ImplementationID(im Implementation) string {
	if im.ID.V != "" {
		return im.ID.V
	}
	return im.Document.V + "--" + im.By.V
}

// article prefixes a kind name with "a" or "an".
func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
