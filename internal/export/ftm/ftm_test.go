package ftm_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	cggraph "github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export/ftm"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
)

const report = "party-building-conference-2023-de"

func seed(t *testing.T) map[string]ftm.Entity {
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
	if err := ftm.Write(&b, rdf.FromQuads(mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, seed))); err != nil {
		t.Fatal(err)
	}
	out := map[string]ftm.Entity{}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		var e ftm.Entity
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		out[e.ID] = e
	}
	return out
}

type props = map[string][]string

// holding is one post a person holds, as the seed report states it.
type holding struct {
	post, name, en, org, role string
	paras, quote              string
}

// person is one of the seed's three named people: names, gender, the
// curator's note, the paragraphs and quote that name them, their posts,
// and where and as what they attended the conference.
type person struct {
	id, name, vi, gender, note, paras, quote string
	holds                                    []holding
	attendedAt, attendedAs, attendNote       string
	attendParas, attendQuote, attendanceID   string
}

// The seed report as read (graph/2023-12-28-party-building-conference.yaml,
// and the source text it cites): §3 and §9 name Truong Thi Mai member of
// the Politburo, standing member of the Secretariat and head of the
// Central Organising Commission, attending in Hanoi (§3); §2 and §4 name
// Ngo Dong Hai member of the Party Central Committee and secretary of the
// provincial party committee, §4 and §6 Pham Van Tuan member of the
// standing committee and chair of the provincial organising committee,
// both attending at the central bridge. All holdings are current on the
// report's date, 28 December 2023; the report gives no start or end.
var people = []person{
	{
		id: "truong-thi-mai", name: "Truong Thi Mai", vi: "Trương Thị Mai", gender: "female",
		note:  `Paragraphs 3 and 9 call her "Genossin" (female); paragraph 10 continues with "schlug er vor" (he proposed). The curator attributes paragraph 10 to her as the only speaker named, and records the pronoun as written.`,
		paras: "§3, §9", quote: "Genossin Truong Thi Mai",
		holds: []holding{
			{"politburo-member", "Mitglied des Politbüros", "Member of the Politburo", "politburo", "member", "§3, §9", "Mitglied des Politbüros"},
			{"secretariat-standing-member", "ständiges Mitglied des Sekretariats", "Standing Member of the Secretariat", "secretariat", "standing member", "§3, §9", "ständiges Mitglied des Sekretariats"},
			{"head-central-organising-commission", "Leiterin der Zentralen Organisationskommission", "Head of the Central Organising Commission", "central-organising-commission", "head", "§3, §9", "Leiterin der Zentralen Organisationskommission"},
		},
		attendanceID: "party-building-conference-2023--truong-thi-mai--hanoi",
		attendedAt:   "Hanoi", attendedAs: "Head of the Central Organising Commission; Member of the Politburo; Standing Member of the Secretariat",
		attendNote:  `Paragraph 3 places her "in Hanoi" without naming a bridge; the curator does not assign her to the central bridge.`,
		attendParas: "§3", attendQuote: "An der Konferenz in Hanoi nahmen Genossin Truong Thi Mai",
	},
	{
		id: "ngo-dong-hai", name: "Ngo Dong Hai", vi: "Ngô Đông Hải", gender: "male",
		paras: "§2, §4", quote: "Genosse Ngo Dong Hai",
		holds: []holding{
			{"central-committee-member", "Mitglied des Zentralkomitees der Partei", "Member of the Party Central Committee", "central-committee", "member", "§2, §4", "Mitglied des Zentralkomitees der Partei"},
			{"provincial-party-secretary", "Sekretär des Provinzparteikomitees", "Secretary of the Provincial Party Committee", "provincial-party-committee", "secretary", "§2, §4", "Sekretär des Provinzparteikomitees"},
		},
		attendanceID: "party-building-conference-2023--ngo-dong-hai--central-bridge",
		attendedAt:   "central bridge", attendedAs: "Member of the Party Central Committee; Secretary of the Provincial Party Committee",
		attendNote:  "As written. The report places the provincial secretary at the central bridge while the officials of his province attend at the Thai Binh bridge (paragraphs 4, 8); the original may have meant the provincial bridge. Not corrected.",
		attendParas: "§2, §4", attendQuote: "nahmen an der Konferenz an der Zentralbrücke teil",
	},
	{
		id: "pham-van-tuan", name: "Pham Van Tuan", vi: "Phạm Văn Tuấn", gender: "male",
		paras: "§4, §6", quote: "Genosse Pham Van Tuan",
		holds: []holding{
			{"provincial-standing-committee-member", "Mitglied des Ständigen Ausschusses", "Member of the Standing Committee of the Provincial Party Committee", "provincial-standing-committee", "member", "§4, §6", "Mitglied des Ständigen Ausschusses"},
			{"chair-provincial-organising-committee", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees", "Chair of the Organising Committee of the Provincial Party Committee", "provincial-organising-committee", "chair", "§4, §6", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees"},
		},
		attendanceID: "party-building-conference-2023--pham-van-tuan--central-bridge",
		attendedAt:   "central bridge", attendedAs: "Chair of the Organising Committee of the Provincial Party Committee; Member of the Standing Committee of the Provincial Party Committee",
		attendNote:  "As written; the same doubt as for Ngo Dong Hai applies. Not corrected.",
		attendParas: "§4, §6", attendQuote: "nahmen an der Konferenz auf der Zentralbrücke teil",
	},
}

