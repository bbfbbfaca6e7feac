package dataset

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestDocsNameEveryField: every YAML key of each section's entries appears,
// as `key`, in that section's row of docs/data-format.md, and every key
// all entities or facts share (id, name, cite, ...) in a row of its own, so
// that a field added without its doc row fails.
func TestDocsNameEveryField(t *testing.T) {
	data, err := os.ReadFile("../../docs/data-format.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // section -> its row
	shared := map[string]bool{} // keys with a row of their own
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "| `") {
			continue
		}
		first := strings.TrimSpace(strings.Split(l, "|")[1])
		key := strings.Trim(strings.FieldsFunc(first, func(r rune) bool { return r == ':' || r == ' ' })[0], "`")
		rows[key] = l
		shared[key] = true
	}
	common := map[string]bool{}
	for _, t := range []reflect.Type{reflect.TypeFor[Named](), reflect.TypeFor[Fact]()} {
		for k := range yamlFields(t) {
			common[k] = true
		}
	}
	for k := range common {
		if !shared[k] {
			t.Errorf("docs/data-format.md has no row for the field %q every entity or fact has", k)
		}
	}
	check := func(section string, keys []string) {
		row, ok := rows[section]
		if !ok {
			t.Errorf("docs/data-format.md has no row for section %q", section)
			return
		}
		for _, k := range keys {
			if common[k] && section != "report" {
				continue
			}
			if !strings.Contains(row, "`"+k+"`") {
				t.Errorf("docs/data-format.md: the row of section %q does not name its field `%s`", section, k)
			}
		}
	}
	check("report", ReportFields())
	for _, s := range Sections {
		check(s.Name, s.Fields())
	}
}
