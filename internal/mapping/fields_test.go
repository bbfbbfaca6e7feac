package mapping

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/ontology"
	"github.com/confgraph/confgraph/internal/rdf"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// mapped is what one field of a section must give: a quad with predicate p
// whose subject is an entry of the section and whose object, written as
// N-Quads, contains obj.
type mapped struct {
	p   quad.IRI
	obj string
}

// entity are the fields every entity has.
var entity = map[string]mapped{
	"id":               {v.Type, ""},
	"name":             {v.Label, ""},
	"alt_names":        {v.AltLabel, ""},
	"labels":           {v.PrefLabel, `"@`},
	"same_as":          {v.OWLSameAs, "wikidata.org/entity/Q"},
	"possibly_same_as": {v.PossiblySameAs, ""},
}

// fact are the fields every entity and relation has.
var fact = map[string]mapped{
	"cite":  {ontology.DerivedFrom, "/p"},
	"quote": {ontology.Evidence, ""},
	"note":  {ontology.Note, ""},
}

// fieldMapping is, per section, the quad each of its own fields gives.
var fieldMapping = map[string]map[string]mapped{
	"report": {
		"id": {v.Type, "Report"}, "title": {v.SchemaName, ""}, "description": {v.SchemaDescription, ""},
		"language": {v.SchemaInLanguage, `"de"`}, "author": {v.SchemaAuthor, ""},
		"author_paragraph": {ontology.DerivedFrom, "/p3"}, "date": {v.SchemaDateCreated, "2020-10-15"},
		"date_note": {ontology.Note, "congress"}, "paragraphs": {v.ParagraphCount, ""},
		"source": {v.SourceFile, ""}, "sha256": {v.SHA256, ""}, "url": {v.SchemaURL, "<https://example.org/"},
		"retrieved": {v.RetrievedOn, `"2024-05"^^<` + v.XSD + `gYearMonth>`}, "labels": {v.PrefLabel, "Every report"},
		"note": {ontology.Note, "Made up"},
	},
	"places":        {"in": {v.SchemaContainedIn, ""}},
	"organisations": {"part_of": {v.OrgSubOrgOf, ""}},
	"people":        {"gender": {v.SchemaGender, "Male"}},
	"groups":        {},
	"events": {
		"description": {v.SchemaDescription, ""}, "date": {v.SchemaStartDate, "2020-10-13"}, "end": {v.SchemaEndDate, "2020-10-15"},
		"mode": {v.SchemaAttendMode, "Offline"}, "location": {v.SchemaLocation, ""}, "organiser": {v.SchemaOrganizer, ""},
	},
	"bridges":   {"event": {v.BridgeOf, ""}, "location": {v.SchemaContainedIn, ""}, "central": {v.Central, "true"}},
	"roles":     {"heads": {v.Heads, "true"}, "member": {v.ConfersMember, "true"}},
	"posts":     {"organisation": {v.OrgPostIn, ""}, "role": {v.OrgRoleP, ""}},
	"documents": {"identifier": {v.SchemaIdentifier, ""}, "issuer": {v.SchemaLegislator, ""}, "term": {v.Term_, "13"}},
	"holdings": {
		"person": {v.OrgMember, ""}, "post": {v.Post, ""},
		"start": {v.SchemaStartDate, `"2020-10"^^<` + v.XSD + `gYearMonth>`}, "end": {v.SchemaEndDate, `"2025"^^<` + v.XSD + `gYear>`},
		"term": {v.TermText, "2020–2025"}, "status": {v.Status, "Former"}, "qualifier": {v.Qualifier, "Alternate"},
	},
	"attendances": {
		"id": {v.Type, ""}, "attendee": {v.Attendee, ""}, "event": {v.AttendanceEvent, ""}, "at": {v.AttendedAt, ""},
		"roles": {v.InRole, ""},
	},
	"implementations": {"id": {v.Type, ""}, "document": {v.Implements, ""}, "by": {v.ImplementedBy, ""}, "what": {v.SchemaDescription, ""}},
	"directives": {
		"set_by": {v.SetBy, ""}, "event": {v.StatedAt, ""}, "addressed_to": {v.AddressedTo, "place/hanoi"}, "period": {v.Period, "2021"},
	},
	"targets": {
		"value": {v.SchemaValue, ""}, "min": {v.SchemaMinValue, ""}, "max": {v.SchemaMaxValue, ""}, "unit": {v.SchemaUnitText, ""},
		"relative_to": {v.RelativeTo, ""}, "period": {v.Period, ""}, "set_by": {v.SetBy, ""}, "directive": {v.UnderDirective, ""},
		"event": {v.StatedAt, ""}, "addressed_to": {v.AddressedTo, ""},
	},
	"statements": {
		"id": {v.Type, "Statement"}, "speaker": {v.StatedBy, ""}, "event": {v.StatedAt, ""}, "act": {v.SpeechAct, "Reported"},
		"addressed_to": {v.AddressedTo, ""}, "summary": {v.SchemaDescription, "results"},
	},
}

