package query

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"time"
)

// DefaultMaxMemory is the memory budget of a query when Options.MaxMemory
// is 0: how much the heap may grow while it runs.
const DefaultMaxMemory int64 = 512 << 20

// memoryTick is how often a running query's heap is sampled: a query
// that doubles a string allocates its next one within milliseconds.
const memoryTick = time.Millisecond

// MemoryError reports a query stopped because the heap grew by more than
// its memory budget while it ran (a query that builds ever larger arrays
// or strings would otherwise take all the machine's memory).
type MemoryError struct {
	Budget int64 // bytes
}

func (e *MemoryError) Error() string { return e.Message("Options.MaxMemory") }

// Message returns the error's text with setting as the name of the
// budget's setting (a flag).
func (e *MemoryError) Message(setting string) string {
	return fmt.Sprintf("query stopped: it used more than its memory budget of %s (raise it with %s, or have the query keep fewer or smaller values)", Size(e.Budget), setting)
}

// Size writes a byte count in binary units: 256 MiB, 2 GiB.
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// The heap figures sampled: the live heap as the last collection found it
// (lags, but garbage does not count) and the memory of all heap objects,
// live or not yet swept (current, but counts garbage).
// The third is GOGC, which sets how far the heap grows past the live
// heap before the collector runs.
var heapSamples = []string{"/gc/heap/live:bytes", "/memory/classes/heap/objects:bytes", "/gc/gogc:percent"}

func readHeap(s []metrics.Sample) (live, objects int64) {
	metrics.Read(s)
	get := func(i int) int64 {
		if s[i].Value.Kind() == metrics.KindUint64 {
			return int64(s[i].Value.Uint64())
		}
		return 0
	}
	return get(0), get(1)
}

// watchMemory cancels ctx with a *MemoryError when the live heap grows by
// more than budget bytes (budget > 0) from what it was when the watch
// began, or the memory of all heap objects, garbage included, beyond what
// the collector lets a heap within the budget reach: (1 + GOGC/100) times
// the live heap at the start plus the budget, twice that at the default
// GOGC.
//
// The live heap is what the last collection found; as it lags, the memory
// of all heap objects is watched too, and when it has grown by budget
// since the last look a collection is started (on a goroutine of its
// own: it takes a while on a large heap, and the watch goes on meanwhile)
// to make the live figure exact. A query that only makes garbage costs
// one collection per budget's worth of it, one that allocates less than
// its budget none. The second bound catches a query that grows faster
// than a collection can tell (a string doubled in a loop: every step
// allocates as much as all before it) at the step that passes it, not
// steps later; the collector keeps the heap of a query within its budget
// below it (it collects when the heap has doubled since the last
// collection, at the default GOGC).
//
// The heap is the process's: queries that run at once share it. It is
// sampled every memoryTick (runtime/metrics, no stop of the world), which
// costs about a microsecond a tick; the returned func ends the watch.
// objectsCap is the most the heap objects (garbage included) of a query
// within its budget reach: the collector runs when the heap has grown by
// GOGC percent past the live heap, so (1 + GOGC/100) times the live heap
// at the start plus the budget. With GOGC off (or beyond 10000%) there is
// no such bound, and only the live heap, made exact by the watch's own
// collections, is judged.
func objectsCap(live0, budget int64, gogc uint64) int64 {
	if gogc > 10000 {
		return math.MaxInt64
	}
	return live0 + budget + (live0+budget)*int64(gogc)/100
}

func watchMemory(ctx context.Context, budget int64) (context.Context, func()) {
	if budget <= 0 {
		return ctx, func() {}
	}
	wctx, cancel := context.WithCancelCause(ctx)
	s := make([]metrics.Sample, len(heapSamples))
	for i, name := range heapSamples {
		s[i].Name = name
	}
	live0, obj0 := readHeap(s)
	next := obj0 + budget
	var gogc uint64
	if s[2].Value.Kind() == metrics.KindUint64 {
		gogc = s[2].Value.Uint64()
	}
	capObj := objectsCap(live0, budget, gogc)
	done := make(chan struct{})
	collecting := make(chan struct{}, 1) // holds a token while a collection runs
	go func() {
		t := time.NewTicker(memoryTick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-wctx.Done():
				return
			case <-t.C:
				live, obj := readHeap(s)
				if live-live0 > budget || obj > capObj {
					cancel(&MemoryError{Budget: budget})
					return
				}
				if obj > next {
					select {
					case collecting <- struct{}{}:
						next = obj + budget
						go func() {
							runtime.GC()
							<-collecting
						}()
					default: // one runs already
					}
				}
			}
		}
	}()
	return wctx, func() {
		close(done)
		cancel(nil)
	}
}
