package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	v "github.com/confgraph/confgraph/internal/vocab"
)

const truong = "https://confgraph.example/id/person/truong-thi-mai"

func TestHealthAndPages(t *testing.T) {
	srv, _ := testServer(t, Options{})
	code, _, body := call(t, "GET", srv.URL+"/health", nil)
	if code != 200 || !strings.Contains(body, `"status": "ok"`) || !strings.Contains(body, `"writable": false`) {
		t.Fatalf("health: %d %s", code, body)
	}
	for _, p := range []string{"/", "/entity?iri=x", "/queries/attendance", "/search?q=x", "/graph?iri=x", "/downloads"} {
		code, h, body := call(t, "GET", srv.URL+p, nil)
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(body, "/static/app.js") {
			t.Errorf("GET %s: %d %s", p, code, h.Get("Content-Type"))
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", p, csp)
		}
	}
	for _, p := range []string{"/static/app.js", "/static/style.css", "/static/vendor/cytoscape.min.js"} {
		if code, _, _ := call(t, "GET", srv.URL+p, nil); code != 200 {
			t.Errorf("GET %s: %d", p, code)
		}
	}
	if code, _, _ := call(t, "GET", srv.URL+"/nowhere", nil); code != 404 {
		t.Errorf("GET /nowhere: %d, want 404", code)
	}
}

// TestWebPageIsOffline checks that the page's own files name no other
// host: no CDN, no font service (the browser test checks the requests).
func TestWebPageIsOffline(t *testing.T) {
	for _, f := range []string{"web/index.html", "web/app.js", "web/style.css"} {
		b, err := webFS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "//cdn", "@import"} {
			s := string(b)
			// The IRIs the tests and the JSON show are data, not requests:
			// the page's files must not contain any absolute URL.
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
}

func TestExportNegotiation(t *testing.T) {
	srv, _ := testServer(t, Options{})
	cases := []struct {
		accept, query string
		code          int
		ctype, file   string
	}{
		{"", "", 200, "application/n-quads", "confgraph.nq"},
		{"*/*", "", 200, "application/n-quads", "confgraph.nq"},
		{"text/turtle;q=0.9, application/n-quads;q=0.5", "", 200, "text/turtle", "confgraph.ttl"},
		{"application/n-quads;q=0.2, text/turtle", "", 200, "text/turtle", "confgraph.ttl"},
		{"application/ld+json", "?graph=party-building-conference-2023-de", 200, "application/ld+json", "party-building-conference-2023-de.jsonld"},
		{"text/html", "", 406, "application/json", ""},
		{"text/html", "?format=csv", 200, "text/csv", "confgraph.csv"},
		{"", "?format=graphml&graph=party-building-conference-2023-de", 200, "application/graphml+xml", "party-building-conference-2023-de.graphml"},
		{"", "?format=nosuch", 400, "application/json", ""},
		{"", "?graph=nosuch", 404, "application/json", ""},
	}
	for _, c := range cases {
		code, h, body := call(t, "GET", srv.URL+"/export"+c.query, nil, "Accept", c.accept)
		if code != c.code || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) {
			t.Errorf("Accept %q %s: %d %s, want %d %s\n%.300s", c.accept, c.query, code, h.Get("Content-Type"), c.code, c.ctype, body)
			continue
		}
		if c.file != "" && !strings.Contains(h.Get("Content-Disposition"), `filename="`+c.file+`"`) {
			t.Errorf("Accept %q %s: Content-Disposition %q, want %s", c.accept, c.query, h.Get("Content-Disposition"), c.file)
		}
	}
	// The export is the CLI's: sorted N-Quads with every quad of the report.
	_, _, nq := call(t, "GET", srv.URL+"/export?graph=party-building-conference-2023-de", nil)
	lines := strings.Split(strings.TrimSpace(nq), "\n")
	if len(lines) < 1000 || !strings.Contains(nq, "<"+truong+">") {
		t.Errorf("export has %d lines", len(lines))
	}
}

