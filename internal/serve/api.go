package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/workspace"
)

// ParamSpec is a bundled query's parameter as the API lists it.
type ParamSpec struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Kind     string `json:"kind,omitempty"` // entity kind of an entity parameter
	Noun     string `json:"noun,omitempty"`
	Default  string `json:"default"`
	Required bool   `json:"required"`
	Doc      string `json:"doc"`
}

// QuerySpec is a bundled query as the API lists it.
type QuerySpec struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Params      []ParamSpec       `json:"params"`
	Columns     []string          `json:"columns"`
	Example     map[string]string `json:"example"`
}

func specOf(q *query.Query) QuerySpec {
	out := QuerySpec{Name: q.Name, Description: q.Description, Columns: q.Columns, Params: []ParamSpec{}, Example: q.ExampleParams()}
	for _, p := range q.Params {
		ps := ParamSpec{Name: p.Name, Type: p.Type, Kind: p.Kind(), Default: p.Default, Required: p.Required, Doc: p.Doc}
		if ps.Kind != "" {
			ps.Noun = p.Noun()
		}
		out.Params = append(out.Params, ps)
	}
	return out
}

func (s *Server) listQueries(w http.ResponseWriter, r *http.Request) {
	out := []QuerySpec{}
	qs, err := query.Bundled()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	for _, q := range qs {
		out = append(out, specOf(q))
	}
	writeJSON(w, http.StatusOK, out)
}

// options are the keys of a query request that are not query parameters
// (unless the query declares a parameter of that name).
var options = []string{"format", "limit", "timeout", "lang"}

// langTag matches a language tag for ?lang= (de, en, vi, pt-BR ...).
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// runOptions reads ?limit= and ?timeout= (a Go duration such as 5s, or
// seconds), each capped by the server's own, and ?lang= (the language
// whose names rows show first, query.Options.Lang as the CLI's --lang;
// absent: each row in its report's language).
func (s *Server) runOptions(get func(string) string) (query.Options, error) {
	opt := query.Options{Timeout: s.opt.QueryTimeout, Limit: s.opt.QueryLimit}
	if v := get("lang"); v != "" {
		if !langTag.MatchString(v) {
			return opt, fmt.Errorf("lang %q: give a language tag such as de, en or vi", v)
		}
		opt.Lang = v
	}
	if v := get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return opt, fmt.Errorf("limit %q: give a positive number of rows", v)
		}
		opt.Limit = min(n, s.opt.QueryLimit)
	}
	if v := get("timeout"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			secs, err2 := strconv.ParseFloat(v, 64)
			if err2 != nil {
				return opt, fmt.Errorf("timeout %q: give a duration such as 5s or 500ms", v)
			}
			d = time.Duration(secs * float64(time.Second))
		}
		if d <= 0 {
			return opt, fmt.Errorf("timeout %q: give a positive duration", v)
		}
		opt.Timeout = min(d, s.opt.QueryTimeout)
	}
	return opt, nil
}

// resultFormat picks json or csv from ?format= or the Accept header.
func resultFormat(r *http.Request, name string) (string, error) {
	switch name {
	case "json", "csv":
		return name, nil
	case "":
	default:
		return "", fmt.Errorf("format %q: valid: json, csv", name)
	}
	mt, err := negotiate(r, []string{"application/json", "text/csv"})
	if err != nil {
		return "", err
	}
	if mt == "text/csv" {
		return "csv", nil
	}
	return "json", nil
}

// runQuery runs a bundled query: parameters from the URL (GET) or from a
// form or a JSON object (POST), through query.Query.Run as 'confgraph
// query' does. The query stops at its timeout and when the client goes.
func (s *Server) runQuery(w http.ResponseWriter, r *http.Request) {
	q, err := query.Lookup(r.PathValue("name"))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, err)
		return
	}
	vals, err := requestValues(w, r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	params := map[string]string{}
	opts := map[string]string{}
	for k, v := range vals {
		if _, declared := q.Param(k); !declared && isOption(k) {
			opts[k] = v
			continue
		}
		params[k] = v
	}
	get := func(k string) string { return opts[k] }
	opt, err := s.runOptions(get)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	format, err := resultFormat(r, opts["format"])
	if err != nil {
		s.fail(w, r, negotiateStatus(err), err)
		return
	}
	res, err := q.Run(r.Context(), s.st, params, opt)
	s.answer(w, r, q.Name, res, format, err)
}

