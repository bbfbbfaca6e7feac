package bench

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/cli"
)

// BenchmarkCLILoad times `confgraph load --db bolt` on the corpus, in
// process: the command's own path, flags and messages included.
func BenchmarkCLILoad(b *testing.B) {
	for _, n := range sizes(b) {
		dir := corpus(b, n)
		b.Run("bolt/"+Label(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := filepath.Join(b.TempDir(), "cli.db")
				var errb strings.Builder
				b.StartTimer()
				if code := cli.Main(context.Background(), []string{"load", "--db", "bolt", "--dbpath", db, dir}, nil, io.Discard, &errb); code != 0 {
					b.Fatalf("load exited %d: %s", code, errb.String())
				}
			}
			quadsPerSec(b, n)
		})
	}
}
