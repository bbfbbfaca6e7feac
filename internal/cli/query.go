package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/query"
)

// queryOptions are query's flags and its argument.
type queryOptions struct {
	Params   []string // --param KEY=VALUE
	Format   string
	Lang     string // --lang: the language of names (or, as before, of an -e/-f query)
	QLang    string // --query-lang
	QLangSet bool   // --query-lang (or --lang gizmo|graphql|mql) was given
	Expr     string
	File     string
	Timeout  time.Duration
	Limit    int
	MaxWidth int
	MaxMem   string // --max-memory, e.g. 2GiB
	Name     string // the bundled query; "" with -e/-f
	DBGiven  bool   // --db or its environment variable chose the store
}

func (o *queryOptions) bind(f *pflag.FlagSet) {
	f.StringArrayVarP(&o.Params, "param", "p", nil, "parameter KEY=VALUE (repeatable)")
	f.StringVar(&o.Format, "format", "table", "output format: "+strings.Join(query.Formats, ", "))
	f.StringVar(&o.Lang, "lang", "", "show names in this language first, e.g. en, de or vi (default: each row's report language)")
	f.StringVar(&o.QLang, "query-lang", "gizmo", "language of an -e/-f query: "+strings.Join(query.Languages, ", ")+" (--lang takes these too, as before)")
	f.StringVarP(&o.Expr, "expr", "e", "", "run this query text")
	f.StringVarP(&o.File, "file", "f", "", "run the query in FILE")
	f.DurationVar(&o.Timeout, "timeout", query.DefaultTimeout, "stop the query after this long")
	f.IntVar(&o.Limit, "limit", query.DefaultLimit, "return at most this many rows (0: no limit)")
	f.StringVar(&o.MaxMem, "max-memory", strings.ReplaceAll(query.Size(query.DefaultMaxMemory), " ", ""), "stop the query when memory grows by more than this while it runs, e.g. 512MiB or 4GiB (0: no budget)")
	f.IntVar(&o.MaxWidth, "max-width", 60, "cut table cells to this many columns (0: never)")
}

