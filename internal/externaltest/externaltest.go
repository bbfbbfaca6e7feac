// Package externaltest runs the external programs that judge confgraph's
// output in tests: node with the npm packages oxigraph and n3, Debian's
// graphviz and python3 modules. A missing program skips the test with a
// message, unless CONFGRAPH_EXTERNAL=require (set by .ci/run) makes it fail.
package externaltest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// EnvRequire names the variable that turns skips for missing tools into failures.
const EnvRequire = "CONFGRAPH_EXTERNAL"

// Media types oxigraph reads.
const (
	NQuads   = "application/n-quads"
	NTriples = "application/n-triples"
	Turtle   = "text/turtle"
	TriG     = "application/trig"
	JSONLD   = "application/ld+json"
)

// Missing skips t, or fails it when external tools are required.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(EnvRequire) == "require" {
		t.Fatalf("%s (required: %s=require)", msg, EnvRequire)
	}
	t.Skip(msg)
}

// JSDir is the directory holding package.json and node_modules.
func JSDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "js")
}

// Node returns the path of node, with the npm packages installed, or skips t.
func Node(t testing.TB, pkgs ...string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		Missing(t, "node is not installed; install Node.js to run this test")
	}
	for _, p := range pkgs {
		if _, err := os.Stat(filepath.Join(JSDir(), "node_modules", p)); err != nil {
			Missing(t, "npm package %s is not installed; run: npm install --prefix %s", p, JSDir())
		}
	}
	return node
}

// RunNode runs a script of JSDir with args and returns its standard output.
func RunNode(t testing.TB, script string, pkgs []string, args ...string) (string, error) {
	t.Helper()
	node := Node(t, pkgs...)
	cmd := exec.Command(node, append([]string{filepath.Join(JSDir(), script)}, args...)...)
	cmd.Dir = JSDir()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %v: %s", script, err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// Oxigraph parses data strictly with oxigraph as the given media type and
// returns its quads as sorted canonical N-Quads lines. An error means
// oxigraph rejected the input.
func Oxigraph(t testing.TB, data []byte, mediaType string) ([]string, error) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "input")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := RunNode(t, "oxparse.js", []string{"oxigraph"}, f, mediaType)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	sort.Strings(lines)
	return lines, nil
}

// Tool returns the path of a command-line program, or skips t.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed; apt-get install %s", name, pkg)
	}
	return p
}

// Python returns Debian's python3 if it can import every module, or skips t.
// Debian's modules are visible to /usr/bin/python3, not to another python3
// that may come first on PATH.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		Missing(t, "%s is not installed; apt-get install python3", py)
	}
	for _, m := range modules {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			Missing(t, "python module %s is missing; apt-get install python3-%s", m, m)
		}
	}
	return py
}
