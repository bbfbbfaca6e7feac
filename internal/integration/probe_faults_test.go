package integration_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/confgraph/confgraph/internal/store/storetest"
)

const boltFile = "indexes.bolt"

// storeCommands are what the store cases run on each damaged copy, with
// the key of the undamaged store's output in probe.seedOut.
var storeCommands = []struct {
	name string
	args []string
}{
	{"export", []string{"export"}},
	{"stats", []string{"stats"}},
	{"query", []string{"query", "attendance"}},
	{"load", []string{"load", "--quiet"}},
	{"check", []string{"check", "--quiet"}},
}

// sameAsSeed requires the output of the undamaged store.
func sameAsSeed(cmd string) func(p *probe, dir, out string) error {
	if _, ok := map[string]bool{"export": true, "stats": true, "query": true}[cmd]; !ok {
		return nil
	}
	return func(p *probe, dir, out string) error {
		if out != p.seedOut[cmd] {
			return fmt.Errorf("its output differs from the undamaged store's (%d bytes, want %d)", len(out), len(p.seedOut[cmd]))
		}
		return nil
	}
}

func storeCases(t *testing.T, p *probe) []probeCase {
	pristine, err := os.ReadFile(filepath.Join(p.seed, boltFile))
	if err != nil {
		t.Fatal(err)
	}
	pages := int(binary.LittleEndian.Uint64(pristine[16+40:])) // meta 0's page count (pgid)
	if p1 := int(binary.LittleEndian.Uint64(pristine[4096+16+40:])); p1 > pages {
		pages = p1
	}
	if pages < 8 || pages*4096 > len(pristine) {
		t.Fatalf("seed store: %d pages in %d bytes", pages, len(pristine))
	}
	type damage struct {
		name  string
		apply func([]byte) []byte
	}
	rng := rand.New(rand.NewSource(11))
	var damages []damage
	var picked []int
	for _, pg := range []int{2, 3, pages / 3, 2 * pages / 3, pages - 1} {
		if pg >= 2 && pg < pages && !slices.Contains(picked, pg) {
			picked = append(picked, pg)
		}
	}
	for _, pg := range picked {
		noise := make([]byte, 4096)
		rng.Read(noise)
		damages = append(damages,
			damage{fmt.Sprintf("zero page %d", pg), func(b []byte) []byte { copy(b[pg*4096:], make([]byte, 4096)); return b }},
			damage{fmt.Sprintf("random page %d", pg), func(b []byte) []byte { copy(b[pg*4096:], noise); return b }})
	}
	random := make([]byte, 65536)
	rng.Read(random)
	damages = append(damages,
		damage{"meta 0 zeroed", func(b []byte) []byte { copy(b, make([]byte, 4096)); return b }},
		damage{"meta 1 zeroed", func(b []byte) []byte { copy(b[4096:], make([]byte, 4096)); return b }},
		damage{"both metas zeroed", func(b []byte) []byte { copy(b, make([]byte, 8192)); return b }},
		damage{"magic changed", func(b []byte) []byte { b[16] ^= 0xff; b[4096+16] ^= 0xff; return b }},
		damage{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }},
		damage{"truncated to the pages in use minus one", func(b []byte) []byte { return b[:(pages-1)*4096] }},
		damage{"truncated to 8 KiB", func(b []byte) []byte { return b[:8192] }},
		damage{"truncated to 100 bytes", func(b []byte) []byte { return b[:100] }},
		damage{"empty file", func(b []byte) []byte { return nil }},
		damage{"random bytes", func(b []byte) []byte { return random }},
		damage{"random bytes after the metas", func(b []byte) []byte { copy(b[8192:], random); return b }},
	)
	var cs []probeCase
	for _, d := range damages {
		damaged := d.apply(bytes.Clone(pristine))
		for _, cmd := range storeCommands {
			cs = append(cs, probeCase{cat: "store", name: d.name + ", " + cmd.name, store: true,
				args: append(slices.Clone(cmd.args), "--db", "bolt", "--dbpath", "cg.db"), want: either, fault: `cg\.db`,
				check: sameAsSeed(cmd.name),
				setup: func(p *probe, dir string) error {
					return os.WriteFile(filepath.Join(dir, "cg.db", boltFile), damaged, 0o644)
				}})
		}
	}
	// A changed byte in a literal: bbolt keeps no checksums, so reading
	// commands show the change; check finds it and names the report.
	i := bytes.Index(pristine, []byte("Ngo Dong Hai"))
	if i < 0 {
		t.Fatal("seed store holds no Ngo Dong Hai")
	}
	flipped := bytes.Clone(pristine)
	flipped[i+10] ^= 0x03
	for _, cmd := range storeCommands {
		c := probeCase{cat: "store", name: "flipped byte in a literal, " + cmd.name, store: true,
			args: append(slices.Clone(cmd.args), "--db", "bolt", "--dbpath", "cg.db"), want: works,
			setup: func(p *probe, dir string) error {
				return os.WriteFile(filepath.Join(dir, "cg.db", boltFile), flipped, 0o644)
			}}
		if cmd.name == "check" {
			c.want, c.fault = refuse, "party-building-conference-2023-de"
		}
		cs = append(cs, c)
	}

	// Things that are not a store.
	notStore := []struct {
		name  string
		setup func(dir string) error
		load  want // what load does with it
	}{
		{"a directory of other files", func(dir string) error {
			os.Mkdir(filepath.Join(dir, "cg.db"), 0o755)
			return os.WriteFile(filepath.Join(dir, "cg.db", "notes.txt"), []byte("mine"), 0o644)
		}, refuse},
		{"an empty directory", func(dir string) error { return os.Mkdir(filepath.Join(dir, "cg.db"), 0o755) }, works},
		{"a regular file", func(dir string) error { return os.WriteFile(filepath.Join(dir, "cg.db"), []byte("x"), 0o644) }, refuse},
		{"a missing path", func(dir string) error { return nil }, works},
		{"indexes.bolt a directory", func(dir string) error { return os.MkdirAll(filepath.Join(dir, "cg.db", boltFile), 0o755) }, refuse},
		{"indexes.bolt a link to /dev/zero", func(dir string) error {
			os.Mkdir(filepath.Join(dir, "cg.db"), 0o755)
			return os.Symlink("/dev/zero", filepath.Join(dir, "cg.db", boltFile))
		}, refuse},
		{"indexes.bolt a FIFO", func(dir string) error {
			os.Mkdir(filepath.Join(dir, "cg.db"), 0o755)
			return syscall.Mkfifo(filepath.Join(dir, "cg.db", boltFile), 0o644)
		}, refuse},
		{"indexes.bolt a dangling link", func(dir string) error {
			os.Mkdir(filepath.Join(dir, "cg.db"), 0o755)
			return os.Symlink("gone", filepath.Join(dir, "cg.db", boltFile))
		}, refuse},
		{"a path below a file", func(dir string) error { return os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644) }, refuse},
	}
	for _, n := range notStore {
		for _, cmd := range []struct {
			name string
			args []string
		}{{"export", []string{"export"}}, {"load", []string{"load", "--quiet"}}} {
			w := refuse
			if cmd.name == "load" {
				w = n.load
			}
			path := "cg.db"
			if n.name == "a path below a file" {
				path = "f/cg.db"
			}
			cs = append(cs, probeCase{cat: "store", name: n.name + ", " + cmd.name, want: w, fault: `cg\.db`, golden: true,
				args:  append(slices.Clone(cmd.args), "--db", "bolt", "--dbpath", path),
				setup: func(p *probe, dir string) error { return n.setup(dir) }})
		}
	}

	// Store flags.
	for _, f := range []struct {
		name string
		args []string
		w    want
	}{
		{"unknown backend", []string{"export", "--db", "nosuch"}, refuse},
		{"bolt without a path", []string{"export", "--db", "bolt"}, refuse},
		{"postgres with a bad address", []string{"export", "--db", "postgres", "--dbpath", "not a url"}, refuse},
		{"postgres with nothing listening", []string{"export", "--db", "postgres", "--dbpath", "postgres://127.0.0.1:1/x?sslmode=disable&connect_timeout=2"}, refuse},
		{"cockroach with nothing listening", []string{"stats", "--db", "cockroach", "--dbpath", "postgres://127.0.0.1:1/x?sslmode=disable&connect_timeout=2"}, refuse},
		{"check on memstore", []string{"check"}, refuse},
		{"backup on memstore", []string{"backup", "-o", "b.bolt"}, refuse},
	} {
		cs = append(cs, probeCase{cat: "store", name: f.name, args: f.args, want: f.w, fault: `--db|--dbpath|store|127\.0\.0\.1|address|url|memstore|postgres`, golden: true})
	}

	// Permissions: as an unprivileged user (when root; root ignores modes).
	if p.nobody != nil || os.Geteuid() != 0 {
		readOnly := func(dirMode, fileMode os.FileMode) func(p *probe, dir string) error {
			return func(p *probe, dir string) error {
				if err := os.Chmod(filepath.Join(dir, "cg.db", boltFile), fileMode); err != nil {
					return err
				}
				return os.Chmod(filepath.Join(dir, "cg.db"), dirMode)
			}
		}
		for _, m := range []struct {
			name          string
			dir, file     os.FileMode
			read, written want
		}{
			{"read-only store", 0o555, 0o444, works, refuse},
			{"read-only file", 0o755, 0o444, works, refuse},
			{"read-only directory", 0o555, 0o666, works, either},
			{"unreadable file", 0o755, 0o000, refuse, refuse},
		} {
			for _, cmd := range []struct {
				name string
				args []string
				w    want
			}{
				{"export", []string{"export"}, m.read}, {"stats", []string{"stats"}, m.read}, {"query", []string{"query", "attendance"}, m.read},
				{"check", []string{"check", "--quiet"}, m.read}, {"backup", []string{"backup", "-o", "out/b.bolt"}, m.read},
				{"load", []string{"load", "--quiet"}, m.written}, {"remove", []string{"remove", "party-building-conference-2023-de"}, m.written},
			} {
				c := probeCase{cat: "store", name: m.name + ", " + cmd.name, store: true, asNobody: true, want: cmd.w,
					args:  append(slices.Clone(cmd.args), "--db", "bolt", "--dbpath", "cg.db"),
					fault: `cg\.db|permission|read-only`, setup: readOnly(m.dir, m.file), check: sameAsSeed(cmd.name)}
				if cmd.name == "backup" {
					c.setup = func(p *probe, dir string) error {
						if err := os.Mkdir(filepath.Join(dir, "out"), 0o777); err != nil {
							return err
						}
						os.Chmod(filepath.Join(dir, "out"), 0o777)
						return readOnly(m.dir, m.file)(p, dir)
					}
				}
				cs = append(cs, c)
			}
		}
	}
	return cs
}

