package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/query"
)

func init() { register((*app).queryCmd) }

func (a *app) queryCmd() *cobra.Command {
	var (
		params   []string
		format   string
		lang     string
		expr     string
		file     string
		timeout  time.Duration
		limit    int
		maxWidth int
	)
	cmd := &cobra.Command{
		Use:   "query [NAME]",
		Short: "Run a bundled query, or an ad-hoc Gizmo, GraphQL or MQL query",
		Long: `query runs the bundled query NAME (see 'confgraph queries') or, with -e or -f,
an ad-hoc query through Cayley's own engine for --lang (gizmo, graphql, mql).

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
  confgraph query --lang graphql -e '{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <http://schema.org/Person>) { id } }'
  confgraph query --db bolt --dbpath ./cg.db co-attendees --param person=ngo-dong-hai`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			usage := func(format string, args ...any) error {
				return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
			}
			if !contains(query.Formats, format) {
				return usage("unknown --format %q (valid: %s)", format, strings.Join(query.Formats, ", "))
			}
			if timeout <= 0 {
				return usage("--timeout must be positive, e.g. 30s")
			}
			if limit < 0 {
				return usage("--limit must be 0 (no limit) or more")
			}
			pm := map[string]string{}
			for _, p := range params {
				k, v, ok := strings.Cut(p, "=")
				if !ok || k == "" {
					return usage("--param %q is not KEY=VALUE", p)
				}
				if _, dup := pm[k]; dup {
					return usage("--param %s given twice", k)
				}
				pm[k] = v
			}
			adhoc := expr != "" || file != ""
			switch {
			case expr != "" && file != "":
				return usage("give the query with -e or with -f, not both")
			case adhoc && len(args) > 0:
				return usage("give either a bundled query NAME or -e/-f, not both")
			case !adhoc && len(args) == 0:
				return usage("name a bundled query (see 'confgraph queries') or give one with -e or -f")
			case !adhoc && cmd.Flags().Changed("lang"):
				return usage("--lang applies to -e/-f queries; bundled queries are Gizmo")
			case adhoc && !contains(query.Languages, lang):
				return usage("unknown --lang %q (valid: %s)", lang, strings.Join(query.Languages, ", "))
			}
			var q *query.Query
			if !adhoc {
				var err error
				if q, err = query.Lookup(args[0]); err != nil {
					return usage("%v", err)
				}
				if err := q.CheckParams(pm); err != nil {
					return err // a usage mistake: explain says so
				}
			}
			if file != "" {
				b, err := os.ReadFile(file)
				if err != nil {
					return &exitError{code: 1, msg: fmt.Sprintf("read query: %v", err)}
				}
				expr = string(b)
			}
			ctx := cmd.Context()
			s, err := a.openExisting(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			lim := limit
			if lim == 0 {
				lim = -1
			}
			opt := query.Options{Timeout: timeout, Limit: lim}
			var res *query.Result
			if q != nil {
				res, err = q.Run(ctx, s, pm, opt)
			} else {
				res, err = query.Run(ctx, s, lang, expr, pm, opt)
			}
			if err != nil {
				return err
			}
			if err := query.WriteWidth(a.stdout, res, format, maxWidth); err != nil {
				return fmt.Errorf("write rows: %w", err)
			}
			if res.Truncated && format != "table" {
				fmt.Fprintf(a.stderr, "confgraph: only the first %d rows are shown; raise --limit\n", len(res.Rows))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&params, "param", "p", nil, "parameter KEY=VALUE (repeatable)")
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(query.Formats, ", "))
	f.StringVar(&lang, "lang", "gizmo", "language of an -e/-f query: "+strings.Join(query.Languages, ", "))
	f.StringVarP(&expr, "expr", "e", "", "run this query text")
	f.StringVarP(&file, "file", "f", "", "run the query in FILE")
	f.DurationVar(&timeout, "timeout", query.DefaultTimeout, "stop the query after this long")
	f.IntVar(&limit, "limit", query.DefaultLimit, "return at most this many rows (0: no limit)")
	f.IntVar(&maxWidth, "max-width", 60, "cut table cells to this many columns (0: never)")
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
