package store

import (
	"errors"

	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/rdf"
)

// errPipeStopped ends the reading side of keyedPipe when fn failed.
var errPipeStopped = errors.New("reader stopped")

// keyedPipe calls fn with every quad each yields and its sort key
// (rdf.Key): each and the keys run on a goroutine of their own, handing
// batches over, so reading the store and what fn does (an export's sort)
// use both cores.
func keyedPipe(each func(emit func(quad.Quad) error) error, fn func(key string, q quad.Quad) error) error {
	batches := make(chan []keyedQuad, kvScanBatches)
	stop := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]keyedQuad, 0, kvScanBatch)
		err := each(func(q quad.Quad) error {
			batch = append(batch, keyedQuad{rdf.Key(q), q})
			if len(batch) < cap(batch) {
				return nil
			}
			select {
			case batches <- batch:
				batch = make([]keyedQuad, 0, kvScanBatch)
				return nil
			case <-stop:
				return errPipeStopped
			}
		})
		if err == nil && len(batch) > 0 {
			select {
			case batches <- batch:
			case <-stop:
			}
		}
		readErr <- err
	}()
	var fnErr error
	for b := range batches {
		if fnErr != nil {
			continue
		}
		for _, kq := range b {
			if fnErr = fn(kq.key, kq.q); fnErr != nil {
				close(stop)
				break
			}
		}
	}
	err := <-readErr
	if fnErr != nil {
		return fnErr
	}
	return err
}
