package query

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"

	v "github.com/confgraph/confgraph/internal/vocab"
)

// slowStore is a quad store (not one whose scans runGizmo takes as cheap,
// so the report graphs are listed with Cayley's path, as on the SQL
// stores) whose scans of the quads of one node block: until the context
// of the scan ends (honest), or until the test lets them go.
type slowStore struct {
	graph.QuadStore
	node    graph.Ref
	honest  bool
	release chan struct{}

	mu      sync.Mutex
	entered bool
	ended   error // the scan's context error when it stopped; nil if it never ended
}

func (s *slowStore) QuadIterator(d quad.Direction, ref graph.Ref) iterator.Shape {
	sh := s.QuadStore.QuadIterator(d, ref)
	if ref != nil && s.node != nil && ref == s.node {
		return slowShape{sh, s}
	}
	return sh
}

type slowShape struct {
	iterator.Shape
	s *slowStore
}

func (sh slowShape) Iterate() iterator.Scanner { return slowScanner{sh.Shape.Iterate(), sh.s} }

func (sh slowShape) Lookup() iterator.Index { return slowIndex{sh.Shape.Lookup(), sh.s} }

func (sh slowShape) Optimize(ctx context.Context) (iterator.Shape, bool) { return sh, false }

type slowScanner struct {
	iterator.Scanner
	s *slowStore
}

// Next blocks as the store says, then ends the scan.
func (sc slowScanner) Next(ctx context.Context) bool { sc.s.block(ctx); return false }

type slowIndex struct {
	iterator.Index
	s *slowStore
}

// Contains blocks as the store says, then finds nothing.
func (ix slowIndex) Contains(ctx context.Context, _ graph.Ref) bool { ix.s.block(ctx); return false }

// block waits until ctx ends (honest) or the test lets the scans go.
func (s *slowStore) block(ctx context.Context) {
	s.mu.Lock()
	s.entered = true
	s.mu.Unlock()
	if !s.honest {
		<-s.release
		return
	}
	select {
	case <-ctx.Done():
		s.mu.Lock()
		s.ended = ctx.Err()
		s.mu.Unlock()
	case <-s.release:
	}
}

// slowOf returns a slowStore on a memstore of the seed report and
// <urn:slow> <urn:p> "x" <urn:g>, whose scans of node block.
func slowOf(t *testing.T, node quad.Value, honest bool) *slowStore {
	t.Helper()
	s := openStore(t, "memstore")
	ctx := context.Background()
	if err := s.Update(ctx, func(qs graph.QuadStore) error {
		return qs.ApplyDeltas([]graph.Delta{{Action: graph.Add, Quad: quad.Make(quad.IRI("urn:slow"), quad.IRI("urn:p"), "x", quad.IRI("urn:g"))}}, graph.IgnoreOpts{})
	}); err != nil {
		t.Fatal(err)
	}
	var slow *slowStore
	if err := s.View(ctx, func(qs graph.QuadStore) error {
		ref, err := qs.ValueOf(node)
		if err != nil || ref == nil {
			t.Fatalf("%v is not in the store (%v)", node, err)
		}
		slow = &slowStore{QuadStore: qs, node: ref, honest: honest, release: make(chan struct{})}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return slow
}

func noMemo(_ string, make func() (any, error)) (any, error) { return make() }

// TestQueryStopsGoReads: a look-up or the listing of report graphs (the
// statement the SQL stores run) that is under way when the query's
// timeout ends is stopped with it, as the engine's Interrupt stops only
// JavaScript.
func TestQueryStopsGoReads(t *testing.T) {
	if !sessionFields().ok {
		t.Skip("this Cayley's session cannot be prepared: no Go look-ups")
	}
	cases := []struct {
		name string
		node quad.Value
	}{
		{"look-up", quad.IRI("urn:slow")},
		{"report graphs", v.SchemaReport},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			slow := slowOf(t, c.node, true)
			defer close(slow.release)
			_, err := runGizmo(context.Background(), slow, noMemo, nil, `g.emit({n: String(outs("<urn:slow>", "<urn:p>").length)});`, nil, Options{Timeout: 100 * time.Millisecond}.norm())
			var te *TimeoutError
			if !errors.As(err, &te) {
				t.Errorf("error %v, want a *TimeoutError", err)
			}
			slow.mu.Lock()
			defer slow.mu.Unlock()
			if !slow.entered {
				t.Fatal("the slow scan was never read: the test proves nothing")
			}
			if !errors.Is(slow.ended, context.Canceled) && !errors.Is(slow.ended, context.DeadlineExceeded) {
				t.Errorf("the scan under way when the query stopped ended with %v, want its context ended", slow.ended)
			}
		})
	}
}

// TestEngineStillRunning: when the engine's goroutine does not stop (a
// read that ignores its context), a query that timed out says so, whatever
// the engine does: the message must not depend on how fast the engine
// stops (a loaded machine). (A query that reached its row limit while its
// engine still reads fails with ErrEngineRunning; the engine cannot be
// made to emit a row while it is held in a read, so no test reaches that
// case deterministically.)
func TestEngineStillRunning(t *testing.T) {
	if !sessionFields().ok {
		t.Skip("this Cayley's session cannot be prepared: no Go look-ups")
	}
	old := engineWait
	engineWait = 50 * time.Millisecond
	defer func() { engineWait = old }()
	for _, tc := range []struct {
		name, text string
		opt        Options
		want       func(error) bool
		wantText   string
	}{
		{"timeout", `g.emit({n: String(outs("<urn:slow>", "<urn:p>").length)});`,
			Options{Timeout: 50 * time.Millisecond},
			func(err error) bool { var te *TimeoutError; return errors.As(err, &te) }, "a *TimeoutError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			slow := slowOf(t, quad.IRI("urn:slow"), false)
			defer close(slow.release)
			_, err := runGizmo(context.Background(), slow, noMemo, nil, tc.text, nil, tc.opt.norm())
			if !tc.want(err) {
				t.Errorf("error %v, want %s", err, tc.wantText)
			}
			slow.mu.Lock()
			defer slow.mu.Unlock()
			if !slow.entered {
				t.Fatal("the slow scan was never read: the test proves nothing")
			}
		})
	}
}
