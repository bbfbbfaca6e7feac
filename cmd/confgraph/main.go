// Command confgraph turns curated reports on political meetings into a
// knowledge graph in Cayley and exports it. See README.md.
package main

import (
	"context"
	"os"

	"github.com/confgraph/confgraph/internal/cli"
)

func main() {
	ctx, stop := cli.SignalContext(context.Background())
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
