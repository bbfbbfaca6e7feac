// Package vocab names the RDF vocabularies confgraph emits and defines the
// small project vocabulary (namespace CG) for what no standard vocabulary has.
package vocab

import (
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdf/prefix"
)

// Namespaces used in every export. Schema.org is emitted as http://schema.org/,
// the namespace quad's own schema.org helpers use.
const (
	RDF    = rdf.RDFNS
	RDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	XSD    = rdf.XSD
	OWL    = "http://www.w3.org/2002/07/owl#"
	SKOS   = "http://www.w3.org/2004/02/skos/core#"
	PROV   = "http://www.w3.org/ns/prov#"
	ORG    = "http://www.w3.org/ns/org#"
	Schema = "http://schema.org/"
	// CG is the project vocabulary. It does not move with the instance base IRI.
	CG = "https://confgraph.example/vocab#"
)

// Prefixes maps the conventional prefix of each namespace to its IRI; the
// readable exports name these namespaces so.
var Prefixes = []prefix.Prefix{
	{Name: "cg", IRI: CG},
	{Name: "org", IRI: ORG},
	{Name: "owl", IRI: OWL},
	{Name: "prov", IRI: PROV},
	{Name: "rdf", IRI: RDF},
	{Name: "rdfs", IRI: RDFS},
	{Name: "schema", IRI: Schema},
	{Name: "skos", IRI: SKOS},
	{Name: "xsd", IRI: XSD},
}

// Term returns the IRI of a term in namespace ns.
func Term(ns, local string) quad.IRI { return quad.IRI(ns + local) }

// Frequently used terms.
var (
	Type          = rdf.Type
	RDFStatement  = Term(RDF, "Statement")
	RDFSubject    = Term(RDF, "subject")
	RDFPredicate  = Term(RDF, "predicate")
	RDFObject     = Term(RDF, "object")
	Label         = Term(RDFS, "label")
	Comment       = Term(RDFS, "comment")
	IsDefinedBy   = Term(RDFS, "isDefinedBy")
	SubClassOf    = Term(RDFS, "subClassOf")
	Domain        = Term(RDFS, "domain")
	Range         = Term(RDFS, "range")
	RDFSClass     = Term(RDFS, "Class")
	RDFProperty   = Term(RDF, "Property")
	OWLOntology   = Term(OWL, "Ontology")
	PrefLabel     = Term(SKOS, "prefLabel")
	AltLabel      = Term(SKOS, "altLabel")
	Definition    = Term(SKOS, "definition")
	EditorialNote = Term(SKOS, "editorialNote")
	SKOSConcept   = Term(SKOS, "Concept")
	SKOSScheme    = Term(SKOS, "ConceptScheme")
	InScheme      = Term(SKOS, "inScheme")
	SeeAlso       = Term(RDFS, "seeAlso")
	SubPropertyOf = Term(RDFS, "subPropertyOf")
	OWLSameAs     = Term(OWL, "sameAs")

	ProvEntity        = Term(PROV, "Entity")
	ProvAgent         = Term(PROV, "Agent")
	ProvBundle        = Term(PROV, "Bundle")
	WasDerivedFrom    = Term(PROV, "wasDerivedFrom")
	HadPrimarySource  = Term(PROV, "hadPrimarySource")
	WasAttributedTo   = Term(PROV, "wasAttributedTo")
	ProvValue         = Term(PROV, "value")
	OrgOrganization   = Term(ORG, "Organization")
	OrgMembership     = Term(ORG, "Membership")
	OrgPost           = Term(ORG, "Post")
	OrgRole           = Term(ORG, "Role")
	OrgRoleP          = Term(ORG, "role")
	OrgMember         = Term(ORG, "member")
	OrgOrganizationP  = Term(ORG, "organization")
	OrgPostIn         = Term(ORG, "postIn")
	OrgSubOrgOf       = Term(ORG, "subOrganizationOf")
	SchemaPerson      = Term(Schema, "Person")
	SchemaPlace       = Term(Schema, "Place")
	SchemaEvent       = Term(Schema, "Event")
	SchemaReport      = Term(Schema, "Report")
	SchemaLegislation = Term(Schema, "Legislation")
	SchemaName        = Term(Schema, "name")
	SchemaAltName     = Term(Schema, "alternateName")
	SchemaDescription = Term(Schema, "description")
	SchemaAttendee    = Term(Schema, "attendee")
	SchemaAttendMode  = Term(Schema, "eventAttendanceMode")
	SchemaLocation    = Term(Schema, "location")
	SchemaOrganizer   = Term(Schema, "organizer")
	SchemaStartDate   = Term(Schema, "startDate")
	SchemaEndDate     = Term(Schema, "endDate")
	SchemaURL         = Term(Schema, "url")
	SchemaInLanguage  = Term(Schema, "inLanguage")
	SchemaAuthor      = Term(Schema, "author")
	SchemaDateCreated = Term(Schema, "dateCreated")
	SchemaIsPartOf    = Term(Schema, "isPartOf")
	SchemaPosition    = Term(Schema, "position")
	SchemaContainedIn = Term(Schema, "containedInPlace")
	SchemaIdentifier  = Term(Schema, "identifier")
	SchemaLegislator  = Term(Schema, "legislationPassedBy")
	SchemaAbout       = Term(Schema, "about")
	SchemaValue       = Term(Schema, "value")
	SchemaMinValue    = Term(Schema, "minValue")
	SchemaMaxValue    = Term(Schema, "maxValue")
	SchemaUnitText    = Term(Schema, "unitText")
	SchemaTemporal    = Term(Schema, "temporalCoverage")
	SchemaAgent       = Term(Schema, "agent")
	SchemaGender      = Term(Schema, "gender")

	XSDDate       = Term(XSD, "date")
	XSDGYear      = Term(XSD, "gYear")
	XSDGYearMonth = Term(XSD, "gYearMonth")
	XSDInteger    = Term(XSD, "integer")
	XSDDecimal    = Term(XSD, "decimal")
	XSDBoolean    = Term(XSD, "boolean")
)

