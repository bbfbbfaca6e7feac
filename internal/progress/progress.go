// Package progress shows the progress of long loads and exports on a
// terminal: nothing for work that ends within about a second, nothing when
// the output is not a terminal or the user asked for quiet, and a one-line
// summary with the rate at the end.
package progress

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Delay is how long a task runs before its progress appears.
const Delay = time.Second

// Reporter creates tasks that show their progress on one writer.
type Reporter struct {
	w     io.Writer
	show  bool
	delay time.Duration
}

// New returns a Reporter for w (usually standard error). It shows progress
// only when w is a terminal and quiet is false.
func New(w io.Writer, quiet bool) *Reporter {
	return &Reporter{w: w, show: !quiet && IsTerminal(w), delay: Delay}
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Task is one piece of work with a count of done items. Its methods are
// safe for concurrent use.
type Task struct {
	start time.Time

	mu    sync.Mutex
	count int64
	bar   *progressbar.ProgressBar // nil when progress is not shown
	gate  *gate
	done  bool
}

// gate passes writes on once the task has run for the delay, so that the
// bar (which starts its clock and its spinner at once) appears only for
// long tasks, and drops every write once the task is done.
type gate struct {
	w      io.Writer
	open   time.Time
	mu     sync.Mutex
	wrote  bool
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed || time.Now().Before(g.open) {
		return len(p), nil
	}
	g.wrote = true
	return g.w.Write(p)
}

// close stops all writes after a last one of p when anything was shown.
func (g *gate) close(p string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.wrote && !g.closed {
		io.WriteString(g.w, p)
	}
	g.closed = true
}

// Start begins a task of total items (negative: unknown, shown as a spinner
// with the elapsed time). Progress appears once the task has run for Delay.
func (r *Reporter) Start(desc string, total int64) *Task {
	t := &Task{start: time.Now()}
	if !r.show {
		return t
	}
	t.gate = &gate{w: r.w, open: t.start.Add(r.delay)}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(t.gate),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
	}
	if total >= 0 {
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("quads"), progressbar.OptionSetPredictTime(true))
	} else {
		total = -1
		opts = append(opts, progressbar.OptionSetPredictTime(false))
	}
	t.bar = progressbar.NewOptions64(total, opts...)
	t.bar.RenderBlank()
	return t
}

// Add counts n more items done.
func (t *Task) Add(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.count += int64(n)
	if t.bar != nil && !t.done {
		t.bar.Add(n)
	}
}

// Describe changes the task's description, e.g. for its next phase.
func (t *Task) Describe(desc string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.bar != nil && !t.done {
		t.bar.Describe(desc)
	}
}

// Count returns the number of items done so far.
func (t *Task) Count() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.count
}

// Done ends the task, removes its progress display and returns how long it
// ran. Calling it again does nothing more.
func (t *Task) Done() time.Duration {
	elapsed := time.Since(t.start)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return elapsed
	}
	t.done = true
	if t.bar != nil {
		t.bar.Finish() // clears the line (OptionClearOnFinish) and ends the spinner
		t.bar.Exit()
		t.gate.close("\r")
	}
	return elapsed
}

// LineWriter returns a writer that passes everything to w and counts each
// line written (one N-Quads line is one quad) as one item done.
func (t *Task) LineWriter(w io.Writer) io.Writer { return &lineWriter{w: w, t: t} }

type lineWriter struct {
	w io.Writer
	t *Task
}

func (l *lineWriter) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if c := bytes.Count(p[:n], []byte{'\n'}); c > 0 {
		l.t.Add(c)
	}
	return n, err
}

// Rate describes n items done in d, e.g. "1,223 quads in 85ms, 14,388 quads/s".
func Rate(n int64, unit string, d time.Duration) string {
	s := fmt.Sprintf("%s %s in %s", Thousands(n), unit, round(d))
	if d > 0 {
		s += fmt.Sprintf(", %s %s/s", Thousands(int64(float64(n)/d.Seconds())), unit)
	}
	return s
}

// round shortens d to about three significant digits.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

// Thousands formats n with commas between groups of three digits.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	var b []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return neg + string(b)
}
