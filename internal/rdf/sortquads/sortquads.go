// Package sortquads sorts quads by their N-Quads line with bounded memory:
// quads are collected up to a memory budget, each full batch is sorted and
// spilled to a temporary file as a run (on a goroutine of its own, while
// the next batch is collected), and the runs are merged. The order and the
// quads are those of the in-memory sort by N-Quads line, so an export
// through it is byte-identical to one sorted in memory.
//
// A run holds each quad's line (its sort key) and, unless the sorter keeps
// lines only, its values in quad's own pquads encoding, which keeps every
// value exactly: the merge compares the stored lines and never formats or
// parses a quad again.
package sortquads

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"

	"github.com/confgraph/confgraph/internal/rdf"
)

// DefaultMemory is the default budget, in bytes, of the quads held in
// memory; half of it is the batch being collected, half the batch being
// sorted and written as a run.
const DefaultMemory = 64 << 20

// Options bounds a sort.
type Options struct {
	// Memory is the approximate number of bytes of quads held in memory;
	// 0 means DefaultMemory.
	Memory int
	// TempDir holds the runs; "" means os.TempDir().
	TempDir string
}

type item struct {
	key string
	q   quad.Quad
}

// sortKey is what a batch sorts: the line, the 8 bytes of it after the
// batch's common prefix as a number (compared first: most comparisons end
// there), and the index of its quad.
type sortKey struct {
	pfx uint64
	key string
	i   int32
}

// itemSize estimates the memory an item holds: the key and its header,
// and (unless only lines are kept) about as much again for the quad's own
// strings and the value headers.
func itemSize(key string, lines bool) int {
	if lines {
		return len(key) + 32
	}
	return 2*len(key) + 160
}

// Sorter collects quads and yields them sorted by N-Quads line, each
// distinct line once. The zero value is not usable; call New or NewLines.
type Sorter struct {
	opt   Options
	lines bool // keep the lines only (NewLines)
	keys  []sortKey
	quads []quad.Quad // by sortKey.i; empty for lines
	spare batch       // the buffers of the last finished spill, for reuse
	bytes int
	runs  []run
	// spilling is the result of the spill in flight, nil when none is.
	spilling chan spillResult
	err      error // the first failed spill's
}

type run struct {
	path string
}

type spillResult struct {
	buf batch
	err error
}

// batch is what one run holds before it is sorted.
type batch struct {
	keys  []sortKey
	quads []quad.Quad
}

// New returns an empty Sorter of quads.
func New(opt Options) *Sorter {
	if opt.Memory <= 0 {
		opt.Memory = DefaultMemory
	}
	return &Sorter{opt: opt}
}

// NewLines returns an empty Sorter that keeps lines only: AddKeyed's quad
// is dropped, and only EachLine may walk it. It holds about three times as
// many quads in its budget as New's.
func NewLines(opt Options) *Sorter {
	s := New(opt)
	s.lines = true
	return s
}

// Add adds q.
func (s *Sorter) Add(q quad.Quad) error { return s.AddKeyed(rdf.Key(q), q) }

// AddKeyed adds q, whose N-Quads line (rdf.Key) is key. When the buffered
// quads fill half the memory budget they are sorted and written to a
// temporary run while the next ones are collected.
func (s *Sorter) AddKeyed(key string, q quad.Quad) error {
	i := int32(0)
	if !s.lines {
		i = int32(len(s.quads))
		s.quads = append(s.quads, q)
	}
	s.keys = append(s.keys, sortKey{key: key, i: i})
	s.bytes += itemSize(key, s.lines)
	if s.bytes >= s.opt.Memory/2 {
		return s.spill()
	}
	return nil
}

// AddLine adds an N-Quads line (rdf.Key) to a sorter of lines.
func (s *Sorter) AddLine(line string) error { return s.AddKeyed(line, quad.Quad{}) }

// Runs reports how many sorted runs were spilled to disk so far.
func (s *Sorter) Runs() int { return len(s.runs) }

// sortKeys sorts ks by line. Lines of one batch share a long prefix
// (the base IRI): comparisons skip it and start with 8 bytes as a number.
func sortKeys(ks []sortKey) {
	if len(ks) < 2 {
		return
	}
	common := len(ks[0].key)
	for _, k := range ks[1:] {
		n := min(common, len(k.key))
		i := 0
		for i < n && k.key[i] == ks[0].key[i] {
			i++
		}
		common = i
	}
	var b [8]byte
	for j := range ks {
		clear(b[:])
		copy(b[:], ks[j].key[common:])
		ks[j].pfx = binary.BigEndian.Uint64(b[:])
	}
	// Zero padding keeps the numbers in byte order: a shorter tail is
	// smaller or ties, and a tie compares the whole tails.
	slices.SortFunc(ks, func(x, y sortKey) int {
		switch {
		case x.pfx < y.pfx:
			return -1
		case x.pfx > y.pfx:
			return 1
		}
		return strings.Compare(x.key[common:], y.key[common:])
	})
}