// Modes of attendance of a schema:Event.
var AttendanceModes = map[string]quad.IRI{
	"mixed":   Term(Schema, "MixedEventAttendanceMode"),
	"online":  Term(Schema, "OnlineEventAttendanceMode"),
	"offline": Term(Schema, "OfflineEventAttendanceMode"),
}

// Project vocabulary terms.
var (
	Bridge          = Term(CG, "Bridge")
	Attendance      = Term(CG, "Attendance")
	Group           = Term(CG, "Group")
	Paragraph       = Term(CG, "Paragraph")
	Directive       = Term(CG, "Directive")
	Target          = Term(CG, "Target")
	Implementation  = Term(CG, "Implementation")
	HasBridge       = Term(CG, "bridge")
	BridgeOf        = Term(CG, "bridgeOf")
	AttendanceEvent = Term(CG, "event")
	Attendee        = Term(CG, "attendee")
	AttendedAt      = Term(CG, "at")
	InRole          = Term(CG, "inRole")
	Evidence        = Term(CG, "evidence")
	AsOf            = Term(CG, "asOf")
	Central         = Term(CG, "central")
	Term_           = Term(CG, "term")
	Post            = Term(CG, "post")
	ImplementedBy   = Term(CG, "implementedBy")
	Implements      = Term(CG, "implements")
	SetBy           = Term(CG, "setBy")
	AddressedTo     = Term(CG, "addressedTo")
	Period          = Term(CG, "period")
	RelativeTo      = Term(CG, "relativeTo")
	UnderDirective  = Term(CG, "underDirective")
	ParagraphCount  = Term(CG, "paragraphCount")
	SourceFile      = Term(CG, "sourceFile")
	SHA256          = Term(CG, "sha256")
	StatedAt        = Term(CG, "statedAt")
	Heads           = Term(CG, "heads")
	ConfersMember   = Term(CG, "confersMembership")
	TermText        = Term(CG, "termText")
	Status          = Term(CG, "status")
	Qualifier       = Term(CG, "qualifier")
	Statement       = Term(CG, "Statement")
	StatedBy        = Term(CG, "statedBy")
	SpeechAct       = Term(CG, "speechAct")
	PossiblySameAs  = Term(CG, "possiblySameAs")
	RetrievedOn     = Term(CG, "retrievedOn")

	HoldingStatus    = Term(CG, "HoldingStatus")
	HoldingQualifier = Term(CG, "HoldingQualifier")
	SpeechActKind    = Term(CG, "SpeechActKind")
)

