package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// curatedBolt returns a bolt store directory loaded with the curated data,
// closed, and the export of it.
func curatedBolt(t testing.TB) (dir string, export []byte) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "cg.db")
	s, err := store.Open(context.Background(), "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(context.Background(), storetest.Curated(t)); err != nil {
		t.Fatal(err)
	}
	export = storetest.Export(t, s, nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, export
}

// A store opened read-only reads, refuses writes and leaves the file as it
// was, byte for byte.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir, want := curatedBolt(t)
	file := filepath.Join(dir, store.BoltFile)
	before, _ := os.ReadFile(file)
	s, err := store.OpenReadOnly(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	storetest.SameBytes(t, "read-only export", storetest.Export(t, s, nil), want)
	var ro *store.ReadOnlyError
	if _, err := s.Replace(ctx, storetest.Curated(t)[:10]); !errors.As(err, &ro) {
		t.Errorf("Replace on a read-only store: %v, want a ReadOnlyError", err)
	}
	// Two readers at once: a read-only open shares the file.
	s2, err := store.OpenReadOnly(ctx, "bolt", dir)
	if err != nil {
		t.Errorf("a second reader: %v", err)
	} else {
		s2.Close()
	}
	s.Close()
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("a read-only open changed the file")
	}
	// Without write permission (as root permissions do not apply: the
	// read-only open above is the path that matters, tested directly).
	if os.Getuid() == 0 {
		t.Log("running as root: the permission part is skipped (root ignores modes); the read-only open is tested above")
		return
	}
	os.Chmod(file, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(file, 0o644) })
	s, err = store.OpenReadOnly(ctx, "bolt", dir)
	if err != nil {
		t.Fatalf("read-only open without write permission: %v", err)
	}
	storetest.SameBytes(t, "export without write permission", storetest.Export(t, s, nil), want)
	s.Close()
}

// Paths that are not stores are refused, and nothing is written to them.
func TestNotAStore(t *testing.T) {
	ctx := context.Background()
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "notes.txt"), []byte("mine"), 0o644)
	empty := t.TempDir()
	junkDir := t.TempDir()
	junk := bytes.Repeat([]byte{0x5a, 0xc3, 0x17, 0x99}, 16384)
	os.WriteFile(filepath.Join(junkDir, store.BoltFile), junk, 0o644)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct {
		name, path string
		readOnly   bool
	}{
		{"plain directory, reading", plain, true},
		{"plain directory, writing", plain, false},
		{"empty directory, reading", empty, true},
		{"random bytes, reading", junkDir, true},
		{"random bytes, writing", junkDir, false},
		{"a file, reading", file, true},
		{"a file, writing", file, false},
	} {
		open := store.Open
		if tc.readOnly {
			open = store.OpenReadOnly
		}
		s, err := open(ctx, "bolt", tc.path)
		var ns *store.NotStoreError
		if !errors.As(err, &ns) {
			t.Errorf("%s: %v, want a NotStoreError", tc.name, err)
			if s != nil {
				s.Close()
			}
		}
	}
	if ents, _ := os.ReadDir(plain); len(ents) != 1 {
		t.Errorf("the plain directory holds %d files afterwards, want 1", len(ents))
	}
	if ents, _ := os.ReadDir(empty); len(ents) != 0 {
		t.Errorf("reading an empty directory wrote %d files into it", len(ents))
	}
	if got, _ := os.ReadFile(filepath.Join(junkDir, store.BoltFile)); !bytes.Equal(got, junk) {
		t.Error("the random-bytes file was changed")
	}
}

// A backup taken while queries run restores byte-identically: its export
// equals the store's.
func TestBackupLive(t *testing.T) {
	ctx := context.Background()
	dir, want := curatedBolt(t)
	s, err := store.Open(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.Quads(ctx, nil); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	var b bytes.Buffer
	n, err := s.Backup(&b)
	close(stop)
	wg.Wait()
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("backup: %d bytes, %v (buffer %d)", n, err, b.Len())
	}
	restored := filepath.Join(t.TempDir(), "restored.db")
	os.Mkdir(restored, 0o700)
	if err := os.WriteFile(filepath.Join(restored, store.BoltFile), b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := store.OpenReadOnly(ctx, "bolt", restored)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	storetest.SameBytes(t, "export of the restored backup", storetest.Export(t, r, nil), want)
	rep, err := r.Check(ctx)
	if err != nil || rep.Damaged() {
		t.Errorf("check of the restored backup: %v %+v", err, rep)
	}
	if _, err := (mustMem(t)).Backup(&b); !errors.As(err, new(*store.CheckUnsupportedError)) {
		t.Errorf("backup of memstore: %v", err)
	}
}

func mustMem(t *testing.T) *store.Store {
	s, err := store.Open(context.Background(), "memstore", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Digests change no export, follow loads and removals, and check finds a
// changed byte in a literal, naming the graph.
func TestCheckDigests(t *testing.T) {
	ctx := context.Background()
	dir, want := curatedBolt(t)
	s, err := store.Open(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(ctx)
	if err != nil || rep.Damaged() {
		t.Fatalf("check of a sound store: %v %+v", err, rep)
	}
	for _, g := range rep.Graphs {
		if g.Status != store.GraphOK {
			t.Errorf("graph %s: status %d, want ok", g.Graph, g.Status)
		}
	}
	d, _ := s.Digests(ctx)
	if len(d) != len(rep.Graphs) {
		t.Errorf("%d digests for %d graphs", len(d), len(rep.Graphs))
	}
	// Removing a graph removes its digest in the same transaction.
	g := rep.Graphs[0].Graph
	gl := storetest.Curated(t)
	var label = gl[0].Label
	for _, q := range gl {
		if q.Label.String() == g {
			label = q.Label
		}
	}
	if _, err := s.RemoveGraphs(ctx, []quad.Value{label}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Digests(ctx); len(d) != len(rep.Graphs)-1 {
		t.Errorf("after removing a graph: %d digests, want %d", len(d), len(rep.Graphs)-1)
	}
	if _, err := s.Replace(ctx, gl); err != nil {
		t.Fatal(err)
	}
	storetest.SameBytes(t, "export after remove and reload", storetest.Export(t, s, nil), want)
	s.Close()

	file := filepath.Join(dir, store.BoltFile)
	data, _ := os.ReadFile(file)
	i := bytes.Index(data, []byte("Ngo Dong Hai"))
	if i < 0 {
		t.Fatal("no Ngo Dong Hai in the file")
	}
	data[i+10] ^= 0x03 // Hai -> Hbi
	os.WriteFile(file, data, 0o600)
	s, err = store.OpenReadOnly(ctx, "bolt", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err = s.Check(ctx)
	if err != nil || !rep.Damaged() {
		t.Fatalf("check after a flipped byte: %v, damaged %v", err, rep != nil && rep.Damaged())
	}
	var changed []string
	for _, g := range rep.Graphs {
		if g.Status == store.GraphChanged {
			changed = append(changed, g.Graph)
		}
	}
	if len(changed) != 1 {
		t.Errorf("changed graphs: %v, want one", changed)
	}
}
