package progress

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the bar's render goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestNotATerminalIsSilent(t *testing.T) {
	var buf syncBuffer
	r := New(&buf, false) // a buffer is no terminal
	if r.show {
		t.Fatal("a bytes.Buffer counts as a terminal")
	}
	r.delay = 0
	task := r.Start("loading", 100)
	for i := 0; i < 100; i++ {
		task.Add(1)
	}
	time.Sleep(50 * time.Millisecond)
	task.Done()
	if buf.String() != "" {
		t.Errorf("wrote %q to a non-terminal", buf.String())
	}
	if task.Count() != 100 {
		t.Errorf("count %d, want 100", task.Count())
	}
}

func TestQuietIsSilent(t *testing.T) {
	var buf syncBuffer
	r := &Reporter{w: &buf, show: false, delay: 0}
	if New(&buf, true).show {
		t.Fatal("quiet reporter would show progress")
	}
	task := r.Start("loading", -1)
	task.Add(5)
	time.Sleep(50 * time.Millisecond)
	task.Done()
	if buf.String() != "" {
		t.Errorf("wrote %q although quiet", buf.String())
	}
}

func TestShortTaskShowsNothing(t *testing.T) {
	var buf syncBuffer
	r := &Reporter{w: &buf, show: true, delay: time.Hour}
	task := r.Start("loading", 10)
	task.Add(10)
	task.Done()
	if buf.String() != "" {
		t.Errorf("a task shorter than the delay wrote %q", buf.String())
	}
}

func TestLongTaskShowsBarThenClears(t *testing.T) {
	tests := []struct {
		name  string
		total int64
	}{
		{"known total", 1000},
		{"unknown total", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			var buf syncBuffer
			r := &Reporter{w: &buf, show: true, delay: 10 * time.Millisecond}
			task := r.Start("exporting", tc.total)
			task.Add(300)
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(buf.String(), "exporting") && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
				task.Add(1)
			}
			out := buf.String()
			if !strings.Contains(out, "exporting") {
				t.Fatalf("no progress shown after the delay; output %q", out)
			}
			if tc.total > 0 && !strings.Contains(out, "/1000") {
				t.Errorf("bar does not show the total: %q", out)
			}
			task.Done()
			task.Done() // a second call is harmless
			n := len(buf.String())
			time.Sleep(300 * time.Millisecond)
			if len(buf.String()) != n {
				t.Errorf("the bar kept writing after Done: %q", buf.String()[n:])
			}
			if !strings.HasSuffix(buf.String(), "\r") {
				t.Errorf("the line is not left clear after Done: %q", buf.String())
			}
			// The render goroutine of a spinner ends with the task.
			time.Sleep(300 * time.Millisecond)
			if after := runtime.NumGoroutine(); after > before {
				t.Errorf("%d goroutines left running after Done", after-before)
			}
		})
	}
}

func TestLineWriterCountsQuads(t *testing.T) {
	r := New(&bytes.Buffer{}, true)
	task := r.Start("x", 3)
	var out bytes.Buffer
	w := task.LineWriter(&out)
	for _, s := range []string{"<a> <b> <c> <g> .\n<a> <b> ", "<d> <g> .\n", "<a> <b> <e> <g> .\n"} {
		if _, err := w.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if task.Count() != 3 {
		t.Errorf("counted %d lines, want 3", task.Count())
	}
	if strings.Count(out.String(), "\n") != 3 {
		t.Errorf("output not passed through: %q", out.String())
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		n    int64
		d    time.Duration
		want string
	}{
		{1223, 85 * time.Millisecond, "1,223 quads in 85ms, 14,388 quads/s"},
		{1003400, 12345 * time.Millisecond, "1,003,400 quads in 12.3s, 81,279 quads/s"},
		{0, 0, "0 quads in 0s"},
		{999, 2 * time.Second, "999 quads in 2s, 499 quads/s"},
	}
	for _, tc := range tests {
		if got := Rate(tc.n, "quads", tc.d); got != tc.want {
			t.Errorf("Rate(%d, %s) = %q, want %q", tc.n, tc.d, got, tc.want)
		}
	}
	if got := Thousands(-1234567); got != "-1,234,567" {
		t.Errorf("Thousands(-1234567) = %q", got)
	}
}
