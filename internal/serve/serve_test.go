package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	code, h, body = call(t, "GET", srv.URL+"/api/queries/attendance?bridge=central-bridge", nil, "Accept", "application/json;q=0.5, text/csv")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.HasPrefix(body, "event,at,attendee") {
		t.Errorf("attendance as CSV by q-value: %d %s\n%s", code, h.Get("Content-Type"), body)
	}
	code, _, body = call(t, "POST", srv.URL+"/api/queries/attendance", strings.NewReader(`{"bridge": "Zentralbrücke", "limit": "1"}`), "Content-Type", "application/json")
	var rows []map[string]string
	if code != 200 || json.Unmarshal([]byte(body), &rows) != nil || len(rows) != 1 {
		t.Errorf("POST attendance with limit 1: %d %s", code, body)
	}
	for _, c := range []struct {
		path string
		code int
		want string
	}{
		{"/api/queries/nosuch", 404, "bundled queries:"},
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
	for _, q := range []string{"truong thi mai", "Trương Thị Mai", "TRUONG-thi_mai", "truong"} {
		code, _, body := call(t, "GET", srv.URL+"/api/search?q="+url.QueryEscape(q), nil)
		if code != 200 || !strings.Contains(body, truong) {
			t.Errorf("search %q: %d %.300s", q, code, body)
		}
	}
	code, _, body := call(t, "GET", srv.URL+"/api/entity?id=person/truong-thi-mai&lang=vi", nil)
	var e Entity
	if code != 200 || json.Unmarshal([]byte(body), &e) != nil {
		t.Fatalf("entity: %d %.300s", code, body)
	}
	if e.Label != "Trương Thị Mai" {
		t.Errorf("Vietnamese label %q", e.Label)
	}
	found := false
	for _, f := range e.Out {
		if strings.HasSuffix(f.Property, "#holds") && strings.HasSuffix(f.Value.IRI, "/politburo-member") {
			found = true
			p := f.Provenance
			if p == nil || len(p.Paragraphs) == 0 || p.Paragraphs[0].Number != "3" || len(p.Quotes) == 0 || !strings.Contains(p.Quotes[0].Value, "Politbüros") || len(p.Time) == 0 {
				t.Errorf("holds politburo-member: provenance %+v", p)
			}
			if !strings.Contains(p.Via, "membership") {
				t.Errorf("holds politburo-member rests on %s, want her membership", p.Via)
			}
		}
	}
	if !found {
		t.Error("her entity has no holds politburo-member fact")
	}
	for _, f := range e.Out {
		if f.Provenance == nil {
			t.Errorf("fact %s %s has no provenance", f.Property, f.Value.IRI+f.Value.Value)
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
	if code != 200 || !strings.Contains(body, "party-building-conference-2023-de") {
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
