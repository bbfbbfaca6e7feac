package store

import (
	"encoding/binary"
	"fmt"
	"os"
	"unicode/utf8"
)

// bbolt's page layout (page.go of bbolt): a 16-byte header (id, flags,
// count, overflow), then count elements of 16 bytes; a branch element is
// (pos, ksize, child page), a leaf element (flags, pos, ksize, vsize); an
// element's key lies pos bytes after the element, a leaf's value right
// after its key. A leaf element with the bucket flag holds a bucket: its
// root page and sequence, and, when the root is 0, the bucket's one page
// inline after them.
const (
	branchFlag     = 0x01
	leafFlag       = 0x02
	metaFlag       = 0x04
	freelistFlag   = 0x10
	bucketElemFlag = 0x01
	elemSize       = 16
	bucketHeader   = 16
	noFreelist     = 0xffffffffffffffff
	// freelistMore: a free list's count of 0xFFFF means its first id is
	// the count.
	freelistMore = 0xffff
)

// pageWalk is a walk of a bolt file's pages with positioned reads of the
// file, not bbolt's memory map: a damaged page cannot fault, and every
// offset, size, page number and count is checked before it is used. It
// visits what bbolt's own check (Tx.Check) visits — the free list and
// every bucket's page tree — and finds what would make that check fault
// (an element beyond its page), loop for ever or exhaust memory (a page
// tree that refers back to a page already in it, an overflow or free list
// count of billions): Tx.Check runs on a goroutine of its own, where a
// fault or panic ends the process, so it runs only after this walk found
// nothing.
type pageWalk struct {
	f     *os.File
	m     boltMeta
	p     *problems
	seen  []bool // pages the free list or a tree claimed
	found bool   // any problem
}

// walkPages walks the pages of the bolt file with header m and adds what
// it finds damaged to p; it reports whether it found anything. The error
// is for a file that could not be read.
func walkPages(file string, m boltMeta, p *problems) (bool, error) {
	f, err := os.Open(file)
	if err != nil {
		return false, err
	}
	defer f.Close()
	w := &pageWalk{f: f, m: m, p: p, seen: make([]bool, m.pgid)}
	if m.pgid < 2 {
		w.add("the header says the file has %d pages; a bolt file has at least 2 (its meta pages)", m.pgid)
		return true, nil
	}
	w.seen[0], w.seen[1] = true, true
	// The meta pages' headers: bbolt's check asserts that each names
	// itself (a panic in its goroutine).
	for id := uint64(0); id < 2; id++ {
		var h [pageHeaderSize]byte
		if _, err := f.ReadAt(h[:], int64(id)*int64(m.pageSize)); err != nil {
			return w.found, fmt.Errorf("read page %d: %w", id, err)
		}
		if self, flags := binary.LittleEndian.Uint64(h[0:]), binary.LittleEndian.Uint16(h[8:]); self != id || flags != metaFlag {
			w.add("meta page %d says it is page %d with the type flags %#x (a meta page's are %#x)", id, self, flags, metaFlag)
		}
	}
	if err := w.freelist(); err != nil {
		return w.found, err
	}
	// Buckets to walk: the root bucket, then each bucket found in one.
	type bucket struct {
		name   string
		root   uint64
		inline []byte
	}
	queue := []bucket{{name: "the root bucket", root: m.root}}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		var found []childBucket
		var err error
		if b.root == 0 {
			found = w.inline(b.name, b.inline)
		} else {
			found, err = w.tree(b.name, b.root)
		}
		if err != nil {
			return w.found, err
		}
		for _, c := range found {
			queue = append(queue, bucket{name: "bucket " + c.name, root: c.root, inline: c.inline})
		}
	}
	return w.found, nil
}

func (w *pageWalk) add(format string, args ...any) {
	w.found = true
	w.p.add(format, args...)
}

// claim marks pages id to id+overflow as used, reporting (false) a page
// beyond the end or claimed before; what claims them is who.
func (w *pageWalk) claim(id uint64, overflow uint32, who string) bool {
	if id >= w.m.pgid {
		w.add("%s refers to page %d, beyond the end of the file (%d pages)", who, id, w.m.pgid)
		return false
	}
	if uint64(overflow) >= w.m.pgid-id {
		w.add("page %d (%s) says it continues over %d more pages, beyond the end of the file (%d pages)", id, who, overflow, w.m.pgid)
		return false
	}
	for i := id; i <= id+uint64(overflow); i++ {
		if w.seen[i] {
			w.add("page %d (%s) is already in use: a page tree refers back into itself, or two refer to one page", i, who)
			return false
		}
	}
	for i := id; i <= id+uint64(overflow); i++ {
		w.seen[i] = true
	}
	return true
}

