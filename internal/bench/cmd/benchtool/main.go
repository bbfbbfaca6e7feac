// Command benchtool runs confgraph's whole-process benchmark report and
// the steps it measures in processes of their own.
//
//	benchtool report [flags] [SIZE ...]     the benchmark report (see report -h); run from the repository
//	benchtool corpus FACTS                  print the corpus directory and its N-Quads file
//	benchtool queries [-cpuprofile FILE] [-jsprofile FILE] [-query NAME,...] BACKEND DBPATH CORPUS RUNS
//	                                        bundled-query latencies (wall and CPU ms) on a store, as JSON
//	benchtool export DB DBPATH OUT [MEM]    sorted N-Quads of the store, as confgraph export writes them
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/bench"
	"github.com/confgraph/confgraph/internal/bench/report"
	"github.com/confgraph/confgraph/internal/rdf/sortquads"
	"github.com/confgraph/confgraph/internal/store"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: benchtool report [flags] [SIZE ...] | corpus FACTS | queries BACKEND DBPATH CORPUS RUNS | export DB DBPATH OUT [MEMORY-BYTES]")
	}
	switch args[0] {
	case "report":
		return runReport(args[1:])
	case "queries":
		return runQueries(args[1:])
	case "corpus":
		if len(args) != 2 {
			return fmt.Errorf("usage: benchtool corpus FACTS")
		}
		os.Setenv(bench.EnvFacts, args[1])
		sizes, err := bench.Sizes()
		if err != nil {
			return err
		}
		dir, err := bench.Corpus(bench.Dir(), sizes[0])
		if err != nil {
			return err
		}
		nq, err := bench.NQuadsFile(dir)
		if err != nil {
			return err
		}
		fmt.Println(dir)
		fmt.Println(nq)
		return nil
	case "export":
		if len(args) < 4 || len(args) > 5 {
			return fmt.Errorf("usage: benchtool export DB DBPATH OUT [MEMORY-BYTES]")
		}
		opt := sortquads.Options{}
		if len(args) == 5 {
			m, err := strconv.Atoi(args[4])
			if err != nil {
				return fmt.Errorf("memory %q is not a number of bytes", args[4])
			}
			opt.Memory = m
		}
		stop := sampleMemory()
		defer stop()
		ctx := context.Background()
		s, err := store.Open(ctx, args[1], args[2])
		if err != nil {
			return err
		}
		defer s.Close()
		f, err := os.Create(args[3])
		if err != nil {
			return err
		}
		n, err := bench.ExportNQuads(f, func(fn func(string, quad.Quad) error) error { return s.EachKeyed(ctx, nil, fn) }, opt)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(args[3])
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(os.Stderr, "exported %d quads\n", n)
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}

func runQueries(args []string) error {
	const usage = "usage: benchtool queries [-cpuprofile FILE] [-jsprofile FILE] [-query NAME,...] BACKEND DBPATH CORPUS RUNS"
	fs := flag.NewFlagSet("queries", flag.ContinueOnError)
	profile := fs.String("cpuprofile", "", "write a CPU profile of the queries' runs to `FILE`")
	jsprofile := fs.String("jsprofile", "", "write a profile of the queries' JavaScript to `FILE`")
	only := fs.String("query", "", "run only these bundled queries (comma-separated `NAMES`)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%s: %w", usage, err)
	}
	if fs.NArg() != 4 {
		return fmt.Errorf("%s", usage)
	}
	a := fs.Args()
	runs, err := strconv.Atoi(a[3])
	if err != nil || runs < 1 {
		return fmt.Errorf("runs %q is not a positive number", a[3])
	}
	var opt report.QueryStoreOptions
	if *only != "" {
		opt.Only = strings.Split(*only, ",")
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		opt.CPUProfile = f
	}
	if *jsprofile != "" {
		f, err := os.Create(*jsprofile)
		if err != nil {
			return fmt.Errorf("javascript profile: %w", err)
		}
		defer f.Close()
		opt.JSProfile = f
	}
	return report.QueryStoreWith(context.Background(), os.Stdout, a[0], a[1], a[2], runs, opt)
}

// sampleMemory samples the process's anonymous and file-backed resident
// memory (Linux /proc/self/status) every 20 ms; the returned function
// prints the peaks. The file-backed part is the store's memory-mapped
// file, which the kernel may drop at any time; the anonymous part is what
// the export itself holds.
func sampleMemory() func() {
	var peakAnon, peakFile int
	read := func() {
		data, err := os.ReadFile("/proc/self/status")
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			n, _ := strconv.Atoi(f[1])
			switch f[0] {
			case "RssAnon:":
				peakAnon = max(peakAnon, n)
			case "RssFile:":
				peakFile = max(peakFile, n)
			}
		}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		read()
		fmt.Fprintf(os.Stderr, "peak anonymous RSS %d MiB, peak file-backed RSS %d MiB\n", peakAnon/1024, peakFile/1024)
	}
}
