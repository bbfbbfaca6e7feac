package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
	slugRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	yearRE    = regexp.MustCompile(`^[0-9]{4}$`)
	hexRE     = regexp.MustCompile(`^[0-9a-f]{64}$`)
	qidRE     = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	nearQIDRE = regexp.MustCompile(`^[Qq][0-9]+$`)
	// langRE is the RDF 1.1 LANGTAG production; language.Parse adds BCP 47 validity.
	langRE = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)
)

// IsSlug reports whether s is a well-formed ID (of a report, an entity):
// lowercase letters and digits, joined by single hyphens.
func IsSlug(s string) bool { return slugRE.MatchString(s) }

// Bounds of what a data file may hold, so that no file validates that
// cannot be loaded (a report of 2^63 paragraphs would become three quads
// for each): the longest evidence quote, name (and alternative name and
// label) and ID, the longest text of any field, in characters, and the
// most paragraphs a report may have.
const (
	MaxQuote      = 300
	MaxName       = 500
	MaxID         = 100
	MaxText       = 10000
	MaxParagraphs = 10000
)

type validator struct {
	f     *File
	errs  Errors
	kinds map[string]Kind
	seen  map[string]bool // keys of relations already given, by seenBefore
	at    Pos             // start of the entry being checked, for missing fields
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
	for _, s := range Sections {
		if s.Kind == "" {
			continue
		}
		for i := range s.Len(f) {
			fn(s.Kind, s.Named(f, i))
		}
	}
}

// validate checks the report, then every entity (ID, name, labels,
// provenance), then each section's own checks, entry by entry.
func validate(f *File) Errors {
	v := &validator{f: f, kinds: map[string]Kind{}, seen: map[string]bool{}}
	v.report()
	first := map[string]Pos{}
	f.eachNamed(func(k Kind, n *Named) {
		v.at = n.Start
		v.named(k, n, first)
	})
	// Once every ID is known: possibly_same_as may point forward.
	f.eachNamed(func(k Kind, n *Named) {
		v.at = n.Start
		for _, x := range n.PossiblySameAs {
			v.sameKind(k, n.ID, x)
		}
	})
	for _, s := range Sections {
		if s.check == nil {
			continue
		}
		for i := range s.Len(f) {
			v.at = s.start(f, i)
			s.check(v, s.Entry(f, i))
		}
	}
	return v.errs
}

// seenBefore reports whether key was already given in set, and records it.
func (v *validator) seenBefore(set, key string) bool {
	k := set + "\x00" + key
	dup := v.seen[k]
	v.seen[k] = true
	return dup
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
	if r.Paragraphs.V > MaxParagraphs {
		v.errf(r.Paragraphs.Pos, "give the number of paragraphs of the source, one a line; a longer source belongs in several reports",
			"report has %d paragraphs, more than the %d a report may have", r.Paragraphs.V, MaxParagraphs)
	}
	if r.AuthorParagraph.Set {
		v.para(r.AuthorParagraph)
	}
	if r.SHA256.V != "" && !hexRE.MatchString(r.SHA256.V) {
		v.errf(r.SHA256.Pos, "give 64 lower-case hex digits, as sha256sum prints", "sha256 is not a SHA-256 digest")
	}
	if r.URL.V != "" && !isWebURL(r.URL.V) {
		v.errf(r.URL.Pos, "give the absolute http:// or https:// address the source was read at", "url %q is not an absolute http(s) URL", r.URL.V)
	}
	v.when("retrieved", r.Retrieved, false, r.ID)
}

// isWebURL reports whether s is an absolute http(s) URL with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && isIRI(s)
}

// isIRI reports whether s is an absolute IRI: a scheme, no characters an
// IRI may not hold.
func isIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Opaque+u.Host+u.Path != "" && !strings.ContainsAny(s, " <>\"{}|^`\\\t\n")
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
	case len(id.V) > MaxID:
		v.errf(id.Pos, "use a short slug such as truong-thi-mai", "ID is %d characters, longer than %d", len(id.V), MaxID)
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
	v.nameLen("name", n.Name)
	for _, a := range n.AltNames {
		if strings.TrimSpace(a.V) == "" {
			v.errf(a.Pos, "remove the empty entry", "empty alternative name")
		}
		v.nameLen("alternative name", a)
	}
	for _, l := range n.Labels {
		v.lang(l.Lang, true)
		if strings.TrimSpace(l.Text.V) == "" {
			v.errf(l.Text.Pos, "write the label or remove the entry", "empty %s label", l.Lang.V)
		}
		v.nameLen("label", l.Text)
	}
	for _, x := range n.SameAs {
		switch {
		case qidRE.MatchString(x.V):
		case strings.TrimSpace(x.V) == "":
			v.errf(x.Pos, "remove the empty entry", "empty same_as entry")
		case nearQIDRE.MatchString(x.V):
			v.errf(x.Pos, "a Wikidata QID is Q and digits without leading zero, e.g. Q1858", "bad Wikidata QID %q", x.V)
		case !isIRI(x.V):
			v.errf(x.Pos, "give a Wikidata QID such as Q1858 or an absolute IRI such as https://www.wikidata.org/entity/Q1858", "same_as %q is neither a Wikidata QID nor an absolute IRI", x.V)
		}
	}
	v.fact(string(k)+" "+n.ID.V, n.Fact, n.ID.Pos)
}

// nameLen checks that a name is at most MaxName characters.
func (v *validator) nameLen(what string, s Str) {
	if n := utf8.RuneCountInString(s.V); n > MaxName {
		v.errf(s.Pos, "write the name as the report writes it; say more in note:", "%s is %d characters, longer than %d", what, n, MaxName)
	}
}

