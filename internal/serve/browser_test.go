package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium (Debian's chromium) for one test, or
// skips when it is absent (fails with CONFGRAPH_EXTERNAL=require). It
// records every request the page makes and every console error.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	errors   []string
	shots    []string
}

func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CONFGRAPH_EXTERNAL") == "require" {
			t.Fatal("chromium is not installed (apt-get install chromium) and CONFGRAPH_EXTERNAL=require")
		}
		t.Skip("chromium not found: the browser tests need Debian's chromium (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(width, height),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	b := &browser{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			b.mu.Lock()
			b.requests = append(b.requests, e.Request.URL)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.errors = append(b.errors, m.String())
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// shot saves a full-page screenshot into the test's temp dir and, when
// CONFGRAPH_SCREENSHOTS=DIR is set, into DIR too.
func (b *browser) shot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("CONFGRAPH_SCREENSHOTS"); d != "" {
		os.MkdirAll(d, 0o755)
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		b.shots = append(b.shots, p)
	}
	t.Logf("screenshot %s (%d bytes)", name, len(png))
}

// check fails on console errors and on any request to another host.
func (b *browser) check(t *testing.T, host string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("browser: %s", e)
	}
	if len(b.requests) == 0 {
		t.Error("recorded no request: the network listener is broken")
	}
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || u.Scheme == "data" {
			continue
		}
		if u.Host != host || u.Hostname() != "127.0.0.1" {
			t.Errorf("the page requested %s: every request must go to %s", r, host)
		}
	}
}

// waitText waits until the element sel shows want.
func waitText(sel, want string) chromedp.Action[chromedp.Void] {
	js, _ := json.Marshal(sel)
	w, _ := json.Marshal(want)
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](
			"(() => { const e = document.querySelector("+string(js)+"); return !!e && e.innerText.includes("+string(w)+"); })()",
			chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil {
			return fmt.Errorf("wait for %q in %s: %w", want, sel, err)
		}
		return nil
	})
}

