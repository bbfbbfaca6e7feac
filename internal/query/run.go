package query

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"
	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"

	"github.com/confgraph/confgraph/internal/rdf"
	"github.com/confgraph/confgraph/internal/store"
)

// Defaults of Options.
const (
	DefaultTimeout = 30 * time.Second
	DefaultLimit   = 10000
)

// Languages are the query languages Run accepts.
var Languages = []string{"gizmo", "graphql", "mql"}

//go:embed prelude.js
var prelude string

// Options bound one run of a query.
type Options struct {
	// Timeout stops the query; 0 means DefaultTimeout.
	Timeout time.Duration
	// Limit is the most rows returned; 0 means DefaultLimit, negative no limit.
	Limit int
	// Lang is the language tag of the names rows show first (e.g. "en");
	// "" shows each row in the language of the report that states its
	// fact. See labels.go for the whole rule.
	Lang string
	// MaxMemory is the query's memory budget in bytes: how much the heap
	// may grow while it runs before it is stopped with a *MemoryError;
	// 0 means DefaultMaxMemory, negative no budget.
	MaxMemory int64
}

func (o Options) norm() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Limit == 0 {
		o.Limit = DefaultLimit
	}
	if o.MaxMemory == 0 {
		o.MaxMemory = DefaultMaxMemory
	}
	return o
}

// Result is the rows of a query. Every cell is text: IRIs as full IRIs,
// literals as their lexical form (language tags and datatypes dropped),
// lists joined with ListSep.
type Result struct {
	Columns []string
	Rows    [][]string
	// Truncated is true when the query had more rows than the limit.
	Truncated bool
}

// Maps returns the rows as maps from column to cell.
func (r *Result) Maps() []map[string]string {
	out := make([]map[string]string, len(r.Rows))
	for i, row := range r.Rows {
		m := make(map[string]string, len(r.Columns))
		for j, c := range r.Columns {
			m[c] = row[j]
		}
		out[i] = m
	}
	return out
}

// Canonical returns the rows as sorted text lines, each cell's list items
// sorted: two results answer alike when their Canonical lines are equal,
// whatever the store's order or GROUP_CONCAT's.
func (r *Result) Canonical() []string {
	return CanonicalRows(r.Columns, r.Maps())
}

// CanonicalRows is Canonical for rows given as maps (a missing key counts
// as an empty cell), e.g. rows decoded from a SPARQL engine's JSON.
func CanonicalRows(cols []string, rows []map[string]string) []string {
	out := make([]string, len(rows))
	for i, m := range rows {
		parts := make([]string, len(cols))
		for j, c := range cols {
			items := strings.Split(m[c], ListSep)
			sort.Strings(items)
			parts[j] = c + "=" + strings.Join(items, ListSep)
		}
		out[i] = strings.Join(parts, " | ")
	}
	sort.Strings(out)
	return out
}

// TimeoutError reports a query stopped by its timeout.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string { return e.Message("Options.Timeout") }

// Message returns the error's text with setting as the name of the
// timeout setting (a flag).
func (e *TimeoutError) Message(setting string) string {
	return fmt.Sprintf("query stopped: it ran longer than the %s timeout (raise it with %s, or start the query from a more selective node)", e.After, setting)
}

// ParamProblem says what is wrong with a query's parameters.
type ParamProblem int

const (
	// ParamMissing: a required parameter is not given.
	ParamMissing ParamProblem = iota + 1
	// ParamUnknown: the query takes no parameter of that name.
	ParamUnknown
	// ParamEmpty: a required entity parameter is given as "".
	ParamEmpty
	// ParamNotTaken: the language takes no parameters at all (GraphQL, MQL).
	ParamNotTaken
)

// ParamError reports a parameter a query does not take, or a required one
// that is missing or empty. Its text speaks of parameters; a caller with a
// flag for them gets the same text with that flag from Message.
type ParamError struct {
	Problem ParamProblem
	Query   string // the bundled query (Lang for ParamNotTaken)
	Lang    string
	Param   string
	Doc     string   // the parameter's doc (ParamMissing, ParamEmpty)
	Valid   []string // the parameters the query takes (ParamUnknown)
}

func (e *ParamError) Error() string { return e.Message("") }

