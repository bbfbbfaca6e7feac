package store_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/store"
)

// boltPages is what the damage tests need to know of a bolt file: its
// page size, pages in use, the free list's page and a leaf and a branch
// page of some bucket (found by their header flags).
type boltPages struct {
	size, pgid, freelist, leaf, branch int
}

func pagesOf(t testing.TB, b []byte) boltPages {
	t.Helper()
	le := binary.LittleEndian
	const ps = 4096
	// The meta page with the higher transaction ID is the current one.
	m := 0
	if le.Uint64(b[ps+16+48:]) > le.Uint64(b[16+48:]) {
		m = ps
	}
	p := boltPages{size: ps, freelist: int(le.Uint64(b[m+16+32:])), pgid: int(le.Uint64(b[m+16+40:])), leaf: -1, branch: -1}
	// A free page keeps its old header: damage there is no damage. The
	// free list (bbolt's map free list allocates in no fixed order, so
	// which pages are free differs between runs) names them.
	free := map[int]bool{}
	fl := b[p.freelist*ps:]
	n, ids := int(le.Uint16(fl[10:])), fl[16:]
	if n == 0xFFFF {
		n, ids = int(le.Uint64(ids)), ids[8:]
	}
	for i := 0; i < n && 8*i+8 <= len(ids); i++ {
		free[int(le.Uint64(ids[8*i:]))] = true
	}
	for i := 2; i < p.pgid; i++ {
		h := b[i*ps:]
		if int(le.Uint64(h)) != i || free[i] || i == p.freelist {
			continue
		}
		switch flags, count := le.Uint16(h[8:]), le.Uint16(h[10:]); {
		case flags == 0x02 && count > 3 && p.leaf < 0:
			p.leaf = i
		case flags == 0x01 && count > 1 && p.branch < 0:
			p.branch = i
		}
	}
	if p.leaf < 0 || p.branch < 0 {
		t.Fatalf("no leaf or branch page found: %+v", p)
	}
	return p
}

// bboltDamage are damaged fields that bbolt's Tx.Check, which reads on a
// goroutine of its own, once faulted on, looped on or exhausted memory
// with (ending the process), or that made opening the store loop: each is
// a page-header or element field set to a value beyond the page or the
// file, or a branch pointing back to itself.
func bboltDamage(p boltPages) []struct {
	name, want string
	apply      func([]byte)
} {
	le := binary.LittleEndian
	at := func(page, off int) int { return page*p.size + off }
	return []struct {
		name, want string
		apply      func([]byte)
	}{
		// A leaf element's key offset beyond the page: Tx.Check compares
		// that key (a fault in its goroutine).
		{"leaf key beyond the page", "entry 1's key or value lies beyond the page", func(b []byte) { le.PutUint32(b[at(p.leaf, 16+16+4):], 0x7ffffff0) }},
		{"leaf key size beyond the page", "entry 1's key or value lies beyond the page", func(b []byte) { le.PutUint32(b[at(p.leaf, 16+16+8):], 0x7ffffff0) }},
		// An overflow of 4 billion pages: Tx.Check marks each reachable.
		{"leaf overflow", "more pages, beyond the end of the file", func(b []byte) { le.PutUint32(b[at(p.leaf, 12):], 0xffffffff) }},
		{"free list overflow", "more pages, beyond the end of the file", func(b []byte) { le.PutUint32(b[at(p.freelist, 12):], 0x0fffffff) }},
		// A free list count of 268 million: Tx.Check's copy of it.
		{"free list count", "has room for", func(b []byte) {
			le.PutUint16(b[at(p.freelist, 10):], 0xffff)
			le.PutUint64(b[at(p.freelist, 16):], 0x0fffffff)
		}},
		{"free page beyond the end", "which is beyond the end of the file", func(b []byte) {
			le.PutUint16(b[at(p.freelist, 10):], 1)
			le.PutUint64(b[at(p.freelist, 16):], 1<<40)
		}},
		// A branch whose first child is itself: bbolt's cursor and
		// Tx.Check descend for ever.
		{"branch refers to itself", "is already in use: a page tree refers back into itself", func(b []byte) { le.PutUint64(b[at(p.branch, 16+8):], uint64(p.branch)) }},
		{"branch child beyond the end", "beyond the end of the file", func(b []byte) { le.PutUint64(b[at(p.branch, 16+8):], 0x7fffffff) }},
		// A meta page's header that names another page: Tx.Check asserts
		// that every page it reads names itself (a panic in its goroutine).
		{"meta page header", "meta page 0 says it is page 48", func(b []byte) { b[0] = '0' }},
		// Two type flags: Tx.Check asserts one.
		{"leaf with two types", "has the type flags 0x12", func(b []byte) { le.PutUint16(b[at(p.leaf, 8):], 0x12) }},
		{"branch count beyond the page", "entries, more than fit in it", func(b []byte) { le.PutUint16(b[at(p.branch, 10):], 0xffff) }},
	}
}