func TestQueries(t *testing.T) {
	srv, _ := testServer(t, Options{})
	code, _, body := call(t, "GET", srv.URL+"/api/queries", nil)
	var specs []QuerySpec
	if code != 200 || json.Unmarshal([]byte(body), &specs) != nil || len(specs) < 3 {
		t.Fatalf("queries: %d %.300s", code, body)
	}
	code, h, body := call(t, "GET", srv.URL+"/api/queries/attendance?bridge="+url.QueryEscape("zentralbrucke"), nil)
	if code != 200 || h.Get("X-Confgraph-Truncated") != "false" {
		t.Fatalf("attendance: %d %s", code, body)
	}
	contains(t, "attendance JSON", body, `"attendee": "Ngo Dong Hai"`, `"at": "Zentralbrücke"`)
	var cols []string
	for _, q := range specs {
		if q.Name == "attendance" {
			cols = q.Columns
		}
	}
	code, h, body = call(t, "GET", srv.URL+"/api/queries/attendance?bridge=central-bridge", nil, "Accept", "application/json;q=0.5, text/csv")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || len(cols) == 0 || !strings.HasPrefix(body, strings.Join(cols, ",")+"\n") {
		t.Errorf("attendance as CSV by q-value: %d %s\n%s", code, h.Get("Content-Type"), body)
	}
	code, _, body = call(t, "POST", srv.URL+"/api/queries/attendance", strings.NewReader(`{"bridge": "Zentralbrücke", "limit": "1"}`), "Content-Type", "application/json")
	var rows []map[string]string
	if code != 200 || json.Unmarshal([]byte(body), &rows) != nil || len(rows) != 1 {
		t.Errorf("POST attendance with limit 1: %d %s", code, body)
	}
	// The new queries and the post parameter; ?lang= as the CLI's --lang.
	byName := map[string]QuerySpec{}
	for _, q := range specs {
		byName[q.Name] = q
	}
	if ph, ok := byName["post-holders"]; !ok || len(ph.Params) != 1 || ph.Params[0].Kind != "post" || !strings.Contains(strings.Join(ph.Columns, ","), "report") {
		t.Errorf("post-holders spec %+v", ph)
	}
	if _, ok := byName["events"]; !ok {
		t.Error("no events query listed")
	}
	// The seed's central bridge: named as its German report names it,
	// in English with lang=en (its label en "central bridge").
	for lang, want := range map[string]string{"": `"at": "Zentralbrücke"`, "en": `"at": "central bridge"`, "vi": `"at": "điểm cầu Trung ương"`} {
		code, _, body := call(t, "GET", srv.URL+"/api/queries/attendance?bridge=central-bridge&lang="+lang, nil)
		if code != 200 || !strings.Contains(body, want) || !strings.Contains(body, `"report": "party-building-conference-2023-de"`) {
			t.Errorf("attendance with lang %q: %d, want %s: %.600s", lang, code, want, body)
		}
	}
	// Who was the Secretariat's standing member: Truong Thi Mai as the
	// 2023 English report (2023-07-19) and the seed (2023-12-28) state it.
	code, _, body = call(t, "GET", srv.URL+"/api/queries/post-holders?post=secretariat-standing-member&lang=en", nil)
	if code != 200 || json.Unmarshal([]byte(body), &rows) != nil {
		t.Fatalf("post-holders: %d %s", code, body)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r["holder"]+" "+r["as_of"]+" "+r["report"])
	}
	if want := []string{"Truong Thi Mai 2023-07-19 pcc-office-review-2023-en", "Truong Thi Mai 2023-12-28 party-building-conference-2023-de"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("post-holders of the standing member:\n got %q\nwant %q", got, want)
	}
	for _, c := range []struct {
		path string
		code int
		want string
	}{
		{"/api/queries/nosuch", 404, "bundled queries:"},
		{"/api/queries/attendance?lang=%3Cx%3E", 400, "lang"},
		{"/api/queries/attendance?nosuch=1", 400, "nosuch"},
		{"/api/queries/attendance?bridge=atlantis", 400, "atlantis"},
		{"/api/queries/attendance?format=xml", 400, "json, csv"},
		{"/api/queries/attendance?limit=-1", 400, "limit"},
	} {
		code, _, body := call(t, "GET", srv.URL+c.path, nil)
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("GET %s: %d %s, want %d with %q", c.path, code, body, c.code, c.want)
		}
	}
	if code, _, _ := call(t, "GET", srv.URL+"/api/queries/attendance", nil, "Accept", "text/html"); code != 406 {
		t.Errorf("attendance with Accept: text/html: %d, want 406", code)
	}
}

