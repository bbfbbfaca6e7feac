package workspace

import (
	"errors"

	"github.com/confgraph/confgraph/graph"
	"github.com/confgraph/confgraph/internal/dataset"
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
