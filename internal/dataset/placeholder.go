package dataset

import (
	"reflect"
	"strings"
)

// Placeholder starts a value that is still to be filled in: confgraph new
// writes "TODO" where it cannot know the value (a title, the report's
// date). Such a value passes the checks of its field's form (a date field
// accepts it), so that a new data file validates as written; Placeholders
// lists them, and reading refuses them unless ReadOptions.AllowPlaceholders.
const Placeholder = "TODO"

// IsPlaceholder reports whether s is a value still to be filled in.
func IsPlaceholder(s string) bool { return strings.HasPrefix(s, Placeholder) }

// Placeholders lists every text value of f that is a placeholder, in file
// order, each as an Error at the value naming its field.
func (f *File) Placeholders() Errors {
	var out Errors
	var walk func(v reflect.Value, field string)
	walk = func(v reflect.Value, field string) {
		if s, ok := v.Interface().(Str); ok {
			if IsPlaceholder(s.V) {
				out = append(out, Error{File: f.Path, Pos: s.Pos,
					Msg:  field + " is a " + Placeholder + " placeholder",
					Hint: "write what the report gives"})
			}
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				sf := v.Type().Field(i)
				if !sf.IsExported() {
					continue
				}
				name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
				if name == "-" {
					continue
				}
				if name == "" {
					name = field // inline
				}
				walk(v.Field(i), name)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), field)
			}
		}
	}
	walk(reflect.ValueOf(f).Elem(), "")
	out.sort()
	return out
}
