package integration_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// The seed report the data mutations start from.
const seedFile = "graph/2023-12-28-party-building-conference.yaml"

// positioned is the fault of a data file's problem: its file:line:col.
func positioned(file string) string { return regexp.QuoteMeta(file) + `:\d+:\d+: ` }

// loadCase loads the data file x.yaml holding content into the seed store.
func loadCase(name, content string, w want) probeCase {
	return probeCase{
		cat: "data", name: name, files: map[string]string{"x.yaml": content}, store: true,
		args: []string{"load", "--db", "bolt", "--dbpath", "cg.db", "x.yaml"},
		want: w, fault: positioned("x.yaml"), golden: true,
	}
}

// seedText is the seed report, split in lines.
type seedText []string

func (s seedText) String() string { return strings.Join(s, "\n") + "\n" }

// section returns the first and last+1 line of the top-level key's block.
func (s seedText) section(key string) (int, int) {
	start := -1
	for i, l := range s {
		if l == key+":" {
			start = i
			continue
		}
		if start >= 0 && l != "" && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "#") {
			return start, i
		}
	}
	if start < 0 {
		panic("no section " + key)
	}
	return start, len(s)
}

// firstEntry returns the lines of the section's first list entry.
func (s seedText) firstEntry(key string) (int, int) {
	a, b := s.section(key)
	first := -1
	for i := a + 1; i < b; i++ {
		if strings.HasPrefix(s[i], "  - ") {
			if first >= 0 {
				return first, i
			}
			first = i
		}
	}
	return first, b
}

// edit returns a copy of s with lines [a,b) replaced by repl.
func (s seedText) edit(a, b int, repl ...string) seedText {
	out := append(seedText{}, s[:a]...)
	out = append(out, repl...)
	return append(out, s[b:]...)
}

// subEntry replaces the first match of re in the section's first entry
// by repl; ok false when nothing matched.
func (s seedText) subEntry(key string, re *regexp.Regexp, repl string) (seedText, bool) {
	a, b := s.firstEntry(key)
	text := strings.Join(s[a:b], "\n")
	loc := re.FindStringSubmatchIndex(text)
	if loc == nil {
		return nil, false
	}
	// Keep group 1 (the key), replace the rest of the match.
	text = text[:loc[3]] + repl + text[loc[1]:]
	return s.edit(a, b, strings.Split(text, "\n")...), true
}

// fieldRe matches "field: value" in block or flow style; group 1 is
// "field: ".
func fieldRe(field string) *regexp.Regexp {
	return regexp.MustCompile(`((?:^|[ {,])` + regexp.QuoteMeta(field) + `: )(\[[^\]\n]*\]|"[^"\n]*"|[^,}\n]+)`)
}

var entitySections = []string{"places", "organisations", "people", "groups", "events", "bridges", "roles", "posts", "documents", "directives", "targets", "statements"}
var factSections = []string{"holdings", "attendances", "implementations"}