// wait waits for the spill in flight, if any, and keeps its buffer.
func (s *Sorter) wait() error {
	if s.spilling != nil {
		r := <-s.spilling
		s.spilling = nil
		s.spare = r.buf
		if r.err != nil && s.err == nil {
			s.err = r.err
		}
	}
	return s.err
}

// spill hands the buffer to a goroutine that sorts it and writes it as a
// run, after the previous spill finished; the run file is created here, so
// a temporary directory that does not work fails at once.
func (s *Sorter) spill() error {
	if err := s.wait(); err != nil {
		return err
	}
	f, err := os.CreateTemp(s.opt.TempDir, "confgraph-sort-*.run")
	if err != nil {
		s.err = fmt.Errorf("sort quads: create run file: %w", err)
		return s.err
	}
	s.runs = append(s.runs, run{path: f.Name()}) // removed by Close even if writing fails
	b := batch{keys: s.keys, quads: s.quads}
	s.keys, s.quads, s.spare, s.bytes = s.spare.keys[:0], s.spare.quads[:0], batch{}, 0
	done := make(chan spillResult, 1)
	s.spilling = done
	go func() {
		err := writeRun(f, b)
		clear(b.keys) // let the collector take the lines and quads
		clear(b.quads)
		done <- spillResult{buf: batch{keys: b.keys[:0], quads: b.quads[:0]}, err: err}
	}()
	return nil
}

// writeRun sorts buf and writes it to f, each line once: per item the
// length of the line and the line, then (unless lines) the length and
// pquads encoding of each of the four values (length 0: no value).
func writeRun(f *os.File, b batch) (err error) {
	lines := len(b.quads) == 0
	sortKeys(b.keys)
	buf := b.keys
	bw := bufio.NewWriterSize(f, 1<<16)
	var n [binary.MaxVarintLen64]byte
	put := func(b string) {
		bw.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		bw.WriteString(b)
	}
	for i, it := range buf {
		if i > 0 && it.key == buf[i-1].key {
			continue
		}
		put(it.key)
		if lines {
			continue
		}
		q := b.quads[it.i]
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				put("")
				continue
			}
			b, merr := pquads.MarshalValue(v)
			if merr != nil {
				err = merr
				break
			}
			put(string(b))
		}
		if err != nil {
			break
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sort quads: write run %s: %w", f.Name(), err)
	}
	return nil
}

// Each calls fn for every distinct quad added, in N-Quads line order,
// until fn returns an error, and returns that error. It may be called more
// than once; Add must not be called after it. A sorter of lines has no
// quads to give: use EachLine.
func (s *Sorter) Each(fn func(quad.Quad) error) error {
	if s.lines {
		return errors.New("sort quads: a sorter of lines has no quads (use EachLine)")
	}
	return s.each(func(it *item) error { return fn(it.q) })
}

// EachLine calls fn for the N-Quads line of every distinct quad added, in
// order, until fn returns an error, and returns that error.
func (s *Sorter) EachLine(fn func(line string) error) error {
	return s.each(func(it *item) error { return fn(it.key) })
}

func (s *Sorter) each(fn func(*item) error) error {
	if err := s.wait(); err != nil {
		return err
	}
	sortKeys(s.keys)
	mem := &memReader{keys: s.keys, quads: s.quads}
	if len(s.runs) == 0 {
		var it item
		for i := 0; ; i++ {
			if ok, _ := mem.next(&it); !ok {
				return nil
			}
			if i > 0 && it.key == s.keys[i-1].key {
				continue
			}
			if err := fn(&it); err != nil {
				return err
			}
		}
	}
	m := &merge{}
	defer m.close()
	for _, r := range s.runs {
		f, err := os.Open(r.path)
		if err != nil {
			return fmt.Errorf("sort quads: open run: %w", err)
		}
		src := &runReader{f: f, r: bufio.NewReaderSize(f, 1<<16), lines: s.lines}
		m.files = append(m.files, f)
		if err := m.add(src); err != nil {
			return err
		}
	}
	if err := m.add(mem); err != nil {
		return err
	}
	m.init()
	last, first := "", true
	for len(m.heads) > 0 {
		top := m.heads[0]
		if first || top.cur.key != last {
			if err := fn(&top.cur); err != nil {
				return err
			}
		}
		first, last = false, top.cur.key
		ok, err := top.src.next(&top.cur)
		if err != nil {
			return err
		}
		if !ok {
			n := len(m.heads) - 1
			m.heads[0] = m.heads[n]
			m.heads = m.heads[:n]
		}
		m.down(0)
	}
	return nil
}