func (a *app) queryCmd() *cobra.Command {
	o := &queryOptions{}
	cmd := &cobra.Command{
		Use:   "query [NAME]",
		Short: "Run a bundled query, or an ad-hoc Gizmo, GraphQL or MQL query",
		Long: `query runs the bundled query NAME (see 'confgraph queries') or, with -e or -f,
an ad-hoc query through Cayley's own engine for --query-lang (gizmo,
graphql, mql).

Each row shows names in the language of the report that states its fact
(then English, German, Vietnamese, then by tag); --lang L shows them in L
first. --lang gizmo, graphql or mql still selects the engine of an -e/-f
query, as before --query-lang existed.

Rows print as an aligned table (cells cut at --max-width display columns),
as JSON (an array of objects with the query's columns as keys) or as CSV
with a header. IRIs print as full IRIs, literals as their text; lists
(posts, paragraphs) are joined with "; ".

Every query runs with a timeout and a row limit. Gizmo queries see the
object params (from --param) and the confgraph prelude (helpers outs, ins,
label, labels, paragraphs, list, iri).`,
		Example: `  confgraph query attendance
  confgraph query attendance --param bridge=Zentralbrücke --format json
  confgraph query person --param name="Trương Thị Mai"
  confgraph query -e 'g.V("<https://confgraph.example/id/person/ngo-dong-hai>").out("<http://www.w3.org/2000/01/rdf-schema#label>").all()'
  confgraph query person --param name=ngo-dong-hai --lang en
  confgraph query --query-lang graphql -e '{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <http://schema.org/Person>) { id } }'
  confgraph query --db bolt --dbpath ./cg.db co-attendees --param person=ngo-dong-hai`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Name, o.QLangSet = "", cmd.Flags().Changed("query-lang")
			if slices.Contains(query.Languages, o.Lang) {
				// The old spelling: --lang names the query language.
				o.QLang, o.QLangSet, o.Lang = o.Lang, true, ""
			}
			o.DBGiven = cmd.Flags().Changed("db") || os.Getenv(EnvDB) != ""
			if len(args) > 0 {
				o.Name = args[0]
			}
			return a.runQuery(cmd.Context(), o)
		},
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runQuery(ctx context.Context, o *queryOptions) error {
	if !slices.Contains(query.Formats, o.Format) {
		return fail(2, "unknown --format %q (valid: %s)", o.Format, strings.Join(query.Formats, ", "))
	}
	if o.Timeout <= 0 {
		return fail(2, "--timeout must be positive, e.g. 30s")
	}
	if o.Limit < 0 {
		return fail(2, "--limit must be 0 (no limit) or more")
	}
	if o.MaxWidth < 0 {
		return fail(2, "--max-width must be 0 (never cut cells) or more, got %d", o.MaxWidth)
	}
	var maxMem int64 // "" (options not from flags): the library's default
	if o.MaxMem != "" {
		n, err := parseSize(o.MaxMem)
		if err != nil {
			return fail(2, "--max-memory %q: %v", o.MaxMem, err)
		}
		if maxMem = n; n == 0 {
			maxMem = -1 // no budget
		}
	}
	pm := map[string]string{}
	for _, p := range o.Params {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return fail(2, "--param %q is not KEY=VALUE", p)
		}
		if _, dup := pm[k]; dup {
			return fail(2, "--param %s given twice", k)
		}
		pm[k] = v
	}
	expr := o.Expr
	adhoc := expr != "" || o.File != ""
	switch {
	case expr != "" && o.File != "":
		return fail(2, "give the query with -e or with -f, not both")
	case adhoc && o.Name != "":
		return fail(2, "give either a bundled query NAME or -e/-f, not both")
	case !adhoc && o.Name == "":
		return fail(2, "name a bundled query (see 'confgraph queries') or give one with -e or -f")
	case !adhoc && o.QLangSet:
		return fail(2, "--query-lang applies to -e/-f queries; bundled queries are Gizmo")
	case adhoc && !slices.Contains(query.Languages, o.QLang):
		return fail(2, "unknown query language %q (valid: %s)", o.QLang, strings.Join(query.Languages, ", "))
	case o.Lang != "" && !dataset.ValidLanguage(o.Lang):
		return fail(2, "--lang %q is not a language tag (give one such as en, de or vi)", o.Lang)
	}
	var q *query.Query
	if !adhoc {
		var err error
		if q, err = query.Lookup(o.Name); err != nil {
			return err // an *query.UnknownQueryError: explain words it
		}
		if err := q.CheckParams(pm); err != nil {
			return err // a usage mistake: explain says so
		}
	}
	if o.File != "" {
		b, err := readQueryFile(o.File)
		if err != nil {
			return err
		}
		expr = string(b)
	}
	s, err := a.ws().OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	lim := o.Limit
	if lim == 0 {
		lim = -1
	}
	opt := query.Options{Timeout: o.Timeout, Limit: lim, Lang: o.Lang, MaxMemory: maxMem}
	var res *query.Result
	if q != nil {
		res, err = q.Run(ctx, s, pm, opt)
	} else {
		res, err = query.Run(ctx, s, o.QLang, expr, pm, opt)
		var se *query.SyntaxError
		if o.File != "" && errors.As(err, &se) {
			err = fmt.Errorf("%s: %w", o.File, err) // the position is in that file
		}
	}
	if err != nil && !s.Backend().Persistent {
		return &seedOnlyError{err: err, dbGiven: o.DBGiven}
	}
	if err != nil {
		return err
	}
	if err := query.WriteWith(a.stdout, res, o.Format, query.TableOptions{MaxCell: o.MaxWidth, RaiseLimit: "raise it with --limit"}); err != nil {
		return fmt.Errorf("write rows: %w", err)
	}
	if res.Truncated && o.Format != "table" {
		fmt.Fprintf(a.stderr, "confgraph: only the first %d rows are shown; raise --limit\n", len(res.Rows))
	}
	return nil
}

// maxQueryFile is the largest query file -f reads.
const maxQueryFile = 4 << 20

// readQueryFile reads the query of -f: a regular file (not a device such
// as /dev/zero, a FIFO or a directory, which could be endless or block) of
// at most maxQueryFile bytes.
func readQueryFile(path string) ([]byte, error) {
	fi, err := os.Stat(path) // not Open: opening a FIFO blocks
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Op = "open" // the words of a missing file stay those of os.ReadFile
		}
		return nil, fail(1, "read query: %v", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fail(1, "read query: %s is not a regular file (it is a %s); give -f a file that holds the query text", path, fileKind(fi.Mode()))
	}
	if fi.Size() > maxQueryFile {
		return nil, fail(1, "read query: %s is %s, more than the %s a query file may be", path, query.Size(fi.Size()), query.Size(maxQueryFile))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(1, "read query: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxQueryFile+1))
	if err != nil {
		return nil, fail(1, "read query: %v", err)
	}
	if len(b) > maxQueryFile {
		return nil, fail(1, "read query: %s grew to more than the %s a query file may be", path, query.Size(maxQueryFile))
	}
	return b, nil
}

// fileKind names the kind of a file that is not a regular one.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeNamedPipe != 0:
		return "FIFO"
	case m&os.ModeCharDevice != 0:
		return "character device"
	case m&os.ModeDevice != 0:
		return "device"
	case m&os.ModeSocket != 0:
		return "socket"
	}
	return "special file"
}

// parseSize reads a byte count such as 512MiB, 2GiB, 2G or 1048576.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(mult) > 1<<62 || t == "" {
		return 0, fmt.Errorf("give a size such as 512MiB or 4GiB (0: no budget)")
	}
	return int64(n * float64(mult)), nil
}
