// Package gen generates synthetic corpora in confgraph's YAML data-file
// format for benchmarks: reports shaped like the curated one (a national
// conference in Hanoi with several bridges, attendees holding posts in
// nested party bodies, documents, directives, targets, Vietnamese names with
// diacritics, German body names), deterministic from a seed.
//
// One fact is one RDF statement (quad) in a report's named graph, as
// mapping.File makes it from the generated file: a corpus of N facts loads
// as exactly N quads plus the project vocabulary (graph
// https://confgraph.example/vocab), so "1M facts" and "1M quads" compare
// directly with `cayley load` of the same N-Quads. Each generated YAML
// entry (entity or relation) makes about ten facts; Summary.Entries counts
// the entries.
package gen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/rdf"
)

// MinFacts is the smallest corpus Generate makes: one report needs its
// skeleton (report, places, bodies, events, bridges, documents, directives).
const MinFacts = 2000

// DefaultReportFacts is the mean number of facts per generated report.
const DefaultReportFacts = 5000

// Options selects the size and seed of a corpus.
type Options struct {
	// Facts is the number of quads the corpus maps to, vocabulary excluded.
	Facts int
	// Seed selects the corpus; the same seed and sizes give byte-identical files.
	Seed uint64
	// ReportFacts is the mean number of facts per report (0: DefaultReportFacts).
	ReportFacts int
}

// File is one generated data file.
type File struct {
	Name    string // file name, e.g. report-00001-party-building-2021.yaml
	Data    []byte // the YAML text
	Facts   int    // quads mapping.File makes of it
	Entries int    // entities and relations in it
}

// Summary counts a generated corpus.
type Summary struct {
	Reports, Facts, Entries int
	Bytes                   int64
}

type person struct {
	id, vi, ascii string
	female        bool
}

// SizeError reports a size of Options below MinFacts.
type SizeError struct {
	// ReportFacts is true when the size is Options.ReportFacts, false when
	// it is Options.Facts.
	ReportFacts bool
	Got, Min    int
}

func (e *SizeError) Error() string {
	if e.ReportFacts {
		return fmt.Sprintf("facts per report %d is too small: use at least %d", e.Got, e.Min)
	}
	return fmt.Sprintf("%d facts is too small: a corpus needs at least %d facts (one report)", e.Got, e.Min)
}

// Check reports a size of opt that is too small as a *SizeError.
func (opt Options) Check() error {
	if opt.Facts < MinFacts {
		return &SizeError{Got: opt.Facts, Min: MinFacts}
	}
	if opt.ReportFacts != 0 && opt.ReportFacts < MinFacts {
		return &SizeError{ReportFacts: true, Got: opt.ReportFacts, Min: MinFacts}
	}
	return nil
}

