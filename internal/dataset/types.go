// Package dataset reads and validates confgraph's human-editable YAML data
// files: one file per source report, holding the report's entities and the
// relations between them, each citing the paragraphs that state it.
package dataset

// Pos is a position in a data file, 1-based.
type Pos struct {
	Line, Col int
}

// Str is a scalar string with the position it was read from.
type Str struct {
	V string
	// Quoted records that the value was written in quotes; Encode quotes
	// it again (and quotes any value that needs it).
	Quoted bool
	Pos
	bad string // why the value could not be read; reported by Parse
}

// Int is a scalar integer with the position it was read from.
type Int struct {
	V   int
	Set bool
	Pos
	bad string
}

// Flag is a true/false value with the position it was read from.
type Flag struct {
	V bool
	Pos
	bad string
}

// Cites lists cited paragraph numbers.
type Cites []Int

// Num is a scalar decimal number kept as written, with its position.
type Num struct {
	V string
	Pos
	bad string
}

// Labels maps language tags to labels supplied by the curator, with positions.
type Labels []Label

// Label is one curator-supplied label.
type Label struct {
	Lang Str
	Text Str
}

// Fact holds what every entity and relation carries: the paragraphs that
// state it, an optional short verbatim quote, and an optional curator note.
type Fact struct {
	Cite  Cites `yaml:"cite"`
	Quote Str   `yaml:"quote"`
	Note  Str   `yaml:"note"`
	// At is where the entry starts in the file.
	Start Pos `yaml:"-"`
}

// Named holds what every entity carries: a stable slug ID, its name as the
// report writes it, other spellings in the report, and curator labels.
type Named struct {
	ID       Str    `yaml:"id"`
	Name     Str    `yaml:"name"`
	AltNames []Str  `yaml:"alt_names"`
	Labels   Labels `yaml:"labels"`
	// SameAs lists Wikidata QIDs (Q42) and absolute IRIs naming the same entity.
	SameAs []Str `yaml:"same_as"`
	// PossiblySameAs lists IDs of entities of the same kind, in this or
	// another report, that may be the same; nothing merges on it.
	PossiblySameAs []Str `yaml:"possibly_same_as"`
	Fact           `yaml:",inline"`
}

// File is one data file: a source report and what it states.
type File struct {
	Report        Report                  `yaml:"report"`
	Places        Entries[Place]          `yaml:"places"`
	Organisations Entries[Organisation]   `yaml:"organisations"`
	People        Entries[Person]         `yaml:"people"`
	Groups        Entries[Group]          `yaml:"groups"`
	Events        Entries[Event]          `yaml:"events"`
	Bridges       Entries[Bridge]         `yaml:"bridges"`
	Roles         Entries[Role]           `yaml:"roles"`
	Posts         Entries[Post]           `yaml:"posts"`
	Documents     Entries[Document]       `yaml:"documents"`
	Holdings      Entries[Holding]        `yaml:"holdings"`
	Attendances   Entries[Attendance]     `yaml:"attendances"`
	Implements    Entries[Implementation] `yaml:"implementations"`
	Directives    Entries[Directive]      `yaml:"directives"`
	Targets       Entries[Target]         `yaml:"targets"`
	Statements    Entries[Statement]      `yaml:"statements"`

	// Path is the file name used in messages; not read from YAML.
	Path string `yaml:"-"`
	// Comment is written by Encode as # lines before the report; Parse
	// leaves it empty.
	Comment string `yaml:"-"`
	// outside holds the entities the file refers to but does not define,
	// by ID, as resolved when it was read (see Outside).
	outside map[string]Definition
}

// Report describes the source report. Its ID names the report's graph.
type Report struct {
	ID              Str    `yaml:"id"`
	Title           Str    `yaml:"title"`
	Description     Str    `yaml:"description"`
	Language        Str    `yaml:"language"`
	Author          Str    `yaml:"author"`
	AuthorParagraph Int    `yaml:"author_paragraph"`
	Date            Str    `yaml:"date"`
	DateNote        Str    `yaml:"date_note"`
	Paragraphs      Int    `yaml:"paragraphs"`
	Source          Str    `yaml:"source"`
	SHA256          Str    `yaml:"sha256"`
	URL             Str    `yaml:"url"`
	Retrieved       Str    `yaml:"retrieved"`
	Labels          Labels `yaml:"labels"`
	Note            Str    `yaml:"note"`
	// At is where the section starts in the file.
	Start Pos `yaml:"-"`
}