func TestAdhocQueryTimeoutAndBodyCap(t *testing.T) {
	srv, _ := testServer(t, Options{QueryTimeout: 5 * time.Second})
	start := time.Now()
	code, _, body := call(t, "POST", srv.URL+"/api/query?lang=gizmo&timeout=300ms", strings.NewReader("while(true){}"))
	if code != http.StatusRequestTimeout || !strings.Contains(body, "timeout") {
		t.Errorf("while(true){}: %d %s, want 408", code, body)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("while(true){} with a 300ms timeout answered after %s", d)
	}
	code, _, body = call(t, "POST", srv.URL+"/api/query?lang=gizmo", strings.NewReader(`g.V("<`+truong+`>").out("<http://www.w3.org/2004/02/skos/core#prefLabel>").all()`+"\n"))
	if code != 200 || !strings.Contains(body, "Trương Thị Mai") {
		t.Errorf("ad-hoc query: %d %s", code, body)
	}
	// ?query-lang= names the engine (the CLI's --query-lang); ?lang= then
	// the language of the names.
	code, _, body = call(t, "POST", srv.URL+"/api/query?query-lang=gizmo&lang=vi", strings.NewReader(`g.V("<`+truong+`>").out("<http://www.w3.org/2004/02/skos/core#prefLabel>").all()`+"\n"))
	if code != 200 || !strings.Contains(body, "Trương Thị Mai") {
		t.Errorf("ad-hoc query with query-lang: %d %s", code, body)
	}
	big := bytes.Repeat([]byte("1;"), maxQueryBody/2+10)
	if code, _, body := call(t, "POST", srv.URL+"/api/query?lang=gizmo", bytes.NewReader(big)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB query: %d %.200s, want 413", code, body)
	}
	if code, _, _ := call(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", bytes.NewReader(big)); code < 400 {
		t.Errorf("2 MiB Cayley query: %d, want an error", code)
	}
}

// TestDisconnectStopsQuery: a client that goes away stops its query, so a
// load waiting for the store's lock goes through long before the query's
// timeout.
func TestDisconnectStopsQuery(t *testing.T) {
	srv, _ := testServer(t, Options{QueryTimeout: time.Minute, WriteToken: "secret"})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/query?lang=gizmo", strings.NewReader("while(true){}"))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("while(true){} answered %d before the client went", resp.StatusCode)
	}
	start := time.Now()
	data, _ := os.ReadFile(repoFile(t, "internal/dataset/testdata/valid.yaml"))
	code, _, body := call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), "Authorization", "Bearer secret")
	if code != 200 {
		t.Fatalf("load after the disconnect: %d %s", code, body)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("load waited %s for the stopped query (timeout 1m)", d)
	}
}

func TestReadOnly(t *testing.T) {
	srv, _ := testServer(t, Options{})
	for _, c := range []struct{ method, path string }{
		{"POST", "/api/load?name=x.yaml"},
		{"DELETE", "/api/reports/party-building-conference-2023-de"},
		{"POST", "/api/v2/write"},
		{"POST", "/api/v2/delete"},
		{"POST", "/api/v2/node/delete"},
	} {
		code, _, body := call(t, c.method, srv.URL+c.path, strings.NewReader("<a:b> <a:c> <a:d> ."), "Authorization", "Bearer guess")
		if code != http.StatusForbidden || !strings.Contains(body, "read-only") {
			t.Errorf("%s %s on a read-only server: %d %s, want 403", c.method, c.path, code, body)
		}
	}
}

