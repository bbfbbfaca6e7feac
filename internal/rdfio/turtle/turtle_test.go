package turtle

import "testing"

func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{`C:\dir`, `"C:\\dir"`},
		{"a\nb\r\nc\td", `"a\nb\r\nc\td"`},
		{"bell\a, del\x7f", `"bell\u0007, del\u007F"`},
		{"Ngô Đông Hải, Grüße", `"Ngô Đông Hải, Grüße"`},
		{"", `""`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestIRIRef(t *testing.T) {
	if got := iriRef("http://e/a b<c>"); got != `<http://e/a\u0020b\u003Cc\u003E>` {
		t.Errorf("iriRef = %s", got)
	}
}
