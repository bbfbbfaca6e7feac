package cli_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/confgraph/confgraph/internal/golden"

	"github.com/confgraph/confgraph/internal/cli"
)

// TestMain makes the test binary double as the confgraph command: when a
// script runs "exec confgraph ...", testscript starts this binary under that
// name and the function below runs cli.Main, the same entry point as
// cmd/confgraph, so no separate build is needed.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"confgraph": func() {
			os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
		// confgraph-console writes standard output and standard error to
		// one stream, in the order a terminal shows them; the console-block
		// checker (docs_test.go) compares that stream with a docs example.
		"confgraph-console": func() {
			os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stdout))
		},
	})
}

// TestScripts runs the CLI scenarios in testdata/script/*.txtar, each in a
// fresh $WORK directory with no CONFGRAPH_* variables set.
func TestScripts(t *testing.T) {
	// With -update, cmp against a file of the script rewrites that file in
	// the script (review the diff before committing it).
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: scriptCmds, UpdateScripts: golden.Updating()})
}

// scriptCmds are the commands the scripts have besides testscript's own.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// status N PROG ARGS... runs PROG like exec and requires exit status N
	// (exec alone tells only zero from non-zero; confgraph's 1 and 2 differ).
	"status": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) < 2 {
			ts.Fatalf("usage: status N PROG [ARGS...]")
		}
		want, err := strconv.Atoi(args[0])
		if err != nil {
			ts.Fatalf("status: bad exit status %q", args[0])
		}
		got := 0
		if err := ts.Exec(args[1], args[2:]...); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				ts.Fatalf("status: %v", err)
			}
			got = ee.ExitCode()
		}
		if got != want {
			ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
		}
	},
}