// Generate makes the corpus of opt and hands each file to emit, in name
// order, so that a large corpus is never held in memory at once. Sizes that
// are too small are a *SizeError.
func Generate(opt Options, emit func(File) error) (Summary, error) {
	if err := opt.Check(); err != nil {
		return Summary{}, err
	}
	mean := opt.ReportFacts
	if mean == 0 {
		mean = DefaultReportFacts
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x636f6e6667726170))
	lo, hi := max(MinFacts, mean/2), mean*3/2
	var budgets []int
	for rem := opt.Facts; rem > 0; {
		b := lo + rng.IntN(hi-lo+1)
		if rem-b < MinFacts {
			b = rem
		}
		budgets = append(budgets, b)
		rem -= b
	}
	pool := makePool(rng, max(400, opt.Facts/150, hi/10))
	var sum Summary
	for i, b := range budgets {
		f, err := genReport(opt.Seed, i, b, pool)
		if err != nil {
			return sum, err
		}
		sum.Reports++
		sum.Facts += f.Facts
		sum.Entries += f.Entries
		sum.Bytes += int64(len(f.Data))
		if err := emit(f); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// WriteDir generates the corpus of opt into dir, which must not yet hold
// data files (they would mix with the corpus).
func WriteDir(dir string, opt Options) (Summary, error) {
	if err := opt.Check(); err != nil {
		return Summary{}, err // before the directory is made
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("create output directory: %w", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return Summary{}, fmt.Errorf("read output directory: %w", err)
	}
	for _, e := range ents {
		if dataset.IsDataFile(e.Name()) {
			return Summary{}, fmt.Errorf("%s already holds data files (%s); choose an empty or new directory", dir, e.Name())
		}
	}
	return Generate(opt, func(f File) error {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("write corpus file: %w", err)
		}
		return nil
	})
}

func makePool(rng *rand.Rand, n int) []person {
	seen := map[string]int{}
	out := make([]person, n)
	for i := range out {
		female := rng.IntN(3) == 0
		mid, given := maleMiddle, maleGiven
		if female {
			mid, given = femaleMiddle, femaleGiven
		}
		vi := familyNames[rng.IntN(len(familyNames))] + " " + mid[rng.IntN(len(mid))] + " " + given[rng.IntN(len(given))]
		id := slug(vi)
		seen[id]++
		if k := seen[id]; k > 1 {
			id += "-" + strconv.Itoa(k)
		}
		out[i] = person{id: id, vi: vi, ascii: ascii(vi), female: female}
	}
	return out
}

type post struct{ id, name, en, org, role string }

type event struct {
	id      string
	central string            // central bridge ID
	bridges map[string]string // province slug -> bridge ID
}

type rep struct {
	rng       *rand.Rand
	idx       int
	id        string
	f         *dataset.File
	paras     int
	year      int
	provs     []province
	districts map[string][][2]string // province slug -> district committee ID and German name
	events    []event
	posts     map[string]bool
	used      map[string]bool
	pool      []person
	speaker   person
	lang      string // the report's language: de, en or vi by turn
}

// reportLangs are the languages of the generated reports, by turn.
var reportLangs = []string{"de", "en", "vi"}

// named is the package's named in the report's language: the German name
// (the generator's own) stays for a German report; an English or
// Vietnamese report names the entity with the curator label of its
// language, when there is one, and keeps the German name as a de label.
func (r *rep) named(id dataset.Str, name string, lab dataset.Labels, cite dataset.Cites, quote string) dataset.Named {
	if r.lang != "de" {
		for i, l := range lab {
			if l.Lang.V != r.lang {
				continue
			}
			rest := append(dataset.Labels{{Lang: bare("de"), Text: q(name)}}, lab[:i]...)
			rest = append(rest, lab[i+1:]...)
			name, lab = l.Text.V, rest
			break
		}
	}
	return named(id, name, lab, cite, quote)
}

// q is text written in quotes, bare text written as is (IDs, dates, codes).
func q(s string) dataset.Str    { return dataset.Str{V: s, Quoted: true} }
func bare(s string) dataset.Str { return dataset.Str{V: s} }

func bares(ids ...string) []dataset.Str {
	out := make([]dataset.Str, len(ids))
	for i, id := range ids {
		out[i] = bare(id)
	}
	return out
}

func num(s string) dataset.Num { return dataset.Num{V: s} }

// labels makes curator labels from alternating language tags and texts.
func labels(kv ...string) dataset.Labels {
	var out dataset.Labels
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, dataset.Label{Lang: bare(kv[i]), Text: q(kv[i+1])})
	}
	return out
}

// named is the entity part of an entry; an empty quote is left out.
func named(id dataset.Str, name string, lab dataset.Labels, cite dataset.Cites, quote string) dataset.Named {
	return dataset.Named{ID: id, Name: q(name), Labels: lab, Fact: fact(cite, quote)}
}

func fact(cite dataset.Cites, quote string) dataset.Fact {
	f := dataset.Fact{Cite: cite}
	if quote != "" {
		f.Quote = q(quote)
	}
	return f
}

