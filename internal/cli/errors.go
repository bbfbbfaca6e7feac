package cli

import (
	"errors"
	"strings"

	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
)

// EnvDB and EnvDBPath name the environment variables that select a store
// when no flag does.
const (
	EnvDB     = "CONFGRAPH_DB"
	EnvDBPath = "CONFGRAPH_DBPATH"
)

// exitError carries an exit status; its message has already been printed
// when msg is empty.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageError is a mistake in the command line that cobra found (an unknown
// command or flag, a bad flag value, the wrong number of arguments).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// explain turns an error of a command into what confgraph prints and its
// exit status: 2 for a mistake in the command line, 1 for the rest. The
// libraries' typed errors get the command line's words here: which flag
// sets what they speak of. help says whether to point at --help.
func explain(err error) (msg string, code int, help bool) {
	var (
		ee  *exitError
		ue  *usageError
		ub  *store.UnknownBackendError
		pe  *store.PathError
		pae *query.ParamError
		te  *query.TimeoutError
	)
	msg, code = err.Error(), 1
	switch {
	case errors.As(err, &ee):
		return ee.msg, ee.code, false
	case errors.As(err, &ue):
		return msg, 2, true
	case errors.As(err, &ub):
		code = 2
	case errors.As(err, &pe):
		switch pe.Problem {
		case store.PathMissing:
			msg, code = reword(msg, pe, pe.Message("--dbpath (or "+EnvDBPath+")")), 2
		case store.PathUnwanted:
			msg, code = reword(msg, pe, "store "+pe.Backend+" keeps nothing on disk; drop --dbpath or use --db bolt"), 2
		default:
			msg = reword(msg, pe, pe.Message("--dbpath"))
		}
	case errors.As(err, &pae):
		msg = reword(msg, pae, pae.Message("--param"))
		if pae.Problem != query.ParamNotTaken {
			code = 2 // found before the query runs
		}
	case errors.As(err, &te):
		msg = reword(msg, te, te.Message("--timeout"))
	}
	return msg, code, false
}

// reword replaces the text of inner, an error in the chain of the error
// whose text is msg, with text: the same fact in the command line's words.
func reword(msg string, inner error, text string) string {
	return strings.Replace(msg, inner.Error(), text, 1)
}