// read reads page id with its overflow pages; ok is false (and the
// problem added) when its header does not name it or has an unexpected
// type, or it runs beyond the file.
func (w *pageWalk) read(id uint64, wantFlags uint16, who string) (b []byte, ok bool, err error) {
	if id >= w.m.pgid {
		w.add("%s refers to page %d, beyond the end of the file (%d pages)", who, id, w.m.pgid)
		return nil, false, nil
	}
	ps := int64(w.m.pageSize)
	var h [pageHeaderSize]byte
	if _, err := w.f.ReadAt(h[:], int64(id)*ps); err != nil {
		return nil, false, fmt.Errorf("read page %d: %w", id, err)
	}
	le := binary.LittleEndian
	self, flags, overflow := le.Uint64(h[0:]), le.Uint16(h[8:]), le.Uint32(h[12:])
	if self != id {
		w.add("page %d (%s) says it is page %d: it was overwritten", id, who, self)
		return nil, false, nil
	}
	// One type flag, one of those wanted (bbolt asserts one type).
	if flags&wantFlags == 0 || (flags != branchFlag && flags != leafFlag && flags != freelistFlag) {
		w.add("page %d (%s) has the type flags %#x, not those of %s", id, who, flags, pageKind(wantFlags))
		return nil, false, nil
	}
	if !w.claim(id, overflow, who) {
		return nil, false, nil
	}
	b = make([]byte, (int64(overflow)+1)*ps)
	if _, err := w.f.ReadAt(b, int64(id)*ps); err != nil {
		return nil, false, fmt.Errorf("read page %d: %w", id, err)
	}
	return b, true, nil
}

func pageKind(flags uint16) string {
	switch flags {
	case freelistFlag:
		return "the free list"
	case leafFlag:
		return "a leaf page"
	}
	return "a branch or leaf page"
}

// freelist checks the free list page: its count fits the page, and each
// free page exists and is free once.
func (w *pageWalk) freelist() error {
	if w.m.freelist == noFreelist {
		return nil
	}
	const who = "the free list"
	if w.m.freelist >= w.m.pgid {
		w.add("the free list's page %d is beyond the end of the file (%d pages)", w.m.freelist, w.m.pgid)
		return nil
	}
	b, ok, err := w.read(w.m.freelist, freelistFlag, who)
	if err != nil || !ok {
		return err
	}
	le := binary.LittleEndian
	count, first := uint64(le.Uint16(b[10:])), 0
	if count == freelistMore {
		count, first = le.Uint64(b[pageHeaderSize:]), 1
	}
	room := uint64(len(b)-pageHeaderSize)/8 - uint64(first)
	if count > room {
		w.add("the free list (page %d) says it lists %d pages, but it has room for %d", w.m.freelist, count, room)
		return nil
	}
	free := make(map[uint64]bool, count)
	for i := uint64(0); i < count; i++ {
		id := le.Uint64(b[pageHeaderSize+(uint64(first)+i)*8:])
		switch {
		case id < 2 || id >= w.m.pgid:
			w.add("the free list (page %d) lists page %d, which is %s", w.m.freelist, id, map[bool]string{true: "a meta page", false: "beyond the end of the file"}[id < 2])
			return nil
		case free[id]:
			w.add("the free list (page %d) lists page %d twice", w.m.freelist, id)
			return nil
		}
		free[id] = true
	}
	// A free page is claimed here: a tree referring to one is damage
	// (bbolt's "reachable freed").
	for id := range free {
		if w.seen[id] {
			w.add("the free list (page %d) lists its own page %d", w.m.freelist, id)
			return nil
		}
		w.seen[id] = true
	}
	return nil
}

// childBucket is a bucket found in a leaf: its name and root page, or
// its page inline (root 0).
type childBucket struct {
	name   string
	root   uint64
	inline []byte
}