// cite returns 1 to k distinct paragraph numbers, sorted.
func (r *rep) cite(k int) dataset.Cites {
	k = 1 + r.rng.IntN(k)
	ps := make([]int, 0, k)
	for len(ps) < k {
		p := 1 + r.rng.IntN(r.paras)
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return intList(ps)
}

func intList(ps []int) dataset.Cites {
	c := make(dataset.Cites, len(ps))
	for i, p := range ps {
		c[i] = dataset.Int{V: p, Set: true}
	}
	return c
}

// render writes the report's data file through the one data-file encoder.
func (r *rep) render() []byte {
	var b bytes.Buffer
	if err := dataset.Encode(&b, r.f); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	return b.Bytes()
}

// entries counts the entities and relations of f.
func entries(f *dataset.File) int {
	n := 0
	for _, s := range dataset.Sections {
		n += s.Len(f)
	}
	return n
}

func countFacts(name string, data []byte) (int, error) {
	f, errs := dataset.Parse(name, data)
	if len(errs) > 0 {
		return 0, fmt.Errorf("internal error: generated file %s is invalid: %w", name, errs)
	}
	return len(rdf.Dedup(mapping.File(mapping.IRIs{Base: mapping.DefaultBase}, f))), nil
}

// fillMargin is the gap left for filler places once blocks stop; blockMax
// bounds the facts of one attendee block.
const (
	fillMargin = 40
	blockMax   = 120
)

func genReport(seed uint64, idx, budget int, pool []person) (File, error) {
	r := &rep{rng: rand.New(rand.NewPCG(seed, uint64(idx)+1)), idx: idx, pool: pool, f: &dataset.File{},
		posts: map[string]bool{}, used: map[string]bool{}, districts: map[string][][2]string{},
		lang: reportLangs[idx%len(reportLangs)]}
	r.skeleton(seed)
	name := r.id + ".yaml"
	have, err := countFacts(name, r.render())
	if err != nil {
		return File{}, err
	}
	if budget-have < fillMargin {
		return File{}, fmt.Errorf("internal error: report skeleton has %d facts, more than the budget %d allows", have, budget)
	}
	blocks, base := 0, have
	for budget-have >= fillMargin+blockMax {
		est := blockMax
		if blocks > 0 {
			est = max(20, (have-base)*13/(blocks*10))
		}
		n := max(1, (budget-have-fillMargin)/est)
		// Appending to the sections never changes the entries already in
		// them, so a copy of the File (its slice lengths) is a snapshot.
		snap, snapUsed := *r.f, maps(r.used, r.posts)
		for range n {
			if err := r.block(); err != nil {
				return File{}, err
			}
		}
		got, err := countFacts(name, r.render())
		if err != nil {
			return File{}, err
		}
		if budget-got < fillMargin && est != blockMax {
			// Overshot with the measured estimate: undo and go on with the bound.
			*r.f = snap
			r.used, r.posts = snapUsed[0], snapUsed[1]
			n = max(1, (budget-have-fillMargin)/blockMax)
			for range n {
				if err := r.block(); err != nil {
					return File{}, err
				}
			}
			if got, err = countFacts(name, r.render()); err != nil {
				return File{}, err
			}
		}
		blocks += n
		have = got
	}
	// Fill the rest exactly with communes: a place with `in` and k cited
	// paragraphs maps to 4+k facts.
	for j := 0; budget-have > 0; j++ {
		gap := budget - have
		if gap < 5 {
			return File{}, fmt.Errorf("internal error: cannot fill a gap of %d facts", gap)
		}
		k := 1 + r.rng.IntN(min(r.paras, gap-4))
		if rest := gap - 4 - k; rest > 0 && rest < 5 {
			// A commune makes at least 5 facts: leave 0 or at least 5.
			switch {
			case gap-4 <= r.paras:
				k = gap - 4
			case gap-9 <= r.paras:
				k = gap - 9
			default:
				k = r.paras
			}
		}
		if k < 1 {
			return File{}, fmt.Errorf("internal error: cannot fill a gap of %d facts", gap)
		}
		ps := r.rng.Perm(r.paras)[:k]
		for i := range ps {
			ps[i]++
		}
		slices.Sort(ps)
		p := r.provs[r.rng.IntN(len(r.provs))]
		nm := communeParts[r.rng.IntN(len(communeParts))] + " " + communeParts[r.rng.IntN(len(communeParts))]
		r.f.Places = append(r.f.Places, dataset.Place{
			Named: r.named(q(fmt.Sprintf("xa-%s-%05d-%d", slug(nm), idx+1, j)), "Gemeinde "+nm, nil, intList(ps), ""),
			In:    q(slug(p.vi))})
		have += 4 + k
	}
	data := r.render()
	got, err := countFacts(name, data)
	if err != nil {
		return File{}, err
	}
	if got != budget {
		return File{}, fmt.Errorf("internal error: report %s maps to %d facts, want %d", r.id, got, budget)
	}
	return File{Name: name, Data: data, Facts: got, Entries: entries(r.f)}, nil
}

func maps(a, b map[string]bool) [2]map[string]bool {
	ca, cb := make(map[string]bool, len(a)), make(map[string]bool, len(b))
	for k := range a {
		ca[k] = true
	}
	for k := range b {
		cb[k] = true
	}
	return [2]map[string]bool{ca, cb}
}

var errPool = errors.New("internal error: person pool exhausted for one report; lower the facts per report")

// pick returns a pool person not yet in this report.
func (r *rep) pick() (person, error) {
	start := r.rng.IntN(len(r.pool))
	for i := range r.pool {
		p := r.pool[(start+i)%len(r.pool)]
		if !r.used[p.id] {
			r.used[p.id] = true
			return p, nil
		}
	}
	return person{}, errPool
}

func (r *rep) skeleton(seed uint64) {
	rng := r.rng
	r.year = 2018 + rng.IntN(7)
	r.paras = 20 + rng.IntN(21)
	date := fmt.Sprintf("%d-12-%02d", r.year, 10+rng.IntN(20))
	r.id = fmt.Sprintf("report-%05d-party-building-%d", r.idx+1, r.year)
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%s", seed, r.id)))
	author := r.pool[rng.IntN(len(r.pool))].ascii
	r.f.Comment = fmt.Sprintf("Synthetic report generated by confgraph gen (seed %d); not a real report.", seed)
	r.f.Report = dataset.Report{
		ID:              bare(r.id),
		Title:           q(fmt.Sprintf("Nationale Konferenz zur Überprüfung der Parteiaufbauarbeit %d und zur Festlegung der Aufgaben für %d", r.year, r.year+1)),
		Description:     q(fmt.Sprintf("Synthetic German report on a national party-building conference in Hanoi in %d with several bridges.", r.year)),
		Language:        bare(r.lang),
		Author:          q(author),
		AuthorParagraph: dataset.Int{V: r.paras, Set: true},
		Date:            bare(date),
		Paragraphs:      dataset.Int{V: r.paras, Set: true},
		Source:          q("synthetic/" + r.id + ".txt"),
		SHA256:          bare(hex.EncodeToString(sum[:])),
		Labels:          labels("vi", fmt.Sprintf("Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng năm %d", r.year)),
		Note:            q("Generated for benchmarks; names and figures are invented."),
	}

	// Places: the country, the capital, the provinces of the bridges.
	r.f.Places = append(r.f.Places,
		dataset.Place{Named: r.named(bare("vietnam"), "Vietnam", labels("en", "Vietnam", "vi", "Việt Nam"), r.cite(2), "")},
		dataset.Place{Named: r.named(bare("hanoi"), "Hanoi", labels("en", "Hanoi", "vi", "Hà Nội"), r.cite(2), "in Hanoi"), In: bare("vietnam")})
	for _, i := range rng.Perm(len(provinces))[:2+rng.IntN(5)] {
		r.provs = append(r.provs, provinces[i])
	}
	for _, p := range r.provs {
		r.f.Places = append(r.f.Places, dataset.Place{
			Named: r.named(bare(slug(p.vi)), ascii(p.vi), labels("en", ascii(p.vi)+" Province", "vi", "Tỉnh "+p.vi), r.cite(2), ""),
			In:    bare("vietnam")})
	}

	// Bodies, nested: party > central committee > politburo ...; party >
	// provincial committee > standing/organising committee; district committee
	// > its organising committee.
	org := func(id, name, en, vi, partOf string) {
		lab := labels("en", en)
		if vi != "" {
			lab = labels("en", en, "vi", vi)
		}
		r.f.Organisations = append(r.f.Organisations, dataset.Organisation{Named: r.named(bare(id), name, lab, r.cite(3), ""), PartOf: bare(partOf)})
	}
	org("party", "Partei", "Communist Party of Vietnam", "Đảng Cộng sản Việt Nam", "")
	org("central-committee", "Zentralkomitee der Partei", "Central Committee of the Communist Party of Vietnam", "Ban Chấp hành Trung ương Đảng", "party")
	org("politburo", "Politbüro", "Politburo", "Bộ Chính trị", "central-committee")
	org("secretariat", "Sekretariat", "Secretariat of the Central Committee", "Ban Bí thư", "central-committee")
	org("central-organising-commission", "Zentrale Organisationskommission", "Central Organising Commission", "Ban Tổ chức Trung ương", "central-committee")
	for _, p := range r.provs {
		s, a := slug(p.vi), ascii(p.vi)
		org("ppc-"+s, "Provinzparteikomitee "+a, a+" Provincial Party Committee", "Tỉnh ủy "+p.vi, "party")
		org("ppc-"+s+"-standing", "Ständiger Ausschuss des Provinzparteikomitees "+a, "Standing Committee of the "+a+" Provincial Party Committee", "Ban Thường vụ Tỉnh ủy "+p.vi, "ppc-"+s)
		org("ppc-"+s+"-organising", "Organisationsausschuss des Provinzparteikomitees "+a, "Organising Committee of the "+a+" Provincial Party Committee", "Ban Tổ chức Tỉnh ủy "+p.vi, "ppc-"+s)
		for _, i := range rng.Perm(len(p.districts))[:2+rng.IntN(2)] {
			d := p.districts[i]
			id := "dpc-" + s + "-" + slug(d)
			org(id, "Bezirksparteikomitee "+ascii(d), ascii(d)+" District Party Committee", "Huyện ủy "+d, "ppc-"+s)
			org(id+"-organising", "Organisationsausschuss des Bezirksparteikomitees "+ascii(d), "Organising Committee of the "+ascii(d)+" District Party Committee", "Ban Tổ chức Huyện ủy "+d, id)
			r.districts[s] = append(r.districts[s], [2]string{id, "Bezirksparteikomitees " + ascii(d)})
		}
	}

	// Roles.
	role := func(id, name, en string, heads bool) {
		r.f.Roles = append(r.f.Roles, dataset.Role{Named: r.named(bare(id), name, labels("en", en), r.cite(3), ""),
			Heads: dataset.Flag{V: heads}, Member: dataset.Flag{V: true}})
	}
	role("member", "Mitglied", "member", false)
	role("head", "Leiter", "head", true)
	role("chair", "Vorsitzender", "chair", true)
	role("deputy-chair", "stellvertretender Vorsitzender", "deputy chair", false)
	role("secretary", "Sekretär", "secretary", false)
	role("deputy-secretary", "stellvertretender Sekretär", "deputy secretary", false)

	// Events with their bridges and the delegates at each bridge.
	ne := 1
	if rng.IntN(3) == 0 {
		ne = 2
	}
	for k := range ne {
		ev := event{id: fmt.Sprintf("conference-%05d-%d", r.idx+1, k+1), bridges: map[string]string{}}
		name := "nationale Konferenz zur Parteiaufbauarbeit"
		if k == 1 {
			name = "Online-Konferenz zur Umsetzung der Resolutionen des Zentralkomitees"
		}
		mode := "mixed"
		if k == 1 {
			mode = "online"
		}
		r.f.Events = append(r.f.Events, dataset.Event{
			Named: r.named(bare(ev.id), name, labels("en", fmt.Sprintf("National conference on party-building work %d", r.year)),
				r.cite(2), "in einer Kombination aus persönlichen und Online-Formaten"),
			Description: q(fmt.Sprintf("Conference reviewing party-building work in %d and setting tasks for %d.", r.year, r.year+1)),
			Date:        bare(date), Mode: bare(mode), Location: bare("hanoi"), Organiser: bare("central-organising-commission")})
		ev.central = ev.id + "-central"
		r.f.Bridges = append(r.f.Bridges, dataset.Bridge{
			Named: r.named(bare(ev.central), "Zentralbrücke", labels("en", "central bridge", "vi", "điểm cầu Trung ương"), r.cite(3), "an der Zentralbrücke"),
			Event: bare(ev.id), Location: bare("hanoi"), Central: dataset.Flag{V: true}})
		bridgeIDs := []string{ev.central}
		for _, p := range r.provs {
			s, a := slug(p.vi), ascii(p.vi)
			id := ev.id + "-" + s
			ev.bridges[s] = id
			r.f.Bridges = append(r.f.Bridges, dataset.Bridge{
				Named: r.named(bare(id), strings.ReplaceAll(a, " ", "-")+"-Brücke", labels("en", a+" bridge", "vi", "điểm cầu "+p.vi), r.cite(3), ""),
				Event: bare(ev.id), Location: bare(s)})
			bridgeIDs = append(bridgeIDs, id)
		}
		for _, b := range bridgeIDs {
			r.f.Groups = append(r.f.Groups, dataset.Group{Named: r.named(bare(b+"-delegates"), "Delegierte", labels("en", "delegates at bridge "+b), r.cite(2), "")})
			r.f.Attendances = append(r.f.Attendances, dataset.Attendance{Attendee: bare(b + "-delegates"), Event: bare(ev.id), At: bare(b),
				Fact: fact(r.cite(2), "Delegierte nahmen an der Konferenz teil")})
		}
		r.events = append(r.events, ev)
	}

	// Documents and their implementation.
	var docs []int
	for len(docs) < 2+rng.IntN(2) {
		n := 1 + rng.IntN(60)
		if !slices.Contains(docs, n) {
			docs = append(docs, n)
		}
	}
	for _, n := range docs {
		id := fmt.Sprintf("resolution-%d-nq-tw", n)
		ident := fmt.Sprintf("%d-NQ/TW", n)
		r.f.Documents = append(r.f.Documents, dataset.Document{
			Named: r.named(bare(id), fmt.Sprintf("Resolution Nr. %s des Zentralkomitees der Partei (13. Amtszeit)", ident),
				labels("en", fmt.Sprintf("Resolution No. %s of the Party Central Committee (13th term)", ident), "vi", "Nghị quyết số "+ident), r.cite(2), ""),
			Identifier: q(ident), Issuer: bare("central-committee"), Term: dataset.Int{V: 13, Set: true}})
		by := "party"
		if rng.IntN(2) == 0 {
			by = "ppc-" + slug(r.provs[rng.IntN(len(r.provs))].vi)
		}
		r.f.Implements = append(r.f.Implements, dataset.Implementation{Document: bare(id), By: bare(by),
			What: q("Party committees implemented the resolution and reported first results."),
			Fact: fact(r.cite(2), "im Geiste der Resolution Nr. "+ident+" umgesetzt")})
	}

	// The speaker who sets the directives: the head of the central
	// organising commission, present in Hanoi.
	r.speaker, _ = r.pick()
	r.addPerson(r.speaker)
	r.addPost(post{"head-central-organising-commission", "Leiter der Zentralen Organisationskommission", "Head of the Central Organising Commission", "central-organising-commission", "head"})
	r.addPost(post{"politburo-member", "Mitglied des Politbüros", "Member of the Politburo", "politburo", "member"})
	r.f.Holdings = append(r.f.Holdings, dataset.Holding{Person: bare(r.speaker.id), Post: bare("head-central-organising-commission"),
		Start: bare(strconv.Itoa(r.year)), Fact: fact(r.cite(2), "")})
	r.holding(r.speaker, "politburo-member")
	// The speaker's predecessor in the post, a former holder: posts are
	// held by different people at different times, within a report and
	// across reports.
	prev, _ := r.pick()
	r.addPerson(prev)
	r.f.Holdings = append(r.f.Holdings, dataset.Holding{Person: bare(prev.id), Post: bare("head-central-organising-commission"),
		Start: bare(strconv.Itoa(r.year - 5)), End: bare(strconv.Itoa(r.year)), Status: bare("former"), Fact: fact(r.cite(2), "")})
	r.f.Attendances = append(r.f.Attendances, dataset.Attendance{Attendee: bare(r.speaker.id), Event: bare(r.events[0].id), At: bare("hanoi"),
		Roles: bares("head-central-organising-commission", "politburo-member"), Fact: fact(r.cite(2), comrade(r.speaker))})

	// Directives and targets.
	var dirIDs []string
	for k, i := range rng.Perm(len(directiveNames))[:3+rng.IntN(3)] {
		id := fmt.Sprintf("directive-%05d-%d", r.idx+1, k+1)
		to := bares("ppc-" + slug(r.provs[rng.IntN(len(r.provs))].vi))
		r.f.Directives = append(r.f.Directives, dataset.Directive{
			Named: r.named(bare(id), directiveNames[i], labels("en", "task "+strconv.Itoa(k+1)+" set at the conference"), r.cite(2), directiveNames[i]),
			SetBy: bare(r.speaker.id), Event: bare(r.events[0].id), AddressedTo: to, Period: q(strconv.Itoa(r.year + 1))})
		dirIDs = append(dirIDs, id)
	}
	for k := range 1 + rng.IntN(3) {
		t := targetUnits[rng.IntN(len(targetUnits))]
		id := fmt.Sprintf("target-%05d-%d", r.idx+1, k+1)
		var val, lo, hi, shown, rel string
		if t.unit == "%" {
			a := 2 + rng.IntN(5)
			lo, hi, shown = strconv.Itoa(a), strconv.Itoa(a+1), fmt.Sprintf("%d–%d", a, a+1)
			rel = "Jahresbeginn"
		} else {
			val = strconv.Itoa(20 + rng.IntN(400))
			shown = val
		}
		name := fmt.Sprintf(t.what, shown)
		dir := dirIDs[rng.IntN(len(dirIDs))] // drawn before the cite, as always
		r.f.Targets = append(r.f.Targets, dataset.Target{Named: r.named(bare(id), name, nil, r.cite(2), name),
			Value: num(val), Min: num(lo), Max: num(hi), Unit: q(t.unit), RelativeTo: bare(rel),
			Period: q(strconv.Itoa(r.year + 1)), SetBy: bare(r.speaker.id), Directive: bare(dir), Event: bare(r.events[0].id)})
	}
}

func comrade(p person) string {
	if p.female {
		return "Genossin " + p.ascii
	}
	return "Genosse " + p.ascii
}

func (r *rep) addPerson(p person) {
	g := "male"
	if p.female {
		g = "female"
	}
	r.f.People = append(r.f.People, dataset.Person{Named: r.named(bare(p.id), p.ascii, labels("en", p.ascii, "vi", p.vi), r.cite(2), comrade(p)),
		Gender: bare(g)})
}

func (r *rep) addPost(p post) {
	if r.posts[p.id] {
		return
	}
	r.posts[p.id] = true
	r.f.Posts = append(r.f.Posts, dataset.Post{Named: r.named(bare(p.id), p.name, labels("en", p.en), r.cite(2), ""),
		Organisation: bare(p.org), Role: bare(p.role)})
}

// holding adds that p holds postID: current on the report's date, or one
// time in four elected (or re-elected) in a month of the report's year,
// the Central Committee's members then one time in three as alternates.
func (r *rep) holding(p person, postID string) {
	h := dataset.Holding{Person: bare(p.id), Post: bare(postID), Fact: fact(r.cite(2), "")}
	if r.rng.IntN(4) == 0 {
		h.Status = bare([]string{"elected", "re-elected"}[r.rng.IntN(2)])
		h.Start = bare(fmt.Sprintf("%d-%02d", r.year, 1+r.rng.IntN(12)))
		h.Term = q(fmt.Sprintf("%d–%d", r.year, r.year+5))
		if postID == "central-committee-member" && r.rng.IntN(3) == 0 {
			h.Qualifier = bare("alternate")
		}
	}
	r.f.Holdings = append(r.f.Holdings, h)
}

// block adds one attendee: a person from the pool, one or two posts in
// distinct bodies of one province (or of the centre), the holdings and the
// attendance at a bridge of one event.
func (r *rep) block() error {
	p, err := r.pick()
	if err != nil {
		return err
	}
	ev := r.events[r.rng.IntN(len(r.events))]
	var cands []post
	at := ev.central
	if r.rng.IntN(4) == 0 {
		cands = []post{
			{"central-committee-member", "Mitglied des Zentralkomitees der Partei", "Member of the Party Central Committee", "central-committee", "member"},
			{"secretariat-member", "Mitglied des Sekretariats", "Member of the Secretariat", "secretariat", "member"},
			{"deputy-head-central-organising-commission", "stellvertretender Leiter der Zentralen Organisationskommission", "Deputy Head of the Central Organising Commission", "central-organising-commission", "deputy-chair"},
		}
	} else {
		pr := r.provs[r.rng.IntN(len(r.provs))]
		s, a := slug(pr.vi), ascii(pr.vi)
		if r.rng.IntN(5) > 0 {
			at = ev.bridges[s]
		}
		cands = []post{
			{"secretary-ppc-" + s, "Sekretär des Provinzparteikomitees " + a, "Secretary of the " + a + " Provincial Party Committee", "ppc-" + s, "secretary"},
			{"standing-member-ppc-" + s, "Mitglied des Ständigen Ausschusses des Provinzparteikomitees " + a, "Member of the Standing Committee of the " + a + " Provincial Party Committee", "ppc-" + s + "-standing", "member"},
			{"chair-ppc-" + s + "-organising", "Vorsitzender des Organisationsausschusses des Provinzparteikomitees " + a, "Chair of the Organising Committee of the " + a + " Provincial Party Committee", "ppc-" + s + "-organising", "chair"},
		}
		for _, d := range r.districts[s] {
			id, gen := d[0], d[1]
			en := strings.TrimPrefix(gen, "Bezirksparteikomitees ") + " District Party Committee"
			cands = append(cands,
				post{"secretary-" + id, "Sekretär des " + gen, "Secretary of the " + en, id, "secretary"},
				post{"chair-" + id + "-organising", "Vorsitzender des Organisationsausschusses des " + gen, "Chair of the Organising Committee of the " + en, id + "-organising", "chair"})
		}
	}
	n := 1 + r.rng.IntN(2)
	var held []string
	orgs := map[string]bool{}
	for _, i := range r.rng.Perm(len(cands)) {
		c := cands[i]
		if orgs[c.org] || len(held) == n {
			continue
		}
		orgs[c.org] = true
		held = append(held, c.id)
		r.addPost(c)
	}
	r.addPerson(p)
	for _, h := range held {
		r.holding(p, h)
	}
	r.f.Attendances = append(r.f.Attendances, dataset.Attendance{Attendee: bare(p.id), Event: bare(ev.id), At: bare(at),
		Roles: bares(held...), Fact: fact(r.cite(2), comrade(p))})
	return nil
}

// TwinCorpus is the small corpus the SPARQL twins are proven on (and
// TestManyReportsShape checks): a few reports in de, en and vi that share
// people, bodies and posts held by different people at different times.
var TwinCorpus = Options{Facts: 9000, ReportFacts: 2000, Seed: 2}