// WikidataEntity is the namespace of Wikidata's entity IRIs (Q42).
const WikidataEntity = "http://www.wikidata.org/entity/"

// HoldingStatuses, HoldingQualifiers and SpeechActs map each value of the
// data files' status, qualifier and act fields to its SKOS concept.
var (
	HoldingStatuses = map[string]quad.IRI{
		"current": Term(CG, "Current"), "former": Term(CG, "Former"),
		"elected": Term(CG, "Elected"), "re-elected": Term(CG, "ReElected"),
	}
	HoldingQualifiers = map[string]quad.IRI{
		"alternate": Term(CG, "Alternate"), "deputy": Term(CG, "Deputy"), "acting": Term(CG, "Acting"),
	}
	SpeechActs = map[string]quad.IRI{
		"said": Term(CG, "Said"), "reported": Term(CG, "Reported"), "appreciated": Term(CG, "Appreciated"),
		"asked": Term(CG, "Asked"), "proposed": Term(CG, "Proposed"), "emphasised": Term(CG, "Emphasised"),
		"criticised": Term(CG, "Criticised"),
	}
)

// Definition of one project vocabulary term, exported with the data.
type Def struct {
	IRI        quad.IRI
	Class      bool
	Label      string
	Definition string
	SubClassOf quad.IRI // classes only; optional
	Domain     quad.IRI // properties only; optional
	Range      quad.IRI // properties only; optional
	// SubPropertyOf is a property's super-property; optional.
	SubPropertyOf quad.IRI
	// Scheme marks a skos:ConceptScheme (true) or, for a concept, names
	// the scheme it is in (InScheme).
	Scheme   bool
	InScheme quad.IRI
}

// Kind is how the docs table names the term: class, property, concept
// scheme or concept.
func (d Def) Kind() string {
	switch {
	case d.Class:
		return "class"
	case d.Scheme:
		return "concept scheme"
	case d.InScheme != "":
		return "concept"
	}
	return "property"
}

