package cli

import (
	"errors"
	"fmt"
	"strings"

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
	switch {
	case errors.As(err, &ee):
		if ee.msg == "" {
			return "", ee.code
		}
		return "confgraph: " + ee.msg + "\n", ee.code
	case errors.As(err, &ue):
		return "confgraph: " + err.Error() + "\nRun 'confgraph --help' for usage.\n", 2
	case errors.As(err, &pr):
		// Every problem on its own line, then what it means.
		return strings.Join(pr.Problems, "\n") + "\nconfgraph: " + message(err) + "; nothing was loaded\n", 1
	}
	return "confgraph: " + message(err) + "\n", status(err)
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
	)
	switch {
	case errors.As(err, &ub), errors.As(err, &fk), errors.As(err, &be):
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
	)
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
	if errors.As(err, &ns) {
		msg = reword(msg, ns, fmt.Sprintf("%s: check --dbpath (or %s), or create it with 'confgraph load' or 'confgraph init'", ns, EnvDBPath))
	}
	return msg
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