func TestTokenWrites(t *testing.T) {
	srv, _ := testServer(t, Options{WriteToken: "s3cret-token"})
	auth := []string{"Authorization", "Bearer s3cret-token"}
	data, _ := os.ReadFile(repoFile(t, "internal/dataset/testdata/valid.yaml"))
	if code, h, _ := call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), "Authorization", "Bearer wrong"); code != 401 || h.Get("WWW-Authenticate") == "" {
		t.Errorf("wrong token: %d, want 401 with WWW-Authenticate", code)
	}
	if code, _, _ := call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data)); code != 401 {
		t.Errorf("no token: %d, want 401", code)
	}
	// A broken file: every problem with file:line:col, nothing loaded.
	bad, _ := os.ReadFile(repoFile(t, "internal/dataset/testdata/bad/many-errors.yaml"))
	code, _, body := call(t, "POST", srv.URL+"/api/load?name=many-errors.yaml", bytes.NewReader(bad), auth...)
	var e apiError
	if code != http.StatusUnprocessableEntity || json.Unmarshal([]byte(body), &e) != nil || len(e.Problems) != 3 {
		t.Fatalf("broken file: %d %s", code, body)
	}
	want, _ := os.ReadFile(repoFile(t, "internal/dataset/testdata/bad/many-errors.golden"))
	for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
		line = strings.TrimPrefix(line, "testdata/bad/")
		if !strings.Contains(strings.Join(e.Problems, "\n"), strings.TrimSpace(line)) {
			t.Errorf("problems %q lack the validator's line %q", e.Problems, line)
		}
	}
	if strings.Contains(body, os.TempDir()) {
		t.Errorf("the answer shows the server's temp dir: %s", body)
	}
	code, _, body = call(t, "GET", srv.URL+"/export?graph=mini-report", nil)
	if code != 404 {
		t.Errorf("after a broken load the report is there: %d", code)
	}
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=x.ttl", strings.NewReader("x"), auth...); code != http.StatusUnsupportedMediaType {
		t.Errorf("Turtle upload: %d %s, want 415", code, body)
	}
	// A valid file loads; loading it again changes nothing.
	code, _, body = call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), auth...)
	var lr LoadResult
	if code != 200 || json.Unmarshal([]byte(body), &lr) != nil || lr.Added == 0 || lr.Reports != 1 {
		t.Fatalf("load: %d %s", code, body)
	}
	call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), auth...)
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), auth...); !strings.Contains(body, `"added": 0`) {
		t.Errorf("second load: %d %s", code, body)
	}
	if code, _, _ := call(t, "GET", srv.URL+"/export?graph=mini-report", nil); code != 200 {
		t.Errorf("export of the loaded report: %d", code)
	}
	// An RDF file into a named graph.
	code, _, body = call(t, "POST", srv.URL+"/api/load?name=people.nt&graph=people", strings.NewReader("<https://example.org/p> <http://www.w3.org/2000/01/rdf-schema#label> \"P\" .\n"), auth...)
	if code != 200 || !strings.Contains(body, `"rdfFiles": 1`) {
		t.Errorf("RDF load: %d %s", code, body)
	}
	// Removal.
	code, _, body = call(t, "DELETE", srv.URL+"/api/reports/mini-report", nil, auth...)
	if code != 200 || strings.Contains(body, `"removed": 0`) {
		t.Errorf("remove: %d %s", code, body)
	}
	if code, _, _ := call(t, "GET", srv.URL+"/export?graph=mini-report", nil); code != 404 {
		t.Errorf("export after removal: %d, want 404", code)
	}
	if code, _, _ := call(t, "DELETE", srv.URL+"/api/reports/mini-report", nil, auth...); code != 404 {
		t.Errorf("second removal: %d, want 404", code)
	}
	// The upload cap.
	small, _ := testServer(t, Options{WriteToken: "t", MaxBody: 100})
	if code, _, body := call(t, "POST", small.URL+"/api/load?name=valid.yaml", bytes.NewReader(data), "Authorization", "Bearer t"); code != http.StatusRequestEntityTooLarge {
		t.Errorf("upload over the cap: %d %s, want 413", code, body)
	}
	// Cayley's write route with the token.
	code, _, body = call(t, "POST", srv.URL+"/api/v2/write", strings.NewReader("<https://example.org/a> <https://example.org/b> \"c\" <https://example.org/g> .\n"), append(auth, "Content-Type", "application/n-quads")...)
	if code != 200 || !strings.Contains(body, "1 quads") {
		t.Errorf("api/v2/write with the token: %d %s", code, body)
	}
}

