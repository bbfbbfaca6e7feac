package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestServeStartsAndStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"serve", "--addr", addr}, nil, &bytes.Buffer{}, &stderr) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/health")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	for _, want := range []string{"msg=serving", "mode=read-only", "msg=request", "path=/health", "msg=stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestServeBadFlags(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, []byte("\n"), 0o600)
	token := filepath.Join(t.TempDir(), "token-ok")
	os.WriteFile(token, []byte("secret\n"), 0o600)
	// Refused before any connection: nothing listens on port 1.
	cockroach := "postgresql://root@127.0.0.1:1/confgraph?sslmode=disable"
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--write-token-file", empty}, 2, "is empty"},
		{[]string{"serve", "--write-token-file", filepath.Join(t.TempDir(), "none")}, 2, "--write-token-file"},
		{[]string{"serve", "--addr", "nonsense"}, 1, "cannot listen on --addr nonsense"},
		{[]string{"serve", "extra"}, 2, "unknown command"},
		{[]string{"serve", "--db", "cockroach", "--dbpath", cockroach, "--write-token-file", token}, 2, "--write-token-file on --db cockroach: its writers cannot take turns (it has no working advisory locks)"},
	} {
		var stderr bytes.Buffer
		code := Main(context.Background(), c.args, nil, &bytes.Buffer{}, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d %q, want %d with %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

// startServe runs 'confgraph serve ARGS --addr …' until the test ends and
// waits until it answers.
func startServe(t *testing.T, args ...string) (stderr *lockedBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, append([]string{"serve", "--addr", addr}, args...), nil, &bytes.Buffer{}, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/health")
		if err == nil {
			resp.Body.Close()
			return stderr
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeReadOnlyOpen: without a write token serve opens a bolt store
// as the reading commands do, read-only, so an export runs beside it; with
// the token it holds the store alone, as a load does.
func TestServeReadOnlyOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cg.db")
	if code := Main(context.Background(), []string{"load", "--quiet", "--db", "bolt", "--dbpath", dir}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("load: exit %d", code)
	}
	export := func() (int, string) {
		var stderr bytes.Buffer
		code := Main(context.Background(), []string{"export", "--quiet", "--db", "bolt", "--dbpath", dir, "-o", filepath.Join(t.TempDir(), "x.nq")}, nil, &bytes.Buffer{}, &stderr)
		return code, stderr.String()
	}
	t.Run("no token", func(t *testing.T) {
		startServe(t, "--db", "bolt", "--dbpath", dir)
		if code, errs := export(); code != 0 {
			t.Errorf("export beside a read-only serve: exit %d %s", code, errs)
		}
	})
	t.Run("token", func(t *testing.T) {
		token := filepath.Join(t.TempDir(), "token")
		os.WriteFile(token, []byte("secret\n"), 0o600)
		log := startServe(t, "--db", "bolt", "--dbpath", dir, "--write-token-file", token)
		if code, errs := export(); code != 1 || !strings.Contains(errs, "in use by another process") {
			t.Errorf("export beside a writing serve: exit %d %s, want 1, in use", code, errs)
		}
		if !strings.Contains(log.String(), `mode="writes with the token"`) {
			t.Errorf("log: %s", log.String())
		}
	})
}
