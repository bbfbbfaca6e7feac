package serve

import (
	"context"
	"slices"
	"sync"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// A node that many reports name (a post, a role, a body, a place) has
// hundreds of quads, each report's names, kinds and flags of it, and
// every page that names the node reads them all for its name, its kinds
// and a role's flags. The quads of such nodes are kept between requests
// until the store is next written (Store.Cached: bolt and memstore; on
// PostgreSQL, which other writers share, every request reads them).

// hubQuads is how many quads in a direction make a node one whose quads
// are kept (a variable for the tests); maxHubQuads bounds the quads kept
// in all (past it no more are kept until the next write).
var hubQuads = 256

const maxHubQuads = 1 << 18

// hubsKey is the key of the hub cache (Store.Cached).
const hubsKey = "serve: hub quads"

type hubKey struct {
	d quad.Direction
	n quad.Value
}

// hubCache holds the quads of nodes read whole, for the readers of one
// state of the store; it is safe for concurrent use.
type hubCache struct {
	mu sync.Mutex
	m  map[hubKey][]quad.Quad
	n  int // quads held
}

func (h *hubCache) get(d quad.Direction, n quad.Value) ([]quad.Quad, bool) {
	if h == nil {
		return nil, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	qs, ok := h.m[hubKey{d, n}]
	return qs, ok
}

// put keeps qs, every quad of n in direction d (callers must not change
// it afterwards), if n is a hub and there is room.
func (h *hubCache) put(d quad.Direction, n quad.Value, qs []quad.Quad) {
	if h == nil || len(qs) < hubQuads {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n+len(qs) > maxHubQuads {
		return
	}
	if _, ok := h.m[hubKey{d, n}]; !ok {
		h.m[hubKey{d, n}] = slices.Clip(qs) // an append makes a copy
		h.n += len(qs)
	}
}

// reader returns a reader of qs (inside the store's View) that shares
// the hub cache of the store's present state.
func (s *Server) reader(ctx context.Context, qs graph.QuadStore, max int, lang string) *reader {
	rd := newReader(ctx, qs, max, lang)
	rd.nodes = s.st.NodeQuads()
	if v, err := s.st.Cached(hubsKey, func() (any, error) { return &hubCache{m: map[hubKey][]quad.Quad{}}, nil }); err == nil {
		rd.hubs = v.(*hubCache)
	}
	return rd
}
