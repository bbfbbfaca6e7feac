package query

import "fmt"

// NotFoundError reports an entity parameter that names no entity of its
// kind in the store.
type NotFoundError struct {
	Noun string // the kind of entity looked for: person, event, bridge or place, ...
	Name string // what was given
	Near string // "; close matches: ..." or what the store has instead
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s named %q%s", e.Noun, e.Name, e.Near)
}
