package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/workspace"
)

// boltServer serves a bolt store holding the seed report, with writes.
// The load test measures concurrency, not the size of the store: one
// report keeps each request cheap enough for 1,000 of them under -race on
// two cores.
func boltServer(t testing.TB, token string) *httpServer {
	t.Helper()
	ws := workspace.Config{Backend: "bolt", Path: filepath.Join(t.TempDir(), "cg.db"), Base: mapping.DefaultBase}
	srv, st := testServer(t, Options{Workspace: ws, WriteToken: token})
	m, _ := ws.IRIs()
	files, err := workspace.ReadData([]string{repoFile(t, "graph/2023-12-28-party-building-conference.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(context.Background(), mapping.All(m, files)); err != nil {
		t.Fatal(err)
	}
	return &httpServer{URL: srv.URL}
}

type httpServer struct{ URL string }

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	i := int(p * float64(len(d)-1))
	return d[i]
}

func lines(t testing.TB, u string) int {
	t.Helper()
	code, _, body := call(t, "GET", u, nil)
	if code != 200 {
		t.Fatalf("GET %s: %d %.200s", u, code, body)
	}
	return strings.Count(body, "\n")
}

// TestLoadConcurrentQueriesWithWrite sends 1,000 concurrent query requests
// to a bolt store on 127.0.0.1 while one load runs through the API: every
// request must succeed and no quad may be lost. Bounded: 1,000 requests,
// two minutes (five under the race detector, which slows queries ~5x).
func TestLoadConcurrentQueriesWithWrite(t *testing.T) {
	const n = 1000
	srv := boltServer(t, "tok")
	seedURL := srv.URL + "/export?graph=party-building-conference-2023-de"
	seedBefore := lines(t, seedURL)
	allBefore := lines(t, srv.URL+"/export")

	paths := []string{
		"/api/queries/attendance?bridge=central-bridge",
		"/api/entity?iri=" + url.QueryEscape(truong),
		"/api/queries/attendance?event=party-building-conference-2023",
		"/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V("<`+truong+`>").out().all()`),
	}
	bound := 2 * time.Minute
	if raceEnabled {
		bound = 5 * time.Minute
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}, Timeout: bound}
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	var (
		mu    sync.Mutex
		durs  []time.Duration
		errs  []string
		wg    sync.WaitGroup
		start = make(chan struct{})
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			p := paths[i%len(paths)]
			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+p, nil)
			t0 := time.Now()
			resp, err := client.Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err == nil && resp.StatusCode != 200 {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			d := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			durs = append(durs, d)
			if err != nil {
				errs = append(errs, p+": "+err.Error())
			}
		}(i)
	}
	data, err := os.ReadFile(repoFile(t, "internal/dataset/testdata/valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var lr LoadResult
	loadDone := make(chan error, 1)
	close(start)
	go func() {
		time.Sleep(20 * time.Millisecond) // among the queries, not before them
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/load?name=valid.yaml", bytes.NewReader(data))
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := client.Do(req)
		if err != nil {
			loadDone <- err
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			loadDone <- fmt.Errorf("load: %d %s", resp.StatusCode, b)
			return
		}
		loadDone <- json.Unmarshal(b, &lr)
	}()
	wg.Wait()
	if err := <-loadDone; err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("%d of %d requests failed, e.g. %s", len(errs), n, errs[0])
	}
	seedAfter := lines(t, seedURL)
	miniAfter := lines(t, srv.URL+"/export?graph=mini-report")
	allAfter := lines(t, srv.URL+"/export")
	if seedAfter != seedBefore {
		t.Errorf("the seed report had %d quads, now %d", seedBefore, seedAfter)
	}
	if miniAfter == 0 {
		t.Errorf("the loaded report has %d quads", miniAfter)
	}
	if allAfter != allBefore+miniAfter {
		t.Errorf("store had %d quads, loaded %d new, now has %d: lost %d", allBefore, miniAfter, allAfter, allBefore+miniAfter-allAfter)
	}
	t.Logf("%d concurrent requests on bolt with one load (%d quads added): 0 errors wanted, %d; p50 %s, p99 %s, max %s",
		n, lr.Added, len(errs), percentile(durs, .5).Round(time.Millisecond), percentile(durs, .99).Round(time.Millisecond), percentile(durs, 1).Round(time.Millisecond))
}
