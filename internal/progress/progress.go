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
	r     *Reporter
	desc  string
	total int64
	start time.Time

	mu    sync.Mutex
	count int64
	bar   *progressbar.ProgressBar
	timer *time.Timer
	done  bool
}

// Start begins a task of total items (negative: unknown, shown as a spinner
// with the elapsed time). Progress appears once the task has run for Delay.
func (r *Reporter) Start(desc string, total int64) *Task {
	t := &Task{r: r, desc: desc, total: total, start: time.Now()}
	if r.show {
		t.timer = time.AfterFunc(r.delay, t.appear)
	}
	return t
}

func (t *Task) appear() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return
	}
	max := t.total
	if max < 0 {
		max = -1
	}
	t.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(t.r.w),
		progressbar.OptionSetDescription(t.desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("quads"),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(max > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	if t.count > 0 {
		t.bar.Add64(t.count)
	} else {
		t.bar.RenderBlank()
	}
}

// Add counts n more items done.
func (t *Task) Add(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.count += int64(n)
	if t.bar != nil {
		t.bar.Add(n)
	}
}

// Describe changes the task's description, e.g. for its next phase.
func (t *Task) Describe(desc string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.desc = desc
	if t.bar != nil {
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
	if t.timer != nil {
		t.timer.Stop()
	}
	if t.bar != nil {
		t.bar.Finish()
		t.bar.Exit()
		t.bar.Clear()
		fmt.Fprint(t.r.w, "\r")
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