func TestSearchAndEntity(t *testing.T) {
	srv, _ := testServer(t, Options{})
	const (
		seed = "party-building-conference-2023-de" // §3, §9: "Mitglied des Politbüros", 2023-12-28
		pcc  = "pcc-office-review-2023-en"         // §2, §5: "Politburo member and Permanent member", 2023-07-19
		cth  = "party-building-central-highlands-2022-en"
	)
	for _, q := range []string{"truong thi mai", "Trương Thị Mai", "TRUONG-thi_mai", "truong"} {
		code, _, body := call(t, "GET", srv.URL+"/api/search?q="+url.QueryEscape(q), nil)
		var res struct{ Hits []Hit }
		if code != 200 || json.Unmarshal([]byte(body), &res) != nil {
			t.Fatalf("search %q: %d %.300s", q, code, body)
		}
		// One hit for her, however many reports name her: the seed, the
		// 2022 and the 2023 English reports, earliest first.
		var got []string
		for _, h := range res.Hits {
			if h.IRI != truong {
				continue
			}
			var reps []string
			for _, r := range h.Reports {
				reps = append(reps, r.ID)
			}
			got = append(got, h.Kind+" "+strings.Join(reps, ","))
		}
		if want := "person " + cth + "," + pcc + "," + seed; len(got) != 1 || got[0] != want {
			t.Errorf("search %q: her hits %q, want once %q", q, got, want)
		}
	}
	code, _, body := call(t, "GET", srv.URL+"/api/search?q=politburo&kind=post", nil)
	if code != 200 || !strings.Contains(body, "/post/politburo-member") || strings.Contains(body, `"kind": "organisation"`) {
		t.Errorf("search politburo, posts only: %d %.500s", code, body)
	}
	get := func(q string) *Entity {
		t.Helper()
		code, _, body := call(t, "GET", srv.URL+"/api/entity?id=person/truong-thi-mai"+q, nil)
		var e Entity
		if code != 200 || json.Unmarshal([]byte(body), &e) != nil {
			t.Fatalf("entity: %d %.300s", code, body)
		}
		return &e
	}
	e := get("&lang=vi")
	if e.Label != "Trương Thị Mai" {
		t.Errorf("Vietnamese label %q", e.Label)
	}
	// Her Politburo membership, once per report that states it, in time
	// order: 2022-06-30 (§8), 2023-07-19 (§2, §5), 2023-12-28 (§3, §9).
	var got []string
	var inSeed *Fact
	for i, f := range e.Out {
		if !strings.HasSuffix(f.Property, "#holds") || !strings.HasSuffix(f.Value.IRI, "/politburo-member") {
			continue
		}
		if f.Report == nil || f.Holding == nil || f.Provenance == nil {
			t.Fatalf("holds politburo-member without report, holding or provenance: %+v", f)
		}
		var ps []string
		for _, p := range f.Provenance.Paragraphs {
			ps = append(ps, p.Number)
		}
		got = append(got, f.Report.ID+" "+f.Holding.AsOf+" "+strings.Join(ps, ","))
		if f.Report.ID == seed {
			inSeed = &e.Out[i]
		}
	}
	if want := []string{cth + " 2022-06-30 8", pcc + " 2023-07-19 2,5", seed + " 2023-12-28 3,9"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("holds politburo-member:\n got %q\nwant %q", got, want)
	}
	if inSeed == nil {
		t.Fatal("her entity has no holds politburo-member fact of the seed")
	}
	// The seed's: derived from her membership in the seed's graph, with
	// its body, role, status, as-of date, §3 and §9 and the quote.
	f, h, p := inSeed, inSeed.Holding, inSeed.Provenance
	if !f.Derived || h.Body == nil || !strings.HasSuffix(h.Body.IRI, "/politburo") || h.Role == nil || !strings.HasSuffix(h.Role.IRI, "/member") ||
		!h.Member || h.Heads || h.Status != "current" || !strings.HasSuffix(h.Graph, "/"+seed) || !strings.Contains(p.Via, "/membership/"+seed+"/") ||
		len(p.Quotes) != 1 || p.Quotes[0].Value != "Mitglied des Politbüros" || f.Report.Date != "2023-12-28" || f.Report.Lang != "de" {
		t.Errorf("the seed's holds politburo-member: holding %+v, provenance %+v, report %+v", h, p, f.Report)
	}
	// Names: in the page's language, else as the fact's report names it
	// (the CLI's default): the seed's German, the English reports' English.
	names := map[string]string{}
	for _, lang := range []string{"", "&lang=en"} {
		for _, f := range get(lang).Out {
			if strings.HasSuffix(f.Value.IRI, "/politburo-member") && f.Report != nil {
				names[lang+" "+f.Report.ID] = f.Value.Label
			}
		}
	}
	for k, want := range map[string]string{" " + seed: "Mitglied des Politbüros", " " + pcc: "Politburo member", "&lang=en " + seed: "Member of the Politburo", "&lang=en " + pcc: "Politburo member"} {
		if names[k] != want {
			t.Errorf("politburo-member named %q in %q, want %q", names[k], k, want)
		}
	}
	var reps []string
	for _, r := range e.Reports {
		reps = append(reps, r.ID+" "+r.Date)
	}
	if want := []string{cth + " 2022-06-30", pcc + " 2023-07-19", seed + " 2023-12-28"}; strings.Join(reps, "|") != strings.Join(want, "|") {
		t.Errorf("her reports %q, want %q", reps, want)
	}
	for _, f := range e.Out {
		if f.Provenance == nil {
			t.Errorf("fact %s %s has no provenance", f.Property, f.Value.IRI+f.Value.Value)
		}
		if f.Report == nil && f.Graph != "" {
			t.Errorf("fact %s %s of graph %s has no report", f.Property, f.Value.IRI+f.Value.Value, f.Graph)
		}
	}
	if len(e.Queries) == 0 {
		t.Error("no bundled query offered for a person")
	}
	if code, _, _ := call(t, "GET", srv.URL+"/api/entity?iri=https://nowhere.example/x", nil); code != 404 {
		t.Errorf("unknown entity: %d, want 404", code)
	}
	code, _, body = call(t, "GET", srv.URL+"/api/graph?iri="+url.QueryEscape(truong), nil)
	if code != 200 || strings.Count(body, `"id"`) < 5 {
		t.Errorf("graph: %d %.300s", code, body)
	}
	code, _, body = call(t, "GET", srv.URL+"/api/reports", nil)
	if code != 200 || !strings.Contains(body, seed) || !strings.Contains(body, `"date": "2023-12-28"`) {
		t.Errorf("reports: %d %s", code, body)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}

func TestServeShutsDown(t *testing.T) {
	st := func() Options { return Options{} }()
	srv, store := testServer(t, st)
	srv.Close()
	s := New(store, Options{Workspace: st.Workspace})
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := listen()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 2*time.Second) }()
	if code, _, _ := call(t, "GET", "http://"+ln.Addr().String()+"/health", nil); code != 200 {
		t.Fatalf("health: %d", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	_ = filepath.Join
}

// TestEntityHoldingsStatementsIdentity checks the facts the entity page
// derives from memberships (time, status, qualifier, role flags), the
// statements and the identity links, on the test file that uses every
// field and on a report where one post changes hands.
func TestEntityHoldingsStatementsIdentity(t *testing.T) {
	srv, _ := testServer(t, Options{WriteToken: "tok"})
	auth := []string{"Authorization", "Bearer tok"}
	every, _ := os.ReadFile(repoFile(t, "internal/mapping/testdata/every-field.yaml"))
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=every-field.yaml", bytes.NewReader(every), auth...); code != 200 {
		t.Fatalf("load every-field.yaml: %d %s", code, body)
	}
	handover := `report: {id: handover, description: A post changes hands., language: en, date: 2024-06-01, paragraphs: 3}
organisations:
  - {id: board, name: Board, cite: [1]}
people:
  - {id: anh, name: Anh, cite: [1]}
  - {id: binh, name: Binh, cite: [2]}
roles:
  - {id: presiding, name: presiding, heads: true, cite: [1]}
  - {id: recording, name: recording, cite: [1]}
posts:
  - {id: board-chair, name: Chair of the Board, organisation: board, role: presiding, cite: [1]}
  - {id: board-clerk, name: Clerk of the Board, organisation: board, role: recording, cite: [1]}
holdings:
  - {person: binh, post: board-chair, start: 2024-05, status: elected, cite: [2]}
  - {person: anh, post: board-chair, start: "2019", end: 2024-05, status: former, cite: [1]}
  - {person: anh, post: board-chair, start: "2014", end: "2019", status: former, qualifier: acting, cite: [1]}
  - {person: anh, post: board-clerk, cite: [3]}
`
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=handover.yaml", strings.NewReader(handover), auth...); code != 200 {
		t.Fatalf("load handover.yaml: %d %s", code, body)
	}
	get := func(id string) *Entity {
		t.Helper()
		code, _, body := call(t, "GET", srv.URL+"/api/entity?lang=en&id="+id, nil)
		var e Entity
		if code != 200 || json.Unmarshal([]byte(body), &e) != nil {
			t.Fatalf("entity %s: %d %.300s", id, code, body)
		}
		return &e
	}
	facts := func(fs []Fact, prop string) []Fact {
		var out []Fact
		for _, f := range fs {
			if strings.HasSuffix(f.Property, prop) {
				out = append(out, f)
			}
		}
		return out
	}

	hai := get("person/hai")
	holds := facts(hai.Out, "#holds")
	if len(holds) != 1 || holds[0].Holding == nil {
		t.Fatalf("hai holds %+v", holds)
	}
	h := holds[0].Holding
	if !strings.HasSuffix(holds[0].Value.IRI, "/post/secretary-committee") || h.Status != "former" || h.Qualifier != "alternate" ||
		h.Start != "2020-10" || h.End != "2025" || h.Term != "2020–2025" || h.AsOf != "2020-10-15" || !h.Heads || !h.Member ||
		h.Body == nil || !strings.HasSuffix(h.Body.IRI, "/organisation/committee") || !strings.HasSuffix(h.Graph, "/graph/every-field") {
		t.Errorf("hai's holding %+v", h)
	}
	if p := holds[0].Provenance; p == nil || len(p.Paragraphs) != 1 || p.Paragraphs[0].Number != "2" || len(p.Quotes) != 1 || p.Quotes[0].Value != "Q" {
		t.Errorf("hai's holding rests on %+v", p)
	}
	for _, f := range hai.In {
		if strings.HasSuffix(f.Property, "#member") {
			t.Errorf("the membership is listed raw as well: %+v", f)
		}
	}
	if len(hai.SameAs) != 1 || hai.SameAs[0].IRI != "http://www.wikidata.org/entity/Q42" {
		t.Errorf("hai sameAs %+v", hai.SameAs)
	}
	if len(hai.PossiblySameAs) != 1 || !strings.HasSuffix(hai.PossiblySameAs[0].IRI, "/person/hai-2") || hai.PossiblySameAs[0].Inverse {
		t.Errorf("hai possiblySameAs %+v", hai.PossiblySameAs)
	}
	for _, f := range hai.Out {
		if strings.Contains(f.Property, "sameAs") || strings.Contains(f.Property, "possiblySameAs") {
			t.Errorf("identity link listed as a plain fact: %+v", f)
		}
	}
	if len(hai.Statements) != 1 {
		t.Fatalf("hai statements %+v", hai.Statements)
	}
	st := hai.Statements[0]
	if st.Role != "speaker" || st.Act != "reported" || st.Event == nil || !strings.HasSuffix(st.Event.IRI, "/event/congress") || st.Date != "2020-10-13" ||
		len(st.AddressedTo) != 1 || !strings.HasSuffix(st.AddressedTo[0].IRI, "/place/hanoi") || len(st.Summary) != 1 || st.Summary[0].Value != "He reported the results." ||
		st.Provenance == nil || len(st.Provenance.Paragraphs) != 1 {
		t.Errorf("hai's statement %+v", st)
	}
	if hai2 := get("person/hai-2"); len(hai2.PossiblySameAs) != 1 || !strings.HasSuffix(hai2.PossiblySameAs[0].IRI, "/person/hai") || !hai2.PossiblySameAs[0].Inverse {
		t.Errorf("hai-2 possiblySameAs %+v", hai2.PossiblySameAs)
	}
	if hanoi := get("place/hanoi"); len(hanoi.Statements) != 1 || hanoi.Statements[0].Role != "addressee" || len(hanoi.SameAs) != 2 {
		t.Errorf("hanoi: statements %+v sameAs %+v", hanoi.Statements, hanoi.SameAs)
	}
	if congress := get("event/congress"); len(congress.Statements) != 1 || congress.Statements[0].Role != "event" {
		t.Errorf("congress statements %+v", congress.Statements)
	}
	// The body: heads and members through the role's flags.
	committee := get("organisation/committee")
	if len(facts(committee.In, "#headOf")) != 1 || len(facts(committee.In, "#memberOf")) != 1 {
		t.Errorf("committee in: %+v", committee.In)
	}
	board := get("organisation/board")
	heads, members, holders := facts(board.In, "#headOf"), facts(board.In, "#memberOf"), facts(board.In, "#holds")
	if len(heads) != 3 || len(members) != 0 || len(holders) != 1 || !strings.HasSuffix(holders[0].Value.IRI, "/person/anh") {
		t.Errorf("board: heads %d, members %d, holders %+v", len(heads), len(members), holders)
	}
	// The post: its holders over time, earliest first.
	chair := get("post/board-chair")
	var got []string
	for _, f := range facts(chair.In, "#holds") {
		got = append(got, localName(f.Value.IRI)+" "+f.Holding.Start+" "+f.Holding.Status+" "+f.Holding.Qualifier)
	}
	if want := []string{"anh 2014 former acting", "anh 2019 former ", "binh 2024-05 elected "}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("holders of the chair:\n got %q\nwant %q", got, want)
	}
	anh := get("person/anh")
	got = nil
	for _, f := range facts(anh.Out, "#holds") {
		got = append(got, localName(f.Value.IRI)+" "+f.Holding.when())
	}
	if want := []string{"board-chair 2014", "board-chair 2019", "board-clerk 2024-06-01"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("anh's posts:\n got %q\nwant %q", got, want)
	}
}

