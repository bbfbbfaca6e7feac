package popolo_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	cggraph "github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export/popolo"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
)

const report = "party-building-conference-2023-de"

// src is where a seed object comes from: the report's IRI (the seed has
// no URL) and a note with the paragraphs and the quote.
func src(paras, quote string) []popolo.Link {
	return []popolo.Link{{URL: "https://confgraph.example/id/report/" + report,
		Note: "report " + report + " " + paras + `: "` + quote + `"`}}
}

func seed(t *testing.T) popolo.Document {
	t.Helper()
	files, err := dataset.ReadFS(cggraph.Files, ".")
	if err != nil {
		t.Fatal(err)
	}
	var seed []*dataset.File
	for _, f := range files {
		if f.Report.ID.V == report {
			seed = append(seed, f)
		}
	}
	var b bytes.Buffer
	if err := popolo.Write(&b, rdf.FromQuads(mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, seed))); err != nil {
		t.Fatal(err)
	}
	var d popolo.Document
	if err := json.Unmarshal(b.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSeedPeople asserts the Popolo objects of the seed's three named
// people as the report states them (see the FtM fixture for the reading):
// the persons with their Vietnamese names, their seven memberships (post,
// body, role, current on the report's date, so no label suffix and no
// dates), the posts, and who attended where: all three the conference,
// Ngo Dong Hai and Pham Van Tuan at the central bridge, its child event.
func TestSeedPeople(t *testing.T) {
	d := seed(t)
	persons := []popolo.Person{
		{ID: "person/ngo-dong-hai", Name: "Ngo Dong Hai", OtherNames: []popolo.OtherName{{Name: "Ngô Đông Hải", Note: "vi"}},
			Gender: "male", Sources: src("§2, §4", "Genosse Ngo Dong Hai")},
		{ID: "person/pham-van-tuan", Name: "Pham Van Tuan", OtherNames: []popolo.OtherName{{Name: "Phạm Văn Tuấn", Note: "vi"}},
			Gender: "male", Sources: src("§4, §6", "Genosse Pham Van Tuan")},
		{ID: "person/truong-thi-mai", Name: "Truong Thi Mai", OtherNames: []popolo.OtherName{{Name: "Trương Thị Mai", Note: "vi"}},
			Gender: "female", Sources: src("§3, §9", "Genossin Truong Thi Mai")},
	}
	if !reflect.DeepEqual(d.Persons, persons) {
		t.Errorf("persons\n got %+v\nwant %+v", d.Persons, persons)
	}
	m := func(person, post, label, role, org, paras, quote string) popolo.Membership {
		return popolo.Membership{ID: "membership/party-building-conference-2023-de/" + person + "--" + post, Label: label, Role: role,
			PersonID: "person/" + person, OrganizationID: "organisation/" + org, PostID: "post/" + post, Sources: src(paras, quote)}
	}
	memberships := []popolo.Membership{
		m("ngo-dong-hai", "central-committee-member", "Member of the Party Central Committee", "member", "central-committee", "§2, §4", "Mitglied des Zentralkomitees der Partei"),
		m("ngo-dong-hai", "provincial-party-secretary", "Secretary of the Provincial Party Committee", "secretary", "provincial-party-committee", "§2, §4", "Sekretär des Provinzparteikomitees"),
		m("pham-van-tuan", "chair-provincial-organising-committee", "Chair of the Organising Committee of the Provincial Party Committee", "chair", "provincial-organising-committee", "§4, §6", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees"),
		m("pham-van-tuan", "provincial-standing-committee-member", "Member of the Standing Committee of the Provincial Party Committee", "member", "provincial-standing-committee", "§4, §6", "Mitglied des Ständigen Ausschusses"),
		m("truong-thi-mai", "head-central-organising-commission", "Head of the Central Organising Commission", "head", "central-organising-commission", "§3, §9", "Leiterin der Zentralen Organisationskommission"),
		m("truong-thi-mai", "politburo-member", "Member of the Politburo", "member", "politburo", "§3, §9", "Mitglied des Politbüros"),
		m("truong-thi-mai", "secretariat-standing-member", "Standing Member of the Secretariat", "standing member", "secretariat", "§3, §9", "ständiges Mitglied des Sekretariats"),
	}
	if !reflect.DeepEqual(d.Memberships, memberships) {
		t.Errorf("memberships\n got %+v\nwant %+v", d.Memberships, memberships)
	}
	post := func(id, label, en, role, org, paras string) popolo.Post {
		return popolo.Post{ID: "post/" + id, Label: label, OtherLabel: []string{en}, Role: role, OrganizationID: "organisation/" + org,
			Sources: []popolo.Link{{URL: "https://confgraph.example/id/report/" + report, Note: "report " + report + " " + paras}}}
	}
	posts := []popolo.Post{
		post("central-committee-member", "Mitglied des Zentralkomitees der Partei", "Member of the Party Central Committee", "member", "central-committee", "§2, §4"),
		post("chair-provincial-organising-committee", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees", "Chair of the Organising Committee of the Provincial Party Committee", "chair", "provincial-organising-committee", "§4, §6"),
		post("head-central-organising-commission", "Leiterin der Zentralen Organisationskommission", "Head of the Central Organising Commission", "head", "central-organising-commission", "§3, §9"),
		post("politburo-member", "Mitglied des Politbüros", "Member of the Politburo", "member", "politburo", "§3, §9"),
		post("provincial-party-secretary", "Sekretär des Provinzparteikomitees", "Secretary of the Provincial Party Committee", "secretary", "provincial-party-committee", "§2, §4"),
		post("provincial-standing-committee-member", "Mitglied des Ständigen Ausschusses", "Member of the Standing Committee of the Provincial Party Committee", "member", "provincial-standing-committee", "§4, §6"),
		post("secretariat-standing-member", "ständiges Mitglied des Sekretariats", "Standing Member of the Secretariat", "standing member", "secretariat", "§3, §9"),
	}
	if !reflect.DeepEqual(d.Posts, posts) {
		t.Errorf("posts\n got %+v\nwant %+v", d.Posts, posts)
	}
	attendees := map[string][]popolo.Attendee{}
	parents := map[string]string{}
	for _, e := range d.Events {
		attendees[e.ID] = e.Attendees
		parents[e.ID] = e.ParentID
	}
	hai, tuan, mai := popolo.Attendee{ID: "person/ngo-dong-hai", Name: "Ngo Dong Hai"},
		popolo.Attendee{ID: "person/pham-van-tuan", Name: "Pham Van Tuan"}, popolo.Attendee{ID: "person/truong-thi-mai", Name: "Truong Thi Mai"}
	wantAtt := map[string][]popolo.Attendee{
		"event/party-building-conference-2023": {hai, tuan, mai},
		"bridge/central-bridge":                {hai, tuan},
		"bridge/thai-binh-bridge":              nil,
	}
	if !reflect.DeepEqual(attendees, wantAtt) {
		t.Errorf("attendees %+v\nwant %+v", attendees, wantAtt)
	}
	wantParents := map[string]string{"event/party-building-conference-2023": "",
		"bridge/central-bridge": "event/party-building-conference-2023", "bridge/thai-binh-bridge": "event/party-building-conference-2023"}
	if !reflect.DeepEqual(parents, wantParents) {
		t.Errorf("parents %v, want %v", parents, wantParents)
	}
}
