package dataset_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
)

// FuzzParse is the fuzz target of the data-file decoder and validator. Its
// seed corpus is testdata/fuzz/FuzzParse (crashers found are kept there),
// the valid and broken files of testdata and the curated data; CI runs it
// for a bounded time:
//
//	go test -run='^$' -fuzz='^FuzzParse$' -fuzztime=15s ./internal/dataset
//
// The property: Parse never panics; every problem it reports has a
// message, a hint and a position inside the file; a file it accepts maps
// to quads, and Encode writes it as a file that Parse accepts again and
// that maps to the same quads. A Parse that takes 10 s counts as hanging.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.yaml", "testdata/bad/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	names, _ := fs.Glob(graph.Files, "*.yaml")
	for _, n := range names {
		if data, err := fs.ReadFile(graph.Files, n); err == nil {
			f.Add(data)
		}
	}
	m := mapping.IRIs{Base: mapping.DefaultBase}
	f.Fuzz(func(t *testing.T, data []byte) {
		stop := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Parse hangs on %q", data)) }).Stop
		defer stop()
		file, errs := dataset.Parse("f.yaml", data)
		if len(errs) > 0 {
			checkPositions(t, data, errs)
			return
		}
		quads := sorted(mapping.File(m, file))
		var out bytes.Buffer
		if err := dataset.Encode(&out, file); err != nil {
			t.Fatalf("encode: %v", err)
		}
		again, errs := dataset.Parse("f.yaml", out.Bytes())
		if len(errs) > 0 {
			t.Fatalf("Encode's output does not parse: %v\n%s", errs, out.Bytes())
		}
		back := sorted(mapping.File(m, again))
		if !slices.Equal(quads, back) {
			t.Fatalf("the quads changed on Encode and Parse:\n%s\nfrom\n%s", diff(quads, back), out.Bytes())
		}
	})
}

// checkPositions fails t unless every error has a message, a hint and a
// position inside data: a line of the file (or the one after its last
// line break) and a column at most one past that line's end. Lines end
// as YAML ends them: at a newline, a carriage return, CRLF, NEL, LS or PS.
func checkPositions(t *testing.T, data []byte, errs dataset.Errors) {
	t.Helper()
	lines := yamlLines.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), -1)
	for _, e := range errs {
		if e.Msg == "" || e.Hint == "" {
			t.Fatalf("error without message or hint: %q", e.Error())
		}
		if e.Line < 1 || e.Line > len(lines) || e.Col < 1 {
			t.Fatalf("error outside the file (%d lines): %s", len(lines), e.Error())
		}
		if n := utf8.RuneCountInString(lines[e.Line-1]); e.Col > n+1 {
			t.Fatalf("error past the end of line %d (%d characters): %s", e.Line, n, e.Error())
		}
		for _, g := range []string{"dataset.", "unmarshal", "reflect"} {
			if strings.Contains(e.Msg, g) {
				t.Fatalf("message in Go terms: %s", e.Error())
			}
		}
	}
}

var yamlLines = regexp.MustCompile("[\n\r\u0085\u2028\u2029]")

func sorted(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	slices.Sort(out)
	return out
}

// diff lists the quads only one of a and b (sorted) holds.
func diff(a, b []string) string {
	var s strings.Builder
	for _, q := range a {
		if _, ok := slices.BinarySearch(b, q); !ok {
			fmt.Fprintf(&s, "- %s\n", q)
		}
	}
	for _, q := range b {
		if _, ok := slices.BinarySearch(a, q); !ok {
			fmt.Fprintf(&s, "+ %s\n", q)
		}
	}
	return s.String()
}
