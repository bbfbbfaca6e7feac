package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/serve"
	"github.com/confgraph/confgraph/internal/store"
)

// serveOptions are serve's flags.
type serveOptions struct {
	Addr         string
	TokenFile    string
	QueryTimeout time.Duration
	QueryLimit   int
	MaxBody      int64
	Grace        time.Duration
}

func (o *serveOptions) bind(f *pflag.FlagSet) {
	f.StringVar(&o.Addr, "addr", serve.DefaultAddr, "address to listen on (host:port); anything but loopback must be given explicitly and is logged as such")
	f.StringVar(&o.TokenFile, "write-token-file", "", "file holding the token that enables writes (loads, report removal, Cayley's write routes); without it the server is read-only")
	f.DurationVar(&o.QueryTimeout, "query-timeout", serve.DefaultQueryTimeout, "longest a query may run; a request may ask for less with ?timeout=")
	f.IntVar(&o.QueryLimit, "query-limit", serve.DefaultQueryLimit, "most rows a query returns; a request may ask for fewer with ?limit=")
	f.Int64Var(&o.MaxBody, "max-body", serve.DefaultMaxBody, "largest uploaded file in bytes")
	f.DurationVar(&o.Grace, "shutdown-grace", 10*time.Second, "how long running requests may finish after SIGINT or SIGTERM")
}

func (a *app) serveCmd() *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web page, confgraph's JSON API and Cayley's API v2 over HTTP",
		Long: `serve answers HTTP on --addr (loopback by default): the web page (search,
entity pages with every fact's paragraph and quote, the bundled queries as
forms, a graph picture, downloads), confgraph's JSON API under /api/, the
exports at /export and Cayley's API v2 under /api/v2/. It is read-only unless
--write-token-file names a file with a token; writes then need the header
"Authorization: Bearer TOKEN". The access log goes to standard error.
SIGINT or SIGTERM stops it gracefully. See docs/serve.md.`,
		Example: `  confgraph serve                                   # the embedded report, on http://127.0.0.1:8080/
  confgraph serve --db bolt --dbpath ./cg.db --addr 127.0.0.1:9000
  confgraph serve --db bolt --dbpath ./cg.db --write-token-file ./token`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runServe(cmd.Context(), o) },
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runServe(ctx context.Context, o *serveOptions) error {
	log := slog.New(slog.NewTextHandler(a.stderr, nil))
	token := ""
	if o.TokenFile != "" {
		b, err := os.ReadFile(o.TokenFile)
		if err != nil {
			return tokenFileError(o.TokenFile, err)
		}
		if token = strings.TrimSpace(string(b)); token == "" {
			return tokenFileError(o.TokenFile, nil)
		}
		if st, err := os.Stat(o.TokenFile); err == nil && st.Mode().Perm()&0o077 != 0 {
			log.Warn("the token file can be read by other users; chmod 600 it", "file", o.TokenFile)
		}
	}
	if o.QueryLimit <= 0 || o.QueryTimeout <= 0 || o.MaxBody <= 0 {
		return fail(2, "--query-limit, --query-timeout and --max-body must be positive")
	}
	if b, ok := store.Lookup(a.DB); ok && token != "" && !b.WriterLock {
		return fail(2, "--write-token-file on --db %s: its writers cannot take turns (it has no working advisory locks), so the server's writes could interleave with a 'confgraph load' and leave a mixture of both; serve it read-only (drop --write-token-file) and load with 'confgraph load', one at a time (see docs/stores.md)", b.Name)
	}
	// Without a token the server only reads: the store is opened as the
	// reading commands open it (a bolt store shared with other readers, a
	// SQL store never created, its sessions read-only).
	open := a.ws().OpenReadOnly
	if token != "" {
		open = a.ws().Open
	}
	s, err := open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if token != "" && s.Replica() {
		log.Warn("the store is a PostgreSQL read replica: writes are refused (403); run the writing server on the primary", "store", a.DB)
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return listenError(o.Addr, err)
	}
	srv := serve.New(s, serve.Options{Workspace: a.ws(), WriteToken: token, QueryTimeout: o.QueryTimeout,
		QueryLimit: o.QueryLimit, MaxBody: o.MaxBody, Log: log})
	mode := "read-only"
	if s.Replica() {
		mode = "read-only (read replica)"
	}
	if srv.Writable() {
		mode = "writes with the token"
	}
	addr := ln.Addr().String()
	if !serve.IsLoopback(addr) {
		log.Warn("listening on a non-loopback address: anyone who reaches it can read the store; put a reverse proxy with TLS and authentication in front", "addr", addr)
	}
	log.Info("serving", "url", "http://"+addr+"/", "store", a.DB, "mode", mode)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, ln, o.Grace); err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