// Message returns the error's text with flag as the way to give a
// parameter ("" for the library's own words).
func (e *ParamError) Message(flag string) string {
	switch e.Problem {
	case ParamMissing:
		if flag == "" {
			return fmt.Sprintf("query %s needs parameter %s (%s)", e.Query, e.Param, e.Doc)
		}
		return fmt.Sprintf("query %s needs %s %s=VALUE (%s)", e.Query, flag, e.Param, e.Doc)
	case ParamUnknown:
		valid := "it takes no parameters"
		if len(e.Valid) > 0 {
			valid = "valid: " + strings.Join(e.Valid, ", ")
		}
		return fmt.Sprintf("query %s has no parameter %q (%s)", e.Query, e.Param, valid)
	case ParamEmpty:
		return fmt.Sprintf("query %s: parameter %s must not be empty (%s)", e.Query, e.Param, e.Doc)
	}
	if flag == "" {
		return fmt.Sprintf("parameters work with gizmo queries only; %s has none", e.Lang)
	}
	return fmt.Sprintf("%s works with gizmo queries only; %s has no parameters", flag, e.Lang)
}

// SyntaxError reports a query that does not parse, with its position in
// the text the user wrote.
type SyntaxError struct {
	Lang string
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s syntax error: %s", e.Lang, e.Msg) }

// RunBundled runs the bundled query name on s with params (parameter name
// to value as a user would type it: entity parameters take an ID, IRI or
// label) and the default timeout and limit. The rows are sorted.
func RunBundled(ctx context.Context, s *store.Store, name string, params map[string]string) (*Result, error) {
	q, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	return q.Run(ctx, s, params, Options{})
}

// CheckParams reports the first parameter, in name order, that q does not
// take, with the names it does take; then a required parameter that is
// missing, or a required entity parameter given as "". Each is a usage
// mistake, found without a store.
func (q *Query) CheckParams(params map[string]string) error {
	if err := q.checkUnknown(params); err != nil {
		return err
	}
	for _, p := range q.Params {
		v, given := params[p.Name]
		switch {
		case !given && p.Required:
			return &ParamError{Problem: ParamMissing, Query: q.Name, Param: p.Name, Doc: p.Doc}
		case p.Required && p.Kind() != "" && strings.TrimSpace(v) == "":
			return &ParamError{Problem: ParamEmpty, Query: q.Name, Param: p.Name, Doc: p.Doc}
		}
	}
	return nil
}

func (q *Query) checkUnknown(params map[string]string) error {
	keys := slices.Sorted(maps.Keys(params))
	for _, k := range keys {
		if _, ok := q.Param(k); ok {
			continue
		}
		var names []string
		for _, p := range q.Params {
			names = append(names, p.Name)
		}
		return &ParamError{Problem: ParamUnknown, Query: q.Name, Param: k, Valid: names}
	}
	return nil
}

// Run runs the bundled query q on s. Unknown parameters, missing required
// ones and entity parameters that name no entity are errors. The rows are
// sorted by their cells, left to right.
func (q *Query) Run(ctx context.Context, s *store.Store, params map[string]string, opt Options) (*Result, error) {
	return q.run(ctx, s, params, opt, s.Cached)
}

// run is Run with memo keeping what the query derives from the store
// (the tests pass one that keeps nothing).
func (q *Query) run(ctx context.Context, s *store.Store, params map[string]string, opt Options, memo memoFunc) (*Result, error) {
	opt = opt.norm()
	js := map[string]string{}
	if err := q.CheckParams(params); err != nil {
		return nil, err
	}
	var res *rawResult
	err := s.View(ctx, func(qs graph.QuadStore) error {
		for _, p := range q.Params {
			v, given := params[p.Name]
			if !given {
				v = p.Default // CheckParams found every required one
			}
			if k := p.Kind(); k != "" && v != "" {
				iri, err := resolve(ctx, qs, k, v)
				if err != nil {
					return fmt.Errorf("query %s, parameter %s: %w", q.Name, p.Name, err)
				}
				v = "<" + string(iri) + ">"
			}
			js[p.Name] = v
		}
		var err error
		if res, err = runGizmo(ctx, qs, memo, s.Lookup(), q.Source, js, opt); err != nil {
			return fmt.Errorf("query %s: %w", q.Name, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := &Result{Columns: q.Columns, Truncated: res.Truncated}
	for _, m := range res.maps {
		row := make([]string, len(q.Columns))
		for i, c := range q.Columns {
			row[i] = m[c]
		}
		out.Rows = append(out.Rows, row)
	}
	SortRows(out.Rows)
	return out, nil
}

// SortRows sorts rows by their cells, left to right.
func SortRows(rows [][]string) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		for k := range a {
			if k >= len(b) {
				return false
			}
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
}

// Run runs an ad-hoc query in lang ("gizmo", "graphql" or "mql") on s. For
// Gizmo, params reach the query as the object `params` and the confgraph
// prelude (helpers such as outs, label, paragraphs) is defined. Rows keep
// the order the engine gives; columns are the union of the result keys.
func Run(ctx context.Context, s *store.Store, lang, text string, params map[string]string, opt Options) (*Result, error) {
	opt = opt.norm()
	var res *rawResult
	err := s.View(ctx, func(qs graph.QuadStore) error {
		var err error
		switch lang {
		case "gizmo":
			res, err = runGizmo(ctx, qs, s.Cached, s.Lookup(), text, params, opt)
		case "graphql", "mql":
			if len(params) > 0 {
				return &ParamError{Problem: ParamNotTaken, Lang: lang}
			}
			res, err = runOther(ctx, qs, lang, text, opt)
		default:
			return fmt.Errorf("unknown query language %q (valid: %s)", lang, strings.Join(Languages, ", "))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return res.result(), nil
}

type rawResult struct {
	maps      []map[string]string
	Truncated bool
}

// add keeps row m (nil: not a row) unless limit rows (limit > 0) are kept
// already, which marks the result truncated and stops the query.
func (res *rawResult) add(m map[string]string, limit int) error {
	if m == nil {
		return nil
	}
	if limit > 0 && len(res.maps) >= limit {
		res.Truncated = true
		return errStop
	}
	res.maps = append(res.maps, m)
	return nil
}

func (r *rawResult) result() *Result {
	seen := map[string]bool{}
	var cols []string
	for _, m := range r.maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	sort.Slice(cols, func(i, j int) bool {
		if (cols[i] == "id") != (cols[j] == "id") {
			return cols[i] == "id"
		}
		return cols[i] < cols[j]
	})
	out := &Result{Columns: cols, Truncated: r.Truncated}
	for _, m := range r.maps {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = m[c]
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// The query text runs inside a try whose catch throws the text of what
// the query threw (thrownText in the prelude); the program's own value is
// dropped (void 0), as Go would read an object's getters to export it.
const (
	tryOpen  = "try {\n"
	tryClose = "\n} catch (e) { throw thrownText(e); }\nvoid 0;\n"
)

// preludeLines is how many lines runGizmo puts before the user's text.
var preludeLines = strings.Count(prelude, "\n") + strings.Count(tryOpen, "\n") + 1

func gizmoText(text string, params map[string]string) (string, error) {
	if params == nil {
		params = map[string]string{}
	}
	b, err := json.Marshal(params)
	if err != nil {
		return "", err
	}
	// One line for params, then the prelude; JSON is valid JavaScript.
	return fmt.Sprintf("var params = %s; var PRELUDE_LINES = %d;\n%s%s%s%s", b, preludeLines, prelude, tryOpen, text, tryClose), nil
}

// programText is the program run for text when the parameters are set as
// globals (setGlobals): the same lines as gizmoText's, the first one
// without the values, so that it compiles once per text.
func programText(text string) string {
	return "// params and PRELUDE_LINES are set before the program runs\n" + prelude + tryOpen + text + tryClose
}

// setGlobals defines params (an object of the parameters, as gizmoText's
// JSON gives it) and PRELUDE_LINES in vm.
func setGlobals(vm *goja.Runtime, params map[string]string) error {
	obj := vm.NewObject()
	for _, k := range slices.Sorted(maps.Keys(params)) {
		if err := obj.Set(k, params[k]); err != nil {
			return fmt.Errorf("set parameter %s: %w", k, err)
		}
	}
	if err := vm.Set("params", obj); err != nil {
		return fmt.Errorf("set parameters: %w", err)
	}
	return vm.Set("PRELUDE_LINES", preludeLines)
}

// syntaxError is the error of a query text that is not a whole program on
// its own: only such a text goes between tryOpen and tryClose, where it
// cannot close the try and run outside it.
func syntaxError(text string) error {
	if _, err := goja.Parse("", text); err != nil {
		return &SyntaxError{Lang: "gizmo", Msg: strings.TrimPrefix(err.Error(), "SyntaxError: (anonymous): ")}
	}
	return nil
}

// cannotShow is the text of a thrown object that reached Go: reading it
// would run the query's code after the query has stopped.
const cannotShow = "the query threw an object that cannot be shown as text"

// gizmoMessage is the text of an error from the Gizmo engine. A value
// thrown by the query is read without calling back into JavaScript: it is
// a primitive (thrownText made objects text, ending with NUL), and an
// object that still gets here is not read at all.
func gizmoMessage(err error) (msg string) {
	defer func() {
		if recover() != nil {
			msg = cannotShow
		}
	}()
	var ex *goja.Exception
	if !errors.As(err, &ex) || ex.Value() == nil {
		return err.Error()
	}
	if _, ok := ex.Value().(*goja.Object); ok {
		return cannotShow
	}
	s := strings.TrimSuffix(ex.Value().String(), "\x00")
	if len(s) > maxThrown {
		// A thrown string of megabytes is no message.
		cut := maxThrown
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s… (%d more bytes)", s[:cut], len(s)-cut)
	}
	return s
}

// maxThrown bounds the text of a thrown value in a message, in bytes.
const maxThrown = 1000

var (
	posRE     = regexp.MustCompile(`(Line |<eval>:|\(anonymous\):)(\d+)`)
	preludeAt = regexp.MustCompile(` at [^ ]+ \(<eval>:\d+:\d+\(\d+\)\)$`)
	// bytecodeRE is goja's bytecode offset after a line and column, "(130)": no
	// help to the user, and it moves with the prelude.
	bytecodeRE = regexp.MustCompile(`(<eval>:\d+:\d+)\(\d+\)`)
)

// userPos rewrites line numbers in a goja message to lines of the user's
// text and drops a position inside the prelude.
func userPos(msg string) string {
	if m := preludeAt.FindStringSubmatch(msg); m != nil {
		if n, _ := strconv.Atoi(posRE.FindStringSubmatch(m[0])[2]); n <= preludeLines {
			msg = strings.TrimSuffix(msg, m[0])
		}
	}
	msg = posRE.ReplaceAllStringFunc(msg, func(m string) string {
		sub := posRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[2])
		if n > preludeLines {
			n -= preludeLines
		} else {
			return sub[1] + "prelude+" + sub[2]
		}
		return sub[1] + strconv.Itoa(n)
	})
	return bytecodeRE.ReplaceAllString(msg, "$1")
}

// memoFunc keeps what make derives from the store under key for later
// queries, where the store allows (store.Store.Cached).
type memoFunc func(key string, make func() (any, error)) (any, error)

func runGizmo(ctx context.Context, qs graph.QuadStore, memo memoFunc, look store.QuadLookup, text string, params map[string]string, opt Options) (*rawResult, error) {
	src, err := gizmoText(text, params)
	if err != nil {
		return nil, err
	}
	if err := syntaxError(text); err != nil {
		return nil, err
	}
	compileErr := func(err error) error {
		return &SyntaxError{Lang: "gizmo", Msg: strings.TrimPrefix(userPos(err.Error()), "SyntaxError: (anonymous): ")}
	}
	// A fresh session per query: JavaScript globals would leak between
	// runs. The program (prelude and text) is compiled once per text and
	// the parameters are set as globals (session.go); only where this
	// Cayley's session cannot be handed a program is src compiled here.
	var sess *gizmo.Session
	// The reader's look-ups run on the engine's goroutine, which stops
	// JavaScript only: drain cancels rctx before it waits for the engine,
	// so that a look-up under way (a long scan, a batch of values, the
	// SQL statement listing report graphs) stops too.
	rctx, stopReads := context.WithCancel(ctx)
	defer stopReads()
	r := newReader(rctx, qs, look)
	if sessionFields().ok {
		ptext := programText(text)
		prog, err := compiled(ptext)
		if err != nil {
			return nil, compileErr(err)
		}
		var vm *goja.Runtime
		if sess, vm, _ = preparedSession(qs, ptext, prog); vm != nil {
			if err := setGlobals(vm, params); err != nil {
				return nil, err
			}
			if err := vm.Set(lookupName, lookupFunc(r, vm)); err != nil {
				return nil, err
			}
			if err := vm.Set(graphsName, graphsFunc(r, memo, vm)); err != nil {
				return nil, err
			}
			src = ptext
		}
	} else {
		sess = gizmo.NewSession(qs)
	}
	lim := opt.Limit
	if lim > 0 {
		lim++ // one more than wanted tells whether there were more
	}
	it, err := sess.Execute(ctx, src, cquery.Options{Collation: cquery.Raw, Limit: lim})
	if err != nil {
		return nil, compileErr(err)
	}
	res := &rawResult{}
	err = drain(ctx, it, opt, stopReads, func(v any) error {
		r, ok := v.(*gizmo.Result)
		if !ok || r.Meta {
			return nil
		}
		var m map[string]string
		if r.Tags != nil {
			m = map[string]string{}
			for k, ref := range r.Tags {
				if k == "$_" {
					continue
				}
				val, err := qs.NameOf(ref)
				if err != nil {
					return fmt.Errorf("read value of %s: %w", k, err)
				}
				m[k] = Lexical(val)
			}
		} else {
			if err := emittable(r.Val); err != nil {
				return err
			}
			m = cells(r.Val)
		}
		return res.add(m, opt.Limit)
	})
	if err != nil {
		var (
			te *TimeoutError
			me *MemoryError
		)
		if errors.As(err, &te) || errors.As(err, &me) || errors.Is(err, ErrEngineRunning) {
			return nil, err
		}
		return nil, fmt.Errorf("gizmo: %s", userPos(gizmoMessage(err)))
	}
	// The engine has stopped (drain waited for it): r is this goroutine's
	// alone, and the labels are read on the caller's context.
	r.ctx = ctx
	if err := resolveLabels(r, memo, opt.Lang, res); err != nil {
		return nil, err
	}
	return res, nil
}

var errStop = errors.New("stop")

// ErrEngineRunning reports a query that reached its row limit but whose
// engine went on running after it was stopped (for engineWait): its
// answer is not used, as a read may still be under way. A query stopped
// by its timeout or memory budget reports that instead, engine or not.
var ErrEngineRunning = errors.New("query stopped, but its engine did not stop: its answer is dropped")

// engineWait is how long drain waits for a stopped engine to end (a
// variable for the tests).
var engineWait = 5 * time.Second

// drain runs it to the end under opt's timeout, calling fn per result.
// With stop (not nil) it then calls stop, which ends the reads of the
// engine's goroutine, and waits for the engine to stop so that no reader
// outlives the store lock: ErrEngineRunning if it does not and the query
// would otherwise have succeeded.
func drain(ctx context.Context, it cquery.Iterator, opt Options, stop func(), fn func(any) error) error {
	tctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	tctx, unwatch := watchMemory(tctx, opt.MaxMemory)
	defer unwatch()
	var ferr error
	for it.Next(tctx) {
		if ferr = fn(it.Result()); ferr != nil {
			break
		}
	}
	err := it.Err()
	it.Close()
	// Let the engine's goroutine notice the stop before the lock is released.
	running := false
	if stop != nil {
		stop()
		wctx, wcancel := context.WithTimeout(context.Background(), engineWait)
		for it.Next(wctx) {
		}
		// Next ended on the engine's end, or on wctx (then it still runs).
		running = wctx.Err() != nil
		wcancel()
	}
	out := stopCause(ctx, tctx, opt, ferr, err)
	if running && out == nil {
		// The query would have succeeded (a limit reached), but a read may
		// still be under way: its answer is dropped. A query that failed
		// anyway says why it stopped (its timeout, its memory budget),
		// whatever its engine does next.
		return ErrEngineRunning
	}
	return out
}

// stopCause is what ended a drained query: nil when the engine ended or
// fn stopped it at the row limit; else the memory budget, fn's error, the
// timeout, the caller's cancellation or the engine's own error.
func stopCause(ctx, tctx context.Context, opt Options, ferr, err error) error {
	var me *MemoryError
	switch {
	case ferr == errStop:
		return nil
	case errors.As(context.Cause(tctx), &me):
		return me
	case ferr != nil:
		return ferr
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		return &TimeoutError{After: opt.Timeout}
	case err != nil && ctx.Err() != nil:
		return fmt.Errorf("query cancelled: %w", ctx.Err())
	}
	return err
}

func runOther(ctx context.Context, qs graph.QuadStore, lang, text string, opt Options) (*rawResult, error) {
	sess := cquery.NewSession(qs, lang)
	if sess == nil {
		return nil, fmt.Errorf("query language %s is not available", lang)
	}
	lim := opt.Limit
	if lim > 0 {
		lim++ // one more than wanted tells whether there were more
	}
	if lang == "mql" {
		if err := checkMQL(text); err != nil {
			return nil, err
		}
	}
	it, err := sess.Execute(ctx, text, cquery.Options{Collation: cquery.JSON, Limit: lim})
	if err != nil {
		return nil, &SyntaxError{Lang: lang, Msg: plainWords(err.Error())}
	}
	res := &rawResult{}
	add := func(v any) error {
		return res.add(cells(v), opt.Limit)
	}
	err = drain(ctx, it, opt, nil, func(v any) error {
		// GraphQL answers one object per query; its single list field holds the rows.
		if m, ok := v.(map[string]any); ok && len(m) == 1 {
			for _, inner := range m {
				switch l := inner.(type) {
				case nil:
					return nil // no hit
				case []any:
					for _, x := range l {
						if err := add(x); err != nil {
							return err
						}
					}
					return nil
				case []map[string]any:
					for _, x := range l {
						if err := add(x); err != nil {
							return err
						}
					}
					return nil
				}
			}
		}
		return add(v)
	})
	if err != nil {
		var (
			te *TimeoutError
			me *MemoryError
		)
		if errors.As(err, &te) || errors.As(err, &me) || errors.Is(err, ctx.Err()) {
			return nil, fmt.Errorf("%s: %w", lang, err)
		}
		return nil, fmt.Errorf("%s: %s", lang, plainWords(err.Error()))
	}
	return res, nil
}

// goWords are messages of Cayley's GraphQL and MQL engines that name Go
// types, with what they mean in the query's terms.
var goWords = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`unsupported value type: \*ast\.(\w+)Value`), "an argument is ${1} value; arguments take IRIs (<...>), strings, numbers, booleans or lists of them"},
	{regexp.MustCompile(`unexpected value array in list: .*`), "a list holds a list; list items are IRIs (<...>), strings, numbers or booleans"},
	{regexp.MustCompile(`unexpected value type for (first|offset): \S+`), "${1} takes a whole number"},
	{regexp.MustCompile(`unexpected arguments: .* \((\d+)\)$`), "first and offset take one whole number (got ${1} values)"},
	{regexp.MustCompile(`unsupported query type: \S+`), "only a query { ... } is supported"},
	{regexp.MustCompile(`Unknown JSON type: \S+`), "a query part is neither an object, a list, a value nor null"},
}

// plainWords rewords a GraphQL or MQL engine message that names Go types.
func plainWords(msg string) string {
	for _, w := range goWords {
		if w.re.MatchString(msg) {
			msg = w.re.ReplaceAllString(msg, w.with)
			msg = strings.ReplaceAll(msg, "an argument is Object value", "an argument is an object")
			msg = strings.ReplaceAll(msg, "an argument is Variable value", "an argument is a variable")
			msg = strings.ReplaceAll(msg, "an argument is Enum value", "an argument is an enum")
		}
	}
	return msg
}

// cells turns one result object into text cells; a non-object becomes the
// single column "value".
func cells(v any) map[string]string {
	switch m := v.(type) {
	case nil:
		return nil
	case map[string]any:
		out := make(map[string]string, len(m))
		for k, x := range m {
			out[k] = text(x)
		}
		return out
	case map[string]string:
		return m
	}
	return map[string]string{"value": text(v)}
}

// text is the cell text of a value from a query engine.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if len(x) > 1 && x[0] == '<' && x[len(x)-1] == '>' {
			return x[1 : len(x)-1]
		}
		return x
	case quad.Value:
		return Lexical(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = text(e)
		}
		return strings.Join(parts, ListSep)
	case []quad.Value:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Lexical(e)
		}
		return strings.Join(parts, ListSep)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = text(rv.Index(i).Interface())
		}
		return strings.Join(parts, ListSep)
	}
	return fmt.Sprint(v)
}

// Lexical is the cell text of a quad value: an IRI without brackets, a
// literal's lexical form.
func Lexical(v quad.Value) string {
	switch x := rdf.CanonicalValue(v).(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(x)
	case quad.BNode:
		return x.String()
	case quad.String:
		return string(x)
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	default:
		return quad.StringOf(x)
	}
}