// subjects is the IRI prefix of the subjects a section's entries map to.
func subjects(s dataset.Section) string {
	switch {
	case s.Kind != "":
		return DefaultBase + string(s.Kind) + "/"
	case s.Name == "holdings":
		return DefaultBase + "membership/"
	}
	return DefaultBase + strings.TrimSuffix(s.Name, "s") + "/"
}

// TestEveryFieldIsMapped reads a file that uses every field of every
// section and checks that each field gives its quad; a field without an
// entry in fieldMapping, or without a quad, fails.
func TestEveryFieldIsMapped(t *testing.T) {
	data, err := os.ReadFile("testdata/every-field.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, errs := dataset.Parse("every-field.yaml", data)
	if len(errs) > 0 {
		t.Fatalf("every-field.yaml does not validate:\n%v", errs)
	}
	qs := File(IRIs{Base: DefaultBase}, f)
	has := func(prefix string, m mapped) bool {
		for _, q := range qs {
			if q.Predicate == m.p && strings.HasPrefix(string(q.Subject.(quad.IRI)), prefix) && strings.Contains(q.Object.String(), m.obj) {
				return true
			}
		}
		return false
	}
	check := func(section, prefix string, n int, fields []string) {
		if n == 0 {
			t.Errorf("every-field.yaml has no entry in section %s", section)
		}
		for _, k := range fields {
			m, ok := fieldMapping[section][k]
			if !ok && section != "report" {
				if m, ok = fact[k]; !ok {
					m, ok = entity[k]
				}
			}
			switch {
			case !ok:
				t.Errorf("field %s of section %s: no expected quad in fieldMapping", k, section)
			case !has(prefix, m):
				t.Errorf("field %s of section %s: no quad %s with a subject %s… and an object containing %q", k, section, m.p, prefix, m.obj)
			}
		}
	}
	// The one encoder writes every field back: the same quads.
	var b bytes.Buffer
	if err := dataset.Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	g, errs := dataset.Parse("every-field.yaml", b.Bytes())
	if len(errs) > 0 {
		t.Fatalf("every-field.yaml written by Encode does not validate: %v\n%s", errs, b.String())
	}
	if want, got := rdf.Dedup(qs), rdf.Dedup(File(IRIs{Base: DefaultBase}, g)); !slices.Equal(want, got) {
		t.Errorf("every-field.yaml: %d quads before Encode, %d after; they differ", len(want), len(got))
	}
	check("report", DefaultBase+"report/", 1, dataset.ReportFields())
	for _, s := range dataset.Sections {
		check(s.Name, subjects(s), s.Len(f), s.Fields())
		if _, ok := fieldMapping[s.Name]; !ok {
			t.Errorf("section %s has no entry in fieldMapping", s.Name)
		}
	}
}

// TestEnumeratedValuesHaveConcepts: each value dataset accepts for status,
// qualifier and act has its SKOS concept, and no concept lacks a value.
func TestEnumeratedValuesHaveConcepts(t *testing.T) {
	for _, c := range []struct {
		field    string
		values   []string
		concepts map[string]quad.IRI
	}{
		{"status", dataset.HoldingStatuses, v.HoldingStatuses},
		{"qualifier", dataset.HoldingQualifiers, v.HoldingQualifiers},
		{"act", dataset.SpeechActs, v.SpeechActs},
	} {
		for _, val := range c.values {
			if c.concepts[val] == "" {
				t.Errorf("%s %q has no concept in vocab", c.field, val)
			}
		}
		if len(c.values) != len(c.concepts) {
			t.Errorf("%s: %d values, %d concepts", c.field, len(c.values), len(c.concepts))
		}
	}
}
