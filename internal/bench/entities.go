package bench

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/confgraph/confgraph/internal/dataset"
)

// Entities names, by ID, the entities the query benchmarks give the
// bundled queries: of the corpus's first report, its first event, bridge
// and post, and a person who attended that event at a bridge or place
// that others attended too (so that co-attendees has rows at every size);
// the body of its first post that names one, and its first document.
type Entities struct{ Event, Bridge, Person, Post, Organisation, Document string }

// FirstEntities returns the Entities of the first data file in dir. The
// person is the first such attendee, else the report's second person
// (its first when it has only one).
func FirstEntities(dir string) (Entities, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return Entities{}, fmt.Errorf("corpus: %w", err)
	}
	for _, e := range ents {
		if !dataset.IsDataFile(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return Entities{}, fmt.Errorf("corpus: %w", err)
		}
		f, errs := dataset.Parse(e.Name(), data)
		if len(errs) > 0 {
			return Entities{}, fmt.Errorf("corpus %s: %v", e.Name(), errs[0])
		}
		if len(f.Events) == 0 || len(f.Bridges) == 0 || len(f.People) == 0 {
			return Entities{}, fmt.Errorf("corpus %s: no event, bridge or person to query", e.Name())
		}
		out := Entities{Event: f.Events[0].ID.V, Bridge: f.Bridges[0].ID.V, Person: f.People[min(1, len(f.People)-1)].ID.V}
		if len(f.Posts) > 0 {
			out.Post = f.Posts[0].ID.V
		}
		for _, p := range f.Posts {
			if p.Organisation.V != "" {
				out.Organisation = p.Organisation.V
				break
			}
		}
		if len(f.Documents) > 0 {
			out.Document = f.Documents[0].ID.V
		}
		people := map[string]bool{}
		for _, p := range f.People {
			people[p.ID.V] = true
		}
		at := map[string]int{} // attendances of the first event per bridge or place
		for _, a := range f.Attendances {
			if a.Event.V == out.Event && a.At.V != "" {
				at[a.At.V]++
			}
		}
		for _, a := range f.Attendances {
			if a.Event.V == out.Event && people[a.Attendee.V] && at[a.At.V] > 1 {
				out.Person = a.Attendee.V
				break
			}
		}
		return out, nil
	}
	return Entities{}, fmt.Errorf("corpus: no data file in %s", dir)
}