func cite(paras, quote string) []string {
	return []string{"report " + report + " " + paras + `: "` + quote + `"`}
}

// expected writes out the entities the mapping in docs/ftm.md gives the
// people above.
func expected() []ftm.Entity {
	rep := "cg-report-" + report
	var out []ftm.Entity
	for _, p := range people {
		pid := "cg-person-" + p.id
		pp := props{"name": {p.name}, "alias": {p.vi}, "gender": {p.gender}, "proof": {rep}}
		if p.note != "" {
			pp["notes"] = []string{p.note}
		}
		out = append(out,
			ftm.Entity{ID: pid, Schema: "Person", Properties: pp},
			ftm.Entity{ID: "cg-documentation-person-" + p.id + "-in-" + report, Schema: "Documentation", Properties: props{
				"document": {rep}, "entity": {pid}, "role": {"source"}, "summary": cite(p.paras, p.quote)}},
			ftm.Entity{ID: "cg-attendance-" + report + "." + p.attendanceID, Schema: "UnknownLink", Properties: props{
				"subject": {pid}, "object": {"cg-event-party-building-conference-2023"}, "role": {"attendee"},
				"description": {p.attendNote, "as " + p.attendedAs, "at " + p.attendedAt},
				"summary":     cite(p.attendParas, p.attendQuote)}},
		)
		for _, h := range p.holds {
			mid := report + "." + p.id + "--" + h.post
			out = append(out,
				ftm.Entity{ID: "cg-occupancy-" + mid, Schema: "Occupancy", Properties: props{
					"holder": {pid}, "post": {"cg-post-" + h.post}, "date": {"2023-12-28"}, "status": {"current"},
					"summary": cite(h.paras, h.quote)}},
				ftm.Entity{ID: "cg-membership-" + mid, Schema: "Membership", Properties: props{
					"member": {pid}, "organization": {"cg-organisation-" + h.org}, "role": {h.role},
					"date": {"2023-12-28"}, "status": {"current"}, "summary": cite(h.paras, h.quote)}},
				ftm.Entity{ID: "cg-post-" + h.post, Schema: "Position", Properties: props{
					"name": {h.name}, "alias": {h.en}, "organization": {"cg-organisation-" + h.org}, "proof": {rep}}},
			)
		}
	}
	return out
}

// TestSeedPeople asserts the exact entities of the seed's three named
// people: each person, the Documentation citing the paragraphs that name
// them, each post held as an Occupancy of a Position of its body and as a
// Membership of that body (every role of the seed confers membership),
// and their attendance of the conference.
func TestSeedPeople(t *testing.T) {
	got := seed(t)
	for _, want := range expected() {
		g, ok := got[want.ID]
		if !ok {
			t.Errorf("no entity %s", want.ID)
			continue
		}
		if !reflect.DeepEqual(g, want) {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(want)
			t.Errorf("entity %s\n got %s\nwant %s", want.ID, gj, wj)
		}
	}
	// no other occupancy, membership or attendance names them
	n := 0
	for _, e := range got {
		for _, p := range people {
			for _, k := range []string{"holder", "member", "subject"} {
				if len(e.Properties[k]) > 0 && e.Properties[k][0] == "cg-person-"+p.id {
					n++
				}
			}
		}
	}
	if n != 3+2*7 {
		t.Errorf("%d intervals and links name the three people, want 3 attendances and 7 holdings twice", n)
	}
}

func TestIDs(t *testing.T) {
	for _, c := range []struct{ iri, want string }{
		{"https://confgraph.example/id/person/truong-thi-mai", "cg-person-truong-thi-mai"},
		{"https://other.example/base/membership/r/a--b--2020", "cg-membership-r.a--b--2020"},
		{"https://other.example/base/membership/a--b--2020", "cg-iri-"}, // a fact node IRI without its report is none of ours
		{"https://confgraph.example/id/nokind/x", "cg-iri-"},
		{"https://confgraph.example/id/person/nguyễn_văn", "cg-person-nguy-n-v-n-"},
	} {
		got := ftm.IDOf(c.iri)
		if !strings.HasPrefix(got, c.want) || len(got) > 200 {
			t.Errorf("IDOf(%s) = %s, want %s…", c.iri, got, c.want)
		}
	}
	long := ftm.MakeID("attendance", strings.Repeat("a", 300))
	if len(long) > 200 || long == ftm.MakeID("attendance", strings.Repeat("a", 301)) {
		t.Errorf("long IDs: %s (%d characters) must be at most 200 and distinct", long, len(long))
	}
	if a, b := ftm.MakeID("person", "a_b"), ftm.MakeID("person", "a.b_"); a == b {
		t.Errorf("sanitized IDs collide: %s", a)
	}
}
