package report

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where a report was measured.
type Machine struct {
	CPUs      int
	Model     string
	RAMBytes  int64
	LoadStart string // the 1-, 5- and 15-minute load averages
	LoadEnd   string
	Go        string
	Cayley    string
	Serdi     string
}

// String is the machine line printed with the tables.
func (m Machine) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d CPUs", m.CPUs)
	if m.Model != "" {
		fmt.Fprintf(&b, " (%s)", m.Model)
	}
	if m.RAMBytes > 0 {
		fmt.Fprintf(&b, ", %.1f GiB RAM", float64(m.RAMBytes)/(1<<30))
	}
	fmt.Fprintf(&b, ", load average %s at start, %s at end; %s, cayley %s, %s",
		orDash(m.LoadStart), orDash(m.LoadEnd), orDash(m.Go), orDash(m.Cayley), orDash(m.Serdi))
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// ThisMachine reads the CPU count, model and memory of this machine
// (Linux /proc; fields it cannot read stay empty) and its load average.
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), LoadStart: LoadAverage()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.Model = cpuModel(string(data))
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		m.RAMBytes = memTotal(string(data))
	}
	return m
}

// LoadAverage returns the three load averages of /proc/loadavg, "" where
// it cannot be read.
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return loadAverage(string(data))
}

func loadAverage(s string) string {
	f := strings.Fields(s)
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// cpuModel returns the first "model name" of /proc/cpuinfo's text.
func cpuModel(s string) string {
	for _, line := range strings.Split(s, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return ""
}

// memTotal returns MemTotal of /proc/meminfo's text in bytes.
func memTotal(s string) int64 {
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "MemTotal:" {
			n, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				return n * 1024 // kB
			}
		}
	}
	return 0
}