// TestSearchNames: of an entity's names that match alike, a search shows
// the one spelled as typed (Trương Thị Mai's Vietnamese and English
// labels of the seed report); the names a search reads are kept between
// searches, and a write makes the next search read them again.
func TestSearchNames(t *testing.T) {
	ctx := context.Background()
	srv, st := testServer(t, Options{})
	matched := func(q string) string {
		t.Helper()
		code, _, body := call(t, "GET", srv.URL+"/api/search?q="+url.QueryEscape(q), nil)
		var res struct{ Hits []Hit }
		if code != 200 || json.Unmarshal([]byte(body), &res) != nil {
			t.Fatalf("search %q: %d %.300s", q, code, body)
		}
		for _, h := range res.Hits {
			if h.IRI == truong {
				// Three reports state her types: each shown once.
				if len(h.Types) < 2 || len(slices.Compact(slices.Sorted(slices.Values(h.Types)))) != len(h.Types) {
					t.Errorf("search %q: her types %q, want each once", q, h.Types)
				}
				return h.Matched
			}
		}
		return ""
	}
	for q, want := range map[string]string{
		"Trương Thị Mai": "Trương Thị Mai",
		"trương":         "Trương Thị Mai",
		"truong thi mai": "Truong Thi Mai",
		"TRUONG":         "Truong Thi Mai",
	} {
		if got := matched(q); got != want {
			t.Errorf("search %q: matched %q, want %q", q, got, want)
		}
	}
	if got := matched("Zzqx Probe"); got != "" {
		t.Fatalf("search for a name nobody has found her: %q", got)
	}
	// A name added by a write is found by the next search.
	add := quad.Quad{Subject: quad.IRI(truong), Predicate: v.Label, Object: quad.String("Zzqx Probe"),
		Label: quad.IRI("https://confgraph.example/id/graph/party-building-conference-2023-de")}
	err := st.Update(ctx, func(qs graph.QuadStore) error {
		return qs.ApplyDeltas([]graph.Delta{{Quad: add, Action: graph.Add}}, graph.IgnoreOpts{})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := matched("zzqx"); got != "Zzqx Probe" {
		t.Errorf("after a write adding a name: matched %q, want %q", got, "Zzqx Probe")
	}
}
