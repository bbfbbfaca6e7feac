package cli_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/cli"
)

// run runs confgraph in this process and returns its exit status and
// output streams.
func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = cli.Main(context.Background(), args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

// goText is what must never reach a user: panics, stacks, Go values.
var goText = []string{"panic", "goroutine", "runtime.", "&proto", "0x", "[recovered"}

// A damaged bolt file — a zeroed or random page, cut to half its length, a
// flipped byte in a literal, random bytes — gives every command a clear
// error (exit 1, no Go text) or, where the damage lies in pages the command
// does not read, the undamaged result; check finds the damage; nothing
// changes the file.
func TestDamagedBoltStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every command on many damaged copies; skipped with -short")
	}
	base := t.TempDir()
	good := filepath.Join(base, "good.db")
	if code, _, e := run("load", "--quiet", "--db", "bolt", "--dbpath", good); code != 0 {
		t.Fatalf("load: %d %s", code, e)
	}
	_, wantExport, _ := run("export", "--db", "bolt", "--dbpath", good)
	_, wantStats, _ := run("stats", "--db", "bolt", "--dbpath", good)
	_, wantQuery, _ := run("query", "attendance", "--db", "bolt", "--dbpath", good)
	pristine, err := os.ReadFile(filepath.Join(good, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	pages := int(binary.LittleEndian.Uint64(pristine[4096+16+40:])) // meta 1's page count
	if p0 := int(binary.LittleEndian.Uint64(pristine[16+40:])); p0 > pages {
		pages = p0
	}
	type damage struct {
		name  string
		apply func([]byte) []byte
	}
	var cases []damage
	rng := rand.New(rand.NewSource(11))
	for p := 2; p < pages; p += damageStep {
		p := p
		cases = append(cases, damage{name: "zero page " + itoa(p), apply: func(b []byte) []byte {
			copy(b[p*4096:(p+1)*4096], make([]byte, 4096))
			return b
		}})
		noise := make([]byte, 4096)
		rng.Read(noise)
		cases = append(cases, damage{name: "random page " + itoa(p), apply: func(b []byte) []byte {
			copy(b[p*4096:(p+1)*4096], noise)
			return b
		}})
	}
	cases = append(cases,
		damage{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }},
		damage{"random bytes", func(b []byte) []byte { rng.Read(b[:65536]); return b[:65536] }},
		damage{"both meta pages zeroed", func(b []byte) []byte { copy(b, make([]byte, 8192)); return b }},
	)
	exportFailed, checkFound := 0, 0
	for i, c := range cases {
		dir := filepath.Join(base, "d"+itoa(i))
		os.Mkdir(dir, 0o700)
		file := filepath.Join(dir, "indexes.bolt")
		damaged := c.apply(bytes.Clone(pristine))
		os.WriteFile(file, damaged, 0o600)
		for _, cmd := range []struct {
			args []string
			want string
		}{
			{[]string{"export"}, wantExport},
			{[]string{"stats"}, wantStats},
			{[]string{"query", "attendance"}, wantQuery},
			{[]string{"load", "--quiet"}, ""},
			{[]string{"check", "--quiet"}, ""},
		} {
			code, out, errText := run(append(cmd.args, "--db", "bolt", "--dbpath", dir)...)
			for _, g := range goText {
				if strings.Contains(errText, g) {
					t.Errorf("%s, %s: Go text %q in %q", c.name, cmd.args[0], g, errText)
				}
			}
			switch {
			case code == 1:
				if cmd.args[0] != "check" && !strings.Contains(errText, "is damaged") && !strings.Contains(errText, "not a confgraph store") {
					t.Errorf("%s, %s: unclear error %q", c.name, cmd.args[0], errText)
				}
				if strings.Contains(errText, "is damaged") && !strings.Contains(errText, "Restore the store from a backup") {
					t.Errorf("%s, %s: no advice in %q", c.name, cmd.args[0], errText)
				}
				if cmd.args[0] == "export" {
					exportFailed++
				}
				if cmd.args[0] == "check" {
					checkFound++
				}
			case code == 0 && cmd.want != "" && out != cmd.want:
				t.Errorf("%s, %s: exit 0 with output that differs from the undamaged store's", c.name, cmd.args[0])
			case code != 0:
				t.Errorf("%s, %s: exit %d: %s", c.name, cmd.args[0], code, errText)
			}
			if got, _ := os.ReadFile(file); !bytes.Equal(got, damaged) {
				t.Fatalf("%s, %s changed the damaged file", c.name, cmd.args[0])
			}
		}
	}
	t.Logf("%d damaged copies: export refused %d, check found damage in %d", len(cases), exportFailed, checkFound)
	if exportFailed < 1 || checkFound < len(cases)/2 {
		t.Errorf("too little damage found: export refused %d, check found %d of %d", exportFailed, checkFound, len(cases))
	}
}

