package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/progress"
	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/rdfio"
)

func init() { register((*app).loadCmd) }

func (a *app) loadCmd() *cobra.Command {
	var graphArg string
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
nothing: the errors are listed and the store is left as it was. With no
files, the curated data embedded in the binary is loaded.`,
		Example: `  confgraph load --db bolt --dbpath ./cg.db
  confgraph load --db bolt --dbpath ./cg.db graph/
  confgraph load --db bolt --dbpath ./cg.db graph/ other-tool-export.nq
  confgraph load --db bolt --dbpath ./cg.db --graph people people.jsonld
  CONFGRAPH_DB=bolt CONFGRAPH_DBPATH=./cg.db confgraph load my-report.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := a.iris()
			if err != nil {
				return err
			}
			// Progress on a terminal for loads that take more than a second:
			// a spinner with the elapsed time, since the store writes the
			// whole load in one transaction.
			task := progress.New(a.stderr, a.quiet).Start("reading input", -1)
			defer task.Done()
			dataArgs, rdfArgs, err := splitLoadArgs(args)
			if err != nil {
				return err
			}
			if graphArg != "" {
				if err := checkGraphArg(graphArg); err != nil {
					return err
				}
				if len(rdfArgs) == 0 {
					return &exitError{code: 2, msg: "--graph applies to RDF files with default-graph triples (" + strings.Join(rdfio.ReadExts(), " ") + "); no RDF file was named, and data files name their own graph"}
				}
			}
			rdfQuads, err := a.readRDF(m, rdfArgs, graphArg)
			if err != nil {
				return err
			}
			qs := mapping.Vocabulary()
			nReports := 0
			if len(dataArgs) > 0 || len(rdfArgs) == 0 {
				files, err := a.readData(dataArgs)
				if err != nil {
					return err
				}
				qs = mapping.All(m, files)
				nReports = len(files)
			}
			qs = append(qs, rdfQuads...)
			s, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			task.Describe(fmt.Sprintf("loading %s quads into %s", progress.Thousands(int64(len(qs))), a.db))
			res, err := s.Replace(cmd.Context(), qs)
			elapsed := task.Done()
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			if !a.quiet {
				fmt.Fprintf(a.stderr, "loaded %d report(s) and %d RDF file(s) into %s: %d graph(s), %d quads, %d added, %d removed; %s\n",
					nReports, len(rdfArgs), a.db, res.Graphs, res.Total, res.Added, res.Removed, progress.Rate(int64(res.Total), "quads", elapsed))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&graphArg, "graph", "", "graph for the default-graph triples of RDF files (report ID or graph IRI; default: named after each file)")
	return cmd
}

// readRDF reads every RDF file; all problems are printed, and any problem
// means nothing is loaded.
func (a *app) readRDF(m mapping.IRIs, paths []string, graphArg string) ([]quad.Quad, error) {
	var out []quad.Quad
	var problems []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("read %s: %v", p, err))
			continue
		}
		def := defaultGraph(m, p, graphArg)
		qs, err := rdfio.Read(p, data, def)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out = append(out, qs...)
	}
	if len(problems) > 0 {
		for _, pr := range problems {
			fmt.Fprintln(a.stderr, pr)
		}
		return nil, &exitError{code: 1, msg: fmt.Sprintf("%d problem(s) found; nothing was loaded", len(problems))}
	}
	return out, nil
}

// defaultGraph is the graph of an RDF file's default-graph triples: --graph,
// else a graph named after the file.
func defaultGraph(m mapping.IRIs, path, graphArg string) quad.Value {
	if graphArg != "" {
		if strings.Contains(graphArg, ":") {
			return quad.IRI(strings.Trim(graphArg, "<>"))
		}
		return m.Graph(graphArg)
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range strings.ToLower(stem) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return m.Graph(b.String())
}

// supportedLoadExts lists what load reads, for error messages.
const supportedLoadExts = ".yaml, .yml, .nq, .nt, .jsonld, .json"

// otherFormats names formats load does not read, by extension.
var otherFormats = map[string]string{
	".ttl": "Turtle", ".trig": "TriG", ".n3": "N3", ".rdf": "RDF/XML", ".owl": "RDF/XML", ".xml": "XML",
	".trix": "TriX", ".hdt": "HDT", ".graphml": "GraphML", ".dot": "DOT", ".gv": "DOT", ".svg": "SVG", ".csv": "CSV",
}

// splitLoadArgs sorts load's arguments by extension: directories and
// .yaml/.yml files are data, .nq/.nt/.jsonld/.json are RDF; anything else
// is a usage error (a directory stands for the .yaml/.yml files in it).
func splitLoadArgs(args []string) (data, rdf []string, err error) {
	for _, p := range args {
		st, err := os.Stat(p)
		if err == nil && st.IsDir() || err != nil && filepath.Ext(p) == "" {
			data = append(data, p) // reading reports a missing directory
			continue
		}
		switch {
		case dataset.IsDataFile(p):
			data = append(data, p)
		case rdfio.IsReadable(p):
			rdf = append(rdf, p)
		default:
			ext := strings.ToLower(filepath.Ext(p))
			what := "its extension " + ext + " is not one load reads"
			if ext == "" {
				what = "it has no file extension, and load picks the format by extension"
			} else if f, ok := otherFormats[ext]; ok {
				what = f + " is not supported for loading"
			}
			return nil, nil, &exitError{code: 2, msg: fmt.Sprintf("cannot read %s: %s; supported: %s", p, what, supportedLoadExts)}
		}
	}
	return data, rdf, nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkGraphArg checks --graph: a report ID (a slug) or an absolute IRI.
func checkGraphArg(arg string) error {
	if slugRE.MatchString(arg) {
		return nil
	}
	if strings.Contains(arg, ":") {
		err := rdf.CheckIRI(strings.TrimSuffix(strings.TrimPrefix(arg, "<"), ">"))
		if err == nil {
			return nil
		}
		return &exitError{code: 2, msg: fmt.Sprintf("--graph %q: %v", arg, err)}
	}
	return &exitError{code: 2, msg: fmt.Sprintf("--graph %q is neither a report ID (lowercase letters and digits, joined by single hyphens, e.g. imported-people) nor an absolute IRI (e.g. https://example.org/graph/people)", arg)}
}
