// Package sortquads sorts quads by their N-Quads line with bounded memory:
// quads are collected up to a memory budget, each full batch is sorted and
// spilled to a temporary file as a run (quad's own pquads encoding, which
// keeps every value exactly), and the runs are merged. The order and the
// quads are those of the in-memory sort by N-Quads line, so an export
// through it is byte-identical to one sorted in memory.
package sortquads

import (
	"bufio"
	"container/heap"
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
// memory before a sorted run is spilled to disk.
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

// itemSize estimates the memory an item holds: the key, about as much again
// for the quad's own strings, and the headers.
func itemSize(key string) int { return 2*len(key) + 160 }

// Sorter collects quads and yields them sorted by N-Quads line, each
// distinct line once. The zero value is not usable; call New.
type Sorter struct {
	opt   Options
	buf   []item
	bytes int
	runs  []run
	added int
}

type run struct {
	path string
	max  int // largest message, for the reader
}

// New returns an empty Sorter.
func New(opt Options) *Sorter {
	if opt.Memory <= 0 {
		opt.Memory = DefaultMemory
	}
	return &Sorter{opt: opt}
}

// Add adds q. When the buffered quads exceed the memory budget they are
// sorted and written to a temporary run.
func (s *Sorter) Add(q quad.Quad) error {
	k := rdf.Key(q)
	s.buf = append(s.buf, item{k, q})
	s.bytes += itemSize(k)
	s.added++
	if s.bytes >= s.opt.Memory {
		return s.spill()
	}
	return nil
}

// Runs reports how many sorted runs were spilled to disk so far.
func (s *Sorter) Runs() int { return len(s.runs) }

func sortItems(b []item) {
	slices.SortFunc(b, func(x, y item) int { return strings.Compare(x.key, y.key) })
}

func (s *Sorter) spill() (err error) {
	sortItems(s.buf)
	f, err := os.CreateTemp(s.opt.TempDir, "confgraph-sort-*.pq")
	if err != nil {
		return fmt.Errorf("sort quads: create run file: %w", err)
	}
	r := run{path: f.Name()}
	s.runs = append(s.runs, r) // removed by Close even if writing fails
	bw := bufio.NewWriterSize(f, 1<<16)
	w := pquads.NewWriter(bw, nil)
	last := ""
	for i, it := range s.buf {
		if i > 0 && it.key == last {
			continue
		}
		last = it.key
		if err = w.WriteQuad(it.q); err != nil {
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
	s.runs[len(s.runs)-1].max = w.MaxSize()
	clear(s.buf) // let the collector take the quads
	s.buf = s.buf[:0]
	s.bytes = 0
	return nil
}

// Each calls fn for every distinct quad added, in N-Quads line order,
// until fn returns an error, and returns that error. It may be called more
// than once; Add must not be called after it.
func (s *Sorter) Each(fn func(quad.Quad) error) error {
	return s.each(func(it *item) error { return fn(it.q) })
}

func (s *Sorter) each(fn func(*item) error) error {
	sortItems(s.buf)
	if len(s.runs) == 0 {
		last := ""
		for i, it := range s.buf {
			if i > 0 && it.key == last {
				continue
			}
			last = it.key
			if err := fn(&s.buf[i]); err != nil {
				return err
			}
		}
		return nil
	}
	h := &merge{}
	defer h.close()
	for _, r := range s.runs {
		f, err := os.Open(r.path)
		if err != nil {
			return fmt.Errorf("sort quads: open run: %w", err)
		}
		src := &runReader{f: f, r: pquads.NewReader(bufio.NewReaderSize(f, 1<<16), max(r.max, pquads.DefaultMaxSize))}
		h.srcs = append(h.srcs, src)
		if err := h.push(src); err != nil {
			return err
		}
	}
	mem := &memReader{items: s.buf}
	if err := h.push(mem); err != nil {
		return err
	}
	last, first := "", true
	for h.Len() > 0 {
		top := h.heads[0]
		it := top.cur
		if first || it.key != last {
			if err := fn(&it); err != nil {
				return err
			}
		}
		first, last = false, it.key
		ok, err := top.src.next(&top.cur)
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// Close removes the temporary runs.
func (s *Sorter) Close() error {
	var errs []error
	for _, r := range s.runs {
		if err := os.Remove(r.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	s.runs = nil
	s.buf = nil
	return errors.Join(errs...)
}

// Seq returns a sequence of the quads that each yields, sorted by N-Quads
// line with duplicates dropped, holding about opt.Memory bytes of quads in
// memory. Every walk calls each again and cleans up its runs. Its type
// converts to the export writers' source.Seq.
func Seq(each func(fn func(quad.Quad) error) error, opt Options) func(yield func(quad.Quad) error) error {
	return func(yield func(quad.Quad) error) (err error) {
		s := New(opt)
		defer func() {
			if cerr := s.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("sort quads: remove runs: %w", cerr)
			}
		}()
		if err := each(s.Add); err != nil {
			return err
		}
		return s.Each(yield)
	}
}

type source interface {
	next(*item) (bool, error)
}

type memReader struct {
	items []item
	i     int
}

func (m *memReader) next(it *item) (bool, error) {
	if m.i >= len(m.items) {
		return false, nil
	}
	*it = m.items[m.i]
	m.i++
	return true, nil
}

type runReader struct {
	f *os.File
	r *pquads.Reader
}

func (r *runReader) next(it *item) (bool, error) {
	q, err := r.r.ReadQuad()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sort quads: read run %s: %w", r.f.Name(), err)
	}
	*it = item{rdf.Key(q), q}
	return true, nil
}

type head struct {
	cur item
	src source
}

// merge is a min-heap of the current quad of every run.
type merge struct {
	heads []*head
	srcs  []*runReader
}

func (m *merge) push(src source) error {
	h := &head{src: src}
	ok, err := src.next(&h.cur)
	if err != nil || !ok {
		return err
	}
	heap.Push(m, h)
	return nil
}

func (m *merge) close() {
	for _, s := range m.srcs {
		s.f.Close()
	}
}

func (m *merge) Len() int           { return len(m.heads) }
func (m *merge) Less(i, j int) bool { return m.heads[i].cur.key < m.heads[j].cur.key }
func (m *merge) Swap(i, j int)      { m.heads[i], m.heads[j] = m.heads[j], m.heads[i] }
func (m *merge) Push(x any)         { m.heads = append(m.heads, x.(*head)) }
func (m *merge) Pop() any {
	x := m.heads[len(m.heads)-1]
	m.heads = m.heads[:len(m.heads)-1]
	return x
}
