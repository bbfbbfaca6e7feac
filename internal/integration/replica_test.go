package integration_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/confgraph/confgraph/internal/dataset"
	"github.com/confgraph/confgraph/internal/export"
	"github.com/confgraph/confgraph/internal/gen"
	"github.com/confgraph/confgraph/internal/mapping"
	"github.com/confgraph/confgraph/internal/query"
	"github.com/confgraph/confgraph/internal/store"
	"github.com/confgraph/confgraph/internal/store/storetest"
)

// generated is a corpus of gen, two reports, as 'confgraph load' maps it.
func generated(t *testing.T) []quad.Quad {
	t.Helper()
	var files []*dataset.File
	_, err := gen.Generate(gen.Options{Facts: 5000, ReportFacts: gen.MinFacts, Seed: 13}, func(f gen.File) error {
		df, errs := dataset.Parse(f.Name, f.Data)
		if len(errs) > 0 {
			return fmt.Errorf("%s: %v", f.Name, errs)
		}
		files = append(files, df)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("gen made %d report(s), want 2", len(files))
	}
	return mapping.All(mapping.IRIs{Base: mapping.DefaultBase}, files)
}

// exportNQuads is 'confgraph export': the store's N-Quads through the
// export package's path (the external sort, the N-Quads writer).
func exportNQuads(t *testing.T, s *store.Store) []byte {
	t.Helper()
	f, err := export.ByName("nquads")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	src, err := export.StoreSource(ctx, s, nil, f, nil)
	if err != nil {
		t.Fatalf("export from %s: %v", s.Backend().Name, err)
	}
	var b bytes.Buffer
	if err := f.Write(ctx, &b, src); err != nil {
		t.Fatalf("export from %s: %v", s.Backend().Name, err)
	}
	return b.Bytes()
}

// TestReplicaAnswersAsPrimary loads the seed and a generated corpus into a
// PostgreSQL primary and reads them from its streaming replica, once the
// replica has replayed the primary's write-ahead log: every bundled query
// gives the replica the primary's rows, the export is byte-identical, and
// every write to the replica is refused and changes nothing.
func TestReplicaAnswersAsPrimary(t *testing.T) {
	primary, replica := storetest.PostgresReplica(t)
	onPrimary, onReplica := storetest.FreshReplicatedDatabase(t, primary, replica)
	ctx := context.Background()

	// Before the first load the replica's database holds no store, and a
	// reading open says so instead of creating the tables (it could not).
	var ns *store.NotStoreError
	if s, err := store.OpenReadOnly(ctx, "postgres", onReplica); !errors.As(err, &ns) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("reading open of an empty replica database: %v, want a NotStoreError", err)
	}
	// A writing open (load, init) of it is refused as a replica's.
	var re *store.ReplicaError
	if s, err := store.Open(ctx, "postgres", onReplica); !errors.As(err, &re) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("writing open of an empty replica database: %v, want a ReplicaError", err)
	}
	if _, err := store.Init(ctx, "postgres", onReplica); !errors.As(err, &re) {
		t.Fatalf("init on the replica: %v, want a ReplicaError", err)
	}

	p := storetest.Open(t, "postgres", onPrimary)
	if p.Replica() || p.ReadOnly() {
		t.Fatalf("the primary's store: replica %v, read-only %v; want neither", p.Replica(), p.ReadOnly())
	}
	curated, corpus := storetest.Curated(t), generated(t)
	all := append(append([]quad.Quad{}, curated...), corpus...)
	res := storetest.Load(t, p, all)
	if res.Added == 0 || res.Graphs < 3 {
		t.Fatalf("load into the primary: %+v", res)
	}
	storetest.WaitReplicated(t, primary, replica)

	r, err := store.OpenReadOnly(ctx, "postgres", onReplica)
	if err != nil {
		t.Fatalf("open the replica for reading: %v", err)
	}
	defer r.Close()
	if !r.Replica() || !r.ReadOnly() {
		t.Fatalf("the replica's store: replica %v, read-only %v; want both", r.Replica(), r.ReadOnly())
	}

	// The same rows for every bundled query. The primary and the replica
	// answer at the same time (a PostgreSQL store's queries wait for the
	// server more than they compute).
	bundled, err := query.Bundled()
	if err != nil || len(bundled) == 0 {
		t.Fatalf("no bundled queries: %v", err)
	}
	type run struct {
		name   string
		params map[string]string
	}
	var runs []run
	for _, q := range bundled {
		ps := bundledParams[q.Name]
		if ps == nil {
			ps = []map[string]string{nil}
		}
		for _, params := range ps {
			runs = append(runs, run{q.Name, params})
		}
	}
	answers := func(s *store.Store) (rows [][][]string, errs []error) {
		for _, r := range runs {
			res, err := query.RunBundled(ctx, s, r.name, r.params)
			if err != nil {
				rows, errs = append(rows, nil), append(errs, err)
				continue
			}
			rows, errs = append(rows, res.Rows), append(errs, nil)
		}
		return rows, errs
	}
	var (
		wg                sync.WaitGroup
		wantRows, gotRows [][][]string
		wantErrs, gotErrs []error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		wantRows, wantErrs = answers(p)
	}()
	gotRows, gotErrs = answers(r)
	wg.Wait()
	for i, run := range runs {
		switch {
		case wantErrs[i] != nil:
			t.Errorf("%s %v on the primary: %v", run.name, run.params, wantErrs[i])
		case gotErrs[i] != nil:
			t.Errorf("%s %v on the replica: %v", run.name, run.params, gotErrs[i])
		case len(wantRows[i]) == 0:
			t.Errorf("%s %v: no rows on the primary; the comparison would prove nothing", run.name, run.params)
		case fmt.Sprint(gotRows[i]) != fmt.Sprint(wantRows[i]):
			t.Errorf("%s %v: the replica returns %d rows, the primary %d; first difference:\n%s", run.name, run.params, len(gotRows[i]), len(wantRows[i]), firstDiff(gotRows[i], wantRows[i]))
		}
	}

	// A byte-identical export, which is the export of exactly the loaded
	// quads.
	fromPrimary, fromReplica := exportNQuads(t, p), exportNQuads(t, r)
	storetest.SameBytes(t, "the replica's export against the primary's", fromReplica, fromPrimary)
	storetest.SameBytes(t, "the replica's export against the loaded quads", fromReplica, storetest.Expected(t, all))

	// Writes to the replica are refused, with the replica's error, through
	// a reading open and through a writing one (load's).
	w, err := store.Open(ctx, "postgres", onReplica)
	if err != nil {
		t.Fatalf("writing open of the replica: %v", err)
	}
	defer w.Close()
	if !w.Replica() || !w.ReadOnly() {
		t.Fatalf("a writing open of the replica: replica %v, read-only %v; want both", w.Replica(), w.ReadOnly())
	}
	change := storetest.RoundTripQuads()
	g := curated[0].Label
	for _, s := range []*store.Store{r, w} {
		if _, err := s.Replace(ctx, change); !errors.As(err, &re) {
			t.Errorf("Replace on the replica: %v, want a ReplicaError", err)
		}
		if _, err := s.RemoveGraphs(ctx, []quad.Value{g}); !errors.As(err, &re) {
			t.Errorf("RemoveGraphs on the replica: %v, want a ReplicaError", err)
		}
		if err := s.Update(ctx, func(graph.QuadStore) error { return nil }); !errors.As(err, &re) {
			t.Errorf("Update (Cayley's write API) on the replica: %v, want a ReplicaError", err)
		}
		if _, err := s.LockWriters(ctx, nil); !errors.As(err, &re) {
			t.Errorf("LockWriters on the replica: %v, want a ReplicaError", err)
		}
		if err := s.WriteRefusal(); !errors.As(err, &re) {
			t.Errorf("WriteRefusal on the replica: %v, want a ReplicaError", err)
		}
	}
	storetest.WaitReplicated(t, primary, replica)
	storetest.SameBytes(t, "the replica's export after the refused writes", exportNQuads(t, r), fromPrimary)
	storetest.SameBytes(t, "the primary's export after the refused writes", exportNQuads(t, p), fromPrimary)

	// The replica follows later loads too: a new version of one graph on
	// the primary shows on the replica once replayed.
	storetest.Load(t, p, change)
	storetest.WaitReplicated(t, primary, replica)
	after := exportNQuads(t, p)
	if bytes.Equal(after, fromPrimary) {
		t.Fatal("the second load changed nothing on the primary; the check below would prove nothing")
	}
	storetest.SameBytes(t, "the replica's export after a second load", exportNQuads(t, r), after)
}