// Damage that would make bbolt's check fault, loop or exhaust memory in
// its own goroutine (where no recover reaches), or make opening the store
// loop, is found by the page walk before either reads the file, and
// named; check never ends the process and changes nothing.
func TestCheckDamagedPages(t *testing.T) {
	ctx := context.Background()
	dir, _ := curatedBolt(t)
	pristine, err := os.ReadFile(filepath.Join(dir, store.BoltFile))
	if err != nil {
		t.Fatal(err)
	}
	if damage, err := store.CheckPages(dir); err != nil || len(damage) > 0 {
		t.Fatalf("pages of a sound store: %v %v", damage, err)
	}
	p := pagesOf(t, pristine)
	for _, c := range bboltDamage(p) {
		t.Run(c.name, func(t *testing.T) {
			d := filepath.Join(t.TempDir(), "cg.db")
			os.Mkdir(d, 0o700)
			file := filepath.Join(d, store.BoltFile)
			damaged := bytes.Clone(pristine)
			c.apply(damaged)
			os.WriteFile(file, damaged, 0o600)
			damage, err := store.CheckPages(d)
			if err != nil || len(damage) == 0 || !strings.Contains(damage[0], c.want) {
				t.Errorf("CheckPages: %q, %v; want a problem saying %q", damage, err, c.want)
			}
			// On a store that opens, Check finds the same before it runs
			// bbolt's check.
			if s, err := store.OpenReadOnly(ctx, "bolt", d); err == nil {
				rep, err := s.Check(ctx)
				s.Close()
				if err != nil || len(rep.Bolt) == 0 || !strings.Contains(rep.Bolt[0], c.want) || !rep.Damaged() {
					t.Errorf("Check: %v %+v; want bbolt pages damaged: %q", err, rep, c.want)
				}
			}
			if got, _ := os.ReadFile(file); !bytes.Equal(got, damaged) {
				t.Error("the check changed the file")
			}
		})
	}
}

// FuzzCheckPages writes up to 8 bytes at any offset of one page of a
// sound store and checks it: neither the page walk nor, after it found
// nothing, bbolt's check and the rest may panic, fault, loop or exhaust
// memory.
func FuzzCheckPages(f *testing.F) {
	dir, _ := curatedBolt(f)
	pristine, err := os.ReadFile(filepath.Join(dir, store.BoltFile))
	if err != nil {
		f.Fatal(err)
	}
	p := pagesOf(f, pristine)
	for _, c := range bboltDamage(p) {
		// A seed per damage: the first byte that differs, as page,
		// offset and the bytes from there.
		b := bytes.Clone(pristine)
		c.apply(b)
		i := 0
		for b[i] == pristine[i] {
			i++
		}
		f.Add(uint32(i/p.size), uint16(i%p.size), b[i:min(i+8, (i/p.size+1)*p.size)])
	}
	f.Add(uint32(p.leaf), uint16(0), []byte{0})
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, page uint32, off uint16, patch []byte) {
		if int(page) >= len(pristine)/p.size || int(off) >= p.size || len(patch) > 8 {
			return
		}
		b := bytes.Clone(pristine)
		copy(b[int(page)*p.size+int(off):(int(page)+1)*p.size], patch)
		d := t.TempDir()
		os.WriteFile(filepath.Join(d, store.BoltFile), b, 0o600)
		if damage, _ := store.CheckPages(d); len(damage) > 0 {
			return
		}
		s, err := store.OpenReadOnly(ctx, "bolt", d)
		if err != nil {
			return
		}
		defer s.Close()
		if _, err := s.Check(ctx); err != nil {
			t.Logf("check: %v", err)
		}
	})
}