// text waits for the element sel and returns its innerText, read in one
// evaluation so that a table the page replaces meanwhile is never read
// half-gone.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	js, _ := json.Marshal(sel)
	s, err := chromedp.Run(ctx, chromedp.Poll[[]string](
		"(() => { const e = document.querySelector("+string(js)+"); return e ? [e.innerText] : false; })()",
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s[0]
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func evalInt(t *testing.T, ctx context.Context, js string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return n
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserSearchEntityQueryGraph(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	srv, _ := testServer(t, Options{})
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := b.ctx

	// Home page, search "truong thi mai" (no diacritics) and reach her page.
	do(t, ctx, chromedp.Navigate(srv.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.CSS(".cards")))
	b.shot(t, "home")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#q"), "truong thi mai\n"), chromedp.WaitVisible(chromedp.CSS("#hits a")))
	// One hit for her, with her kind and the three reports that name her.
	hits := text(t, ctx, "#hits")
	contains(t, "search results", hits, "Truong Thi Mai", "person", "party-building-central-highlands-2022-en", "pcc-office-review-2023-en", "party-building-conference-2023-de")
	if n := evalInt(t, ctx, `[...document.querySelectorAll("#hits > li")].filter((li) => li.querySelector("a").href.includes("truong-thi-mai")).length`); n != 1 {
		t.Errorf("search lists her %d times, want once", n)
	}
	b.shot(t, "search")
	do(t, ctx, chromedp.Click(chromedp.CSS("#hits a")), waitText("main", "Standing Member of the Secretariat"))
	page := text(t, ctx, "main")
	// The seed's §3 and §9 (2023-12-28) and the English reports of 2022
	// (§8, as of 2022-06-30) and 2023 (§2, §5, as of 2023-07-19), each an
	// entry of its own under the post.
	contains(t, "her entity page", page, "Truong Thi Mai", "Trương Thị Mai", "Member of the Politburo", "¶ 3", "¶ 9", "Leiterin der Zentralen Organisationskommission",
		"Posts held", "Politburo", "current", "as of 2023-12-28", "party-building-conference-2023-de",
		"as of 2022-06-30", "party-building-central-highlands-2022-en", "¶ 8", "Politburo member, PCC Secretary",
		"as of 2023-07-19", "pcc-office-review-2023-en", "Politburo member and Permanent member")
	if n := evalInt(t, ctx, `[...document.querySelectorAll("li.fact")].filter((li) => li.querySelector(".val a")?.href.includes("post%2Fpolitburo-member")).map((li) => li.querySelectorAll("li.entry").length)[0] || 0`); n != 3 {
		t.Errorf("her Politburo membership has %d entries, want 3 (one per report)", n)
	}
	if loc := location(t, ctx); !strings.Contains(loc, "/entity?") || !strings.Contains(loc, "truong-thi-mai") {
		t.Errorf("entity page address %s is not a permalink with her IRI", loc)
	}
	b.shot(t, "entity-truong-thi-mai")

	// The language switch: German headings and paragraph marks.
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById("lang"); s.value = "de"; s.dispatchEvent(new Event("change")); return true; })()`))
		return err
	}), waitText("main", "Angaben"))
	contains(t, "German entity page", text(t, ctx, "main"), "Abs. 3", "Quellen dieses Eintrags", "Ämter", "amtierend", "Stand 2023-12-28")

	// A body: its heads and members, read from the memberships through
	// the roles' flags.
	do(t, ctx, chromedp.Navigate(srv.URL+"/entity?lang=en&iri="+url.QueryEscape("https://confgraph.example/id/organisation/central-organising-commission")),
		waitText("main", "Heads"))
	contains(t, "organisation page", text(t, ctx, "main"), "Heads", "Members", "Truong Thi Mai", "Head of the Central Organising Commission", "current", "¶ 3")
	b.shot(t, "organisation")

	// The attendance query from its form: Ngo Dong Hai at the central bridge.
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/attendance?lang=en"), chromedp.WaitVisible(chromedp.CSS("#p-bridge")),
		chromedp.SendKeys(chromedp.CSS("#p-bridge"), "Zentralbrücke"), chromedp.Click(chromedp.CSS("#qform button")),
		waitText("#results", "Ngo Dong Hai"))
	// The page's language goes to the query (lang=en): the seed's
	// "Zentralbrücke" is shown by its English label, with the report. The
	// page's first (unfiltered) run may answer after the user's run; the
	// page shows only the latest run's table.
	table := text(t, ctx, "#results table")
	contains(t, "attendance results", table, "Ngo Dong Hai", "central bridge", "party-building-conference-2023-de")
	if strings.Contains(table, "Truong Thi Mai") {
		t.Error("the bridge filter let Truong Thi Mai (Hanoi, no bridge) through")
	}
	if loc := location(t, ctx); !strings.Contains(loc, "bridge=") {
		t.Errorf("query address %s does not carry its parameters", loc)
	}
	b.shot(t, "query-attendance")

	// The event page: bridges and who attended where.
	do(t, ctx, chromedp.Navigate(srv.URL+"/entity?lang=en&iri="+url.QueryEscape("https://confgraph.example/id/event/party-building-conference-2023")),
		waitText("#event-attendance", "Ngo Dong Hai"))
	contains(t, "event statements", text(t, ctx, "#statements"), "delegates of the conference", "reported", "proposed", "key tasks", "¶ 7")
	b.shot(t, "event")

	// The graph picture draws nodes.
	do(t, ctx, chromedp.Navigate(srv.URL+"/graph?lang=en&iri="+url.QueryEscape("https://confgraph.example/id/person/truong-thi-mai")),
		chromedp.WaitVisible(chromedp.CSS("#cy canvas")), chromedp.Sleep(300*time.Millisecond))
	if n := evalInt(t, ctx, `window.confgraphCy ? window.confgraphCy.nodes().length : 0`); n < 5 {
		t.Errorf("graph picture drew %d nodes, want at least 5", n)
	}
	b.shot(t, "graph-truong-thi-mai")
	b.check(t, host)
}

// TestBrowserPhone checks the entity page and a query on a 390 px wide
// screen: nothing wider than the screen but the results table's own
// scroll box.
func TestBrowserPhone(t *testing.T) {
	b := newBrowser(t, 390, 844)
	srv, _ := testServer(t, Options{})
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := b.ctx
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/entity?lang=vi&iri="+url.QueryEscape("https://confgraph.example/id/person/truong-thi-mai")),
		waitText("main", "Trương Thị Mai"))
	contains(t, "Vietnamese entity page", text(t, ctx, "main"), "Chức vụ", "đương nhiệm", "tính đến 2023-12-28")
	if w := evalInt(t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("entity page is %d px wide on a 390 px screen", w)
	}
	contains(t, "Vietnamese entity page", text(t, ctx, "main"), "tính đến 2022-06-30", "tính đến 2023-07-19")
	b.shot(t, "phone-entity")
	do(t, ctx, chromedp.Navigate(srv.URL+"/entity?lang=en&iri="+url.QueryEscape(truong)), waitText("main", "as of 2022-06-30"))
	if w := evalInt(t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("English entity page is %d px wide on a 390 px screen", w)
	}
	b.shot(t, "phone-entity-en")
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/attendance?lang=en&bridge=central-bridge"), waitText("#results", "Ngo Dong Hai"))
	if w := evalInt(t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("query page is %d px wide on a 390 px screen", w)
	}
	b.shot(t, "phone-query")
	b.check(t, host)
}

// TestBrowserReportsAndLanguages shows pages that several reports feed,
// in English and Vietnamese: Truong Thi Mai (three reports), Ngo Dong Hai
// (re-elected provincial secretary and alternate member of the Central
// Committee in October 2020, elected a full member in 2021, both posts in
// the seed of 2023) and the events query.
func TestBrowserReportsAndLanguages(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	srv, _ := testServer(t, Options{})
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := b.ctx
	hai := srv.URL + "/entity?iri=" + url.QueryEscape("https://confgraph.example/id/person/ngo-dong-hai") + "&lang="
	mai := srv.URL + "/entity?iri=" + url.QueryEscape(truong) + "&lang="

	do(t, ctx, chromedp.Navigate(mai+"vi"), waitText("main", "tính đến 2022-06-30"))
	contains(t, "her Vietnamese page", text(t, ctx, "main"), "Trương Thị Mai", "Chức vụ", "tính đến 2023-07-19", "tính đến 2023-12-28", "pcc-office-review-2023-en")
	b.shot(t, "entity-truong-thi-mai-vi")

	do(t, ctx, chromedp.Navigate(hai+"en"), waitText("main", "Posts held"))
	contains(t, "his English page", text(t, ctx, "main"), "Ngo Dong Hai", "Member of the Party Central Committee",
		"re-elected", "term 2020 - 2025", "from 2020-10-14", "thai-binh-congress-2020-thoidai-vi",
		"alternate", "as of 2020-10-15", "thai-binh-congress-2020-vnews-vi",
		"elected", "term khóa XIII", "as of 2021-02-01", "ngo-dong-hai-interview-2021-vi",
		"as of 2023-12-28", "party-building-conference-2023-de", "Mitglied des Zentralkomitees der Partei")
	b.shot(t, "entity-ngo-dong-hai-en")
	do(t, ctx, chromedp.Navigate(hai+"vi"), waitText("main", "Chức vụ"))
	contains(t, "his Vietnamese page", text(t, ctx, "main"), "Ngô Đông Hải", "Ủy viên Trung ương Đảng", "tái đắc cử", "dự khuyết", "được bầu", "nhiệm kỳ khóa XIII", "tính đến 2021-02-01")
	b.shot(t, "entity-ngo-dong-hai-vi")

	// The events query: every event with its report, names in the page's
	// language (the 2023 conference has no Vietnamese name: English).
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/events?lang=en"), waitText("#results", "20th Congress of the Thai Binh Provincial Party Organisation"))
	contains(t, "events in English", text(t, ctx, "#results table"), "report", "National conference reviewing party-building work in 2023", "party-building-conference-2023-de",
		"thai-binh-congress-2020-thoidai-vi", "thai-binh-congress-2020-vnews-vi", "2020-10")
	b.shot(t, "query-events-en")
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/events?lang=vi"), waitText("#results", "Đại hội đại biểu Đảng bộ tỉnh Thái Bình lần thứ XX"))
	contains(t, "events in Vietnamese", text(t, ctx, "#results table"), "National conference reviewing party-building work in 2023", "party-building-conference-2023-de")
	b.shot(t, "query-events-vi")

	// The post parameter of post-holders: a form field with hints.
	do(t, ctx, chromedp.Navigate(srv.URL+"/queries/post-holders?lang=en&post=secretariat-standing-member"), waitText("#results", "pcc-office-review-2023-en"))
	contains(t, "post-holders", text(t, ctx, "main"), "post", "Truong Thi Mai", "2023-07-19", "2023-12-28", "party-building-conference-2023-de")
	if n := evalInt(t, ctx, `document.querySelectorAll("#p-post[list]").length`); n != 1 {
		t.Error("the post parameter has no hint list")
	}
	b.shot(t, "query-post-holders-en")
	b.check(t, host)
}

// TestBrowserFactPages opens Ngo Dong Hai's page with one fact of each
// relation (?facts=1, as an entity named in every report shows its first
// 50): his posts held show one entry and a button for the rest; a click
// reads them from /api/entity/facts and the relation then reads as on
// the page with every fact.
func TestBrowserFactPages(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	srv, _ := testServer(t, Options{})
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := b.ctx
	hai := srv.URL + "/entity?iri=" + url.QueryEscape("https://confgraph.example/id/person/ngo-dong-hai") + "&lang=en"
	const posts = `[...document.querySelectorAll("div.relation")].find((d) => d.querySelector("h3")?.innerText.startsWith("Posts held"))`

	do(t, ctx, chromedp.Navigate(hai), waitText("main", "Posts held"))
	whole := text(t, ctx, "main")
	all := evalInt(t, ctx, posts+`.querySelectorAll("li.entry").length`)
	if all < 4 {
		t.Fatalf("his posts held show %d entries, want at least the four reports' (2020 twice, 2021, 2023)", all)
	}
	if n := evalInt(t, ctx, `document.querySelectorAll("button.more").length`); n != 0 {
		t.Errorf("every fact shown, yet %d buttons for more", n)
	}
	wholePosts, err := chromedp.Run(ctx, chromedp.Evaluate[string](posts+`.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	// rest clicks the button under his posts held, waits until they show
	// all their entries and returns their text.
	rest := func() string {
		t.Helper()
		do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](posts+`.querySelector("button.more").click() || true`))
			return err
		}), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](posts+`.querySelectorAll("li.entry").length === `+fmt.Sprint(all), chromedp.WithPollingTimeout(30*time.Second)))
			return err
		}))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](posts+`.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	do(t, ctx, chromedp.Navigate(hai+"&facts=1"), waitText("main", "Posts held"))
	if n := evalInt(t, ctx, posts+`.querySelectorAll("li.entry").length`); n != 1 {
		t.Errorf("with facts=1 his posts held show %d entries, want 1", n)
	}
	contains(t, "his posts held, the first of them", text(t, ctx, "main"), "Show more ("+fmt.Sprint(all-1)+")", fmt.Sprintf("1 / %d", all))
	b.shot(t, "entity-fact-pages")
	got := rest()
	if got != wholePosts {
		t.Errorf("his posts held after reading the rest:\n%s\nwant as on the whole page:\n%s", got, wholePosts)
	}
	contains(t, "his posts held, read in pages", got, "re-elected", "as of 2020-10-15", "as of 2021-02-01", "as of 2023-12-28", "party-building-conference-2023-de")

	// ?facts=0: every relation a heading and a button, no fact yet.
	do(t, ctx, chromedp.Navigate(hai+"&facts=0"), waitText("main", "Posts held"))
	if n := evalInt(t, ctx, `[...document.querySelectorAll("div.relation")].filter((d) => d.querySelector("h3")).reduce((n, d) => n + d.querySelectorAll("li.entry").length, 0)`); n != 0 {
		t.Errorf("with facts=0 the page shows %d facts", n)
	}
	contains(t, "his page with no facts", text(t, ctx, "main"), fmt.Sprintf("0 / %d", all), "Show more ("+fmt.Sprint(all)+")", "Named in")
	b.shot(t, "entity-no-facts")
	if got := rest(); got != wholePosts {
		t.Errorf("his posts held read from facts=0:\n%s\nwant:\n%s", got, wholePosts)
	}
	if !strings.Contains(whole, "Ngo Dong Hai") {
		t.Errorf("his page: %.200s", whole)
	}
	b.check(t, host)
}
