package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
	v "github.com/confgraph/confgraph/internal/vocab"
)

// sourceDir is ../shared/source seen from the repository root.
var sourceDir = filepath.Join("..", "..", "shared", "source")

func readFiles(t *testing.T) []*dataset.File {
	t.Helper()
	files, err := dataset.ReadFS(graph.Files, ".")
	if err != nil {
		t.Fatalf("embedded data does not validate:\n%v", err)
	}
	if len(files) == 0 {
		t.Fatal("no embedded data files")
	}
	return files
}

// TestEvidenceIsInSource checks every data file that names its source text
// against it: digest, paragraph count, and that every quote stands in a
// cited paragraph. A file without source: (a public page whose text is not
// kept, see TestUnkeptSourcesNameTheirPage) has nothing to check here.
func TestEvidenceIsInSource(t *testing.T) {
	if _, err := os.Stat(sourceDir); err != nil {
		t.Skipf("source reports not found at %s (../shared is absent outside the project workspace): %v", sourceDir, err)
	}
	for _, f := range readFiles(t) {
		t.Run(f.Report.ID.V, func(t *testing.T) {
			if f.Report.Source.V == "" {
				t.Skipf("%s names no source text; its quotes were checked against the page when curated", f.Path)
			}
			data, err := os.ReadFile(filepath.Join(sourceDir, f.Report.Source.V))
			if err != nil {
				t.Fatalf("source of %s: %v", f.Path, err)
			}
			sum := sha256.Sum256(data)
			if got := hex.EncodeToString(sum[:]); got != f.Report.SHA256.V {
				t.Errorf("sha256 of %s = %s, data file says %s", f.Report.Source.V, got, f.Report.SHA256.V)
			}
			paras := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
			if len(paras) != f.Report.Paragraphs.V {
				t.Errorf("source has %d paragraphs, data file says %d", len(paras), f.Report.Paragraphs.V)
			}
			if a := f.Report.AuthorParagraph.V; strings.TrimSpace(paras[a-1]) != f.Report.Author.V {
				t.Errorf("paragraph %d is %q, not the author line %q", a, paras[a-1], f.Report.Author.V)
			}
			norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
			n := 0
			for _, fact := range facts(f) {
				if fact.Quote.V == "" {
					continue
				}
				n++
				found := false
				for _, c := range fact.Cite {
					if strings.Contains(norm(paras[c.V-1]), norm(fact.Quote.V)) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s:%d: quote %q is in none of the cited paragraphs %v", f.Path, fact.Quote.Line, fact.Quote.V, cites(fact))
				}
			}
			if n < 50 {
				t.Errorf("only %d quotes checked; expected the curated file to quote its evidence", n)
			}
		})
	}
}

// TestUnkeptSourcesNameTheirPage: a data file whose text is not kept beside
// the project (no source:) says where it was read and when: url, retrieved,
// and a note (which states the paragraph split).
func TestUnkeptSourcesNameTheirPage(t *testing.T) {
	for _, f := range readFiles(t) {
		r := f.Report
		if r.Source.V != "" {
			continue
		}
		if r.URL.V == "" || r.Retrieved.V == "" || r.Note.V == "" {
			t.Errorf("%s: no source:, so url: (%q), retrieved: (%q) and a note: on the paragraph split are needed", f.Path, r.URL.V, r.Retrieved.V)
		}
		if r.SHA256.V != "" {
			t.Errorf("%s: sha256: without source:", f.Path)
		}
	}
}

func cites(f dataset.Fact) []int {
	var out []int
	for _, c := range f.Cite {
		out = append(out, c.V)
	}
	return out
}

// facts lists the provenance of every entity and relation of f, section by
// section of dataset.Sections (each entry has a Fact, its own or its entity's).
func facts(f *dataset.File) []dataset.Fact {
	var out []dataset.Fact
	for _, sec := range dataset.Sections {
		for i := range sec.Len(f) {
			out = append(out, reflect.ValueOf(sec.Entry(f, i)).Elem().FieldByName("Fact").Interface().(dataset.Fact))
		}
	}
	return out
}

