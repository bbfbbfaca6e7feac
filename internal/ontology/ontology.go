// Package ontology holds the domain facts that the mapping to RDF, query
// resolution and the graph views must agree on: the classes of each kind
// of entity, which properties label an entity (and which label to show),
// and which predicates record provenance. It sits over vocab (the IRIs)
// and imports nothing else of confgraph; kinds are named as in the data
// files ("person", "bridge", ...).
package ontology

import (
	"github.com/cayleygraph/quad"

	v "github.com/confgraph/confgraph/internal/vocab"
)

// classes are the rdf:type IRIs of each kind of entity; the first is the
// class that identifies the kind.
var classes = map[string][]quad.IRI{
	"place":        {v.SchemaPlace},
	"organisation": {v.OrgOrganization, v.ProvAgent},
	"person":       {v.SchemaPerson, v.ProvAgent},
	"group":        {v.Group, v.ProvAgent},
	"event":        {v.SchemaEvent},
	"bridge":       {v.Bridge},
	"role":         {v.OrgRole, v.SKOSConcept},
	"post":         {v.OrgPost},
	"document":     {v.SchemaLegislation, v.ProvEntity},
	"directive":    {v.Directive},
	"target":       {v.Target},
}

// factClasses are the rdf:type IRIs of the fact nodes of each relation
// section (a section whose entries are not entities), by section name.
var factClasses = map[string][]quad.IRI{
	"holdings":        {v.OrgMembership},
	"attendances":     {v.Attendance},
	"implementations": {v.Implementation},
	"statements":      {v.Statement, v.ProvEntity},
}

// FactClasses returns the rdf:type IRIs of the fact nodes of a relation
// section (nil for another name). The slice is shared: do not modify it.
func FactClasses(section string) []quad.IRI { return factClasses[section] }

// Classes returns the rdf:type IRIs given to entities of kind (nil for an
// unknown kind). The slice is shared: do not modify it.
func Classes(kind string) []quad.IRI { return classes[kind] }

// Class returns the class that identifies entities of kind: the first of
// Classes (others, such as prov:Agent, are shared by several kinds).
func Class(kind string) (quad.IRI, bool) {
	cs := classes[kind]
	if len(cs) == 0 {
		return "", false
	}
	return cs[0], true
}

// Two orders of label properties, kept apart on purpose: matching a name a
// user typed accepts every property that names an entity, alternative
// names included, while a display shows the curated preferred label first
// (an English skos:prefLabel such as "Communist Party of Vietnam" rather
// than the report's rdfs:label "Partei") and never an alternative name.
// Both were tried as one order against the previous binary: DisplayOrder
// = MatchOrder changes the node labels of the CSV, DOT and GraphML exports;
// MatchOrder = DisplayOrder plus altLabel changes which name the bundled
// queries cite for a "known:" candidate ("nationale Konferenz" becomes the
// English prefLabel).
var (
	// MatchOrder is every property whose values name an entity, in the
	// order candidate names are collected.
	MatchOrder = []quad.IRI{v.Label, v.PrefLabel, v.AltLabel, v.SchemaName}
	// DisplayOrder is the properties tried in turn for the one label shown.
	DisplayOrder = []quad.IRI{v.PrefLabel, v.SchemaName, v.Label}
)

// Provenance predicates: what a fact rests on, not what it states.
var (
	// DerivedFrom links a fact (an entity, a membership, an attendance, a
	// report's graph) to the paragraph or report it is taken from.
	DerivedFrom = v.WasDerivedFrom
	// AttributedTo links a graph or a curated statement to its author.
	AttributedTo = v.WasAttributedTo
	// PrimarySource links a report's graph to the report.
	PrimarySource = v.HadPrimarySource
	// Evidence is a short verbatim quote from the cited paragraph.
	Evidence = v.Evidence
	// Note is a curator's editorial note.
	Note = v.EditorialNote
)