// exportCases: where export writes.
func exportCases(t *testing.T, p *probe) []probeCase {
	isCharDevice := func(path string) func(string) error {
		return func(string) error {
			fi, err := os.Lstat(path)
			if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
				return fmt.Errorf("%s is no longer the character device: %v %v", path, fi, err)
			}
			return nil
		}
	}
	linkKept := func(name string) func(string) error {
		return func(dir string) error {
			fi, err := os.Lstat(filepath.Join(dir, name))
			if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				return fmt.Errorf("the link %s is gone: %v", name, err)
			}
			return nil
		}
	}
	onlyFiles := func(names ...string) func(string) error {
		return func(dir string) error {
			es, _ := os.ReadDir(dir)
			var got []string
			for _, e := range es {
				if e.Name() != "tmp" && e.Name() != "cg.db" {
					got = append(got, e.Name())
				}
			}
			if !slices.Equal(got, names) {
				return fmt.Errorf("directory holds %q, want %q", got, names)
			}
			return nil
		}
	}
	link := func(name, target string) func(*probe, string) error {
		return func(p *probe, dir string) error { return os.Symlink(target, filepath.Join(dir, name)) }
	}
	var cs []probeCase
	add := func(name string, args []string, w want, fault string, setup func(*probe, string) error, after func(string) error) {
		cs = append(cs, probeCase{cat: "export", name: name, args: append([]string{"export", "--quiet"}, args...), want: w,
			fault: fault, setup: setup, after: after, golden: true})
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		add("-o /dev/full", []string{"-o", "/dev/full"}, refuse, "/dev/full", nil, isCharDevice("/dev/full"))
		add("-o a link to /dev/full", []string{"-o", "full.nq"}, refuse, "full.nq|/dev/full", link("full.nq", "/dev/full"), linkKept("full.nq"))
		for _, f := range []string{"nquads", "ntriples", "turtle", "trig", "jsonld", "graphml", "dot", "svg", "csv", "ftm", "popolo"} {
			add("--format "+f+" -o /dev/full", []string{"--format", f, "-o", "/dev/full"}, refuse, "/dev/full", nil, isCharDevice("/dev/full"))
		}
		c := probeCase{cat: "export", name: "bolt store -o /dev/full", store: true, want: refuse, fault: "/dev/full", golden: true,
			args: []string{"export", "--quiet", "--db", "bolt", "--dbpath", "cg.db", "-o", "/dev/full"}, after: isCharDevice("/dev/full")}
		cs = append(cs, c)
	}
	add("-o a link to a file", []string{"-o", "l.nq"}, works, "", func(p *probe, dir string) error {
		os.WriteFile(filepath.Join(dir, "real.nq"), []byte("old\n"), 0o644)
		return os.Symlink("real.nq", filepath.Join(dir, "l.nq"))
	}, func(dir string) error {
		if err := linkKept("l.nq")(dir); err != nil {
			return err
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "real.nq")); len(b) < 1000 {
			return fmt.Errorf("the link's target holds %d bytes", len(b))
		}
		return nil
	})
	add("-o a dangling link", []string{"-o", "l.nq"}, either, "l.nq", link("l.nq", "gone/x.nq"), linkKept("l.nq"))
	add("-o in a missing directory", []string{"-o", "missing/x.nq"}, refuse, "missing", nil, onlyFiles())
	add("-o an existing directory", []string{"-o", "d"}, refuse, `\bd\b`, func(p *probe, dir string) error {
		return os.Mkdir(filepath.Join(dir, "d"), 0o755)
	}, onlyFiles("d"))
	add("-o below a file", []string{"-o", "f/x.nq"}, refuse, "f/x.nq|f", func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "f"), []byte("keep"), 0o644)
	}, onlyFiles("f"))
	add("-o unknown extension", []string{"-o", "x.xyz"}, refuse, `x\.xyz|\.xyz`, nil, onlyFiles())
	add("-o empty", []string{"-o", ""}, either, "-o|output", nil, onlyFiles())
	add("-o /dev/null", []string{"-o", "/dev/null"}, works, "", nil, isCharDevice("/dev/null"))
	add("--format unknown", []string{"--format", "xml"}, refuse, "--format|xml", nil, nil)
	add("--format and -o disagree", []string{"--format", "nquads", "-o", "x.ttl"}, either, "--format|x.ttl", nil, nil)
	add("--graph unknown", []string{"--graph", "nosuch"}, refuse, "nosuch", nil, nil)
	add("--graph empty", []string{"--graph", ""}, either, "--graph|graph", nil, nil)
	add("--graph a bad IRI", []string{"--graph", "<http://a b>"}, refuse, "graph", nil, nil)
	add("--lang bad", []string{"--format", "csv", "--lang", "de DE"}, refuse, "--lang|de DE", nil, nil)
	if p.nobody != nil || os.Geteuid() != 0 {
		c := probeCase{cat: "export", name: "-o in a read-only directory", args: []string{"export", "--quiet", "-o", "ro/x.nq"},
			want: refuse, fault: "ro/x.nq|ro", asNobody: true, golden: true,
			setup: func(p *probe, dir string) error { return os.Mkdir(filepath.Join(dir, "ro"), 0o555) },
			after: func(dir string) error {
				if es, _ := os.ReadDir(filepath.Join(dir, "ro")); len(es) > 0 {
					return fmt.Errorf("left %s in the read-only directory", es[0].Name())
				}
				return nil
			}}
		cs = append(cs, c)
		c = probeCase{cat: "export", name: "-o over a read-only file", args: []string{"export", "--quiet", "-o", "ro.nq"},
			want: either, fault: "ro.nq", asNobody: true, golden: true,
			setup: func(p *probe, dir string) error {
				os.WriteFile(filepath.Join(dir, "ro.nq"), []byte("old\n"), 0o444)
				return os.Chmod(dir, 0o777)
			}}
		cs = append(cs, c)
	}
	return cs
}

