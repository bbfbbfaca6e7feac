package export_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/confgraph/confgraph/internal/externaltest"
)

// nxCounts loads GraphML with networkx and returns "nodes edges".
func nxCounts(t *testing.T, graphml []byte) string {
	t.Helper()
	py := externaltest.Python(t, "networkx")
	f := filepath.Join(t.TempDir(), "g.graphml")
	if err := os.WriteFile(f, graphml, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", `
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
att = [d.get("label", "") for n, d in g.nodes(data=True) if "cg:Attendance" in d.get("type", "")]
print(g.number_of_nodes(), g.number_of_edges())
for a in sorted(att):
    print(a)
`, f).CombinedOutput()
	if err != nil {
		t.Fatalf("networkx rejects the GraphML: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestGraphMLLoadsInNetworkx: the hostile fixture has, by construction,
// 6 entities (person, bridge, post, event, attendance, and the committee
// the person is a member of) and 6 relations (event->bridge, the four legs
// of the attendance, person->committee).
func TestGraphMLLoadsInNetworkx(t *testing.T) {
	got := nxCounts(t, write(t, "graphml", hostile(t)))
	want := "6 6\nNguyen Thi Anh attended at south bridge as Secretary <of> the & committee"
	if got != want {
		t.Errorf("networkx read\n%s\nwant\n%s", got, want)
	}
}

// TestGraphMLShowsWhoAttendedWhereInWhatRole reads the report's GraphML in
// networkx. Paragraphs 2 and 4: Ngo Dong Hai, member of the Central
// Committee and secretary of the provincial party committee, attended at
// the central bridge; paragraph 4: Pham Van Tuan, member of the standing
// committee and chair of the organising committee, likewise.
func TestGraphMLShowsWhoAttendedWhereInWhatRole(t *testing.T) {
	out := nxCounts(t, write(t, "graphml", report(t)))
	for _, want := range []string{
		"Ngo Dong Hai attended at central bridge as ",
		"Pham Van Tuan attended at central bridge as ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no attendance %q in\n%s", want, out)
		}
	}
	for _, role := range []string{"Secretary of the Provincial Party Committee", "Member of the Party Central Committee"} {
		if !strings.Contains(lineWith(out, "Ngo Dong Hai attended"), role) {
			t.Errorf("Ngo Dong Hai's attendance lacks the role %q", role)
		}
	}
	// networkx must see every node and edge written: an edge to an
	// undefined node would silently add one.
	gml := string(write(t, "graphml", report(t)))
	counts := strings.SplitN(out, "\n", 2)[0]
	if want := itoa(strings.Count(gml, "<node id=")) + " " + itoa(strings.Count(gml, "<edge id=")); counts != want {
		t.Errorf("networkx counts %s, the file has %s", counts, want)
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// renderDOT runs Graphviz on DOT and returns the SVG.
func renderDOT(t *testing.T, dot []byte) string {
	t.Helper()
	bin := externaltest.Tool(t, "dot", "graphviz")
	cmd := exec.Command(bin, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || strings.Contains(strings.ToLower(errb.String()), "error") {
		t.Fatalf("dot rejects the DOT: %v %s", err, errb.String())
	}
	if errb.Len() > 0 {
		t.Logf("dot warns (missing fonts?): %s", errb.String())
	}
	return out.String()
}

// TestDOTRendersInGraphviz: the hostile fixture draws 5 entities (the
// attendance becomes an edge) and 3 edges; the attendance edge carries the
// role; the report renders too.
func TestDOTRendersInGraphviz(t *testing.T) {
	svg := renderDOT(t, write(t, "dot", hostile(t)))
	if n, e := strings.Count(svg, `class="node"`), strings.Count(svg, `class="edge"`); n != 5 || e != 3 {
		t.Errorf("SVG has %d nodes and %d edges, want 5 and 3", n, e)
	}
	for _, want := range []string{"Nguyễn Thị Ánh", "điểm cầu Hà Nội", "Secretary &lt;of&gt; the &amp; committee", "Bí thư \\ Tỉnh ủy"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// Paragraph 2: Ngo Dong Hai attended at the central bridge.
	dot := string(write(t, "dot", report(t)))
	edge := `"https://confgraph.example/id/person/ngo-dong-hai" -> "https://confgraph.example/id/bridge/central-bridge" [label="attended as\n`
	if !strings.Contains(dot, edge) {
		t.Errorf("DOT lacks the edge %s", edge)
	}
	renderDOT(t, []byte(dot))
}

// TestSVGFormat renders through the registry (and so through Graphviz).
func TestSVGFormat(t *testing.T) {
	externaltest.Tool(t, "dot", "graphviz")
	svg := string(write(t, "svg", hostile(t)))
	if !strings.Contains(svg, "<svg") || !strings.Contains(svg, "Nguyễn Thị Ánh") {
		t.Errorf("not an SVG of the fixture: %.200s", svg)
	}
}