// Place is a city, province or country.
type Place struct {
	Named `yaml:",inline"`
	In    Str `yaml:"in"`
}

// Organisation is a party body, committee, department or agency.
type Organisation struct {
	Named  `yaml:",inline"`
	PartOf Str `yaml:"part_of"`
}

// Person is a named individual.
type Person struct {
	Named  `yaml:",inline"`
	Gender Str `yaml:"gender"`
}

// Group is a set of people the report describes collectively.
type Group struct {
	Named `yaml:",inline"`
}

// Event is a meeting, conference or congress.
type Event struct {
	Named       `yaml:",inline"`
	Description Str `yaml:"description"`
	Date        Str `yaml:"date"`
	End         Str `yaml:"end"`
	Mode        Str `yaml:"mode"`
	Location    Str `yaml:"location"`
	Organiser   Str `yaml:"organiser"`
}

// Bridge is a connection point of a hybrid event.
type Bridge struct {
	Named    `yaml:",inline"`
	Event    Str  `yaml:"event"`
	Location Str  `yaml:"location"`
	Central  Flag `yaml:"central"`
}

// Role is the kind of a post: member, head, secretary, ...
type Role struct {
	Named `yaml:",inline"`
	Heads Flag `yaml:"heads"`
	// Member marks roles whose holders are members of the organisation.
	Member Flag `yaml:"member"`
}

// Post is a position, in an organisation when the report names one.
type Post struct {
	Named        `yaml:",inline"`
	Organisation Str `yaml:"organisation"`
	Role         Str `yaml:"role"`
}

// Document is a resolution or other document the report names.
type Document struct {
	Named      `yaml:",inline"`
	Identifier Str `yaml:"identifier"`
	Issuer     Str `yaml:"issuer"`
	Term       Int `yaml:"term"`
}

// Holding states that a person held a post: on the report's date unless
// its status or dates say otherwise.
type Holding struct {
	Person Str `yaml:"person"`
	Post   Str `yaml:"post"`
	Start  Str `yaml:"start"`
	End    Str `yaml:"end"`
	// Term is the term as the report writes it, e.g. "2020–2025".
	Term Str `yaml:"term"`
	// Status is current (the default), former, elected or re-elected.
	Status Str `yaml:"status"`
	// Qualifier is alternate, deputy or acting.
	Qualifier Str `yaml:"qualifier"`
	Fact      `yaml:",inline"`
}

// Attendance states that a person or group attended an event, at a bridge or
// place when the report names one, in zero or more posts.
type Attendance struct {
	ID       Str   `yaml:"id"`
	Attendee Str   `yaml:"attendee"`
	Event    Str   `yaml:"event"`
	At       Str   `yaml:"at"`
	Roles    []Str `yaml:"roles"`
	Fact     `yaml:",inline"`
}

// Implementation states that an agent implements a document.
type Implementation struct {
	ID       Str `yaml:"id"`
	Document Str `yaml:"document"`
	By       Str `yaml:"by"`
	What     Str `yaml:"what"`
	Fact     `yaml:",inline"`
}

// Directive is a task an agent set, in the report's words (summarised).
type Directive struct {
	Named       `yaml:",inline"`
	SetBy       Str   `yaml:"set_by"`
	Event       Str   `yaml:"event"`
	AddressedTo []Str `yaml:"addressed_to"`
	Period      Str   `yaml:"period"`
}

// Target is a number or range with a unit and a period.
type Target struct {
	Named       `yaml:",inline"`
	Value       Num   `yaml:"value"`
	Min         Num   `yaml:"min"`
	Max         Num   `yaml:"max"`
	Unit        Str   `yaml:"unit"`
	RelativeTo  Str   `yaml:"relative_to"`
	Period      Str   `yaml:"period"`
	SetBy       Str   `yaml:"set_by"`
	Directive   Str   `yaml:"directive"`
	Event       Str   `yaml:"event"`
	AddressedTo []Str `yaml:"addressed_to"`
}

// Statement is something a speaker said, reported, appreciated, asked ...
// that is neither a directive nor a target, summarised by the curator.
type Statement struct {
	ID      Str `yaml:"id"`
	Speaker Str `yaml:"speaker"`
	Event   Str `yaml:"event"`
	// Act is said (the default), reported, appreciated, asked, proposed,
	// emphasised or criticised.
	Act         Str   `yaml:"act"`
	AddressedTo []Str `yaml:"addressed_to"`
	Summary     Str   `yaml:"summary"`
	Fact        `yaml:",inline"`
}