func isOption(k string) bool {
	for _, o := range options {
		if k == o {
			return true
		}
	}
	return false
}

// requestValues reads a request's keys and values: the URL's, and for a
// POST a form or a JSON object of strings (capped at maxQueryBody).
func requestValues(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range r.URL.Query() {
		out[k] = v[len(v)-1]
	}
	if r.Method != http.MethodPost {
		return out, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxQueryBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, fmt.Errorf("read the JSON body: %v (send an object of parameter names to strings)", err)
		}
		for k, v := range m {
			switch x := v.(type) {
			case string:
				out[k] = x
			case float64:
				out[k] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				return nil, fmt.Errorf("parameter %s: give a string", k)
			}
		}
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.PostForm {
			out[k] = v[len(v)-1]
		}
	}
	return out, nil
}

// answer writes a query's result, or its error with the status that fits:
// 400 for a mistake in the request, 404 for an unknown query, 408 for a
// query stopped by its timeout (as Cayley's documentation has it).
func (s *Server) answer(w http.ResponseWriter, r *http.Request, name string, res *query.Result, format string, err error) {
	if err != nil {
		if r.Context().Err() != nil {
			return // the client went away; the query stopped with it
		}
		s.fail(w, r, queryStatus(err), err)
		return
	}
	h := w.Header()
	h.Set("X-Confgraph-Rows", strconv.Itoa(len(res.Rows)))
	h.Set("X-Confgraph-Truncated", strconv.FormatBool(res.Truncated))
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, name))
		query.WriteCSV(w, res)
	default:
		h.Set("Content-Type", "application/json; charset=utf-8")
		query.WriteJSON(w, res)
	}
}

