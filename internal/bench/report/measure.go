package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Sample is one run of a whole process: its wall time and its peak
// resident set size, as the kernel reports it to wait4 (ru_maxrss).
type Sample struct {
	Seconds float64
	PeakKiB int64
}

// Command is a process to measure: Args[0] is the program; Stdout, when
// set, is the file its standard output goes to (else it is discarded).
type Command struct {
	Args   []string
	Stdout string
	Env    []string // added to the environment
}

func (c Command) String() string { return strings.Join(c.Args, " ") }

// ProcessError is a measured process that failed.
type ProcessError struct {
	Command string
	Err     error
	Stderr  string // its last lines
}

func (e *ProcessError) Error() string {
	msg := fmt.Sprintf("%s: %v", e.Command, e.Err)
	if e.Stderr != "" {
		msg += "\n" + e.Stderr
	}
	return msg
}

func (e *ProcessError) Unwrap() error { return e.Err }

// Time runs c once and returns its wall time and peak RSS.
func Time(ctx context.Context, c Command) (Sample, error) {
	if len(c.Args) == 0 {
		return Sample{}, fmt.Errorf("measure: no command")
	}
	cmd := exec.CommandContext(ctx, c.Args[0], c.Args[1:]...)
	cmd.Env = append(os.Environ(), c.Env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = io.Discard
	if c.Stdout != "" {
		f, err := os.Create(c.Stdout)
		if err != nil {
			return Sample{}, fmt.Errorf("measure %s: %w", c, err)
		}
		defer f.Close()
		cmd.Stdout = f
	}
	start := time.Now()
	err := cmd.Run()
	secs := time.Since(start).Seconds()
	if err != nil {
		return Sample{}, &ProcessError{Command: c.String(), Err: err, Stderr: tail(stderr.String(), 10)}
	}
	s := Sample{Seconds: secs}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.PeakKiB = int64(ru.Maxrss) // KiB on Linux
	}
	return s, nil
}

// Measure runs c n times, calling prepare before each run (untimed), and
// returns the median time and the largest peak memory.
func Measure(ctx context.Context, n int, prepare func() error, c Command) (Measurement, error) {
	var samples []Sample
	for range max(n, 1) {
		if prepare != nil {
			if err := prepare(); err != nil {
				return Measurement{}, fmt.Errorf("prepare %s: %w", c, err)
			}
		}
		s, err := Time(ctx, c)
		if err != nil {
			return Measurement{}, err
		}
		samples = append(samples, s)
	}
	return Summarize(samples), nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
