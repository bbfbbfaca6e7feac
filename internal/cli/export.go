package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/progress"
	"github.com/confgraph/confgraph/internal/rdf/sortquads"
)

// exportOptions are export's flags.
type exportOptions struct {
	Output, Graph, Format, Lang string
}

func (o *exportOptions) bind(f *pflag.FlagSet) {
	f.StringVarP(&o.Output, "output", "o", "", "write to FILE instead of standard output; its extension selects the format")
	f.StringVarP(&o.Format, "format", "f", "", "output format: "+strings.Join(export.Names(), ", ")+" (default: from -o, else nquads)")
	f.StringVar(&o.Graph, "graph", "", "export only this report's graph (report ID or graph IRI)")
	f.StringVar(&o.Lang, "lang", "", "GraphML, DOT, SVG, CSV: label nodes in this language first, e.g. en, de or vi (default: English with the Vietnamese name below)")
}

func (a *app) exportCmd() *cobra.Command {
	o := &exportOptions{}
	var lines []string
	for _, f := range export.Formats() {
		lines = append(lines, fmt.Sprintf("  %-9s %-16s %s", f.Name, strings.Join(f.Exts, " "), f.Doc))
	}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the store as N-Quads, N-Triples, Turtle, TriG, JSON-LD, GraphML, DOT, SVG, CSV, FtM or Popolo",
		Long: `export writes every quad of the store (or of one report's graph) in one
format, sorted, so the output is byte-identical on every run and from every
store. The format is --format, else the extension of the -o file, else
N-Quads. Formats (name, extensions, content):

` + strings.Join(lines, "\n") + `

N-Triples and Turtle have no graphs: they hold the union of the graphs
(use --graph for one). GraphML, DOT and SVG draw the entities and their
relations, without provenance and vocabulary; the RDF formats hold everything.
FtM (FollowTheMoney, for Aleph and OpenSanctions) and Popolo write people,
bodies, posts, holdings and events with the report and paragraphs they rest on.`,
		Example: `  confgraph export > report.nq
  confgraph export -o report.ttl --graph party-building-conference-2023-de
  confgraph export --format jsonld > report.jsonld
  confgraph export -o report.svg
  confgraph export -o report.ftm.json
  confgraph export --db bolt --dbpath ./cg.db --format csv -o report.csv`,
		Args: args(noArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runExport(cmd.Context(), o) },
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runExport(ctx context.Context, o *exportOptions) (err error) {
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = interruptedExport(ctx, o.Output)
		}
	}()
	f, err := export.Choose(o.Format, o.Output)
	if err != nil {
		return err // a *export.FormatError: explain words it
	}
	switch {
	case o.Lang != "" && !dataset.ValidLanguage(o.Lang):
		return &exitError{code: 2, msg: fmt.Sprintf("--lang %q is not a language tag (give one such as en, de or vi)", o.Lang)}
	case o.Lang != "" && f.WriteLang == nil:
		return &exitError{code: 2, msg: fmt.Sprintf("--lang labels the nodes of graphml, dot, svg and csv; %s keeps every label", f.Name)}
	}
	ws := a.ws()
	s, err := ws.OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := ws.Graph(ctx, s, o.Graph)
	if err != nil {
		return err
	}
	sortOpt, err := sortOptions()
	if err != nil {
		return err
	}
	task := progress.New(a.stderr, a.Quiet).Start("exporting "+f.Name, -1)
	src, err := export.StoreSourceWith(ctx, s, g, f, func() { task.Add(1) }, sortOpt)
	if err != nil {
		task.Done()
		return fmt.Errorf("export: %w", err)
	}
	out := o.Output
	w, file := a.stdout, (*outputFile)(nil)
	if out != "" && out != "-" {
		if file, err = createOutput(out); err != nil {
			task.Done()
			return fmt.Errorf("export: %w", err)
		}
		w = file
	}
	if o.Lang != "" {
		err = f.WriteLang(ctx, w, src, o.Lang)
	} else {
		err = f.Write(ctx, w, src)
	}
	if err == nil && ctx.Err() != nil {
		err = context.Cause(ctx) // a writer that does not watch ctx
	}
	if file != nil {
		if err == nil {
			err = file.commit()
		} else {
			file.abort() // out stays as it was
		}
	}
	elapsed := task.Done()
	if err != nil {
		if file != nil {
			return fmt.Errorf("export %s to %s: %w", f.Name, out, err)
		}
		return fmt.Errorf("export %s: %w", f.Name, err)
	}
	read := task.Count()
	if read == 0 {
		fmt.Fprintln(a.stderr, "confgraph: the store is empty; run 'confgraph load' first")
	}
	if !a.Quiet && elapsed > time.Second {
		fmt.Fprintf(a.stderr, "exported %s as %s\n", progress.Rate(read, "quads", elapsed), f.Name)
	}
	return nil
}

// EnvSortMemory names the environment variable that sets the memory, in
// bytes, export's external sort holds before it spills a sorted run to a
// temporary file (in TMPDIR).
const EnvSortMemory = "CONFGRAPH_SORT_MEMORY"

func sortOptions() (sortquads.Options, error) {
	v := os.Getenv(EnvSortMemory)
	if v == "" {
		return sortquads.Options{}, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return sortquads.Options{}, fail(2, "%s=%q is not a number of bytes (e.g. %d)", EnvSortMemory, v, sortquads.DefaultMemory)
	}
	return sortquads.Options{Memory: n}, nil
}

// interruptedExport is the error of an export whose context ended (a
// signal): what became of the output, the -o file out or standard output.
func interruptedExport(ctx context.Context, out string) error {
	if out == "" || out == "-" {
		return fail(1, "%v; what was written to standard output is incomplete", context.Cause(ctx))
	}
	return fail(1, "%v; %s was not written (it is as it was before)", context.Cause(ctx), out)
}
