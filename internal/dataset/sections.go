package dataset

import (
	"reflect"
	"slices"
	"strings"
)

// Section describes one list section of a data file (places, people,
// holdings, ...). The table Sections owns the data-file schema: the order
// of the sections, the kind of entity each defines, the fields of its
// entries (the YAML keys of its entry type) and its validation. Reading
// (checkKeys, Entries), validation, Encode, the mapping to RDF and the
// generator all walk this table, so a new section is one entry type, one
// descriptor here, its mapping and its row in the data-format docs; a new
// field is a field of the entry type, its check below and its mapping.
type Section struct {
	// Name is the section's key in the data file.
	Name string
	// Kind is the kind of entity each entry defines; "" for a relation
	// between entities (holdings, attendances, implementations).
	Kind Kind
	// Flow writes each entry on one line ({person: a, post: b, cite: [1]})
	// in Encode; other entries are written one field a line.
	Flow bool

	len   func(*File) int
	entry func(*File, int) any
	check func(*validator, any)
	typ   reflect.Type // the entry type
}

// Fields lists the YAML keys of the section's entries, sorted: its own
// fields and those every entity (id, name, ...) or fact (cite, ...) has.
func (s Section) Fields() []string { return keysOf(s.typ) }

// ReportFields lists the YAML keys of the report section, sorted.
func ReportFields() []string { return keysOf(reflect.TypeFor[Report]()) }

