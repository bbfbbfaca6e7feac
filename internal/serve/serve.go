// Package serve is confgraph's HTTP server: Cayley's api/v2 (mounted with
// the fixes of cayley.go), confgraph's JSON API over the same code paths as
// the command line (bundled queries, name search, entity facts with their
// provenance, exports), writes guarded by a token, and the embedded web page
// (web/). It knows no command line: internal/cli words its errors.
package serve

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

//go:embed web
var webFS embed.FS

// Defaults of Options.
const (
	DefaultAddr         = "127.0.0.1:8080"
	DefaultQueryTimeout = 30 * time.Second
	DefaultQueryLimit   = query.DefaultLimit
	DefaultMaxBody      = 32 << 20 // bytes of one uploaded file
	maxQueryBody        = 1 << 20  // bytes of a query text or form
)

// Options configure a Server.
type Options struct {
	// Workspace names the store (for messages) and the base of minted IRIs.
	Workspace workspace.Config
	// WriteToken enables writes (loads, report removal, Cayley's write
	// routes) for requests that send it as "Authorization: Bearer TOKEN".
	// Empty: the server is read-only and every write answers 403.
	WriteToken string
	// QueryTimeout is the longest a query may run (0: DefaultQueryTimeout);
	// a request may ask for less with ?timeout=.
	QueryTimeout time.Duration
	// QueryLimit is the most rows a query returns (0: DefaultQueryLimit); a
	// request may ask for fewer with ?limit=.
	QueryLimit int
	// MaxBody caps an uploaded file (0: DefaultMaxBody).
	MaxBody int64
	// MaxQueries is how many queries (and entity, search, graph and
	// Cayley requests) run at once (0: 4 per CPU); the others wait their
	// turn, so that a burst queues instead of every query running slowly
	// into its timeout. A request's timeout starts when it runs.
	MaxQueries int
	// Log receives the access log and errors (nil: discarded).
	Log *slog.Logger
}

// Server serves one store.
type Server struct {
	st    *store.Store
	opt   Options
	token [32]byte // sha256 of the write token
	mux   *http.ServeMux
	log   *slog.Logger
	slots chan struct{}
}

// New returns a server for st.
func New(st *store.Store, opt Options) *Server {
	if opt.QueryTimeout <= 0 {
		opt.QueryTimeout = DefaultQueryTimeout
	}
	if opt.QueryLimit <= 0 {
		opt.QueryLimit = DefaultQueryLimit
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.MaxQueries <= 0 {
		opt.MaxQueries = 4 * runtime.GOMAXPROCS(0)
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux(), log: opt.Log, slots: make(chan struct{}, opt.MaxQueries)}
	if opt.WriteToken != "" {
		s.token = sha256.Sum256([]byte(opt.WriteToken))
	}
	s.routes()
	return s
}

// Writable reports whether writes are enabled: a write token was given,
// and the store takes writes (it is not a read replica, see
// store.Store.Replica).
func (s *Server) Writable() bool { return s.opt.WriteToken != "" && s.st.WriteRefusal() == nil }

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /health", s.health)
	m.HandleFunc("GET /api/queries", s.listQueries)
	m.HandleFunc("GET /api/queries/{name}", s.queued(s.runQuery))
	m.HandleFunc("POST /api/queries/{name}", s.queued(s.runQuery))
	m.HandleFunc("POST /api/query", s.queued(s.adhocQuery))
	m.HandleFunc("GET /api/search", s.queued(s.search))
	m.HandleFunc("GET /api/entity", s.queued(s.entity))
	m.HandleFunc("GET /api/entity/facts", s.queued(s.entityFactPage))
	m.HandleFunc("GET /api/graph", s.queued(s.neighbourhood))
	m.HandleFunc("GET /api/reports", s.reports)
	m.HandleFunc("GET /api/formats", s.formats)
	m.HandleFunc("GET /export", s.export)
	m.HandleFunc("POST /api/load", s.write(s.load))
	m.HandleFunc("DELETE /api/reports/{id}", s.write(s.removeReport))
	m.Handle("/api/v2/", s.queued(s.cayley().ServeHTTP))
	static, _ := fs.Sub(webFS, "web")
	files := http.FileServerFS(static)
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheable(files)))
	for _, p := range []string{"GET /{$}", "GET /entity", "GET /search", "GET /queries", "GET /queries/{name}", "GET /graph", "GET /downloads"} {
		m.HandleFunc(p, s.page)
	}
}

// cacheable lets a browser keep the static files for an hour.
func cacheable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// page serves the one HTML page; its script reads the address and draws
// the view (entity, search, query, graph), so every view is a permalink.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	b, err := webFS.ReadFile("web/index.html")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(b)
}

// Handler returns the server's handler with the access log.
func (s *Server) Handler() http.Handler { return s.accessLog(s.mux) }

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "store": s.st.Backend().Name, "writable": s.Writable(), "readReplica": s.st.Replica(),
	})
}

// write guards a write handler: read-only servers answer 403, a missing or
// wrong token 401. The token is compared in constant time (as hashes, so
// its length does not show either) and never logged.
func (s *Server) write(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if code, err := s.authorize(r); err != nil {
			if code == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="confgraph"`)
			}
			s.fail(w, r, code, err)
			return
		}
		h(w, r)
	}
}

// ErrReadOnly is the answer to a write on a read-only server.
var ErrReadOnly = errors.New("the server is read-only: writes need confgraph serve --write-token-file FILE and the token as \"Authorization: Bearer TOKEN\"")

// ErrReplica is the answer to a write, with the token, on a server whose
// store is a read replica. It does not name the store's address.
var ErrReplica = errors.New("the server's store is a PostgreSQL read replica (a hot standby) and takes no writes: send them to a server on the primary, or load into the primary with 'confgraph load'")

func (s *Server) authorize(r *http.Request) (int, error) {
	if s.opt.WriteToken == "" {
		return http.StatusForbidden, ErrReadOnly
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
	if !ok || subtle.ConstantTimeCompare(sum[:], s.token[:]) != 1 {
		return http.StatusUnauthorized, errors.New("a write needs the server's token as \"Authorization: Bearer TOKEN\"")
	}
	if err := s.st.WriteRefusal(); err != nil {
		if s.st.Replica() {
			return http.StatusForbidden, ErrReplica
		}
		return http.StatusForbidden, ErrReadOnly
	}
	return 0, nil
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: new connections are refused and running requests get up to
// grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of MaxBody on a slow line
		WriteTimeout:      s.opt.QueryTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// IsLoopback reports whether the host of addr (host:port) is a loopback
// address or localhost.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// queued runs h when one of the MaxQueries slots is free; a client that
// goes away while waiting leaves the queue.
func (s *Server) queued(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		defer func() { <-s.slots }()
		h(w, r)
	}
}
