package report

import "testing"

func TestMachineParsers(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC   7B13 64-Core Processor\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: other\n"
	if got := cpuModel(cpuinfo); got != "AMD EPYC 7B13 64-Core Processor" {
		t.Errorf("cpuModel = %q", got)
	}
	meminfo := "MemTotal:       24576000 kB\nMemFree:         1000 kB\n"
	if got := memTotal(meminfo); got != 24576000*1024 {
		t.Errorf("memTotal = %d", got)
	}
	if got := memTotal("MemFree: 1 kB\n"); got != 0 {
		t.Errorf("memTotal without MemTotal = %d", got)
	}
	if got := loadAverage("5.07 2.43 2.50 3/512 14107\n"); got != "5.07 2.43 2.50" {
		t.Errorf("loadAverage = %q", got)
	}
	if got := loadAverage(""); got != "" {
		t.Errorf("loadAverage of nothing = %q", got)
	}
	m := Machine{CPUs: 4}
	if got, want := m.String(), "4 CPUs, load average – at start, – at end; –, cayley –, –"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
