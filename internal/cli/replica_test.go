package cli_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/confgraph/confgraph/internal/golden"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// TestReplicaScripts runs the scenarios in testdata/replica/*.txtar against
// a PostgreSQL primary and its streaming read replica (.ci/run starts
// both): each script gets a fresh database, whose addresses on the primary
// and on the replica are $PRIMARY and $REPLICA, and the command
// 'replicated', which waits until the replica has replayed what the
// primary wrote so far. Skipped without CONFGRAPH_TEST_POSTGRES and
// CONFGRAPH_TEST_POSTGRES_REPLICA (failed with CONFGRAPH_EXTERNAL=require).
func TestReplicaScripts(t *testing.T) {
	primary, replica := storetest.PostgresReplica(t)
	scripts, err := filepath.Glob("testdata/replica/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts in testdata/replica: %v", err)
	}
	// The databases are made here, on the test's goroutine; Setup runs on
	// the script's.
	type addrs struct{ primary, replica string }
	dbs := map[string]addrs{}
	for _, s := range scripts {
		p, r := storetest.FreshReplicatedDatabase(t, primary, replica)
		dbs[strings.TrimSuffix(filepath.Base(s), ".txtar")] = addrs{p, r}
	}
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"replicated": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg || len(args) != 0 {
				ts.Fatalf("usage: replicated")
			}
			ts.Check(storetest.Replicated(primary, replica, storetest.ReplicationWait))
		},
	}
	for name, cmd := range scriptCmds {
		cmds[name] = cmd
	}
	testscript.Run(t, testscript.Params{Dir: "testdata/replica", Cmds: cmds, UpdateScripts: golden.Updating(),
		Setup: func(env *testscript.Env) error {
			name := strings.TrimPrefix(filepath.Base(env.WorkDir), "script-")
			db, ok := dbs[name]
			if !ok {
				return fmt.Errorf("no database made for script %s", name)
			}
			env.Setenv("PRIMARY", db.primary)
			env.Setenv("REPLICA", db.replica)
			return nil
		}})
}