// queryCases: hostile queries on the embedded data.
func queryCases(t *testing.T, p *probe) []probeCase {
	var cs []probeCase
	const fault = `(?i)query|gizmo|graphql|mql|--[a-z-]+|-e|-f|param|thrown|argument`
	// Exit 0 is documented for these: Cayley's semantics of odd arguments.
	// RE2 has no backtracking; a negative limit is none; Map is All with a
	// callback; an unknown GraphQL field is a predicate no node has; MQL
	// takes deep nesting as a pattern nothing matches.
	accepted := map[string]bool{"loop: regex backtracking": true, "gizmo: Limit negative": true, "gizmo: Map over everything": true,
		"graphql: unknown field arg": true, "graphql: deep nesting": true, "mql: deep nesting": true}
	gizmo := func(name, expr string, w want, extra ...string) {
		args := append([]string{"query"}, extra...)
		if accepted[name] {
			w = either
		}
		cs = append(cs, probeCase{cat: "query", name: name, args: append(args, "-e", expr), want: w, fault: fault, golden: true, check: noGoText})
	}
	// Thrown objects.
	for _, kv := range sortedPairs(map[string]string{
		"throw an object with toString":     `throw {toString: function(){return "x"}}`,
		"throw a throwing toString":         `throw {toString: function(){throw 1}}`,
		"throw a looping toString":          `throw {toString: function(){while(true){}}}`,
		"throw a throwing getter":           `throw {get message(){throw 2}}`,
		"throw a looping getter":            `throw {get message(){while(true){}}}`,
		"throw null":                        `throw null`,
		"throw undefined":                   `throw undefined`,
		"throw a number":                    `throw 1`,
		"throw a string":                    `throw "bad"`,
		"throw an Error":                    `throw new Error("bad")`,
		"throw a Symbol":                    `throw Symbol("s")`,
		"throw an array":                    `throw [1, 2]`,
		"throw an empty object":             `throw {}`,
		"throw a function":                  `throw function(){}`,
		"throw a Proxy":                     `throw new Proxy({}, {get: function(){throw 3}})`,
		"throw an object with valueOf":      `throw {valueOf: function(){throw 4}, toString: null}`,
		"throw from a ForEach callback":     `g.V().ForEach(function(d){throw {toString: function(){throw 5}}})`,
		"throw a huge string":               `throw "x".repeat(1e7)`,
		"throw a cyclic object":             `var o = {}; o.o = o; throw o`,
		"throw inside toString of an Error": `var e = new Error("x"); e.toString = function(){throw 6}; throw e`,
	}) {
		name, expr := kv[0], kv[1]
		gizmo(name, expr, refuse, "--timeout", "2s")
	}
	// Memory bombs under a low budget.
	for _, kv := range sortedPairs(map[string]string{
		"arrays of a million": `var a = []; while (true) a.push(new Array(1e6));`,
		"string doubling":     `var s = "x"; while (true) s += s;`,
		"deep objects":        `var o = {}; while (true) o = {a: o, b: [o, o]};`,
		"object keys":         `var m = {}; for (var i = 0; ; i++) m["k" + i] = i;`,
		"repeat":              `"x".repeat(1 << 29).length`,
		"array of 1e9":        `var a = new Array(1e9).fill(0); a.length`,
		"join of a big array": `new Array(1e8).join("abc").length`,
		"emit a big string":   `g.Emit("x".repeat(1 << 28))`,
		"closures":            `var fs = []; while (true) { var x = [1,2,3,4,5,6,7,8]; fs.push(function(){ return x; }); }`,
		"JSON of a big array": `JSON.stringify(new Array(1e7).fill("abcdefgh")).length`,
	}) {
		name, expr := kv[0], kv[1]
		gizmo("memory: "+name, expr, refuse, "--max-memory", "64MiB", "--timeout", "3s")
	}
	// Endless work under a short timeout.
	for _, kv := range sortedPairs(map[string]string{
		"while true":         `while (true) {}`,
		"for ever":           `for (;;) {}`,
		"recursion":          `function f() { return f() + 1; } f()`,
		"loop in ForEach":    `g.V().ForEach(function(d){ while (true) {} })`,
		"regex backtracking": `/(a+)+$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")`,
		"loop in a Filter":   `g.V().Filter(function(){ while(true){} }).All()`,
		"mutual recursion":   `function a(){return b()} function b(){return a()} a()`,
	}) {
		name, expr := kv[0], kv[1]
		gizmo("loop: "+name, expr, refuse, "--timeout", "500ms")
	}
	// Bad arguments to Gizmo steps.
	for _, kv := range sortedPairs(map[string]string{
		"V of an object":         `g.V({}).All()`,
		"V of a list of objects": `g.V([{}]).All()`,
		"V of null":              `g.V(null).All()`,
		"Out of a number":        `g.V().Out(1).All()`,
		"Has without arguments":  `g.V().Has().All()`,
		"Limit of a word":        `g.V().Limit("x").All()`,
		"Limit negative":         `g.V().Limit(-1).All()`,
		"Skip huge":              `g.V().Skip(1e308).All()`,
		"Tag of an object":       `g.V().Tag({}).All()`,
		"Emit the graph":         `g.Emit(g)`,
		"Emit a function":        `g.Emit(function(){})`,
		"Follow a number":        `g.V().Follow(1).All()`,
		"Intersect an object":    `g.V().Intersect({}).All()`,
		"regex bad pattern":      `g.V().Filter(regex("(")).All()`,
		"gt of an object":        `g.V().Filter(gt({})).All()`,
		"Save of nothing":        `g.V().Save().All()`,
		"syntax error":           `g.V(.All()`,
		"unknown step":           `g.V().Nope().All()`,
		"undefined variable":     `nope.All()`,
		"Map over everything":    `g.V().Map(function(x){ return x; })`,
	}) {
		name, expr := kv[0], kv[1]
		gizmo("gizmo: "+name, expr, refuse, "--timeout", "5s")
	}
	gizmo("gizmo: empty query", ``, either)
	gizmo("gizmo: a plain value", `1 + 1`, either)
	for _, kv := range sortedPairs(map[string]string{
		"unclosed":          `{`,
		"object argument":   `{ nodes(id: {}) { id } }`,
		"unknown field arg": `{ nodes(nosuch: 1) { id } }`,
		"deep nesting":      "{" + strings.Repeat(" nodes { id", 500) + strings.Repeat(" }", 500) + " }",
	}) {
		name, expr := kv[0], kv[1]
		gizmo("graphql: "+name, expr, refuse, "--query-lang", "graphql", "--timeout", "5s")
	}
	for _, kv := range sortedPairs(map[string]string{
		"unclosed":     `[{`,
		"object id":    `[{"id": {}}]`,
		"not a list":   `42`,
		"deep nesting": strings.Repeat(`[{"a":`, 5000) + "null" + strings.Repeat("}]", 5000),
	}) {
		name, expr := kv[0], kv[1]
		gizmo("mql: "+name, expr, refuse, "--query-lang", "mql", "--timeout", "5s")
	}
	// Command-line mistakes.
	for _, f := range []struct {
		name string
		args []string
		w    want
	}{
		{"unknown query language", []string{"--query-lang", "cobol", "-e", "1"}, refuse},
		{"--max-width -5", []string{"attendance", "--max-width", "-5"}, refuse},
		{"--format xml", []string{"attendance", "--format", "xml"}, refuse},
		{"--timeout -1s", []string{"-e", "1", "--timeout", "-1s"}, refuse},
		{"--timeout word", []string{"-e", "1", "--timeout", "soon"}, refuse},
		{"--max-memory word", []string{"-e", "1", "--max-memory", "lots"}, refuse},
		{"--max-memory negative", []string{"-e", "1", "--max-memory", "-5MiB"}, refuse},
		{"--limit -1", []string{"attendance", "--limit", "-1"}, refuse},
		{"unknown bundled query", []string{"nosuch"}, refuse},
		{"param without =", []string{"attendance", "-p", "bridge"}, refuse},
		{"unknown param", []string{"attendance", "-p", "nosuch=1"}, refuse},
		{"param of 100 kB", []string{"person", "-p", "name=" + strings.Repeat("a", 100000)}, either},
		{"-e and -f", []string{"-e", "1", "-f", "q.js"}, refuse},
		{"-e and a name", []string{"attendance", "-e", "1"}, refuse},
		{"no query", []string{}, refuse},
		{"--lang bad", []string{"attendance", "--lang", "de DE"}, refuse},
	} {
		cs = append(cs, probeCase{cat: "query", name: "flags: " + f.name, args: append([]string{"query"}, f.args...), want: f.w, fault: fault, golden: true})
	}
	// Query files that are not regular files.
	qfile := func(name string, setup func(p *probe, dir string) error) {
		cs = append(cs, probeCase{cat: "query", name: "-f " + name, args: []string{"query", "-f", "q.js"}, want: refuse, fault: `q\.js`, setup: setup, golden: true})
	}
	qfile("a FIFO", func(p *probe, dir string) error { return syscall.Mkfifo(filepath.Join(dir, "q.js"), 0o644) })
	qfile("a link to /dev/zero", func(p *probe, dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "q.js")) })
	qfile("a link to /dev/urandom", func(p *probe, dir string) error { return os.Symlink("/dev/urandom", filepath.Join(dir, "q.js")) })
	qfile("a directory", func(p *probe, dir string) error { return os.Mkdir(filepath.Join(dir, "q.js"), 0o755) })
	qfile("missing", func(p *probe, dir string) error { return nil })
	qfile("5 MiB", func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "q.js"), bytes.Repeat([]byte(" "), 5<<20), 0o644)
	})
	qfile("invalid UTF-8", func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "q.js"), []byte("g.V(\"\xff\").All()"), 0o644)
	})
	qfile("a link loop", func(p *probe, dir string) error { return os.Symlink("q.js", filepath.Join(dir, "q.js")) })
	return cs
}

