package serve

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/workspace"
)

// LoadResult is the answer to a load.
type LoadResult struct {
	Reports  int `json:"reports"`
	RDFFiles int `json:"rdfFiles"`
	Graphs   int `json:"graphs"`
	Quads    int `json:"quads"`
	Added    int `json:"added"`
	Removed  int `json:"removed"`
}

// byType names an upload sent without ?name= after its Content-Type.
var byType = map[string]string{
	"application/yaml": "upload.yaml", "application/x-yaml": "upload.yaml", "text/yaml": "upload.yaml",
	"application/n-quads": "upload.nq", "application/n-triples": "upload.nt", "application/ld+json": "upload.jsonld",
}

// load validates and loads uploaded data files and RDF files exactly as
// 'confgraph load' does (workspace.ReadData / ReadRDF, mapping.All,
// store.Replace): every problem of every file is listed (file:line:col)
// and nothing is loaded, or every report's graph is replaced in one
// transaction. The body is one file named by ?name=FILE (or its
// Content-Type), or a multipart form of files.
func (s *Server) load(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	dir, err := os.MkdirTemp("", "confgraph-upload-")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	defer os.RemoveAll(dir)
	paths, code, err := saveUploads(r, dir)
	if err != nil {
		s.fail(w, r, code, err)
		return
	}
	res, err := s.loadFiles(r, dir, paths)
	var (
		pe *workspace.ProblemsError
		fk *workspace.FileKindError
	)
	switch {
	case errors.As(err, &pe):
		for i, p := range pe.Problems {
			pe.Problems[i] = strings.ReplaceAll(p, dir+string(filepath.Separator), "")
		}
		s.fail(w, r, http.StatusUnprocessableEntity, pe)
	case errors.As(err, &fk):
		fk.Path = filepath.Base(fk.Path)
		s.fail(w, r, http.StatusUnsupportedMediaType, fk)
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, errors.New(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")))
	default:
		s.log.Info("loaded", "files", len(paths), "graphs", res.Graphs, "added", res.Added, "removed", res.Removed)
		writeJSON(w, http.StatusOK, res)
	}
}

func (s *Server) loadFiles(r *http.Request, dir string, paths []string) (LoadResult, error) {
	m, err := s.opt.Workspace.IRIs()
	if err != nil {
		return LoadResult{}, err
	}
	dataArgs, rdfArgs, err := workspace.SplitLoadArgs(paths)
	if err != nil {
		return LoadResult{}, err
	}
	rdfQuads, err := workspace.ReadRDF(m, rdfArgs, r.URL.Query().Get("graph"))
	if err != nil {
		return LoadResult{}, err
	}
	qs := mapping.Vocabulary()
	out := LoadResult{RDFFiles: len(rdfArgs)}
	if len(dataArgs) > 0 {
		files, err := workspace.ReadData(dataArgs)
		if err != nil {
			return LoadResult{}, err
		}
		qs = mapping.All(m, files)
		out.Reports = len(files)
	}
	qs = append(qs, rdfQuads...)
	res, err := s.st.Replace(r.Context(), qs)
	if err != nil {
		return LoadResult{}, fmt.Errorf("load: %w", err)
	}
	out.Graphs, out.Quads, out.Added, out.Removed = res.Graphs, res.Total, res.Added, res.Removed
	return out, nil
}

// cleanName keeps the base name of an uploaded file, without path or
// odd characters.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	n := strings.TrimLeft(b.String(), ".")
	if n == "" {
		return "upload"
	}
	return n
}

func saveUploads(r *http.Request, dir string) ([]string, int, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	save := func(name string, body io.Reader) (string, int, error) {
		p := filepath.Join(dir, cleanName(name))
		if _, err := os.Stat(p); err == nil {
			return "", http.StatusBadRequest, fmt.Errorf("two files are called %s", filepath.Base(p))
		}
		f, err := os.Create(p)
		if err != nil {
			return "", http.StatusInternalServerError, err
		}
		_, err = io.Copy(f, body)
		f.Close()
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return "", http.StatusRequestEntityTooLarge, fmt.Errorf("upload larger than %d bytes (the server's limit)", mb.Limit)
		}
		if err != nil {
			return "", http.StatusBadRequest, fmt.Errorf("read the upload: %v", err)
		}
		return p, 0, nil
	}
	if ct == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, http.StatusBadRequest, err
		}
		var paths []string
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("upload larger than %d bytes (the server's limit)", mb.Limit)
			}
			if err != nil {
				return nil, http.StatusBadRequest, err
			}
			if part.FileName() == "" {
				continue
			}
			p, code, err := save(part.FileName(), part)
			if err != nil {
				return nil, code, err
			}
			paths = append(paths, p)
		}
		if len(paths) == 0 {
			return nil, http.StatusBadRequest, errors.New("the form holds no file")
		}
		return paths, 0, nil
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = byType[ct]
	}
	if name == "" {
		return nil, http.StatusBadRequest, errors.New("name the file with ?name=FILE (its extension picks the format: .yaml for a data file, .nq, .nt, .jsonld for RDF)")
	}
	p, code, err := save(name, r.Body)
	if err != nil {
		return nil, code, err
	}
	return []string{p}, 0, nil
}

// removeReport removes a report's named graph in one transaction.
func (s *Server) removeReport(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.opt.Workspace.Graph(r.Context(), s.st, id); err != nil {
		var nf *workspace.GraphNotFoundError
		if errors.As(err, &nf) {
			s.fail(w, r, http.StatusNotFound, err)
			return
		}
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	g, err := s.graphValue(id)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	res, err := s.st.RemoveGraphs(r.Context(), []quad.Value{g})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.log.Info("removed", "graph", g.String(), "quads", res.Removed)
	writeJSON(w, http.StatusOK, map[string]any{"graph": strings.Trim(g.String(), "<>"), "removed": res.Removed})
}
