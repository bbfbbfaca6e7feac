package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/confgraph/confgraph/internal/golden"
)

// TestDocsConsoleBlocks runs the examples of README.md and docs/*.md, so that
// a changed output fails here instead of going stale in the docs.
//
// A block fenced as ```console is a session: a line "$ confgraph ARGS" runs
// confgraph (in process, through cli.Main) and the lines up to the next "$"
// or the end of the block are its expected output — standard output and
// standard error together, in the order a terminal shows them. Besides
// confgraph a session may use:
//
//	$ echo $?        the next line is the exit status of the command before;
//	                 without it a command must exit 0
//	$ cp FROM TO     copy a file (the repository's graph/, internal/ and
//	                 queries/ are visible in the session's directory)
//	$ CMD  # note    a comment after an unquoted # is ignored
//
// An output whose last line is "..." is compared up to that line only (for
// long outputs shown in part). Arguments are split like a shell does with
// single and double quotes, without any expansion.
//
// Machine-dependent parts: the timings of the summary lines ("1,310 quads in
// 93ms, 14,106 quads/s") are masked on both sides, so the docs show a real
// run and the counts are still compared; the line "exported … quads/s as F",
// which export prints only when it took over a second, is ignored unless the
// block shows one.
//
// With -update (the golden files' flag) a differing example is rewritten in
// its Markdown file with what confgraph printed, timings included; review
// the diff before committing it.
//
// Every other fenced block that shows a "$ confgraph" line is not run and
// must say why in an HTML comment on the line before its fence:
// <!-- not checked: needs a PostgreSQL server -->. The test fails for such a
// block without the comment, and logs each skipped block with its reason.
func TestDocsConsoleBlocks(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	files := append([]string{filepath.Join(root, "README.md")}, docs...)
	dir := t.TempDir()
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		for _, b := range consoleBlocks(t, rel, string(data)) {
			script, err := b.script(rel)
			if err != nil {
				t.Errorf("%s:%d: %v", rel, b.line, err)
				continue
			}
			name := strings.NewReplacer("/", "_", ".", "_").Replace(rel) + "_" + strconv.Itoa(b.line) + ".txtar"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no console blocks found in README.md and docs/")
	}
	cmds := map[string]func(*testscript.TestScript, bool, []string){"cmpconsole": cmpConsole}
	for k, v := range scriptCmds {
		cmds[k] = v
	}
	updates = map[string][]docEdit{}
	if golden.Updating() {
		// The scripts run as parallel subtests, which finish after this
		// function returns; Cleanup runs after them.
		t.Cleanup(func() { applyDocEdits(t, root) })
	}
	testscript.Run(t, testscript.Params{
		Dir:  dir,
		Cmds: cmds,
		Setup: func(env *testscript.Env) error {
			for _, d := range []string{"graph", "internal", "queries"} {
				if err := os.Symlink(filepath.Join(root, d), filepath.Join(env.WorkDir, d)); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// docEdit replaces the output lines of one example command.
type docEdit struct {
	line int      // of the "$ confgraph" line, 1-based
	old  int      // number of output lines shown
	new  []string // what to show instead
}

var (
	updatesMu sync.Mutex
	updates   map[string][]docEdit // by Markdown file
)

// applyDocEdits rewrites the Markdown files with the recorded outputs,
// from the bottom up so earlier line numbers stay valid.
func applyDocEdits(t *testing.T, root string) {
	for file, edits := range updates {
		path := filepath.Join(root, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		slices.SortFunc(edits, func(a, b docEdit) int { return b.line - a.line })
		for _, e := range edits {
			lines = slices.Replace(lines, e.line, e.line+e.old, e.new...)
		}
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %d example(s) in %s", len(edits), file)
	}
}

// recordDocEdit notes, under -update, that the example at doc ("FILE:LINE")
// must show got instead of want; a want shown in part ("...") stays so.
func recordDocEdit(ts *testscript.TestScript, doc, got, want string) {
	file, n, _ := strings.Cut(doc, ":")
	line, err := strconv.Atoi(n)
	if err != nil {
		ts.Fatalf("bad doc position %q", doc)
	}
	oldLines := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	if want == "" {
		oldLines = nil
	}
	newLines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if got == "" {
		newLines = nil
	}
	if len(oldLines) > 0 && oldLines[len(oldLines)-1] == "..." && len(newLines) > len(oldLines)-1 {
		newLines = append(newLines[:len(oldLines)-1:len(oldLines)-1], "...")
	}
	updatesMu.Lock()
	defer updatesMu.Unlock()
	updates[file] = append(updates[file], docEdit{line: line, old: len(oldLines), new: newLines})
}

type block struct {
	line  int // of the opening fence, 1-based
	lines []string
}

// consoleBlocks returns the ```console blocks of a Markdown file and checks
// that every other block with a "$ confgraph" line says why it is not run.
func consoleBlocks(t *testing.T, file, text string) []block {
	var out []block
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		info, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		start := i
		var body []string
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
			body = append(body, lines[i])
		}
		if strings.TrimSpace(info) == "console" {
			out = append(out, block{line: start + 1, lines: body})
			continue
		}
		shows := false
		for _, l := range body {
			shows = shows || strings.HasPrefix(l, "$ confgraph ")
		}
		if !shows {
			continue
		}
		if reason, ok := strings.CutPrefix(prevLine(lines, start), "<!-- not checked: "); ok {
			t.Logf("%s:%d: not run: %s", file, start+1, strings.TrimSuffix(reason, " -->"))
		} else {
			t.Errorf("%s:%d: a ```%s block shows $ confgraph but is not a console block; make it one, or say why not in <!-- not checked: REASON --> on the line before", file, start+1, info)
		}
	}
	return out
}

func prevLine(lines []string, i int) string {
	for i--; i >= 0 && strings.TrimSpace(lines[i]) == ""; i-- {
	}
	if i < 0 {
		return ""
	}
	return lines[i]
}

type step struct {
	line   int // in the Markdown file
	args   []string
	output []string
	status int
}

// script turns a console block into a testscript with one want file per
// confgraph command.
func (b block) script(file string) (string, error) {
	var steps []*step
	for i, l := range b.lines {
		if cmd, ok := strings.CutPrefix(l, "$ "); ok {
			args, err := shellWords(cmd)
			if err != nil {
				return "", fmt.Errorf("line %d: %v", b.line+1+i, err)
			}
			steps = append(steps, &step{args: args, line: b.line + 1 + i})
			continue
		}
		if len(steps) == 0 {
			return "", fmt.Errorf("line %d: output before the first $ command", b.line+1+i)
		}
		s := steps[len(steps)-1]
		s.output = append(s.output, l)
	}
	var sb, files strings.Builder
	var last *step
	for _, s := range steps {
		switch {
		case len(s.args) == 2 && s.args[0] == "echo" && s.args[1] == "$?":
			if last == nil || len(s.output) != 1 {
				return "", fmt.Errorf("$ echo $? must follow a confgraph command and show one number")
			}
			code, err := strconv.Atoi(s.output[0])
			if err != nil {
				return "", fmt.Errorf("$ echo $? shows %q, not a number", s.output[0])
			}
			last.status = code
		case len(s.args) == 3 && s.args[0] == "cp":
			if len(s.output) != 0 {
				return "", fmt.Errorf("$ cp shows output")
			}
		case len(s.args) > 0 && s.args[0] == "confgraph":
			last = s
		default:
			return "", fmt.Errorf("$ %s: a console block may run only confgraph, cp and echo $? (mark the block as not checked otherwise)", strings.Join(s.args, " "))
		}
	}
	for i, s := range steps {
		switch s.args[0] {
		case "cp":
			fmt.Fprintf(&sb, "cp %s\n", quoteArgs(s.args[1:]))
		case "confgraph":
			fmt.Fprintf(&sb, "status %d confgraph-console %s\ncmpconsole want%d %s:%d\n", s.status, quoteArgs(s.args[1:]), i, file, s.line)
			out := strings.Join(s.output, "\n")
			if out != "" {
				out += "\n"
			}
			fmt.Fprintf(&files, "-- want%d --\n%s", i, out)
		}
	}
	return sb.String() + files.String(), nil
}

// quoteArgs quotes each argument for a testscript line: in single quotes
// nothing is expanded, and a quote inside is written twice.
func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", "''") + "'"
	}
	return strings.Join(q, " ")
}

// shellWords splits a command line as a POSIX shell does for single and
// double quotes and backslashes, with no expansion; an unquoted # that
// starts a word starts a comment.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %s", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unclosed \" in %s", s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			w.WriteByte(s[i])
			inWord = true
		case strings.IndexByte("|&;<>()`", c) >= 0:
			return nil, fmt.Errorf("shell syntax %q is not supported in a console block", c)
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

var exported = regexp.MustCompile(`(?m)^exported [0-9,]+ quads in .* quads/s as \S+\n`)

// cmpConsole compares the output of the last confgraph-console command
// with the want file, as TestDocsConsoleBlocks describes.
func cmpConsole(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cmpconsole WANTFILE DOC:LINE")
	}
	if e := ts.ReadFile("stderr"); e != "" {
		ts.Fatalf("%s: unexpected output on standard error (confgraph-console writes all to one stream):\n%s", args[1], e)
	}
	got, want := ts.ReadFile("stdout"), ts.ReadFile(args[0])
	if !exported.MatchString(want) {
		got = exported.ReplaceAllString(got, "")
	}
	raw := got
	got, want = maskTiming(got), maskTiming(want)
	if head, ok := strings.CutSuffix(want, "...\n"); ok {
		if strings.HasPrefix(got, head) {
			return
		}
		want = head
		if len(got) > len(head) {
			got = got[:len(head)]
		}
	}
	if got != want && golden.Updating() {
		recordDocEdit(ts, args[1], raw, ts.ReadFile(args[0]))
		return
	}
	if got != want {
		ts.Fatalf("%s: the docs show\n%s\nbut confgraph printed\n%s\n(rerun the command and paste its output, or run go test -update and review the diff)", args[1], want, got)
	}
}