// Close waits for a spill in flight and removes the temporary runs.
func (s *Sorter) Close() error {
	s.wait()
	var errs []error
	for _, r := range s.runs {
		if err := os.Remove(r.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	s.runs = nil
	s.keys, s.quads, s.spare = nil, nil, batch{}
	return errors.Join(errs...)
}

// Seq returns a sequence of the quads that each yields, sorted by N-Quads
// line with duplicates dropped, holding about opt.Memory bytes of quads in
// memory. Every walk calls each again and cleans up its runs. Its type
// converts to the export writers' source.Seq.
func Seq(each func(fn func(quad.Quad) error) error, opt Options) func(yield func(quad.Quad) error) error {
	return SeqKeyed(func(fn func(string, quad.Quad) error) error {
		return each(func(q quad.Quad) error { return fn(rdf.Key(q), q) })
	}, opt)
}

// SeqKeyed is Seq over a source that gives every quad's N-Quads line
// (rdf.Key) with it.
func SeqKeyed(each func(fn func(key string, q quad.Quad) error) error, opt Options) func(yield func(quad.Quad) error) error {
	return func(yield func(quad.Quad) error) error {
		return walk(New(opt), each, func(s *Sorter) error { return s.Each(yield) })
	}
}

// Lines returns a sequence of the N-Quads lines of the quads each yields,
// sorted, each once: SeqKeyed's order, for a writer of N-Quads.
func Lines(each func(fn func(key string, q quad.Quad) error) error, opt Options) func(yield func(line string) error) error {
	return func(yield func(string) error) error {
		return walk(NewLines(opt), each, func(s *Sorter) error { return s.EachLine(yield) })
	}
}

func walk(s *Sorter, each func(fn func(string, quad.Quad) error) error, out func(*Sorter) error) (err error) {
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("sort quads: remove runs: %w", cerr)
		}
	}()
	if err := each(s.AddKeyed); err != nil {
		return err
	}
	return out(s)
}

type source interface {
	next(*item) (bool, error)
}

// memReader walks the sorted keys of the last batch, in memory.
type memReader struct {
	keys  []sortKey
	quads []quad.Quad // empty for lines
	i     int
}

func (m *memReader) next(it *item) (bool, error) {
	if m.i >= len(m.keys) {
		return false, nil
	}
	k := m.keys[m.i]
	*it = item{key: k.key}
	if len(m.quads) > 0 {
		it.q = m.quads[k.i]
	}
	m.i++
	return true, nil
}

type runReader struct {
	f     *os.File
	r     *bufio.Reader
	lines bool
	buf   []byte
}

// field reads one length-prefixed field; it aliases r.buf.
func (r *runReader) field() ([]byte, error) {
	n, err := binary.ReadUvarint(r.r)
	if err != nil {
		return nil, err
	}
	if uint64(cap(r.buf)) < n {
		r.buf = make([]byte, n)
	}
	b := r.buf[:n]
	_, err = io.ReadFull(r.r, b)
	return b, err
}

func (r *runReader) next(it *item) (bool, error) {
	k, err := r.field()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sort quads: read run %s: %w", r.f.Name(), err)
	}
	*it = item{key: string(k)}
	if r.lines {
		return true, nil
	}
	for _, v := range []*quad.Value{&it.q.Subject, &it.q.Predicate, &it.q.Object, &it.q.Label} {
		b, err := r.field()
		if err == nil && len(b) > 0 {
			*v, err = pquads.UnmarshalValue(b)
		}
		if err != nil {
			return false, fmt.Errorf("sort quads: read run %s: %w", r.f.Name(), noEOF(err))
		}
	}
	return true, nil
}

// noEOF: a run that ends inside an item is cut short.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

type head struct {
	cur item
	src source
}

// merge is a min-heap, by line, of the current item of every run.
type merge struct {
	heads []*head
	files []*os.File
}

func (m *merge) add(src source) error {
	h := &head{src: src}
	ok, err := src.next(&h.cur)
	if err != nil || !ok {
		return err
	}
	m.heads = append(m.heads, h)
	return nil
}

func (m *merge) init() {
	for i := len(m.heads)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
}

// down restores the heap below i.
func (m *merge) down(i int) {
	h := m.heads
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		j := l
		if r := l + 1; r < len(h) && h[r].cur.key < h[l].cur.key {
			j = r
		}
		if h[i].cur.key <= h[j].cur.key {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

func (m *merge) close() {
	for _, f := range m.files {
		f.Close()
	}
}