// tree walks the page tree of bucket name from page root and returns the
// buckets its leaves hold.
func (w *pageWalk) tree(name string, root uint64) ([]childBucket, error) {
	var buckets []childBucket
	stack := []uint64{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b, ok, err := w.read(id, branchFlag|leafFlag, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if b[8]&branchFlag != 0 {
			stack = append(stack, w.branch(name, id, b)...)
			continue
		}
		buckets = append(buckets, w.leaf(name, fmt.Sprintf("page %d", id), b)...)
	}
	return buckets, nil
}

// elements checks that a page's count of elements fits in b (the page
// from its header on) and returns the count.
func (w *pageWalk) elements(name, where string, b []byte) (int, bool) {
	n := int(binary.LittleEndian.Uint16(b[10:]))
	if pageHeaderSize+n*elemSize > len(b) {
		w.add("%s of %s says it holds %d entries, more than fit in it", where, name, n)
		return 0, false
	}
	return n, true
}

// branch checks a branch page's keys and returns its child pages.
func (w *pageWalk) branch(name string, id uint64, b []byte) []uint64 {
	where := fmt.Sprintf("page %d", id)
	n, ok := w.elements(name, where, b)
	if !ok {
		return nil
	}
	le := binary.LittleEndian
	children := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		e := pageHeaderSize + i*elemSize
		pos, ksize := uint64(le.Uint32(b[e:])), uint64(le.Uint32(b[e+4:]))
		if uint64(e)+pos+ksize > uint64(len(b)) {
			w.add("%s of %s: entry %d's key lies beyond the page", where, name, i)
			return nil
		}
		children = append(children, le.Uint64(b[e+8:]))
	}
	// Children are walked in key order.
	for i, j := 0, len(children)-1; i < j; i, j = i+1, j-1 {
		children[i], children[j] = children[j], children[i]
	}
	return children
}

// leaf checks a leaf page's keys and values (b is the page from its
// header on; where names it) and returns the buckets it holds.
func (w *pageWalk) leaf(name, where string, b []byte) []childBucket {
	n, ok := w.elements(name, where, b)
	if !ok {
		return nil
	}
	le := binary.LittleEndian
	var buckets []childBucket
	for i := 0; i < n; i++ {
		e := pageHeaderSize + i*elemSize
		flags, pos := le.Uint32(b[e:]), uint64(le.Uint32(b[e+4:]))
		ksize, vsize := uint64(le.Uint32(b[e+8:])), uint64(le.Uint32(b[e+12:]))
		if uint64(e)+pos+ksize+vsize > uint64(len(b)) {
			w.add("%s of %s: entry %d's key or value lies beyond the page", where, name, i)
			return nil
		}
		if flags&bucketElemFlag == 0 {
			continue
		}
		k := uint64(e) + pos
		key, val := b[k:k+ksize], b[k+ksize:k+ksize+vsize]
		if vsize < bucketHeader {
			w.add("%s of %s: entry %d is a bucket of %d bytes, less than a bucket's header", where, name, i, vsize)
			return nil
		}
		c := childBucket{name: bucketName(key), root: le.Uint64(val)}
		if c.root == 0 {
			c.inline = val[bucketHeader:]
		}
		buckets = append(buckets, c)
	}
	return buckets
}

// inline checks a bucket kept inline in its parent's leaf (root 0) and
// returns the buckets it holds.
func (w *pageWalk) inline(name string, b []byte) []childBucket {
	where := "the inline page"
	if len(b) < pageHeaderSize {
		w.add("%s of %s is shorter than a page header", where, name)
		return nil
	}
	if flags := binary.LittleEndian.Uint16(b[8:]); flags != leafFlag {
		w.add("%s of %s has the type flags %#x, not those of a leaf page", where, name, flags)
		return nil
	}
	return w.leaf(name, where, b)
}

// bucketName shows a bucket's name: as text when it is printable, else
// in hex (Cayley's index buckets are a letter and two bytes of a hash).
func bucketName(k []byte) string {
	if utf8.Valid(k) {
		ok := true
		for _, r := range string(k) {
			if r < 0x20 || r == 0x7f {
				ok = false
			}
		}
		if ok {
			return fmt.Sprintf("%q", k)
		}
	}
	return fmt.Sprintf("%x (hex)", k)
}
