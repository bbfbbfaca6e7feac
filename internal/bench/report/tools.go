package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// cayleyModule is the module whose CLI is the reference.
const cayleyModule = "github.com/cayleygraph/cayley"

// Tools are the programs a run measures.
type Tools struct {
	Confgraph string // built from the module being measured
	Self      string // this program: corpus preparation and query latencies
	Cayley    string // cayley's own CLI at the version in go.mod
	Serdi     string
}

// CayleyVersion returns the version of the cayley module this program was
// built with: the version in go.mod.
func CayleyVersion() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", fmt.Errorf("no build information: build benchtool with module support")
	}
	for _, d := range info.Deps {
		if d.Path == cayleyModule {
			if d.Replace != nil {
				d = d.Replace
			}
			return d.Version, nil
		}
	}
	return "", fmt.Errorf("benchtool was built without %s", cayleyModule)
}

// ModuleRoot returns the directory of the main module of the current
// directory (where go.mod is).
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module: run from confgraph's repository")
	}
	return filepath.Dir(gomod), nil
}

// BuildTools builds confgraph from root into tmp, and cayley's CLI into
// cache (once per version: it needs modules confgraph does not, so it is
// built in a throwaway module pinned to the same cayley version), and
// finds serdi on PATH.
func BuildTools(ctx context.Context, root, tmp, cache string) (Tools, error) {
	var t Tools
	var err error
	if t.Self, err = os.Executable(); err != nil {
		return t, fmt.Errorf("find benchtool: %w", err)
	}
	if t.Serdi, err = exec.LookPath("serdi"); err != nil {
		return t, fmt.Errorf("serdi is missing (apt-get install serdi): %w", err)
	}
	t.Confgraph = filepath.Join(tmp, "confgraph")
	if err := goCmd(ctx, root, nil, "build", "-o", t.Confgraph, "./cmd/confgraph"); err != nil {
		return t, err
	}
	ver, err := CayleyVersion()
	if err != nil {
		return t, err
	}
	t.Cayley = filepath.Join(cache, "cayley-"+ver)
	if _, err := os.Stat(t.Cayley); err == nil {
		return t, nil
	}
	mod := filepath.Join(tmp, "cayley-build")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return t, fmt.Errorf("build cayley: %w", err)
	}
	env := []string{"GOFLAGS=-mod=mod", "CGO_ENABLED=0", "GOWORK=off"}
	for _, args := range [][]string{
		{"mod", "init", "cayleybuild"},
		{"mod", "edit", "-require=" + cayleyModule + "@" + ver},
		{"build", "-o", t.Cayley + ".tmp", cayleyModule + "/cmd/cayley"},
	} {
		if err := goCmd(ctx, mod, env, args...); err != nil {
			return t, fmt.Errorf("build cayley's CLI %s: %w", ver, err)
		}
	}
	return t, os.Rename(t.Cayley+".tmp", t.Cayley)
}

func goCmd(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, tail(out.String(), 20))
	}
	return nil
}

// SerdiVersion returns serdi's version line ("serdi 0.30.16"), or "".
func SerdiVersion(ctx context.Context, serdi string) string {
	out, _ := exec.CommandContext(ctx, serdi, "-v").CombinedOutput()
	f := strings.Fields(string(out))
	if len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return ""
}
