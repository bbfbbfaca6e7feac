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
	OrgMemberOf       = Term(ORG, "memberOf")
	OrgHeadOf         = Term(ORG, "headOf")
	OrgHolds          = Term(ORG, "holds")
	OrgHeldBy         = Term(ORG, "heldBy")
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

	XSDDate    = Term(XSD, "date")
	XSDGYear   = Term(XSD, "gYear")
	XSDInteger = Term(XSD, "integer")
	XSDDecimal = Term(XSD, "decimal")
	XSDBoolean = Term(XSD, "boolean")
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
	{IRI: AddressedTo, Range: ProvAgent, Label: "addressed to",
		Definition: "The agents a directive or target is addressed to."},
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
		Definition: "The event at which a directive or target was stated."},
}
