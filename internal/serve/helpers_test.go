package serve

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

// testServer serves the embedded report on a memstore (or the given
// workspace) on 127.0.0.1.
func testServer(t testing.TB, opt Options) (*httptest.Server, *store.Store) {
	t.Helper()
	if opt.Workspace.Backend == "" {
		opt.Workspace = workspace.Config{Backend: "memstore", Base: mapping.DefaultBase}
	}
	if opt.Log == nil && os.Getenv("CONFGRAPH_SERVE_LOG") != "" {
		opt.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	st, err := opt.Workspace.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(New(st, opt).Handler())
	t.Cleanup(srv.Close)
	return srv, st
}

// do sends a request and returns the status, headers and body.
func call(t testing.TB, method, url string, body io.Reader, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func repoFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func contains(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q:\n%.1500s", what, w, body)
		}
	}
}

func listen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }
