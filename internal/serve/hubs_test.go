package serve

import (
	"strings"
	"sync"
	"testing"
)

// TestHubCache reads entity pages with every node's quads kept between
// requests (hubQuads lowered to 1) and without: the answers must be the
// same, also when read at once by several clients (go test -race), and a
// load must be seen by the next request (the kept quads dropped).
func TestHubCache(t *testing.T) {
	defer func(n int) { hubQuads = n }(hubQuads)
	srv, _ := testServer(t, Options{WriteToken: "tok"})
	pages := []string{"/api/entity?id=post/politburo-member", "/api/entity?id=person/truong-thi-mai&lang=en",
		"/api/entity?id=organisation/central-organising-commission", "/api/entity/facts?id=person/truong-thi-mai&side=out&derived=true&property=http%3A%2F%2Fwww.w3.org%2Fns%2Forg%23holds",
		"/api/search?q=truong", "/api/graph?id=person/ngo-dong-hai"}
	get := func(u string) string {
		code, _, body := call(t, "GET", srv.URL+u, nil)
		if code != 200 {
			t.Fatalf("%s: %d %.300s", u, code, body)
		}
		return body
	}
	hubQuads = 1 << 30 // nothing kept
	want := map[string]string{}
	for _, u := range pages {
		want[u] = get(u)
	}
	hubQuads = 1
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, u := range pages {
				code, _, body := call(t, "GET", srv.URL+u, nil)
				if code != 200 || body != want[u] {
					t.Errorf("%s with kept quads: %d, differs from the answer without:\n%.400s", u, code, body)
				}
			}
		}()
	}
	wg.Wait()
	report := `report: {id: hub-cache-test, description: A later report naming the post again., language: en, date: 2025-01-02, paragraphs: 2}
organisations:
  - {id: politburo, name: Politburo, cite: [1]}
roles:
  - {id: member, name: member, member: true, cite: [1]}
people:
  - {id: truong-thi-mai, name: Truong Thi Mai, cite: [1]}
posts:
  - {id: politburo-member, name: Politburo member named anew, organisation: politburo, role: member, cite: [2]}
holdings:
  - {person: truong-thi-mai, post: politburo-member, status: former, cite: [2]}
`
	if code, _, body := call(t, "POST", srv.URL+"/api/load?name=hub-cache-test.yaml", strings.NewReader(report), "Authorization", "Bearer tok"); code != 200 {
		t.Fatalf("load: %d %s", code, body)
	}
	if body := get(pages[0]); !strings.Contains(body, "Politburo member named anew") || !strings.Contains(body, "hub-cache-test") {
		t.Errorf("the post's page after the load does not show the new report's name and holding:\n%.400s", body)
	}
	if body := get(pages[1]); !strings.Contains(body, "hub-cache-test") || body == want[pages[1]] {
		t.Errorf("her page after the load does not show the new report")
	}
}