// Defs is the project vocabulary with labels and definitions. The table in
// docs/vocabulary.md is checked against it by a test.
var Defs = []Def{
	{IRI: Bridge, Class: true, SubClassOf: SchemaPlace, Label: "bridge",
		Definition: "A connection point of a hybrid meeting (Vietnamese điểm cầu): a room linked by video to the other points of the same event."},
	{IRI: Attendance, Class: true, Label: "attendance",
		Definition: "The n-ary fact that an agent attended an event at a bridge or place, in zero or more posts, as stated by a source."},
	{IRI: Group, Class: true, SubClassOf: ProvAgent, Label: "group",
		Definition: "An unnamed set of people that a source describes collectively, such as 'delegates' or 'members of the Politburo'."},
	{IRI: Paragraph, Class: true, SubClassOf: ProvEntity, Label: "paragraph",
		Definition: "A numbered paragraph of a source report; facts cite it with prov:wasDerivedFrom."},
	{IRI: Directive, Class: true, SubClassOf: ProvEntity, Label: "directive",
		Definition: "A task or instruction that an agent set at an event, as stated by a source."},
	{IRI: Target, Class: true, SubClassOf: ProvEntity, Label: "target",
		Definition: "A quantitative goal (a number or range with unit and period) set by an agent."},
	{IRI: Implementation, Class: true, SubClassOf: ProvEntity, Label: "implementation",
		Definition: "The fact that an agent implements a document, as stated by a source."},
	{IRI: HasBridge, Domain: SchemaEvent, Range: Bridge, Label: "bridge",
		Definition: "A connection point of the event."},
	{IRI: BridgeOf, Domain: Bridge, Range: SchemaEvent, Label: "bridge of",
		Definition: "The event this connection point belongs to."},
	{IRI: AttendanceEvent, Domain: Attendance, Range: SchemaEvent, Label: "event",
		Definition: "The event attended."},
	{IRI: Attendee, Domain: Attendance, Range: ProvAgent, Label: "attendee",
		Definition: "The person or group who attended."},
	{IRI: AttendedAt, Domain: Attendance, Range: SchemaPlace, Label: "at",
		Definition: "The bridge or place at which the attendee took part."},
	{IRI: InRole, Domain: Attendance, Range: OrgPost, Label: "in role",
		Definition: "A post in which the source says the attendee took part."},
	{IRI: Evidence, Label: "evidence",
		Definition: "A short verbatim quote from the cited paragraph supporting the fact."},
	{IRI: AsOf, Domain: OrgMembership, Label: "as of",
		Definition: "The date on which the source states that the post was held (the source's date)."},
	{IRI: Central, Domain: Bridge, Label: "central",
		Definition: "True for the central bridge of a hybrid event."},
	{IRI: Term_, Label: "term",
		Definition: "The numbered term (Vietnamese khóa) of the body that issued a document."},
	{IRI: Post, Domain: OrgMembership, Range: OrgPost, Label: "post",
		Definition: "The post whose holding an org:Membership records."},
	{IRI: ImplementedBy, Domain: Implementation, Range: ProvAgent, Label: "implemented by",
		Definition: "The agent that implements the document."},
	{IRI: Implements, Domain: Implementation, Label: "implements",
		Definition: "The document being implemented."},
	{IRI: SetBy, Range: ProvAgent, Label: "set by",
		Definition: "The agent who set a directive or target."},
	{IRI: AddressedTo, Label: "addressed to",
		Definition: "The entities (agents, places, ...) a directive, target or statement is addressed to."},
	{IRI: Period, Label: "period",
		Definition: "The period (a year) for which a directive or target applies."},
	{IRI: RelativeTo, Domain: Target, Label: "relative to",
		Definition: "The baseline against which a relative target is measured."},
	{IRI: UnderDirective, Domain: Target, Range: Directive, Label: "under directive",
		Definition: "The directive of which a target is part."},
	{IRI: ParagraphCount, Domain: SchemaReport, Label: "paragraph count",
		Definition: "Number of paragraphs of a source report."},
	{IRI: SourceFile, Domain: SchemaReport, Label: "source file",
		Definition: "File name of the source text the paragraphs are numbered in."},
	{IRI: SHA256, Domain: SchemaReport, Label: "SHA-256",
		Definition: "Hex SHA-256 digest of the source text file."},
	{IRI: StatedAt, Label: "stated at",
		Definition: "The event at which a directive, target or statement was stated."},
	{IRI: Heads, Domain: OrgRole, Label: "heads",
		Definition: "True for a role whose holders head the organisation of their post."},
	{IRI: ConfersMember, Domain: OrgRole, Label: "confers membership",
		Definition: "True for a role whose holders are members of the organisation of their post."},
	{IRI: TermText, Domain: OrgMembership, Label: "term (as written)",
		Definition: "The term of a holding as the source writes it, e.g. 2020–2025."},
	{IRI: Status, Domain: OrgMembership, Range: SKOSConcept, Label: "status",
		Definition: "The status of a holding the source states: a concept of cg:HoldingStatus (current on the source's date unless stated otherwise)."},
	{IRI: Qualifier, Domain: OrgMembership, Range: SKOSConcept, Label: "qualifier",
		Definition: "A qualifier of the role held: a concept of cg:HoldingQualifier (alternate, deputy, acting)."},
	{IRI: HoldingStatus, Scheme: true, Label: "holding status",
		Definition: "The statuses of a holding: current, former, elected, re-elected."},
	{IRI: HoldingStatuses["current"], InScheme: HoldingStatus, Label: "current",
		Definition: "Held on the source's date."},
	{IRI: HoldingStatuses["former"], InScheme: HoldingStatus, Label: "former",
		Definition: "Held before the source's date and no longer held then."},
	{IRI: HoldingStatuses["elected"], InScheme: HoldingStatus, Label: "elected",
		Definition: "Elected to the post, as the source states."},
	{IRI: HoldingStatuses["re-elected"], InScheme: HoldingStatus, Label: "re-elected",
		Definition: "Elected to the post again, as the source states."},
	{IRI: HoldingQualifier, Scheme: true, Label: "holding qualifier",
		Definition: "Qualifiers of a role held: alternate, deputy, acting."},
	{IRI: HoldingQualifiers["alternate"], InScheme: HoldingQualifier, Label: "alternate",
		Definition: "An alternate (Vietnamese dự khuyết) holder of the role."},
	{IRI: HoldingQualifiers["deputy"], InScheme: HoldingQualifier, Label: "deputy",
		Definition: "A deputy holder of the role."},
	{IRI: HoldingQualifiers["acting"], InScheme: HoldingQualifier, Label: "acting",
		Definition: "An acting holder of the role."},
	{IRI: Statement, Class: true, SubClassOf: ProvEntity, Label: "statement",
		Definition: "Something a speaker said, reported, appreciated, asked or proposed that is neither a directive nor a target, as stated by a source and summarised by the curator."},
	{IRI: StatedBy, Domain: Statement, Range: ProvAgent, Label: "stated by",
		Definition: "The person, group or organisation that made a statement."},
	{IRI: SpeechAct, Domain: Statement, Range: SKOSConcept, Label: "speech act",
		Definition: "What the speaker did: a concept of cg:SpeechActKind (said unless the source says otherwise)."},
	{IRI: SpeechActKind, Scheme: true, Label: "speech act kind",
		Definition: "The kinds of statement: said, reported, appreciated, asked, proposed, emphasised, criticised."},
	{IRI: SpeechActs["said"], InScheme: SpeechActKind, Label: "said", Definition: "The speaker said it."},
	{IRI: SpeechActs["reported"], InScheme: SpeechActKind, Label: "reported", Definition: "The speaker reported it (results, a situation)."},
	{IRI: SpeechActs["appreciated"], InScheme: SpeechActKind, Label: "appreciated", Definition: "The speaker appreciated or praised it."},
	{IRI: SpeechActs["asked"], InScheme: SpeechActKind, Label: "asked", Definition: "The speaker asked for it."},
	{IRI: SpeechActs["proposed"], InScheme: SpeechActKind, Label: "proposed", Definition: "The speaker proposed it."},
	{IRI: SpeechActs["emphasised"], InScheme: SpeechActKind, Label: "emphasised", Definition: "The speaker emphasised it."},
	{IRI: SpeechActs["criticised"], InScheme: SpeechActKind, Label: "criticised", Definition: "The speaker criticised it."},
	{IRI: PossiblySameAs, SubPropertyOf: SeeAlso, Label: "possibly same as",
		Definition: "A curator's link to an entity of the same kind, in this or another report, that may be the same; nothing merges on it."},
	{IRI: RetrievedOn, Domain: SchemaReport, Label: "retrieved on",
		Definition: "The date on which the source was retrieved from its URL."},
}