func queryStatus(err error) int {
	var (
		te *query.TimeoutError
		pe *query.ParamError
		se *query.SyntaxError
	)
	switch {
	case errors.As(err, &te):
		return http.StatusRequestTimeout
	case errors.As(err, &pe), errors.As(err, &se):
		return http.StatusBadRequest
	case strings.Contains(err.Error(), ", parameter "):
		return http.StatusBadRequest // an entity parameter that names no entity
	case strings.HasPrefix(err.Error(), "gizmo: "), strings.HasPrefix(err.Error(), "unknown query language"):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// adhocQuery runs a query text in ?query-lang= (gizmo, graphql, mql), as
// 'confgraph query --query-lang L -e TEXT'; ?lang= names the engine too
// when it is one of them (as the CLI's --lang still does, and Cayley's
// API has it), else the language of the names (--lang). Gizmo queries get
// ?param.NAME=VALUE as params.NAME.
func (s *Server) adhocQuery(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	lang := vals.Get("query-lang")
	get := vals.Get
	if l := vals.Get("lang"); slices.Contains(query.Languages, l) {
		if lang == "" {
			lang = l
		}
		get = func(k string) string {
			if k == "lang" {
				return ""
			}
			return vals.Get(k)
		}
	}
	if lang == "" {
		lang = "gizmo"
	}
	opt, err := s.runOptions(get)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	format, err := resultFormat(r, vals.Get("format"))
	if err != nil {
		s.fail(w, r, negotiateStatus(err), err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxQueryBody))
	if err != nil {
		s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Errorf("query text: %v", err))
		return
	}
	if strings.TrimSpace(string(body)) == "" {
		s.fail(w, r, http.StatusBadRequest, errors.New("send the query text as the request body"))
		return
	}
	params := map[string]string{}
	for k, v := range vals {
		if n, ok := strings.CutPrefix(k, "param."); ok {
			params[n] = v[len(v)-1]
		}
	}
	if len(params) == 0 && lang != "gizmo" {
		params = nil
	}
	res, err := query.Run(r.Context(), s.st, lang, string(body), params, opt)
	s.answer(w, r, "query", res, format, err)
}

// Report is one named graph in the store.
type Report struct {
	Graph  string `json:"graph"`
	ID     string `json:"id"`
	Report string `json:"report,omitempty"`
	Label  string `json:"label,omitempty"`
	Date   string `json:"date,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

func (s *Server) reports(w http.ResponseWriter, r *http.Request) {
	graphs, err := s.st.Graphs(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	lang := langParam(r)
	out := []Report{}
	err = s.st.View(r.Context(), func(qs graph.QuadStore) error {
		rd := s.reader(r.Context(), qs, 100, lang)
		for _, g := range graphs {
			ref := rd.reportOf(g)
			rep := Report{Graph: ref.Graph, ID: localName(ref.Graph), Report: ref.IRI, Label: ref.Label, Date: ref.Date, Lang: ref.Lang}
			if rep.Label == "" {
				rep.Label = rd.label(g, g)
			}
			out = append(out, rep)
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// exportFormats are the export formats the server can write: every one of
// export.Formats, SVG only where Graphviz's dot is on PATH.
func exportFormats() []export.Format {
	var out []export.Format
	for _, f := range export.Formats() {
		if f.Name == "svg" {
			if _, err := exec.LookPath("dot"); err != nil {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func (s *Server) formats(w http.ResponseWriter, r *http.Request) {
	type fm struct {
		Name      string   `json:"name"`
		MediaType string   `json:"mediaType"`
		Exts      []string `json:"exts"`
		Doc       string   `json:"doc"`
	}
	out := []fm{}
	for _, f := range exportFormats() {
		out = append(out, fm{f.Name, f.MediaType, f.Exts, f.Doc})
	}
	writeJSON(w, http.StatusOK, out)
}

// export writes the store, or one report's graph (?graph=REPORT), in the
// format of ?format= or else the one the Accept header prefers (406 when
// it allows none), streamed, through export.StoreSource as 'confgraph
// export' does.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	fmts := exportFormats()
	var f export.Format
	if name := r.URL.Query().Get("format"); name != "" {
		var err error
		if f, err = export.ByName(name); err != nil {
			s.fail(w, r, http.StatusBadRequest, err)
			return
		}
		if !hasFormat(fmts, f.Name) {
			s.fail(w, r, http.StatusNotImplemented, fmt.Errorf("format %s needs Graphviz's dot on the server's PATH", f.Name))
			return
		}
	} else {
		offers := make([]string, len(fmts))
		for i, f := range fmts {
			offers[i] = f.MediaType
		}
		mt, err := negotiate(r, offers)
		if err != nil {
			s.fail(w, r, negotiateStatus(err), err)
			return
		}
		for _, c := range fmts {
			if c.MediaType == mt {
				f = c
				break
			}
		}
	}
	arg := r.URL.Query().Get("graph")
	g, err := s.opt.Workspace.Graph(r.Context(), s.st, arg)
	var nf *workspace.GraphNotFoundError
	switch {
	case errors.As(err, &nf):
		s.fail(w, r, http.StatusNotFound, err)
		return
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	// An export of a large store may take longer than a query.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(30 * time.Minute))
	src, err := export.StoreSource(r.Context(), s.st, g, f, nil)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	name := "confgraph"
	if g != nil {
		name = localName(query.Lexical(g))
	}
	h := w.Header()
	ct := f.MediaType
	if !strings.Contains(ct, "graphml") && (strings.HasPrefix(ct, "text/") || strings.Contains(ct, "n-") || strings.Contains(ct, "turtle") || strings.Contains(ct, "trig") || strings.Contains(ct, "json")) {
		ct += "; charset=utf-8"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s%s"`, name, f.Exts[0]))
	h.Set("Vary", "Accept")
	cw := &countWriter{w: w}
	if err := f.Write(r.Context(), cw, src); err != nil {
		if r.Context().Err() != nil {
			return
		}
		if cw.n == 0 {
			h.Del("Content-Disposition")
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		s.log.Error("export broke off", "format", f.Name, "err", err)
		panic(http.ErrAbortHandler) // the client sees a cut-off answer, not a complete one
	}
}

func hasFormat(fs []export.Format, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// graphValue is the graph of a report ID or graph IRI.
func (s *Server) graphValue(id string) (quad.Value, error) {
	m, err := s.opt.Workspace.IRIs()
	if err != nil {
		return nil, err
	}
	if strings.Contains(id, ":") {
		return quad.IRI(strings.Trim(id, "<>")), nil
	}
	return m.Graph(id), nil
}

var _ = context.Background