func keysOf(t reflect.Type) []string {
	var out []string
	for k := range yamlFields(t) {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Len is the number of entries of the section in f.
func (s Section) Len(f *File) int { return s.len(f) }

// Entry returns a pointer to entry i of the section in f (e.g. *Place).
func (s Section) Entry(f *File, i int) any { return s.entry(f, i) }

// Named returns the entity fields of entry i, or nil for a relation.
func (s Section) Named(f *File, i int) *Named {
	if n, ok := s.entry(f, i).(interface{ named() *Named }); ok {
		return n.named()
	}
	return nil
}

func (n *Named) named() *Named { return n }

// section builds the descriptor of the list that field selects; check
// (nil: none beyond the entity checks) validates one entry.
func section[T any](name string, kind Kind, field func(*File) *Entries[T], check func(*validator, *T)) Section {
	s := Section{Name: name, Kind: kind, typ: reflect.TypeFor[T](),
		len:   func(f *File) int { return len(*field(f)) },
		entry: func(f *File, i int) any { return &(*field(f))[i] },
	}
	if check != nil {
		s.check = func(v *validator, e any) { check(v, e.(*T)) }
	}
	return s
}

// oneLine marks s to be written one entry a line.
func oneLine(s Section) Section {
	s.Flow = true
	return s
}

// agents are the kinds that can act: set a task, issue a document, organise.
var agents = []Kind{KindPerson, KindOrganisation, KindGroup}

// entities are all kinds of entity: what a directive, target or statement
// may be addressed to ("asked Da Nang to ...").
var entities = []Kind{KindPlace, KindOrganisation, KindPerson, KindGroup, KindEvent, KindBridge,
	KindRole, KindPost, KindDocument, KindDirective, KindTarget}

// Sections lists the list sections in the order a data file declares them
// and Encode writes them; callers must not modify it.
var Sections = []Section{
	section("places", KindPlace, func(f *File) *Entries[Place] { return &f.Places }, func(v *validator, p *Place) {
		v.ref("in", p.In, false, KindPlace)
	}),
	section("organisations", KindOrganisation, func(f *File) *Entries[Organisation] { return &f.Organisations }, func(v *validator, o *Organisation) {
		v.ref("part_of", o.PartOf, false, KindOrganisation)
		if o.PartOf.V != "" && o.PartOf.V == o.ID.V {
			v.errf(o.PartOf.Pos, "name the parent body", "organisation %q cannot be part of itself", o.ID.V)
		}
	}),
	section("people", KindPerson, func(f *File) *Entries[Person] { return &f.People }, func(v *validator, p *Person) {
		if g := p.Gender.V; g != "" && g != "female" && g != "male" {
			v.errf(p.Gender.Pos, "use female or male, or leave it out", "unknown gender %q", g)
		}
	}),
	section("groups", KindGroup, func(f *File) *Entries[Group] { return &f.Groups }, nil),
	section("events", KindEvent, func(f *File) *Entries[Event] { return &f.Events }, func(v *validator, e *Event) {
		v.when("date", e.Date, true, e.ID)
		v.when("end", e.End, false, e.ID)
		v.span(e.Date, e.End)
		if _, ok := modes[e.Mode.V]; e.Mode.V != "" && !ok {
			v.errf(e.Mode.Pos, "use mixed, online or offline", "unknown attendance mode %q", e.Mode.V)
		}
		v.ref("location", e.Location, false, KindPlace, KindBridge)
		v.ref("organiser", e.Organiser, false, agents...)
	}),
	section("bridges", KindBridge, func(f *File) *Entries[Bridge] { return &f.Bridges }, func(v *validator, b *Bridge) {
		v.ref("event", b.Event, true, KindEvent)
		v.ref("location", b.Location, false, KindPlace)
	}),
	section("roles", KindRole, func(f *File) *Entries[Role] { return &f.Roles }, nil),
	section("posts", KindPost, func(f *File) *Entries[Post] { return &f.Posts }, func(v *validator, p *Post) {
		v.ref("organisation", p.Organisation, false, KindOrganisation)
		v.ref("role", p.Role, true, KindRole)
	}),
	section("documents", KindDocument, func(f *File) *Entries[Document] { return &f.Documents }, func(v *validator, d *Document) {
		v.ref("issuer", d.Issuer, false, agents...)
		if d.Term.Set && d.Term.V < 1 {
			v.errf(d.Term.Pos, "write the term number as the report gives it, e.g. 13", "term must be a positive number")
		}
	}),
	oneLine(section("holdings", "", func(f *File) *Entries[Holding] { return &f.Holdings }, func(v *validator, h *Holding) {
		v.fact("holding", h.Fact, h.Person.Pos)
		v.ref("person", h.Person, true, KindPerson)
		v.ref("post", h.Post, true, KindPost)
		v.when("start", h.Start, false, h.Person)
		v.when("end", h.End, false, h.Person)
		v.span(h.Start, h.End)
		if h.Term.Pos.Line != 0 && strings.TrimSpace(h.Term.V) == "" {
			v.errf(h.Term.Pos, "write the term as the report gives it, e.g. 2020–2025, or remove term:", "empty term")
		}
		v.oneOf("status", h.Status, HoldingStatuses)
		v.oneOf("qualifier", h.Qualifier, HoldingQualifiers)
		if v.seenBefore("holding", MembershipID(*h)) && h.Person.V != "" {
			hint := "merge the two entries and list both paragraphs in cite"
			if h.Start.V == "" {
				hint += ", or give each its start:"
			}
			v.errf(h.Person.Pos, hint, "duplicate holding of post %q by %q", h.Post.V, h.Person.V)
		}
	})),
	section("attendances", "", func(f *File) *Entries[Attendance] { return &f.Attendances }, func(v *validator, a *Attendance) {
		v.fact("attendance", a.Fact, a.Attendee.Pos)
		v.ref("attendee", a.Attendee, true, KindPerson, KindGroup)
		v.ref("event", a.Event, true, KindEvent)
		v.ref("at", a.At, false, KindBridge, KindPlace)
		for _, r := range a.Roles {
			v.ref("roles", r, true, KindPost)
		}
		id := AttendanceID(*a)
		if a.ID.V != "" && !slugRE.MatchString(a.ID.V) {
			v.errf(a.ID.Pos, "use lower-case letters, digits and single hyphens", "invalid ID %q", a.ID.V)
		}
		if v.seenBefore("attendance", id) {
			v.errf(a.Attendee.Pos, "merge the entries and list every paragraph in cite, or give each an id", "duplicate attendance %q", id)
		}
	}),
	section("implementations", "", func(f *File) *Entries[Implementation] { return &f.Implements }, func(v *validator, im *Implementation) {
		v.fact("implementation", im.Fact, im.Document.Pos)
		v.ref("document", im.Document, true, KindDocument)
		v.ref("by", im.By, true, agents...)
		if im.ID.V != "" && !slugRE.MatchString(im.ID.V) {
			v.errf(im.ID.Pos, "use lower-case letters, digits and single hyphens", "invalid ID %q", im.ID.V)
		}
	}),
	section("directives", KindDirective, func(f *File) *Entries[Directive] { return &f.Directives }, func(v *validator, d *Directive) {
		v.ref("set_by", d.SetBy, true, agents...)
		v.ref("event", d.Event, false, KindEvent)
		for _, r := range d.AddressedTo {
			v.ref("addressed_to", r, true, entities...)
		}
		v.year("period", d.Period, false)
	}),
	section("targets", KindTarget, func(f *File) *Entries[Target] { return &f.Targets }, func(v *validator, t *Target) {
		v.ref("set_by", t.SetBy, true, agents...)
		v.ref("directive", t.Directive, false, KindDirective)
		v.ref("event", t.Event, false, KindEvent)
		for _, r := range t.AddressedTo {
			v.ref("addressed_to", r, true, entities...)
		}
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
	}),
	section("statements", "", func(f *File) *Entries[Statement] { return &f.Statements }, func(v *validator, st *Statement) {
		v.fact("statement", st.Fact, st.Speaker.Pos)
		v.ref("speaker", st.Speaker, true, agents...)
		v.ref("event", st.Event, false, KindEvent)
		v.oneOf("act", st.Act, SpeechActs)
		for _, r := range st.AddressedTo {
			v.ref("addressed_to", r, true, entities...)
		}
		if strings.TrimSpace(st.Summary.V) == "" && st.Summary.bad == "" {
			v.errf(orPos(st.Summary.Pos, st.Speaker.Pos), "add summary: with what was said, in English and in your own words", "statement has no summary")
		}
		if st.ID.V != "" && !slugRE.MatchString(st.ID.V) {
			v.errf(st.ID.Pos, "use lower-case letters, digits and single hyphens", "invalid ID %q", st.ID.V)
		}
		if v.seenBefore("statement", StatementID(*st)) {
			v.errf(orPos(st.ID.Pos, st.Speaker.Pos), "merge the entries and list every paragraph in cite, or give each an id", "duplicate statement %q", StatementID(*st))
		}
	}),
}

// start is where entry i of s starts in the file.
func (s Section) start(f *File, i int) Pos {
	if st, ok := s.entry(f, i).(interface{ startPos() Pos }); ok {
		return st.startPos()
	}
	return Pos{}
}

func (f *Fact) startPos() Pos { return f.Start }