// concurrencyCases: two processes at once on one bolt store give the
// result of one after the other, or one refuses clearly.
func concurrencyCases(t *testing.T, p *probe) []probeCase {
	seedText, err := os.ReadFile(filepath.Join(p.repo, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(filepath.Join(p.repo, "graph", "2021-02-01-ngo-dong-hai-interview.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a.yaml": strings.Replace(string(seedText), "name: Hanoi\n", "name: Hanoi City\n", 1),
		"b.yaml": strings.Replace(string(other), "Phạm Ngọc", "Phạm Ngọc B", 1),
	}
	if files["a.yaml"] == string(seedText) || files["b.yaml"] == string(other) {
		t.Fatal("the concurrency edits changed nothing")
	}
	bolt := []string{"--db", "bolt", "--dbpath", "cg.db"}
	load := func(f string) []string { return append(append([]string{"load", "--quiet"}, bolt...), f) }
	var cs []probeCase
	for _, c := range []struct {
		name string
		a, b []string
	}{
		{"two loads of two files", load("a.yaml"), load("b.yaml")},
		{"two loads of one file", load("a.yaml"), load("a.yaml")},
		{"a load and an export", load("a.yaml"), append([]string{"export"}, bolt...)},
		{"a load and a check", load("b.yaml"), append([]string{"check", "--quiet"}, bolt...)},
		{"a load and a remove", load("a.yaml"), append([]string{"remove", "ngo-dong-hai-interview-2021-vi"}, bolt...)},
		{"a load and a backup", load("b.yaml"), append([]string{"backup", "-o", "b.bolt"}, bolt...)},
	} {
		cs = append(cs, probeCase{cat: "concurrency", name: "bolt: " + c.name, files: files, store: true,
			custom: func(ctx context.Context, p *probe, dir string) (outcome, string) {
				return p.concurrent(ctx, dir, "cg.db", bolt, c.a, c.b)
			}})
	}
	return cs
}

// concurrent runs a and b at once on the store of flags, then compares the
// store with the one the successful commands give one after the other.
func (p *probe) concurrent(ctx context.Context, dir, db string, flags, a, b []string) (outcome, string) {
	var ra, rb procResult
	done := make(chan struct{})
	go func() { ra = p.exec(ctx, dir, a, nil, "", nil); close(done) }()
	rb = p.exec(ctx, dir, b, nil, "", nil)
	<-done
	worst, why := worked, ""
	for i, r := range []procResult{ra, rb} {
		o, w := classify(either, `cg\.db|in use|store`, r)
		if o > worst {
			worst, why = o, fmt.Sprintf("process %d: %s", i+1, w)
		} else if o == clear && worst == worked {
			worst, why = clear, w
		}
	}
	if worst > clear {
		return worst, why
	}
	// Replay the successful ones in the order they could have run.
	got := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
	if got.code != 0 {
		return loss, "export after: " + firstLine(got.stderr)
	}
	var okArgs [][]string
	for i, r := range []procResult{ra, rb} {
		if r.code == 0 {
			okArgs = append(okArgs, [][]string{a, b}[i])
		}
	}
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		replay := filepath.Join(dir, fmt.Sprintf("replay%d%d", order[0], order[1]))
		os.Mkdir(replay, 0o755)
		for n, f := range map[string]string{"a.yaml": "", "b.yaml": ""} {
			_ = f
			if b, err := os.ReadFile(filepath.Join(dir, n)); err == nil {
				os.WriteFile(filepath.Join(replay, n), b, 0o644)
			}
		}
		copyDir(p.seed, filepath.Join(replay, "cg.db"))
		for _, i := range order {
			if i < len(okArgs) {
				p.exec(ctx, replay, okArgs[i], nil, "", nil)
			}
		}
		want := p.exec(ctx, replay, append([]string{"export"}, flags...), nil, "", nil)
		if want.stdout == got.stdout {
			if worst == clear {
				return clear, why
			}
			return worked, ""
		}
	}
	return loss, fmt.Sprintf("the store after (%d bytes of N-Quads) is no sequential result of the commands that succeeded (exits %d, %d)", len(got.stdout), ra.code, rb.code)
}

// signalCases: SIGINT and SIGTERM in the middle of a load or an export.
func signalCases(t *testing.T, p *probe) []probeCase {
	var cs []probeCase
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		// A load that has begun its bolt write runs to its end (exit 0,
		// docs/stores.md); before, it stops and the store is as it was.
		for _, d := range []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond} {
			cs = append(cs, probeCase{cat: "signals", name: fmt.Sprintf("%s %s into a load", sig, d), store: true,
				custom: func(ctx context.Context, p *probe, dir string) (outcome, string) {
					return p.signalled(ctx, dir, sig, d, []string{"load", "--db", "bolt", "--dbpath", "cg.db", p.corpus}, nil)
				}})
		}
		cs = append(cs, probeCase{cat: "signals", name: fmt.Sprintf("%s into an export -o", sig), store: true,
			custom: func(ctx context.Context, p *probe, dir string) (outcome, string) {
				// The corpus, so that the export's sort has runs on disk
				// to remove; the signal comes when the first is there.
				os.RemoveAll(filepath.Join(dir, "cg.db"))
				if err := copyDir(p.corpusDB, filepath.Join(dir, "cg.db")); err != nil {
					return unclear, err.Error()
				}
				return p.signalled(ctx, dir, sig, -1, []string{"export", "--db", "bolt", "--dbpath", "cg.db", "-o", "out.nq"},
					[]string{"CONFGRAPH_SORT_MEMORY=100000"})
			}})
	}
	return cs
}