// check names the report whose literal changed by one byte; export alone
// cannot tell.
func TestCheckFindsFlippedByte(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cg.db")
	if code, _, e := run("load", "--quiet", "--db", "bolt", "--dbpath", dir); code != 0 {
		t.Fatalf("load: %s", e)
	}
	if code, out, e := run("check", "--db", "bolt", "--dbpath", dir); code != 0 || !strings.Contains(e, "no damage found") {
		t.Fatalf("check of a sound store: %d %s %s", code, out, e)
	}
	file := filepath.Join(dir, "indexes.bolt")
	b, _ := os.ReadFile(file)
	i := bytes.Index(b, []byte("Ngo Dong Hai"))
	b[i+10] ^= 0x03
	os.WriteFile(file, b, 0o600)
	if code, out, _ := run("export", "--db", "bolt", "--dbpath", dir); code != 0 || !strings.Contains(out, "Ngo Dong Hbi") {
		t.Fatalf("export of the changed store: %d (bbolt keeps no checksums: the change should show)", code)
	}
	code, out, e := run("check", "--db", "bolt", "--dbpath", dir)
	if code != 1 || !strings.Contains(out, "report party-building-conference-2023-de: DAMAGED: its quads differ from those loaded") ||
		!strings.Contains(e, "1 report(s) changed since their load: party-building-conference-2023-de") {
		t.Errorf("check: %d\n%s\n%s", code, out, e)
	}
	if !strings.Contains(out, "report ngo-dong-hai-interview-2021-vi: ok") {
		t.Errorf("check names sound reports damaged:\n%s", out)
	}
}

// Reading commands on a plain directory or an empty one write nothing
// into it.
func TestReadingCommandsWriteNothing(t *testing.T) {
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "notes.txt"), []byte("mine"), 0o644)
	empty := t.TempDir()
	for _, dir := range []string{plain, empty} {
		for _, args := range [][]string{{"export"}, {"stats"}, {"query", "bridges"}, {"check"}, {"backup", "-o", filepath.Join(t.TempDir(), "b.bolt")}} {
			code, _, e := run(append(args, "--db", "bolt", "--dbpath", dir)...)
			if code != 1 || !strings.Contains(e, "is not a confgraph store") {
				t.Errorf("%s on %s: %d %q", args[0], dir, code, e)
			}
		}
	}
	if code, _, e := run("load", "--quiet", "--db", "bolt", "--dbpath", plain); code != 1 || !strings.Contains(e, "holds other files but no indexes.bolt") {
		t.Errorf("load into a plain directory: %d %q", code, e)
	}
	if ents, _ := os.ReadDir(plain); len(ents) != 1 {
		t.Errorf("the plain directory holds %d entries afterwards", len(ents))
	}
	if ents, _ := os.ReadDir(empty); len(ents) != 0 {
		t.Errorf("the empty directory holds %d entries afterwards", len(ents))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
