package cli_test

import (
	"strings"
	"testing"
)

// TestQueryParamUsageErrors: a missing required parameter and an empty
// required entity parameter are usage errors (exit 2), like unknown ones.
func TestQueryParamUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "person"}, "query person needs --param name=VALUE"},
		{[]string{"query", "sources"}, "query sources needs --param entity=VALUE"},
		{[]string{"query", "person", "-p", "name="}, "parameter name must not be empty"},
		{[]string{"query", "sources", "-p", "entity="}, "parameter entity must not be empty"},
		{[]string{"query", "co-attendees", "-p", "person=  "}, "parameter person must not be empty"},
		{[]string{"query", "person", "-p", "nam=x"}, `has no parameter "nam"`},
	} {
		code, out, errs := confgraph(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
	code, _, errs := confgraph(t, "query", "sources", "-p", "entity=Delegierte")
	if code != 1 || !strings.Contains(errs, `"Delegierte" names 3 entities`) {
		t.Errorf("ambiguous entity: exit %d, %q", code, errs)
	}
	// Optional entity parameters may be empty: all events.
	mustRun(t, "query", "bridges", "-p", "event=")
}
