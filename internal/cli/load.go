package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/progress"
	"github.com/confgraph/confgraph/internal/rdfio"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

// loadOptions are load's flags and arguments.
type loadOptions struct {
	Graph   string   // --graph
	Sources []string // --sources: directories holding source texts
	Replace bool     // --replace: a report from another source may replace the stored one
	Paths   []string // data files, directories and RDF files
}

func (o *loadOptions) bind(f *pflag.FlagSet) {
	f.StringVar(&o.Graph, "graph", "", "graph for the default-graph triples of RDF files (report ID or graph IRI; default: named after each file)")
	f.BoolVar(&o.Replace, "replace", false, "replace a report the store holds from another source (another sha256 or url) by the file with its ID")
	bindSources(f, &o.Sources)
}

// replaceHint is how to replace a report from another source on purpose.
const replaceHint = "load with --replace to replace the stored report with this file"

func (a *app) loadCmd() *cobra.Command {
	o := &loadOptions{}
	cmd := &cobra.Command{
		Use:   "load [FILE|DIR ...]",
		Short: "Validate data files and RDF files and write them into the store in one transaction",
		Long: `load validates every named data file (a directory stands for the .yaml files
in it) and reads every named RDF file (` + strings.Join(rdfio.ReadExts(), " ") + `: N-Quads, N-Triples,
JSON-LD, e.g. a graph exported by another tool or by 'confgraph export'),
then replaces each named graph that occurs in them with exactly their quads,
in one transaction, together with the project vocabulary.

Triples in an RDF file's default graph go to the graph given by --graph
(a report ID or a graph IRI), else to the graph named after the file:
people.nt goes to <BASE/graph/people>. Blank nodes are kept apart per file.
A graph that occurs in several files gets the union of their quads.

Loading the same files again changes nothing. A file with any error loads
nothing: the errors are listed and the store is left as it was.

Data files are checked against the reports the store already holds: an ID
that another report gives another kind, a role with other heads/member
flags, a post in another organisation, and a new ID that is a near miss of
a stored one with the same name are errors. A file may refer to entities
that only the store (another report) defines. A report ID the store holds
from another source (another sha256 or url) is refused unless --replace
is given. One line per report says whether it was added, replaced,
updated or left unchanged; 'confgraph remove' takes reports out. With no
files, the curated data embedded in the binary is loaded. Data files are
checked against their source texts as 'confgraph validate' does (see its
--help), and a TODO placeholder is an error here.`,
		Example: `  confgraph load --db bolt --dbpath ./cg.db
  confgraph load --db bolt --dbpath ./cg.db graph/
  confgraph load --db bolt --dbpath ./cg.db graph/ other-tool-export.nq
  confgraph load --db bolt --dbpath ./cg.db --graph people people.jsonld
  confgraph load --db bolt --dbpath ./cg.db --replace corrected-report.yaml
  CONFGRAPH_DB=bolt CONFGRAPH_DBPATH=./cg.db confgraph load my-report.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPathArgs(args); err != nil {
				return err
			}
			o.Paths = args
			return a.runLoad(cmd.Context(), o)
		},
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runLoad(ctx context.Context, o *loadOptions) (err error) {
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = fail(1, "%v; nothing was loaded, the store is as it was", context.Cause(ctx))
		}
	}()
	ws := a.ws()
	m, err := ws.IRIs()
	if err != nil {
		return err
	}
	// Progress on a terminal for loads that take more than a second:
	// a spinner with the elapsed time, since the store writes the
	// whole load in one transaction.
	task := progress.New(a.stderr, a.Quiet).Start("reading input", -1)
	defer task.Done()
	dataArgs, rdfArgs, err := workspace.SplitLoadArgs(o.Paths)
	if err != nil {
		return err
	}
	if o.Graph != "" {
		if _, err := workspace.GraphIRI(m, o.Graph); err != nil {
			return err // a *workspace.GraphArgError: explain words it
		}
		if len(rdfArgs) == 0 {
			return fail(2, "--graph applies to RDF files with default-graph triples (%s); no RDF file was named, and data files name their own graph", strings.Join(rdfio.ReadExts(), " "))
		}
	}
	rdfQuads, err := workspace.ReadRDF(m, rdfArgs, o.Graph)
	if err != nil {
		return err
	}
	s, err := ws.Open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	// One writer at a time (PostgreSQL: across processes), from the
	// reading of what the store holds to the write.
	release, err := s.LockWriters(ctx, func(holder string) {
		task.Describe("waiting for another writer of the store to finish (" + holder + ")")
		if !a.Quiet {
			fmt.Fprintf(a.stderr, "confgraph: waiting for another writer of the store to finish (%s)\n", holder)
		}
	})
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer release()
	qs := mapping.Vocabulary()
	var parts []store.Part
	var plans []workspace.ReportPlan
	if len(dataArgs) > 0 || len(rdfArgs) == 0 {
		// Read against the store: references to the entities of the
		// reports it holds resolve, conflicts with them are errors.
		ro := readOptions(o.Sources, false)
		if ro.Outside, err = ws.Resolver(ctx, s); err != nil {
			return err
		}
		files, warnings, err := workspace.ReadDataWith(dataArgs, ro)
		if err != nil {
			return err
		}
		a.warn(warnings)
		plans, err = ws.CheckMerge(ctx, s, files, workspace.MergeOptions{Replace: o.Replace, ReplaceHint: replaceHint})
		if err != nil {
			return err
		}
		parts = workspace.Parts(m, files) // the store maps them as it writes, and sorts and deduplicates
	}
	qs = append(qs, rdfQuads...)
	task.Describe(fmt.Sprintf("loading %d report(s) and %s quads into %s", len(parts), progress.Thousands(int64(len(qs))), a.DB))
	res, err := s.ReplaceParts(ctx, qs, parts)
	elapsed := task.Done()
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if !a.Quiet {
		a.printPlans(plans, res)
		fmt.Fprintf(a.stderr, "loaded %d report(s) and %d RDF file(s) into %s: %d graph(s), %d quads, %d added, %d removed; %s\n",
			len(plans), len(rdfArgs), a.DB, res.Graphs, res.Total, res.Added, res.Removed, progress.Rate(int64(res.Total), "quads", elapsed))
	}
	return nil
}

// printPlans prints one line per report of a load: added, replaced (from
// another source), updated (with its changes) or unchanged.
func (a *app) printPlans(plans []workspace.ReportPlan, res store.Result) {
	by := map[quad.Value]store.GraphResult{}
	for _, g := range res.PerGraph {
		by[g.Graph] = g
	}
	for _, p := range plans {
		g := by[p.Graph]
		switch {
		case !p.Existing:
			fmt.Fprintf(a.stderr, "added %s (%d quads)\n", p.Report, g.Total)
		case p.OtherSource:
			fmt.Fprintf(a.stderr, "replaced %s (from another source: +%d -%d quads)\n", p.Report, g.Added, g.Removed)
		case g.Added+g.Removed > 0:
			fmt.Fprintf(a.stderr, "updated %s (+%d -%d quads)\n", p.Report, g.Added, g.Removed)
		default:
			fmt.Fprintf(a.stderr, "unchanged %s\n", p.Report)
		}
	}
}
