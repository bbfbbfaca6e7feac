package serve

// This file mounts Cayley's HTTP API v2 (github.com/cayleygraph/cayley/
// server/http) under /api/v2/ and is the one place that fixes what a Cayley
// client trips over at the pinned version, each measured by a test in
// cayley_test.go before the fix:
//
//   - Accept: Cayley takes the first entry and ignores q-values, and never
//     answers 406 (Accept: text/html gets N-Quads). Here the Accept header
//     is negotiated by q-value over the media types the route can write and
//     handed to Cayley as the one chosen; none acceptable answers 406.
//   - Read-only writes: Cayley answers 403; its configuration docs promise
//     400. Kept at 403 (the request is understood and refused, RFC 9110
//     15.5.4) as every confgraph write without the token answers, with
//     Cayley's JSON error body; the docs' 400 is noted in docs/serve.md.
//   - Timeouts: a query stopped by its timeout answers 400 where Cayley's
//     docs say 408. Here it answers 408.
//   - ?limit= is ignored on v2 (every query is silently cut at 100 rows).
//     Here ?limit= sets the row limit, capped by --query-limit, which is
//     also the default.
//   - Concurrency: Cayley's memstore and bolt are not safe for a writer
//     beside readers. Here every request holds the store's lock: reads
//     share it, writes take it alone (store.View / store.Update). On
//     PostgreSQL a write also takes the writer lock that loads in other
//     processes take (store.LockWriters); one that waits for it longer
//     than its timeout answers 503 with Retry-After.
//   - Bodies: Cayley reads the first 1 MiB of a query and runs it, cutting
//     a longer one silently. Here a query body over 1 MiB answers 413, and
//     a write's body is capped by --max-body (http.MaxBytesReader).
//
// Left as Cayley has it: results are buffered whole before the answer
// (bounded by the row limit) and writes through /api/v2/write bypass
// confgraph's validation (they need the token; use POST /api/load).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
)

// cayleyWrites are the api/v2 routes that change the store.
var cayleyWrites = map[string]bool{"/api/v2/write": true, "/api/v2/delete": true, "/api/v2/node/delete": true, "/api/v2/namespace-rules": true}

// readOffers are the media types /api/v2/read can write, N-Quads first.
func readOffers() []string {
	out := []string{"application/n-quads"}
	for _, f := range quad.Formats() {
		if f.Writer == nil {
			continue
		}
		for _, m := range f.Mime {
			if m != out[0] {
				out = append(out, m)
			}
		}
	}
	return out
}

func cayleyError(w http.ResponseWriter, code int, err error) {
	writeJSON(w, code, map[string]string{"error": err.Error()})
}

func (s *Server) cayley() http.Handler {
	offers := map[string][]string{
		"/api/v2/read":            readOffers(),
		"/api/v2/query":           {"application/json", "application/ld+json"},
		"/api/v2/formats":         {"application/json"},
		"/api/v2/namespace-rules": {"application/json"},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimSuffix(r.URL.Path, "/")
		write := r.Method == http.MethodPost && cayleyWrites[path]
		if write {
			if code, err := s.authorize(r); err != nil {
				if code == http.StatusUnauthorized {
					w.Header().Set("WWW-Authenticate", `Bearer realm="confgraph"`)
				}
				cayleyError(w, code, err)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
		} else if r.Body != nil && r.Method == http.MethodPost {
			// Cayley reads at most 1 MiB of a query and runs what it read:
			// a longer query is cut silently. Read it here, whole or 413.
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxQueryBody))
			if err != nil {
				cayleyError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("request body: %v", err))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if o, ok := offers[path]; ok && !(path == "/api/v2/read" && r.URL.Query().Get("format") != "") {
			mt, err := negotiate(r, o)
			if err != nil {
				cayleyError(w, negotiateStatus(err), err)
				return
			}
			r.Header.Set("Accept", mt)
		}
		opt, err := s.runOptions(r.URL.Query().Get)
		if err != nil {
			cayleyError(w, http.StatusBadRequest, err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), opt.Timeout)
		defer cancel()
		tw := &timeoutWriter{ResponseWriter: w, ctx: ctx, parent: r.Context()}
		r = r.WithContext(ctx)
		serve := func(qs graph.QuadStore, qw graph.QuadWriter) {
			api := cayleyhttp.NewAPIv2(&graph.Handle{QuadStore: qs, QuadWriter: qw})
			api.SetReadOnly(!write)
			api.SetQueryLimit(opt.Limit)
			api.ServeHTTP(tw, r)
		}
		if write {
			err = s.st.Update(ctx, func(qs graph.QuadStore) error {
				qw, err := writer.NewSingle(qs, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
				if err != nil {
					return err
				}
				defer qw.Close()
				serve(qs, qw)
				return nil
			})
		} else {
			err = s.st.View(ctx, func(qs graph.QuadStore) error { serve(qs, nil); return nil })
		}
		var busy *store.WriterBusyError
		switch {
		case errors.As(err, &busy):
			// Another process (a load) holds the store's writer lock.
			w.Header().Set("Retry-After", "10")
			cayleyError(w, http.StatusServiceUnavailable, err)
		case err != nil:
			cayleyError(w, http.StatusInternalServerError, err)
		}
	})
}

// timeoutWriter turns Cayley's 400 for a query stopped by its deadline into
// 408, as Cayley's documentation has it.
type timeoutWriter struct {
	http.ResponseWriter
	ctx, parent context.Context
}

func (t *timeoutWriter) WriteHeader(code int) {
	if code == http.StatusBadRequest && errors.Is(t.ctx.Err(), context.DeadlineExceeded) && t.parent.Err() == nil {
		code = http.StatusRequestTimeout
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *timeoutWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