// sameKind checks one possibly_same_as entry of entity id of kind k: an ID
// of another entity of kind k. An ID this file does not define is an error
// that readAll drops when another file read with it defines the ID with
// kind k.
func (v *validator) sameKind(k Kind, id, x Str) {
	switch got, ok := v.kinds[x.V]; {
	case x.V == "":
		v.errf(x.Pos, "remove the empty entry", "empty possibly_same_as entry")
	case x.V == id.V:
		v.errf(x.Pos, "name another entity", "%s %q cannot be possibly the same as itself", k, id.V)
	case !ok:
		v.errf(x.Pos, fmt.Sprintf("define it as %s in this file or in another file named in the same command, or fix the spelling", article(string(k))), "possibly_same_as: unknown ID %q", x.V)
		v.errs[len(v.errs)-1].elsewhere = &ref{id: x.V, kinds: []Kind{k}, field: "possibly_same_as", sameAs: true, self: id.V}
	case got != k:
		v.errf(x.Pos, fmt.Sprintf("possibly_same_as links entities of one kind: %s", article(string(k))), "possibly_same_as: %q is %s", x.V, article(string(got)))
	}
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
		// Another file read with this one, or the store, may define it.
		v.errs[len(v.errs)-1].elsewhere = &ref{id: r.V, kinds: want, field: field}
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
	if IsPlaceholder(d.V) {
		return // listed by Placeholders
	}
	if _, err := time.Parse("2006-01-02", d.V); err != nil {
		v.errf(d.Pos, "write the date as YYYY-MM-DD, e.g. 2023-12-28", "bad date %q", d.V)
	}
}

// DateLayouts are the layouts of a date with precision (when), by length:
// a year, a month or a day, as the report states it.
var DateLayouts = map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}

// when checks a date of year, month or day precision.
func (v *validator) when(field string, d Str, required bool, owner Str) {
	if d.V == "" {
		if required {
			v.errf(orPos(d.Pos, owner.Pos), "add "+field+": YYYY-MM-DD, YYYY-MM or YYYY", "missing required field %q", field)
		}
		return
	}
	layout, ok := DateLayouts[len(d.V)]
	if _, err := time.Parse(layout, d.V); !ok || err != nil {
		v.errf(d.Pos, "write the date as YYYY-MM-DD, YYYY-MM or YYYY, as precise as the report, e.g. 2023-12-28 or 2020", "bad date %q", d.V)
	}
}

// span checks that a period does not end before it starts (compared at the
// coarser precision of the two).
func (v *validator) span(start, end Str) {
	if start.V == "" || end.V == "" {
		return
	}
	n := min(len(start.V), len(end.V))
	if start.V[:n] > end.V[:n] {
		v.errf(end.Pos, "swap the dates or fix the one that is wrong", "end %s is before start %s", end.V, start.V)
	}
}

// oneOf checks an optional value against the listed ones.
func (v *validator) oneOf(field string, s Str, valid []string) {
	if s.V != "" && !slices.Contains(valid, s.V) {
		v.errf(s.Pos, "use one of "+strings.Join(valid, ", ")+", or leave it out", "unknown %s %q", field, s.V)
	}
}

// Values of the enumerated fields, the default first.
var (
	HoldingStatuses   = []string{"current", "former", "elected", "re-elected"}
	HoldingQualifiers = []string{"alternate", "deputy", "acting"}
	SpeechActs        = []string{"said", "reported", "appreciated", "asked", "proposed", "emphasised", "criticised"}
)

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
	if IsPlaceholder(l.V) {
		return // listed by Placeholders
	}
	if !langRE.MatchString(l.V) {
		v.errf(l.Pos, "give a BCP 47 language tag such as de, en or vi", "bad language tag %q", l.V)
		return
	}
	if _, err := language.Parse(l.V); err != nil {
		v.errf(l.Pos, "give a BCP 47 language tag such as de, en or vi", "bad language tag %q: %v", l.V, err)
	}
}

// AttendanceID is the attendance's own ID, or one derived from what it
// links: EVENT--ATTENDEE--AT, or EVENT--ATTENDEE without at.
func AttendanceID(a Attendance) string {
	if a.ID.V != "" {
		return a.ID.V
	}
	if a.At.V == "" {
		return a.Event.V + "--" + a.Attendee.V
	}
	return a.Event.V + "--" + a.Attendee.V + "--" + a.At.V
}

// MembershipID names a holding: person--post, and --start when it has a
// start date (a post held twice, at two times).
func MembershipID(h Holding) string {
	id := h.Person.V + "--" + h.Post.V
	if h.Start.V != "" {
		id += "--" + h.Start.V
	}
	return id
}

// HoldingStatus is the holding's status, current unless given.
func HoldingStatus(h Holding) string {
	if h.Status.V == "" {
		return HoldingStatuses[0]
	}
	return h.Status.V
}

// SpeechAct is the statement's act, said unless given.
func SpeechAct(s Statement) string {
	if s.Act.V == "" {
		return SpeechActs[0]
	}
	return s.Act.V
}

// StatementID is the statement's own ID, or one derived from its speaker,
// act and summary: SPEAKER--ACT--the first 8 hex digits of the summary's
// SHA-256.
func StatementID(s Statement) string {
	if s.ID.V != "" {
		return s.ID.V
	}
	sum := sha256.Sum256([]byte(s.Summary.V))
	return s.Speaker.V + "--" + SpeechAct(s) + "--" + hex.EncodeToString(sum[:4])
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
