package rdfio_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
	"github.com/confgraph/confgraph/internal/rdfio/jsonld"
	"github.com/confgraph/confgraph/internal/rdfio/nquads"
)

// The fuzz targets of the RDF readers. Their seed corpora are
// testdata/fuzz/FuzzX (crashers found are kept there) and, for
// FuzzNQuads, the W3C suites' files; CI runs each for a bounded time:
//
//	go test -run='^$' -fuzz='^FuzzNQuads$' -fuzztime=20s ./internal/rdfio
//	go test -run='^$' -fuzz='^FuzzJSONLD$' -fuzztime=20s ./internal/rdfio
//
// The property: a reader never panics, a refusal is an error (positioned
// where the syntax has lines), and what it accepts round-trips through the
// N-Quads writer unchanged: read, write N-Quads, read again gives the same
// quads, and writing those gives the same bytes. A reader that takes 10 s
// on one input counts as hanging.

func FuzzNQuads(f *testing.F) {
	for _, dir := range []string{"nquads", "ntriples"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "w3c", dir, "*.n?"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		raw, err := nquads.Read(data)
		if err != nil {
			var se *rdf.SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			if _, err := rdfio.Read("f.nq", data, def); err == nil {
				t.Fatalf("rdfio.Read accepts what nquads.Read refuses: %v", se)
			}
			return
		}
		roundTrip(t, raw)
		qs, err := rdfio.Read("f.nq", data, def)
		if err != nil {
			t.Fatalf("nquads.Read accepts, rdfio.Read refuses: %v", err)
		}
		roundTrip(t, qs)
	})
}

func FuzzJSONLD(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		if _, err := jsonld.Read(data); err != nil {
			return
		}
		qs, err := rdfio.Read("f.jsonld", data, def)
		if err != nil {
			return // rdfio.Read checks more (IRIs of every term)
		}
		roundTrip(t, qs)
	})
}

// watchdog turns a hang into a crash, which the fuzzer records as a
// crasher: no input of a fuzz run's size may take 10 s. Call the result
// when done.
func watchdog(data []byte) (stop func() bool) {
	return time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("reader hangs on %q", data)) }).Stop
}

// roundTrip writes qs as N-Quads, reads them back and checks that the
// quads, and the bytes written again, are the same.
func roundTrip(t *testing.T, qs []quad.Quad) {
	t.Helper()
	var out bytes.Buffer
	if err := nquads.Write(&out, qs); err != nil {
		t.Fatalf("write: %v", err)
	}
	back, err := nquads.Read(out.Bytes())
	if err != nil {
		t.Fatalf("the writer's output does not read back: %v\n%s", err, out.Bytes())
	}
	if len(back) != len(qs) {
		t.Fatalf("%d quads written, %d read back:\n%s", len(qs), len(back), out.Bytes())
	}
	for i := range qs {
		if qs[i] != back[i] {
			t.Fatalf("quad %d changed on the round trip:\n%#v\n%#v\n%s", i, qs[i], back[i], out.Bytes())
		}
	}
	var again bytes.Buffer
	if err := nquads.Write(&again, back); err != nil {
		t.Fatalf("write again: %v", err)
	}
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Fatalf("written twice, different bytes:\n%s\n%s", out.Bytes(), again.Bytes())
	}
}