func dataCases(t *testing.T, p *probe) []probeCase {
	b, err := os.ReadFile(filepath.Join(p.repo, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	seed := seedText(strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"))
	var cs []probeCase
	add := func(c probeCase) { cs = append(cs, c) }

	// The seed itself loads (unchanged).
	c := loadCase("seed unchanged", seed.String(), works)
	add(c)

	// Report fields: every field of one line, with values wrong for any
	// field, and values wrong for its type.
	long := strings.Repeat("x", 600)
	anyBad := map[string]string{
		"list": "[1, 2]", "map": "{a: 1}", "empty": `""`, "NUL escape": `"a\0b"`, "lone surrogate": `"\uD800"`,
		"carriage return": `"a\rb"`, "binary tag": "!!binary aGVsbG8=", "undefined alias": "*nowhere",
		"custom tag": "!custom x", "control char": `"a\x01b"`, "600 chars": long,
	}
	intBad := map[string]string{
		"max int64": "9223372036854775807", "over int64": "99999999999999999999", "negative": "-1", "zero": "0",
		"5e7": "5e7", "float": "1.5", "word": "many", "50 million": "50000000", "inf": ".inf", "nan": ".nan",
	}
	dateBad := map[string]string{
		"month 13": "2023-13-01", "German date": "28.12.2023", "Feb 30": "2023-02-30", "five-digit year": "99999-01-01",
		"hour 25": "2023-12-28T25:00:00", "zero date": "0000-00-00", "word": "yesterday", "int": "20231228",
	}
	fields := map[string]map[string]string{
		"id":               {"spaces": "has space", "slash": "a/b", "hash": "a#b", "percent": "a%zzb", "dot-dot": "../etc", "upper": "UPPER", "200 chars": strings.Repeat("a", 200)},
		"language":         {"space": "de DE", "digits": "123", "dash end": "de-", "long subtag": "de-abcdefghijk"},
		"author":           {"600 chars": long, "custom tag": "!custom x", "empty": `""`, "map": "{a: 1}"},
		"author_paragraph": {"max int64": intBad["max int64"], "negative": "-1", "zero": "0", "float": "1.5", "word": "many", "14 of 13": "14"},
		"paragraphs":       intBad,
		"date":             dateBad,
		"sha256":           {"not hex": "xyz", "short": "abc123", "uppercase hex 65": strings.Repeat("A", 65)},
	}
	for _, field := range sortedKeys(fields) {
		vals := map[string]string{}
		if field == "id" || field == "date" || field == "paragraphs" {
			for k, v := range anyBad {
				vals[k] = v
			}
		}
		for k, v := range fields[field] {
			vals[k] = v
		}
		a, e := seed.section("report")
		for _, name := range sortedKeys(vals) {
			line := -1
			for i := a; i < e; i++ {
				if strings.HasPrefix(seed[i], "  "+field+": ") {
					line = i
				}
			}
			if line < 0 {
				t.Fatalf("seed has no report field %s", field)
			}
			w := refuse
			switch {
			case field == "author" && (name == "custom tag" || name == "600 chars"):
				w = either // a string; the name cap is for names
			case field == "id" && name == "upper":
				w = either
			case field == "author" && name == "empty":
				w = either // an optional field left empty is not given
			}
			add(loadCase("report "+field+" "+name, seed.edit(line, line+1, "  "+field+": "+vals[name]).String(), w))
		}
	}

	// Sections: wrong shapes, repeated keys, first entries with bad IDs,
	// citations, quotes, references and unknown fields.
	for _, sec := range append(append([]string{}, entitySections...), factSections...) {
		a, e := seed.section(sec)
		// Every mutation on a few sections, the main ones on the others.
		full := sec == "places" || sec == "holdings" || sec == "attendances"
		add(loadCase(sec+" scalar", seed.edit(a, e, sec+": x").String(), refuse))
		add(loadCase(sec+" repeated key", append(append(seedText{}, seed...), sec+": []").String(), refuse))
		if full {
			add(loadCase(sec+" entry list", seed.edit(a+1, a+1, "  - [1, 2]").String(), refuse))
		}
		if sec == "places" || sec == "holdings" {
			add(loadCase(sec+" map", seed.edit(a, e, sec+": {a: 1}").String(), refuse))
			// A null entry holds nothing and is skipped (positions.go).
			add(loadCase(sec+" entry null", seed.edit(a+1, a+1, "  - ~").String(), either))
		}
		mut := func(name string, re *regexp.Regexp, repl string, w want) {
			if s, ok := seed.subEntry(sec, re, repl); ok {
				add(loadCase(sec+" "+name, s.String(), w))
			}
		}
		dup := "hanoi"
		if sec == "places" {
			dup = "thai-binh"
		}
		// A statement's id is optional and its own namespace
		// (BASEstatement/{report}/{id}): "" is none, "hanoi" no clash.
		idWant := refuse
		if sec == "statements" {
			idWant = either
		}
		mut("duplicate id", fieldRe("id"), dup, idWant)
		mut("empty id", fieldRe("id"), `""`, idWant)
		mut("cite 14 of 13", fieldRe("cite"), "[14]", refuse)
		if full {
			mut("id with space", fieldRe("id"), `"a b"`, refuse)
			mut("cite 0", fieldRe("cite"), "[0]", refuse)
			mut("cite word", fieldRe("cite"), `["x"]`, refuse)
			mut("cite max int64", fieldRe("cite"), "[9223372036854775807]", refuse)
			mut("cite empty", fieldRe("cite"), "[]", refuse)
			mut("quote NUL", fieldRe("quote"), `"a\0b"`, refuse)
			mut("quote map", fieldRe("quote"), `{a: 1}`, refuse)
			mut("quote 400 chars", fieldRe("quote"), `"`+strings.Repeat("q", 400)+`"`, refuse)
		}
		// Every reference of the first entry to an unknown ID.
		ea, eb := seed.firstEntry(sec)
		refRe := regexp.MustCompile(`(?:^  - |^    |[{,] )([a-z_]+): ([a-z0-9][a-z0-9-]*)\s*(?:,|}|$)`)
		for _, l := range seed[ea:eb] {
			for _, m := range refRe.FindAllStringSubmatch(l, -1) {
				if m[1] == "id" {
					continue
				}
				w := refuse
				if m[1] == "term" {
					w = either // free text
				}
				mut(m[1]+" unknown", fieldRe(m[1]), "no-such-thing", w)
			}
		}
		if seed[ea][4] != '{' && full {
			add(loadCase(sec+" unknown field", seed.edit(ea+1, ea+1, "    bogus_field: 1").String(), refuse))
			add(loadCase(sec+" repeated field", seed.edit(ea+1, ea+1, seed[ea+1]).String(), refuse))
		}
	}

	// Whole-file faults.
	text := seed.String()
	mid := strings.Index(text, "places:")
	bytesAt := func(name, ins string, at int, w want) {
		add(loadCase(name, text[:at]+ins+text[at:], w))
	}
	bytesAt("raw NUL at start", "\x00", 0, refuse)
	bytesAt("raw NUL mid-file", "\x00", mid, refuse)
	bytesAt("raw NUL at end", "\x00", len(text), refuse)
	bytesAt("invalid UTF-8 at start", "\xff", 0, refuse)
	bytesAt("invalid UTF-8 in a name", "\xc3\x28", strings.Index(text, "Hanoi")+2, refuse)
	bytesAt("UTF-8 surrogate in a name", "\xed\xa0\x80", strings.Index(text, "Hanoi")+2, refuse)
	bytesAt("overlong UTF-8", "\xc0\xaf", strings.Index(text, "Hanoi")+2, refuse)
	bytesAt("BOM at start", "\ufeff", 0, either)
	bytesAt("BOM mid-file", "\ufeff", strings.Index(text, "Hanoi"), refuse)
	bytesAt("raw carriage return in a name", "\r", strings.Index(text, "Hanoi")+2, refuse)
	bytesAt("raw escape char in a name", "\x1b[31m", strings.Index(text, "Hanoi")+2, refuse)
	bytesAt("tab indentation", "\t", mid+len("places:\n"), refuse)
	add(loadCase("CRLF line endings", strings.ReplaceAll(text, "\n", "\r\n"), either))
	add(loadCase("second document", text+"---\nreport:\n  id: second\n", refuse))
	add(loadCase("second document same", text+"---\n"+text, refuse))
	add(loadCase("document end then junk", text+"...\njunk: 1\n", refuse))
	add(loadCase("empty file", "", refuse))
	add(loadCase("comments only", "# nothing\n", refuse))
	add(loadCase("document marker only", "---\n", refuse))
	add(loadCase("null document", "~\n", refuse))
	add(loadCase("scalar document", "hello\n", refuse))
	add(loadCase("list document", "- 1\n- 2\n", refuse))
	add(loadCase("cut in a quoted string", text[:strings.Index(text, `"in Hanoi`)+5], refuse))
	add(loadCase("cut in a flow list", text[:strings.Index(text, "cite: [1, 3]")+9], refuse))
	add(loadCase("report missing", seed.edit(seed.section("report")).String(), refuse))
	add(loadCase("repeated report key", text+"report:\n  id: again\n", refuse))
	add(loadCase("unknown top-level key", text+"bogus: 1\n", refuse))
	add(loadCase("merge key", strings.Replace(text, "places:\n", "places:\n  - <<: {id: x}\n", 1), refuse))
	add(loadCase("anchor and alias", strings.Replace(text, "labels: {en: Hanoi, vi: Hà Nội}", "labels: &l {en: Hanoi, vi: Hà Nội}", 1)+"", either))

	// Billion laughs, deep nesting, a long line, many entries.
	var laughs strings.Builder
	laughs.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&laughs, "a%d: &a%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				laughs.WriteString(", ")
			}
			fmt.Fprintf(&laughs, "*a%d", i-1)
		}
		laughs.WriteString("]\n")
	}
	add(loadCase("billion laughs", laughs.String(), refuse))
	add(loadCase("billion laughs in report", strings.Replace(text, "report:\n", "report:\n  x: &x [*x]\n", 1), refuse))
	add(loadCase("1M-deep flow lists", strings.Repeat("[", 1<<20)+strings.Repeat("]", 1<<20)+"\n", refuse))
	add(loadCase("100k-deep flow maps", strings.Repeat("{a: ", 100000)+"1"+strings.Repeat("}", 100000)+"\n", refuse))
	var deep strings.Builder
	for i := range 2000 {
		deep.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	add(loadCase("2000-deep block maps", deep.String(), refuse))
	add(loadCase("4 MiB line", text+"# "+strings.Repeat("x", 4<<20)+"\n", either))
	big := loadCase("9 MiB file", text+strings.Repeat("# padding padding padding padding padding\n", 9<<20/42), refuse)
	big.fault = `x\.yaml: .*8 MiB`
	add(big)
	var many strings.Builder
	many.WriteString(text)
	many.WriteString("places_extra: []\n")
	add(loadCase("many unknown keys", many.String(), refuse))

	// Files named twice, FIFOs, devices, directories, permissions.
	fileCase := func(name string, args []string, setup func(p *probe, dir string) error, fault string, w want) {
		add(probeCase{cat: "data", name: name, files: map[string]string{"x.yaml": text}, store: true,
			args: append([]string{"load", "--db", "bolt", "--dbpath", "cg.db"}, args...), setup: setup, fault: fault, want: w, golden: true})
	}
	fileCase("file named twice", []string{"x.yaml", "x.yaml"}, nil, "x.yaml", either)
	fileCase("file named twice by two paths", []string{"x.yaml", "./x.yaml"}, nil, "x.yaml", either)
	fileCase("file and its directory", []string{"x.yaml", "."}, nil, "x.yaml", either)
	fileCase("file and a copy", []string{"x.yaml", "y.yaml"}, func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "y.yaml"), []byte(text), 0o644)
	}, "y.yaml", refuse)
	fileCase("FIFO as a data file", []string{"f.yaml"}, func(p *probe, dir string) error {
		return syscall.Mkfifo(filepath.Join(dir, "f.yaml"), 0o644)
	}, "f.yaml", refuse)
	fileCase("FIFO in a directory", []string{"d"}, func(p *probe, dir string) error {
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		return syscall.Mkfifo(filepath.Join(dir, "d", "f.yaml"), 0o644)
	}, "f.yaml", refuse)
	fileCase("link to /dev/zero", []string{"z.yaml"}, func(p *probe, dir string) error {
		return os.Symlink("/dev/zero", filepath.Join(dir, "z.yaml"))
	}, "z.yaml", refuse)
	fileCase("link to /dev/zero in a directory", []string{"d"}, func(p *probe, dir string) error {
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		return os.Symlink("/dev/zero", filepath.Join(dir, "d", "z.yaml"))
	}, "z.yaml", refuse)
	fileCase("link to /dev/urandom as RDF", []string{"r.nq"}, func(p *probe, dir string) error {
		return os.Symlink("/dev/urandom", filepath.Join(dir, "r.nq"))
	}, "r.nq", refuse)
	fileCase("dangling link", []string{"gone.yaml"}, func(p *probe, dir string) error {
		return os.Symlink("nowhere.yaml", filepath.Join(dir, "gone.yaml"))
	}, "gone.yaml", refuse)
	fileCase("link loop", []string{"loop.yaml"}, func(p *probe, dir string) error {
		return os.Symlink("loop.yaml", filepath.Join(dir, "loop.yaml"))
	}, "loop.yaml", refuse)
	fileCase("directory link loop", []string{"d"}, func(p *probe, dir string) error {
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		return os.Symlink("..", filepath.Join(dir, "d", "up"))
	}, "d", either)
	fileCase("missing file", []string{"missing.yaml"}, nil, "missing.yaml", refuse)
	fileCase("empty directory", []string{"d"}, func(p *probe, dir string) error {
		return os.Mkdir(filepath.Join(dir, "d"), 0o755)
	}, "d", refuse)
	fileCase("directory of other files", []string{"d"}, func(p *probe, dir string) error {
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		return os.WriteFile(filepath.Join(dir, "d", "notes.txt"), []byte("x"), 0o644)
	}, "d", refuse)
	fileCase("unknown extension", []string{"x.txt"}, func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "x.txt"), []byte(text), 0o644)
	}, "x.txt", refuse)
	fileCase("no extension", []string{"x"}, func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "x"), []byte(text), 0o644)
	}, "x", refuse)
	fileCase("upper-case extension", []string{"X.YAML"}, func(p *probe, dir string) error {
		return os.WriteFile(filepath.Join(dir, "X.YAML"), []byte(text), 0o644)
	}, "X.YAML", either)
	fileCase("empty argument", []string{""}, nil, `argument 1 is empty`, refuse)
	if p.nobody != nil || os.Geteuid() != 0 {
		add(probeCase{cat: "data", name: "unreadable file", files: map[string]string{"x.yaml": text}, store: true,
			args: []string{"load", "--db", "bolt", "--dbpath", "cg.db", "x.yaml"}, asNobody: true, fault: "x.yaml|cg.db", golden: true,
			setup: func(p *probe, dir string) error {
				chownAll(p, filepath.Join(dir, "cg.db"))
				return os.Chmod(filepath.Join(dir, "x.yaml"), 0)
			}})
	}

	// The project's own bad files, with their own golden messages there.
	bad, _ := filepath.Glob(filepath.Join(p.repo, "internal", "dataset", "testdata", "bad", "*.yaml"))
	for _, path := range bad {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		add(loadCase("dataset/bad "+filepath.Base(path), string(b), refuse))
	}
	return cs
}

// chownAll gives the unprivileged user the files below dir (a store it
// must be able to open), keeping their modes.
func chownAll(p *probe, dir string) {
	if p.nobody == nil {
		return
	}
	filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err == nil {
			os.Lchown(path, int(p.nobody.Uid), int(p.nobody.Gid))
		}
		return nil
	})
}
