package workspace

import (
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/store"
)

// ReadDataWith is ReadData with the options of the source checks: the
// named paths are checked against their source texts (beside each data
// file, then in o.SourceDirs); the embedded data only when o.SourceDirs
// names where its sources are. The warnings are the checks that could not
// be made and, with o.AllowPlaceholders, the placeholders left.
func ReadDataWith(paths []string, o dataset.ReadOptions) ([]*dataset.File, dataset.Errors, error) {
	var files []*dataset.File
	var warnings dataset.Errors
	var err error
	if len(paths) == 0 {
		files, warnings, err = dataset.ReadFSWith(graph.Files, ".", o)
	} else {
		files, warnings, err = dataset.ReadPathsWith(paths, o)
	}
	var es dataset.Errors
	if errors.As(err, &es) {
		pe := &ProblemsError{}
		for _, e := range es {
			pe.Problems = append(pe.Problems, e.Error())
		}
		return nil, nil, pe
	}
	return files, warnings, err
}

// Parts returns a store.Part a data file, for Store.ReplaceParts: the
// file's report graph and the function that maps it (mapping.File), so
// that a load maps each report only when the store asks for it. A part
// lets go of its file (files[i] = nil) once mapped, so that the file's
// parsed data can go too; files is not to be used after the load.
func Parts(m mapping.IRIs, files []*dataset.File) []store.Part {
	parts := make([]store.Part, len(files))
	for i, f := range files {
		g := m.Graph(f.Report.ID.V)
		parts[i] = store.Part{Graph: g, Quads: func() ([]quad.Quad, error) {
			f := files[i]
			if f == nil {
				return nil, fmt.Errorf("the data file of graph %s was mapped already", g)
			}
			files[i] = nil
			return mapping.File(m, f), nil
		}}
	}
	return parts
}
