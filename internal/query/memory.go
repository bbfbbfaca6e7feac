package query

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"time"
)

// DefaultMaxMemory is the memory budget of a query when Options.MaxMemory
// is 0: how much the heap may grow while it runs.
const DefaultMaxMemory int64 = 512 << 20

// memoryTick is how often a running query's heap growth is sampled.
const memoryTick = 10 * time.Millisecond

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
var heapSamples = []string{"/gc/heap/live:bytes", "/memory/classes/heap/objects:bytes"}

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
// began. The live heap is what the last collection found; as it lags, the
// memory of all heap objects (garbage included) is watched too, and when
// it has grown by budget since the last look a collection makes the live
// figure exact: a query that only makes garbage costs one collection per
// budget's worth of it, one that allocates less than its budget none. The
// heap is the process's: queries that run at once share it. It is sampled
// on a ticker (runtime/metrics, no stop of the world), which costs about a
// microsecond a tick; the returned func ends the watch.
func watchMemory(ctx context.Context, budget int64) (context.Context, func()) {
	if budget <= 0 {
		return ctx, func() {}
	}
	wctx, cancel := context.WithCancelCause(ctx)
	s := make([]metrics.Sample, len(heapSamples))
	for i, name := range heapSamples {
		s[i].Name = name
	}
	live0, next := readHeap(s)
	next += budget
	done := make(chan struct{})
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
				if live-live0 <= budget && obj > next {
					runtime.GC()
					live, obj = readHeap(s)
					next = obj + budget
				}
				if live-live0 > budget {
					cancel(&MemoryError{Budget: budget})
					return
				}
			}
		}
	}()
	return wctx, func() {
		close(done)
		cancel(nil)
	}
}
