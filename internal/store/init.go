package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
)

// Init creates the named persistent store (a bolt directory, the tables of a SQL
// database) without loading anything. It reports whether it created the
// store (false: it was there already). Open does the same on first use.
func Init(ctx context.Context, name, path string) (created bool, err error) {
	b, err := resolve(name, path)
	if errors.As(err, new(*UnknownBackendError)) {
		return false, err
	}
	if !b.Persistent {
		return false, &PathError{Backend: name, Problem: PathUnwanted}
	}
	if err != nil {
		return false, err
	}
	if b.Check != nil {
		if err := b.Check(ctx, path); err != nil {
			return false, fmt.Errorf("open %s store: %w", name, err)
		}
	}
	err = graph.InitQuadStore(b.cayley, path, graph.Options{})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, graph.ErrDatabaseExists):
		return false, nil
	}
	return false, fmt.Errorf("create %s store at %s: %w", name, describePath(b, path), err)
}

// describePath returns path fit for messages (no passwords).
func describePath(b Backend, path string) string {
	if b.Check != nil {
		return DescribeDSN(path)
	}
	return path
}
