package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/dataset"
)

// newOptions are new's flags and argument.
type newOptions struct {
	Output string // -o; "" : SOURCE's name with .yaml, in the current directory; "-": standard output
	ID     string // --id
	Lang   string // --lang
	Source string // the source text
}

func (o *newOptions) bind(f *pflag.FlagSet) {
	f.StringVarP(&o.Output, "output", "o", "", "write the data file here (- for standard output; default: SOURCE's name with .yaml, in the current directory)")
	f.StringVar(&o.ID, "id", "", "report ID (default: made from SOURCE's file name)")
	f.StringVar(&o.Lang, "lang", "", "language tag of the report, e.g. de, en or vi (default: a guess from the text)")
}

func (a *app) newCmd() *cobra.Command {
	o := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new SOURCE",
		Short: "Start a data file for a report's source text",
		Long: `new writes a skeleton data file for the source text SOURCE (UTF-8, one
paragraph a line): the report block with the paragraph count, the sha256 of
the source, its path relative to the data file and the language, every
paragraph as a numbered comment to cite from, and a commented example entry
for each section.

The title and the date are TODO placeholders: 'confgraph validate' accepts
them with a warning, 'confgraph load' refuses them until they are filled in.
new never overwrites a file. See docs/curation.md for the whole workflow.`,
		Example: `  confgraph new texts/hai-duong-2020.txt                 # writes hai-duong-2020.yaml
  confgraph new texts/report.txt -o graph/my-report.yaml --id my-report-2024 --lang vi
  confgraph new texts/report.txt -o -                     # to standard output`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Source = args[0]
			return a.runNew(cmd.Context(), o)
		},
	}
	o.bind(cmd.Flags())
	return cmd
}

func (a *app) runNew(_ context.Context, o *newOptions) error {
	if o.ID != "" && !dataset.IsSlug(o.ID) {
		return fail(2, "--id %q is not a report ID (lower-case letters and digits joined by single hyphens, e.g. my-report-2024)", o.ID)
	}
	if o.Lang != "" && !dataset.ValidLanguage(o.Lang) {
		return fail(2, "--lang %q is not a BCP 47 language tag (e.g. de, en or vi)", o.Lang)
	}
	data, err := dataset.ReadRegular(o.Source, dataset.MaxFileSize)
	if err != nil {
		return fail(1, "%v", err)
	}
	out := o.Output
	if out == "" {
		base := filepath.Base(o.Source)
		out = strings.TrimSuffix(base, filepath.Ext(base)) + ".yaml"
	}
	dir := "."
	if out != "-" {
		dir = filepath.Dir(out)
	}
	rel, err := relPath(dir, o.Source)
	if err != nil {
		return fail(1, "source path: %v", err)
	}
	sk, err := dataset.Skeleton(data, dataset.SkeletonOptions{ID: o.ID, Language: o.Lang, Source: rel})
	if err != nil {
		return fail(1, "%s: %v", o.Source, err)
	}
	if out == "-" {
		_, err := a.stdout.Write(sk)
		return err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fail(1, "%s exists; new never overwrites a file (name another with -o, or remove it)", out)
	}
	if err != nil {
		return fail(1, "write data file: %v", err)
	}
	if _, err := f.Write(sk); err != nil {
		f.Close()
		return fail(1, "write data file: %v", err)
	}
	if err := f.Close(); err != nil {
		return fail(1, "write data file: %v", err)
	}
	if !a.Quiet {
		fmt.Fprintf(a.stderr, "wrote %s: %d paragraph(s); fill in its TODO placeholders and add the facts, then run 'confgraph validate %s'\n",
			out, len(dataset.Paragraphs(string(data))), out)
	}
	return nil
}

// relPath is the path of target relative to dir, with forward slashes,
// as a data file's source field holds it.
func relPath(dir, target string) (string, error) {
	ad, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	at, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(ad, at)
	if err != nil {
		return filepath.ToSlash(at), nil // another volume: the absolute path
	}
	return filepath.ToSlash(rel), nil
}
