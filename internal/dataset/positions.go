package dataset

import "gopkg.in/yaml.v3"

// decodeAt decodes n into dst (a plain alias type without UnmarshalYAML) and
// records where the entry starts.
func decodeAt[T any](n *yaml.Node, dst *T, at *Pos) error {
	*at = Pos{n.Line, n.Column}
	return n.Decode(dst)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Report) UnmarshalYAML(n *yaml.Node) error {
	type plain Report
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Place) UnmarshalYAML(n *yaml.Node) error {
	type plain Place
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Organisation) UnmarshalYAML(n *yaml.Node) error {
	type plain Organisation
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Person) UnmarshalYAML(n *yaml.Node) error {
	type plain Person
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Group) UnmarshalYAML(n *yaml.Node) error {
	type plain Group
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Event) UnmarshalYAML(n *yaml.Node) error {
	type plain Event
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Bridge) UnmarshalYAML(n *yaml.Node) error {
	type plain Bridge
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Role) UnmarshalYAML(n *yaml.Node) error {
	type plain Role
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Post) UnmarshalYAML(n *yaml.Node) error {
	type plain Post
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Document) UnmarshalYAML(n *yaml.Node) error {
	type plain Document
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Holding) UnmarshalYAML(n *yaml.Node) error {
	type plain Holding
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Attendance) UnmarshalYAML(n *yaml.Node) error {
	type plain Attendance
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Implementation) UnmarshalYAML(n *yaml.Node) error {
	type plain Implementation
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Directive) UnmarshalYAML(n *yaml.Node) error {
	type plain Directive
	return decodeAt(n, (*plain)(x), &x.Start)
}

// UnmarshalYAML decodes the entry and records its position.
func (x *Target) UnmarshalYAML(n *yaml.Node) error {
	type plain Target
	return decodeAt(n, (*plain)(x), &x.Start)
}