// signalled starts args, sends sig after d, and judges what it left.
func (p *probe) signalled(ctx context.Context, dir string, sig syscall.Signal, d time.Duration, args, env []string) (outcome, string) {
	db := filepath.Join(dir, "cg.db")
	before, _ := digestDir(db)
	cmd := p.command(dir, args, env, nil)
	var stdout bytes.Buffer
	stderr := &firstWrite{started: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	if err := cmd.Start(); err != nil {
		return unclear, err.Error()
	}
	ctx, cancel := context.WithTimeout(ctx, probeBound)
	defer cancel()
	go func() {
		if d >= 0 {
			// d after its first line (the load's first warning): the
			// command is at work, its signal handler set up.
			select {
			case <-stderr.started:
			case <-ctx.Done():
			}
			time.Sleep(d)
		} else {
			// Until the sort's first run is in TMPDIR.
			for end := time.Now().Add(probeBound); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
				if es, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(es) > 0 {
					break
				}
			}
		}
		cmd.Process.Signal(sig)
	}()
	r := p.wait(ctx, cmd, &stdout, &stderr.Buffer)
	after, _ := digestDir(db)
	o, why := classify(either, "interrupted by", r)
	if o > clear {
		return o, why
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) > 0 {
		return loss, fmt.Sprintf("left %d temporary file(s), e.g. %s", len(left), left[0].Name())
	}
	if r.code != 0 {
		if before != after {
			return loss, "the interrupted command changed the store: " + why
		}
		if _, err := os.Lstat(filepath.Join(dir, "out.nq")); !errors.Is(err, os.ErrNotExist) {
			return loss, "the interrupted export left out.nq"
		}
	}
	return o, why
}