// kb indexes the quads read back from a store.
type kb struct {
	t    *testing.T
	out  map[quad.Value]map[quad.IRI][]quad.Value
	subj map[string][]quad.Value // report-language label -> subjects
}

// readBack reads the quads of the named graphs in graphs (all quads when
// none is named).
func readBack(t *testing.T, s *store.Store, graphs ...quad.Value) *kb {
	t.Helper()
	qs, err := s.Quads(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	k := &kb{t: t, out: map[quad.Value]map[quad.IRI][]quad.Value{}, subj: map[string][]quad.Value{}}
	for _, q := range qs {
		if len(graphs) > 0 && !slices.Contains(graphs, q.Label) {
			continue
		}
		for _, val := range []quad.Value{q.Subject, q.Object, q.Label} {
			if _, ok := val.(quad.BNode); ok {
				t.Errorf("blank node in output: %s", q.NQuad())
			}
		}
		p := q.Predicate.(quad.IRI)
		m := k.out[q.Subject]
		if m == nil {
			m = map[quad.IRI][]quad.Value{}
			k.out[q.Subject] = m
		}
		m[p] = append(m[p], q.Object)
		if p == v.Label {
			if ls, ok := q.Object.(quad.LangString); ok {
				k.subj[string(ls.Value)] = append(k.subj[string(ls.Value)], q.Subject)
			}
		}
	}
	return k
}

// one returns the single subject labelled name of class c.
func (k *kb) one(name string, c quad.IRI) quad.Value {
	k.t.Helper()
	var hits []quad.Value
	for _, s := range k.subj[name] {
		if k.has(s, v.Type, c) {
			hits = append(hits, s)
		}
	}
	if len(hits) != 1 {
		k.t.Fatalf("%d subjects of type %s labelled %q, want 1", len(hits), c, name)
	}
	return hits[0]
}

func (k *kb) has(s quad.Value, p quad.IRI, o quad.Value) bool {
	for _, x := range k.out[s][p] {
		if x == o {
			return true
		}
	}
	return false
}

func (k *kb) objs(s quad.Value, p quad.IRI) []quad.Value { return k.out[s][p] }

// label is the report-language label of s.
func (k *kb) label(s quad.Value) string {
	for _, l := range k.objs(s, v.Label) {
		if ls, ok := l.(quad.LangString); ok {
			return string(ls.Value)
		}
	}
	return ""
}

func (k *kb) labels(s quad.Value, p quad.IRI) []string {
	var out []string
	for _, o := range k.objs(s, p) {
		out = append(out, k.label(o))
	}
	sort.Strings(out)
	return out
}

// paragraphs lists the paragraph numbers s cites.
func (k *kb) paragraphs(s quad.Value) []int {
	var out []int
	for _, p := range k.objs(s, v.WasDerivedFrom) {
		for _, n := range k.objs(p, v.SchemaPosition) {
			ts := n.(quad.TypedString)
			var i int
			for _, r := range ts.Value {
				i = i*10 + int(r-'0')
			}
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// held lists, sorted, the labels of what person's memberships link by p
// (cg:post, org:organization), only those whose role has flag (cg:heads,
// cg:confersMembership) when flag is not empty.
func (k *kb) held(person quad.Value, p, flag quad.IRI) []string {
	var out []string
	for s := range k.out {
		if !k.has(s, v.Type, v.OrgMembership) || !k.has(s, v.OrgMember, person) {
			continue
		}
		if flag != "" {
			ok := false
			for _, r := range k.objs(s, v.OrgRoleP) {
				ok = ok || k.lit(r, flag) == "true"
			}
			if !ok {
				continue
			}
		}
		for _, o := range k.objs(s, p) {
			out = append(out, k.label(o))
		}
	}
	sort.Strings(out)
	return out
}

func (k *kb) lit(s quad.Value, p quad.IRI) string {
	for _, o := range k.objs(s, p) {
		switch o := o.(type) {
		case quad.TypedString:
			return string(o.Value)
		case quad.LangString:
			return string(o.Value)
		case quad.String:
			return string(o)
		}
	}
	return ""
}

func eq[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func openStores(t *testing.T) map[string]*store.Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*store.Store{}
	for name, path := range map[string]string{"memstore": "", "bolt": filepath.Join(t.TempDir(), "cg.db")} {
		s, err := store.Open(ctx, name, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		m := mapping.IRIs{Base: mapping.DefaultBase}
		if _, err := s.Replace(ctx, mapping.All(m, readFiles(t))); err != nil {
			t.Fatalf("load into %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// seedReport is the report ID of the seed, the German report whose facts
// TestFactsInStore checks.
const seedReport = "party-building-conference-2023-de"

// TestFactsInStore loads the curated data (every report) into each embedded
// backend and reads the seed report's facts back from Cayley, from its named
// graph and the vocabulary: the other reports change none of them. Expected
// values come from the source text; paragraph numbers are its lines.
func TestFactsInStore(t *testing.T) {
	m := mapping.IRIs{Base: mapping.DefaultBase}
	for name, s := range openStores(t) {
		t.Run(name, func(t *testing.T) {
			k := readBack(t, s, m.Graph(seedReport), mapping.VocabGraph)

			// §1: the conference, 28 December (2023), Hanoi, hybrid, organised
			// by the Central Organising Commission ("Zentrales Organisationskomitee").
			ev := k.one("nationale Konferenz", v.SchemaEvent)
			if got := k.lit(ev, v.SchemaStartDate); got != "2023-12-28" {
				t.Errorf("event date %q", got)
			}
			if !k.has(ev, v.SchemaAttendMode, v.AttendanceModes["mixed"]) {
				t.Error("event is not marked as mixed (hybrid) attendance, §1")
			}
			if got := k.labels(ev, v.SchemaLocation); !eq(got, []string{"Hanoi"}) {
				t.Errorf("event location %v, want Hanoi (§1)", got)
			}
			if got := k.labels(ev, v.SchemaOrganizer); !eq(got, []string{"Zentrale Organisationskommission"}) {
				t.Errorf("organiser %v (§1)", got)
			}
			if got := k.labels(ev, v.HasBridge); !eq(got, []string{"Thai-Binh-Brücke", "Zentralbrücke"}) {
				t.Errorf("bridges %v, want the central and the Thai Binh bridge (§2, §4)", got)
			}

			// Attendances: who, where, in which posts, citing which paragraphs.
			type att struct {
				who, at string
				roles   []string
				paras   []int
			}
			want := []att{
				{"Truong Thi Mai", "Hanoi", []string{"Leiterin der Zentralen Organisationskommission", "Mitglied des Politbüros", "ständiges Mitglied des Sekretariats"}, []int{3}},
				{"Ngo Dong Hai", "Zentralbrücke", []string{"Mitglied des Zentralkomitees der Partei", "Sekretär des Provinzparteikomitees"}, []int{2, 4}},
				{"Pham Van Tuan", "Zentralbrücke", []string{"Mitglied des Ständigen Ausschusses", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees"}, []int{4, 6}},
				{"Genossen Mitglieder des Politbüros", "Hanoi", []string{"Mitglied des Politbüros"}, []int{3}},
				{"Sekretäre des Zentralkomitees der Partei", "Hanoi", nil, []int{3}},
				{"Mitglieder des Zentralen Exekutivkomitees der Partei", "Hanoi", []string{"Mitglied des Zentralkomitees der Partei"}, []int{3}},
				{"Leiter von Abteilungen, Zweigstellen, Zentralagenturen und Parteikomitees auf Provinz- und Stadtebene", "Hanoi", nil, []int{3}},
				{"Führungskräfte und Funktionäre des Organisationsausschusses des Provinzparteikomitees", "Thai-Binh-Brücke", nil, []int{4, 8}},
				{"Führungskräfte und Funktionäre des Innenministeriums", "Thai-Binh-Brücke", nil, []int{4, 8}},
				{"Führungskräfte der Organisationsausschüsse der Bezirksparteikomitees, der Stadtparteikomitees und der dem Provinzparteikomitee direkt unterstellten Parteikomitees", "Thai-Binh-Brücke", nil, []int{4}},
				{"Delegierte", "Zentralbrücke", nil, []int{2, 6}},
				{"Delegierte", "Thai-Binh-Brücke", nil, []int{8}},
			}
			var atts []quad.Value
			for s, m := range k.out {
				for _, o := range m[v.Type] {
					if o == v.Attendance {
						atts = append(atts, s)
					}
				}
			}
			if len(atts) != len(want) {
				t.Errorf("%d attendances in store, the report states %d", len(atts), len(want))
			}
			for _, w := range want {
				found := false
				for _, a := range atts {
					who := k.objs(a, v.Attendee)
					if len(who) != 1 || k.label(who[0]) != w.who || k.labels(a, v.AttendedAt)[0] != w.at {
						continue
					}
					found = true
					if got := k.labels(a, v.InRole); !eq(got, w.roles) && !(len(got) == 0 && len(w.roles) == 0) {
						t.Errorf("%s at %s: roles %v, want %v", w.who, w.at, got, w.roles)
					}
					if got := k.paragraphs(a); !eq(got, w.paras) {
						t.Errorf("%s at %s: cites %v, want %v", w.who, w.at, got, w.paras)
					}
					if !k.has(ev, v.SchemaAttendee, who[0]) {
						t.Errorf("%s missing as schema:attendee of the event", w.who)
					}
				}
				if !found {
					t.Errorf("no attendance of %q at %q", w.who, w.at)
				}
			}

			// Posts held on the report's date (§2, §3, §4, §6, §9).
			posts := map[string][]string{
				"Truong Thi Mai": {"Leiterin der Zentralen Organisationskommission", "Mitglied des Politbüros", "ständiges Mitglied des Sekretariats"},
				"Ngo Dong Hai":   {"Mitglied des Zentralkomitees der Partei", "Sekretär des Provinzparteikomitees"},
				"Pham Van Tuan":  {"Mitglied des Ständigen Ausschusses", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees"},
			}
			for who, ps := range posts {
				p := k.one(who, v.SchemaPerson)
				if got := k.held(p, v.Post, ""); !eq(got, ps) {
					t.Errorf("%s holds %v, want %v", who, got, ps)
				}
			}
			mai := k.one("Truong Thi Mai", v.SchemaPerson)
			// "Genossin" (§3) and "Genosse" (§2, §4, §6).
			for who, g := range map[string]string{"Truong Thi Mai": "Female", "Ngo Dong Hai": "Male", "Pham Van Tuan": "Male"} {
				if !k.has(k.one(who, v.SchemaPerson), v.SchemaGender, v.Term(v.Schema, g)) {
					t.Errorf("%s is not marked %s", who, g)
				}
			}
			if got := k.held(mai, v.OrgOrganizationP, v.Heads); !eq(got, []string{"Zentrale Organisationskommission"}) {
				t.Errorf("Truong Thi Mai heads %v; §3 says Leiterin der Zentralen Organisationskommission", got)
			}
			if got := k.held(k.one("Pham Van Tuan", v.SchemaPerson), v.OrgOrganizationP, v.Heads); !eq(got, []string{"Organisationsausschuss des Provinzparteikomitees"}) {
				t.Errorf("Pham Van Tuan heads %v; §4 says Vorsitzender des Organisationsausschusses", got)
			}
			if got := k.held(k.one("Ngo Dong Hai", v.SchemaPerson), v.OrgOrganizationP, v.Heads); len(got) != 0 {
				t.Errorf("Ngo Dong Hai heads %v; the report states no headship for a secretary", got)
			}
			if got := k.held(mai, v.OrgOrganizationP, v.ConfersMember); !eq(got, []string{"Politbüro", "Sekretariat", "Zentrale Organisationskommission"}) {
				t.Errorf("Truong Thi Mai member of %v", got)
			}
			pc := k.one("Provinzparteikomitee", v.OrgOrganization)
			for _, body := range []string{"Organisationsausschuss des Provinzparteikomitees", "Ständiger Ausschuss"} {
				if !k.has(k.one(body, v.OrgOrganization), v.OrgSubOrgOf, pc) {
					t.Errorf("%s is not a sub-organisation of the Provinzparteikomitee (§4)", body)
				}
			}
			var memberships int
			for s := range k.out {
				if k.has(s, v.Type, v.OrgMembership) {
					memberships++
					if k.lit(s, v.AsOf) != "2023-12-28" || len(k.paragraphs(s)) == 0 {
						t.Errorf("membership %s lacks its date or paragraphs", s)
					}
					// The report states each post as held at the conference.
					if !k.has(s, v.Status, v.HoldingStatuses["current"]) {
						t.Errorf("membership %s is not marked cg:Current", s)
					}
				}
			}
			if memberships != 7 {
				t.Errorf("%d memberships, want 7 (3 + 2 + 2 posts)", memberships)
			}

			// §5: Resolution 21-NQ/TW of the Central Committee, 13th term.
			doc := k.one("Resolution Nr. 21-NQ/TW des Zentralkomitees der Partei (13. Amtszeit)", v.SchemaLegislation)
			if k.lit(doc, v.SchemaIdentifier) != "21-NQ/TW" || k.lit(doc, v.Term_) != "13" {
				t.Errorf("resolution identifier %q term %q", k.lit(doc, v.SchemaIdentifier), k.lit(doc, v.Term_))
			}
			if got := k.labels(doc, v.SchemaLegislator); !eq(got, []string{"Zentralkomitee der Partei"}) {
				t.Errorf("resolution issued by %v", got)
			}
			if got := k.paragraphs(doc); !eq(got, []int{5}) {
				t.Errorf("resolution cites %v, want [5]", got)
			}
			// §5: party committees and organisations at all levels implemented
			// 21-NQ/TW; the whole party-building organisation sector
			// implemented the resolution of the 13th congress.
			res13 := k.one("Resolution des 13. Nationalen Parteitags", v.SchemaLegislation)
			for d, by := range map[quad.Value]string{
				doc:   "Parteikomitees und -organisationen auf allen Ebenen",
				res13: "Sektor Parteiaufbauorganisation",
			} {
				impl := 0
				for s := range k.out {
					if k.has(s, v.Implements, d) && eq(k.labels(s, v.ImplementedBy), []string{by}) && eq(k.paragraphs(s), []int{5}) {
						impl++
					}
				}
				if impl != 1 {
					t.Errorf("%d implementations of %s by %s citing §5, want 1", impl, k.label(d), by)
				}
			}

			// §10: targets set by Truong Thi Mai; the year 2024 from §7 and §9.
			tg := k.one("Zahl der Neuaufnahmen der Partei im Vergleich zum Jahresbeginn um 3–4 % erhöhen", v.Target)
			if k.lit(tg, v.SchemaMinValue) != "3" || k.lit(tg, v.SchemaMaxValue) != "4" || k.lit(tg, v.SchemaUnitText) != "%" || k.lit(tg, v.Period) != "2024" {
				t.Errorf("3–4 %% target: min %q max %q unit %q period %q", k.lit(tg, v.SchemaMinValue), k.lit(tg, v.SchemaMaxValue), k.lit(tg, v.SchemaUnitText), k.lit(tg, v.Period))
			}
			cut := k.one("140 Stellen abbauen", v.Target)
			if k.lit(cut, v.SchemaValue) != "140" || k.lit(cut, v.SchemaUnitText) != "Stellen" {
				t.Errorf("140 target: value %q unit %q", k.lit(cut, v.SchemaValue), k.lit(cut, v.SchemaUnitText))
			}
			for _, x := range []quad.Value{tg, cut} {
				if !k.has(x, v.SetBy, mai) || !eq(k.paragraphs(x), []int{7, 9, 10}) {
					t.Errorf("target %s not set by Truong Thi Mai citing §7, §9, §10", x)
				}
			}
			// §9: Truong Thi Mai's call to the whole sector, and the
			// responsibility the Politburo assigned; §10: seven tasks she set.
			byMai, byPolitburo := 0, 0
			politburo := k.one("Politbüro", v.OrgOrganization)
			for s := range k.out {
				if !k.has(s, v.Type, v.Directive) {
					continue
				}
				switch {
				case k.has(s, v.SetBy, mai):
					byMai++
				case k.has(s, v.SetBy, politburo):
					byPolitburo++
				default:
					t.Errorf("directive %s set by %v", s, k.labels(s, v.SetBy))
				}
			}
			if byMai != 8 || byPolitburo != 1 {
				t.Errorf("%d directives by Truong Thi Mai, %d by the Politburo; want 8 (§9: 1, §10: 7) and 1 (§9)", byMai, byPolitburo)
			}
			call := k.one("Richtlinien und Beschlüsse der Partei zum Parteiaufbau und zur Organisationsarbeit vollständig verinnerlichen und strikt umsetzen", v.Directive)
			if got := k.labels(call, v.AddressedTo); !eq(got, []string{"Sektor Parteiaufbauorganisation"}) {
				t.Errorf("§9 directive addressed to %v, want the whole sector", got)
			}

			// Curator labels are marked as the curator's, not the report's.
			vi := quad.LangString{Value: "Trương Thị Mai", Lang: "vi"}
			if !k.has(mai, v.PrefLabel, vi) {
				t.Error("Vietnamese label of Truong Thi Mai missing")
			}
			attributed := false
			for s := range k.out {
				if k.has(s, v.RDFSubject, mai) && k.has(s, v.RDFObject, vi) && len(k.objs(s, v.WasAttributedTo)) == 1 {
					attributed = true
				}
			}
			if !attributed {
				t.Error("Vietnamese label is not attributed to the curator")
			}
		})
	}
}

// TestGraphDescribesReport checks the named graph and its PROV description.
func TestGraphDescribesReport(t *testing.T) {
	s := openStores(t)["memstore"]
	graphs, err := s.Graphs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := mapping.IRIs{Base: mapping.DefaultBase}
	files := readFiles(t)
	if len(graphs) != len(files)+1 {
		t.Errorf("%d graphs %v, want the vocabulary and one per data file (%d)", len(graphs), graphs, len(files))
	}
	for _, f := range files {
		if !slices.Contains(graphs, quad.Value(m.Graph(f.Report.ID.V))) {
			t.Errorf("no graph for report %s", f.Report.ID.V)
		}
	}
	g := m.Graph(seedReport)
	k := readBack(t, s, g, mapping.VocabGraph)
	rep := m.Report(seedReport)
	for _, c := range []struct {
		p quad.IRI
		o quad.Value
	}{{v.Type, v.ProvBundle}, {v.HadPrimarySource, rep}, {v.WasDerivedFrom, rep}} {
		if !k.has(g, c.p, c.o) {
			t.Errorf("graph node lacks %s %s", c.p, c.o)
		}
	}
	if k.lit(rep, v.SchemaInLanguage) != "de" || k.lit(rep, v.ParagraphCount) != "13" {
		t.Errorf("report language %q paragraphs %q", k.lit(rep, v.SchemaInLanguage), k.lit(rep, v.ParagraphCount))
	}
	if got := k.labels(rep, v.SchemaAuthor); !eq(got, []string{"Dao Quyen"}) {
		t.Errorf("author %v, want Dao Quyen (§11)", got)
	}
}
