package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// slowServer serves the seed like testServer, but holds back the answers
// for which slow returns true by delay: the page must not let a late
// answer draw over what the user asked for since.
func slowServer(t *testing.T, delay time.Duration, slow func(*http.Request) bool) *httptest.Server {
	t.Helper()
	base, st := testServer(t, Options{})
	base.Close()
	h := New(st, Options{}).Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slow(r) {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserLatestPageWins leaves a page whose data is slow for another
// page, and runs a query before the form's own first run has answered:
// both times the page shows what was asked for last.
func TestBrowserLatestPageWins(t *testing.T) {
	const delay = 1500 * time.Millisecond
	b := newBrowser(t, 1280, 900)
	srv := slowServer(t, delay, func(r *http.Request) bool {
		switch r.URL.Path {
		case "/api/entity":
			return strings.Contains(r.URL.Query().Get("iri"), "truong-thi-mai")
		case "/api/queries/attendance":
			return r.URL.Query().Get("bridge") == ""
		}
		return false
	})
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := b.ctx

	// Her page is slow; the reader goes on to the queries before it answers.
	do(t, ctx, chromedp.Navigate(srv.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.CSS(".cards")),
		chromedp.Evaluate[chromedp.Void](`nav(url("/entity", { iri: "https://confgraph.example/id/person/truong-thi-mai" })); nav(url("/queries", {}));`),
		waitText("main h1", "Queries"), chromedp.Sleep(delay+time.Second))
	if h := text(t, ctx, "main h1"); h != "Queries" {
		t.Errorf("after leaving her slow page for the queries, the page shows %q", h)
	}

	// The form's own first run (no bridge) is slow; the reader's filtered run
	// answers first and must stay.
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/attendance?lang=en"), chromedp.WaitVisible(chromedp.CSS("#p-bridge")),
		chromedp.SendKeys(chromedp.CSS("#p-bridge"), "central-bridge"), chromedp.Click(chromedp.CSS("#qform button")),
		waitText("#results", "Ngo Dong Hai"), chromedp.Sleep(delay+time.Second))
	table := text(t, ctx, "#results table")
	contains(t, "attendance at the central bridge", table, "Ngo Dong Hai", "central bridge")
	if strings.Contains(table, "Truong Thi Mai") {
		t.Error("the form's late unfiltered run drew over the reader's filtered one (Truong Thi Mai, Hanoi, shown)")
	}
	b.check(t, host)
}