// sortedPairs returns m's entries by key: cases in a stable order.
func sortedPairs(m map[string]string) [][2]string {
	var kvs [][2]string
	for _, k := range sortedKeys(m) {
		kvs = append(kvs, [2]string{k, m[k]})
	}
	return kvs
}

// firstWrite is a buffer that tells when the first bytes arrive.
type firstWrite struct {
	mu sync.Mutex
	bytes.Buffer
	started chan struct{}
	once    sync.Once
}

func (w *firstWrite) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.once.Do(func() { close(w.started) })
	return w.Buffer.Write(b)
}

// postgresCases: the PostgreSQL faults, when a server is at hand.
func postgresCases(t *testing.T, p *probe) []probeCase {
	admin := os.Getenv(storetest.EnvTestPostgres)
	if admin == "" {
		t.Logf("postgres: %s not set, the PostgreSQL category is skipped", storetest.EnvTestPostgres)
		return nil
	}
	seedText, err := os.ReadFile(filepath.Join(p.repo, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a.yaml":   strings.Replace(string(seedText), "name: Hanoi\n", "name: Hanoi City\n", 1),
		"bad.yaml": strings.Replace(string(seedText), "date: 2023-12-28\n", "date: 2023-13-45\n", 1),
		"bad.nq":   "<http://example.org/s> <http://example.org/p> \"a\\uD800b\" .\n",
	}
	fresh := func(t testing.TB) string { return storetest.FreshDatabase(t, admin) }
	var cs []probeCase
	pgCase := func(name string, run func(ctx context.Context, p *probe, dir, dsn string) (outcome, string)) {
		cs = append(cs, probeCase{cat: "postgres", name: name, files: files,
			custom: func(ctx context.Context, p *probe, dir string) (outcome, string) {
				dsn := fresh(t)
				flags := []string{"--db", "postgres", "--dbpath", dsn}
				if r := p.exec(ctx, dir, append([]string{"load", "--quiet"}, flags...), nil, "", nil); r.code != 0 {
					return unclear, "first load: " + firstLine(r.stderr)
				}
				return run(ctx, p, dir, dsn)
			}})
	}
	refused := func(args ...string) func(ctx context.Context, p *probe, dir, dsn string) (outcome, string) {
		return func(ctx context.Context, p *probe, dir, dsn string) (outcome, string) {
			flags := []string{"--db", "postgres", "--dbpath", dsn}
			before := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
			r := p.exec(ctx, dir, append(append([]string{args[0]}, flags...), args[1:]...), nil, "", nil)
			o, why := classify(refuse, `bad\.|report|nosuch`, r)
			if o == worked {
				o, why = unclear, "accepted without a word"
			}
			after := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
			if before.stdout != after.stdout && o <= unclear {
				return loss, "the store changed: " + why
			}
			return o, why
		}
	}
	pgCase("refused data file", refused("load", "--quiet", "bad.yaml"))
	pgCase("refused RDF file", refused("load", "--quiet", "bad.nq"))
	pgCase("remove of an unknown report", refused("remove", "nosuch"))
	pgCase("two loads at once", func(ctx context.Context, p *probe, dir, dsn string) (outcome, string) {
		flags := []string{"--db", "postgres", "--dbpath", dsn}
		a := append(append([]string{"load", "--quiet"}, flags...), "a.yaml")
		return p.concurrentPG(ctx, dir, flags, a, a)
	})
	pgCase("a load and a remove at once", func(ctx context.Context, p *probe, dir, dsn string) (outcome, string) {
		flags := []string{"--db", "postgres", "--dbpath", dsn}
		return p.concurrentPG(ctx, dir, flags, append(append([]string{"load", "--quiet"}, flags...), "a.yaml"),
			append(append([]string{"remove"}, flags...), "ngo-dong-hai-interview-2021-vi"))
	})
	pgCase("SIGINT into a load", func(ctx context.Context, p *probe, dir, dsn string) (outcome, string) {
		flags := []string{"--db", "postgres", "--dbpath", dsn}
		before := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
		cmd := p.command(dir, append(append([]string{"load"}, flags...), p.corpus), nil, nil)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Start()
		go func() { time.Sleep(700 * time.Millisecond); cmd.Process.Signal(syscall.SIGINT) }()
		wctx, cancel := context.WithTimeout(ctx, probeBound)
		defer cancel()
		r := p.wait(wctx, cmd, &stdout, &stderr)
		o, why := classify(either, "interrupted", r)
		if r.code != 0 && o <= clear {
			after := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
			if after.stdout != before.stdout {
				return loss, "the interrupted load changed the store"
			}
		}
		return o, why
	})
	return cs
}

// concurrentPG is concurrent for a PostgreSQL store: the result must be
// that of the successful commands one after the other, in some order
// (replayed on a fresh database).
func (p *probe) concurrentPG(ctx context.Context, dir string, flags, a, b []string) (outcome, string) {
	var ra, rb procResult
	done := make(chan struct{})
	go func() { ra = p.exec(ctx, dir, a, nil, "", nil); close(done) }()
	rb = p.exec(ctx, dir, b, nil, "", nil)
	<-done
	for i, r := range []procResult{ra, rb} {
		if o, w := classify(either, "store|postgres|lock", r); o > clear {
			return o, fmt.Sprintf("process %d: %s", i+1, w)
		}
	}
	got := p.exec(ctx, dir, append([]string{"export"}, flags...), nil, "", nil)
	stats := p.exec(ctx, dir, append([]string{"stats"}, flags...), nil, "", nil)
	if got.code != 0 || stats.code != 0 {
		return loss, "export after: " + firstLine(got.stderr+stats.stderr)
	}
	// Sequential results on a bolt copy of the same start.
	cmds, results := [][]string{a, b}, []procResult{ra, rb}
	bolt := []string{"--db", "bolt", "--dbpath", "cg.db"}
	for n, order := range [][]int{{0, 1}, {1, 0}} {
		rdir := filepath.Join(dir, fmt.Sprintf("replay%d", n))
		os.Mkdir(rdir, 0o755)
		if bs, err := os.ReadFile(filepath.Join(dir, "a.yaml")); err == nil {
			os.WriteFile(filepath.Join(rdir, "a.yaml"), bs, 0o644)
		}
		copyDir(p.seed, filepath.Join(rdir, "cg.db"))
		for _, i := range order {
			if results[i].code == 0 {
				p.exec(ctx, rdir, swapStore(cmds[i], flags, bolt), nil, "", nil)
			}
		}
		if want := p.exec(ctx, rdir, append([]string{"export"}, bolt...), nil, "", nil); want.stdout == got.stdout {
			return worked, ""
		}
	}
	return loss, "the store after is no sequential result of the two commands"
}

// swapStore replaces the store flags from in args by to.
func swapStore(args, from, to []string) []string {
	out := slices.Clone(args)
	for i := 0; i+len(from) <= len(out); i++ {
		if slices.Equal(out[i:i+len(from)], from) {
			return append(append(slices.Clone(out[:i]), to...), out[i+len(from):]...)
		}
	}
	return out
}
