package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/export/dot"
	"github.com/confgraph/confgraph/internal/gen"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/workspace"
)

// EnvDB and EnvDBPath name the environment variables that select a store
// when no flag does.
const (
	EnvDB     = "CONFGRAPH_DB"
	EnvDBPath = "CONFGRAPH_DBPATH"
)

// exitError is a command's own error with its exit status; its message has
// already been printed when msg is empty.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// fail returns an exitError with status code and a formatted message.
func fail(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// sourceHint ends the warning for a source text not found.
const sourceHint = "put the source text there, or name the directory that holds it with --sources DIR"

// bindSources defines --sources, the directories that hold source texts.
func bindSources(f *pflag.FlagSet, dirs *[]string) {
	f.StringArrayVar(dirs, "sources", nil, "directory holding source texts by file name, to check quotes and digests against (repeatable)")
}

// readOptions are the source checks of validate (placeholders allowed)
// and load (placeholders refused).
func readOptions(dirs []string, placeholders bool) dataset.ReadOptions {
	return dataset.ReadOptions{SourceDirs: dirs, SourceHint: sourceHint, AllowPlaceholders: placeholders}
}

// maxWarnings is the most warnings printed one a line; the rest are
// counted (a large generated corpus names a missing source in every file).
const maxWarnings = 10

// warn prints warnings, one a line, on standard error.
func (a *app) warn(ws dataset.Errors) {
	for i, w := range ws {
		if i == maxWarnings {
			fmt.Fprintf(a.stderr, "confgraph: %d more warning(s) like these not shown\n", len(ws)-i)
			break
		}
		fmt.Fprintln(a.stderr, w.Error())
	}
}

// seedOnlyError is the error of a query on a store that keeps nothing,
// which holds the embedded data only.
type seedOnlyError struct {
	err     error
	dbGiven bool // the store was chosen (--db memstore), not the default
}

func (e *seedOnlyError) Error() string { return e.err.Error() }
func (e *seedOnlyError) Unwrap() error { return e.err }

// usageError is a mistake in the command line that cobra found (an unknown
// command or flag, a bad flag value, the wrong number of arguments).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usage(err error) error { return &usageError{err} }

// explain turns an error of a command into what confgraph prints on
// standard error and its exit status: 2 for a mistake in the command line,
// 1 for the rest. The libraries' typed errors get the command line's words
// here: which flag sets what they speak of.
func explain(err error) (text string, code int) {
	var (
		ee *exitError
		ue *usageError
		pr *workspace.ProblemsError
	)
	if errors.Is(err, syscall.EPIPE) {
		// The reader of the output went away (export | head): nothing to
		// tell it; the temporary files are gone.
		return "", 1
	}
	switch {
	case errors.As(err, &ee):
		if ee.msg == "" {
			return "", ee.code
		}
		return "confgraph: " + ee.msg + "\n" + usageHint(ee.code), ee.code
	case errors.As(err, &ue):
		return "confgraph: " + err.Error() + "\n" + usageHint(2), 2
	case errors.As(err, &pr):
		// Every problem on its own line, then what it means.
		return strings.Join(pr.Problems, "\n") + "\nconfgraph: " + message(err) + "; nothing was loaded\n", 1
	}
	code = status(err)
	return "confgraph: " + message(err) + "\n" + usageHint(code), code
}

// usageHint is the line after the message of a mistake in the command line
// (exit status 2), whether cobra or a command found it.
func usageHint(code int) string {
	if code != 2 {
		return ""
	}
	return "Run 'confgraph --help' for usage.\n"
}

// status is the exit status of a command that failed with err (not an
// exitError): 2 when err says the command line asked for something that
// cannot be, 1 when the asking was fine and the doing failed.
func status(err error) int {
	var (
		ub *store.UnknownBackendError
		pe *store.PathError
		pa *query.ParamError
		fk *workspace.FileKindError
		be *workspace.BaseError
		fe *export.FormatError
		se *gen.SizeError
		uq *query.UnknownQueryError
		ga *workspace.GraphArgError
	)
	switch {
	case errors.As(err, &ub), errors.As(err, &fk), errors.As(err, &be), errors.As(err, &fe), errors.As(err, &se), errors.As(err, &uq), errors.As(err, &ga):
		return 2
	case errors.As(err, &pe):
		if pe.Problem == store.PathMissing || pe.Problem == store.PathUnwanted {
			return 2
		}
	case errors.As(err, &pa):
		if pa.Problem != query.ParamNotTaken {
			return 2 // found before the query runs
		}
	}
	return 1
}

// message is err's text in the command line's words.
func message(err error) string {
	msg := err.Error()
	var (
		pe *store.PathError
		pa *query.ParamError
		te *query.TimeoutError
		ns *workspace.NoStoreError
		fe *export.FormatError
		se *gen.SizeError
		uq *query.UnknownQueryError
		fk *workspace.FileKindError
		ga *workspace.GraphArgError
	)
	if errors.As(err, &ga) {
		msg = reword(msg, ga, ga.Message("--graph"))
	}
	if errors.As(err, &fk) && fk.Format == "" && fk.Ext != "" {
		// A file export writes but load does not read: name its format.
		if f, ok := export.ByPath(fk.Path); ok {
			named := *fk
			named.Format = f.Title
			msg = reword(msg, fk, named.Error())
		}
	}
	if errors.As(err, &pe) {
		switch pe.Problem {
		case store.PathMissing:
			msg = reword(msg, pe, pe.Message("--dbpath (or "+EnvDBPath+")"))
		case store.PathUnwanted:
			msg = reword(msg, pe, "store "+pe.Backend+" keeps nothing on disk; drop --dbpath or use --db bolt")
		default:
			msg = reword(msg, pe, pe.Message("--dbpath"))
		}
	}
	if errors.As(err, &pa) {
		msg = reword(msg, pa, pa.Message("--param"))
	}
	if errors.As(err, &te) {
		msg = reword(msg, te, te.Message("--timeout"))
	}
	var me *query.MemoryError
	if errors.As(err, &me) {
		msg = reword(msg, me, me.Message("--max-memory"))
	}
	if errors.As(err, &ns) {
		msg = reword(msg, ns, fmt.Sprintf("%s: check --dbpath (or %s), or create it with 'confgraph load' or 'confgraph init'", ns, EnvDBPath))
	}
	if errors.As(err, &fe) {
		msg = reword(msg, fe, formatMessage(fe))
	}
	if errors.As(err, &se) {
		text := fmt.Sprintf("gen needs --facts N with N at least %d (got %d)", se.Min, se.Got)
		if se.ReportFacts {
			text = fmt.Sprintf("--per-report must be at least %d (got %d)", se.Min, se.Got)
		}
		msg = reword(msg, se, text)
	}
	if errors.As(err, &uq) {
		msg = reword(msg, uq, uq.Error()+" (see 'confgraph queries')")
	}
	var ur *workspace.UnknownReportsError
	if errors.As(err, &ur) {
		msg = reword(msg, ur, ur.Error()+"; nothing was removed (check the report IDs, or --db and --dbpath)")
	}
	var (
		de  *store.DamagedError
		nst *store.NotStoreError
	)
	if errors.As(err, &de) {
		// The whole message: what wraps it adds nothing a user can act on.
		msg = fmt.Sprintf("%s; nothing was changed. Restore the store from a backup (see 'confgraph backup'), and run 'confgraph check --db bolt --dbpath %s' to see what is damaged",
			de, filepath.Dir(de.File))
	}
	var rep *store.ReplicaError
	if errors.As(err, &rep) {
		msg = reword(msg, rep, rep.Message("--dbpath"))
	}
	if errors.As(err, &nst) {
		msg = reword(msg, nst, nst.Error()+"; check --dbpath (or "+EnvDBPath+")")
	}
	if errors.Is(err, dot.ErrNoGraphviz) {
		msg = reword(msg, dot.ErrNoGraphviz, dot.ErrNoGraphviz.Error()+", or export --format dot and render it elsewhere")
	}
	var (
		nf *query.NotFoundError
		so *seedOnlyError
	)
	if errors.As(err, &nf) && errors.As(err, &so) {
		if so.dbGiven {
			msg += "; searched the embedded seed only, as the memstore backend keeps nothing else (pass --db and --dbpath to query your store)"
		} else {
			msg += "; searched the embedded seed only, as no --db was given (pass --db and --dbpath to query your store)"
		}
	}
	return msg
}

// formatMessage words a FormatError of export's --format and -o.
func formatMessage(e *export.FormatError) string {
	switch e.Problem {
	case export.NameMismatch:
		return fmt.Sprintf("--format %s does not match the extension of %s (a %s file); change one of them", e.Name, e.Path, e.PathFormat)
	case export.UnknownExt:
		return fmt.Sprintf("cannot tell the format from the extension %q of %s; pass --format (valid: %s) or use one of %s",
			e.Ext, e.Path, strings.Join(e.Valid, ", "), strings.Join(e.Exts, " "))
	}
	return e.Error()
}

// reword replaces the text of inner, an error in the chain of the error
// whose text is msg, with text: the same fact in the command line's words.
func reword(msg string, inner error, text string) string {
	return strings.Replace(msg, inner.Error(), text, 1)
}

// tokenFileError words an unreadable or empty --write-token-file (err nil).
func tokenFileError(path string, err error) error {
	if err == nil {
		return fail(2, "--write-token-file %s is empty: put a long random token in it, e.g. with 'head -c 32 /dev/urandom | base64 > %s'", path, path)
	}
	return fail(2, "--write-token-file: %v", err)
}

// listenError words a --addr serve cannot listen on.
func listenError(addr string, err error) error {
	return fail(1, "cannot listen on --addr %s: %v (is another server using the port? pick another with --addr 127.0.0.1:PORT)", addr, err)
}
