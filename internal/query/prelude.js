// confgraph prelude: prepended (after `var params = {...};`) to every Gizmo
// query that confgraph runs. Helpers for walking from a known node with
// point look-ups, which every store answers fast.
// Guard: some Gizmo path methods panic the whole process (in Cayley's own
// goroutine, beyond recovery) on an argument that is not a string, path or
// list of them, e.g. g.V().out(1, 2). g and graph are replaced by proxies
// that throw a JavaScript error for such arguments instead.
var g = graph = (function (graph) {
  var TARGET = "\u0000target";
  var numeric = {limit: 1, skip: 1, getLimit: 1, toArray: 1, tagArray: 1, forEach: 1, map: 1, followRecursive: 1, filter: 1};
  function bad(method, i, why) {
    // Name the line of the query text that made the call.
    var where = "";
    var m, re = /<eval>:(\d+):(\d+)/g, stack = String(new Error().stack);
    while ((m = re.exec(stack)) !== null) {
      if (Number(m[1]) > PRELUDE_LINES) { where = " at line " + (Number(m[1]) - PRELUDE_LINES) + ":" + m[2]; break; }
    }
    throw new Error("argument " + (i + 1) + " of " + method + "() " + why + where + " (give IRIs as \"<...>\" strings, paths, or lists of them)");
  }
  function check(method, i, a) {
    if (a === undefined || a === null) return a;
    if (typeof a === "string") return a;
    if (typeof a === "object" && a[TARGET] !== undefined) return a[TARGET];
    if (Array.isArray(a)) return a.map(function (x) { return check(method, i, x) === undefined ? bad(method, i, "has an empty item") : check(method, i, x); });
    if (typeof a === "number" || typeof a === "boolean") {
      if (numeric[method]) return a;
      bad(method, i, "is a " + typeof a);
    }
    if (typeof a === "function") {
      if (numeric[method]) return a;
      bad(method, i, "is a function");
    }
    if (method === "filter") return a;
    bad(method, i, "is an object");
  }
  function wrap(target, isGraph) {
    // The proxy's own target is an empty object: the Go object's read-only
    // properties would make a proxy over it violate the Proxy invariants.
    return new Proxy({}, {
      get: function (unused, name) {
        if (name === TARGET) return target;
        var v = target[name];
        if (typeof v !== "function") return v;
        return function () {
          var args = [];
          for (var i = 0; i < arguments.length; i++) {
            var a = arguments[i];
            if (isGraph) {
              args.push(a && typeof a === "object" && a[TARGET] !== undefined ? a[TARGET] : a);
              continue;
            }
            if (a === null || a === undefined) bad(name, i, "is " + a);
            args.push(check(name, i, a));
          }
          var r = v.apply(target, args);
          if (r !== null && typeof r === "object" && typeof r.all === "function" && typeof r.out === "function") return wrap(r, false);
          return r;
        };
      }
    });
  }
  return wrap(graph, true);
})(graph);
var NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  prov: "http://www.w3.org/ns/prov#",
  org: "http://www.w3.org/ns/org#",
  schema: "http://schema.org/",
  cg: "https://confgraph.example/vocab#"
};
// iri("cg", "at") is "<https://confgraph.example/vocab#at>", as Gizmo wants it.
function iri(ns, local) { return "<" + NS[ns] + local + ">"; }
var RDF_TYPE = iri("rdf", "type");
var LABEL = iri("rdfs", "label");
var DERIVED = iri("prov", "wasDerivedFrom");
var POSITION = iri("schema", "position");
// outs: the objects of node's pred quads; ins: the subjects of quads pred node.
function outs(node, pred) { return g.V(node).out(pred).toArray(); }
function ins(node, pred) { return g.V(node).in(pred).toArray(); }
// lex: lexical form of a value from toArray: IRIs without brackets, typed
// literals without their datatype, numbers and booleans as text.
function lex(v) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") return String(v);
  var m = /^"([\s\S]*)"\^\^<[^>]*>$/.exec(v);
  if (m) return m[1];
  if (v.length > 1 && v.charAt(0) === "<" && v.charAt(v.length - 1) === ">") return v.slice(1, -1);
  return v;
}
// list: distinct items, sorted, joined with "; " (numerically when all are numbers).
function list(items) {
  var seen = {}, out = [], numeric = true;
  items.forEach(function (x) {
    var s = lex(x);
    if (s === "" || seen[s]) return;
    seen[s] = true;
    out.push(s);
    if (!/^-?[0-9]+(\.[0-9]+)?$/.test(s)) numeric = false;
  });
  out.sort(numeric ? function (a, b) { return Number(a) - Number(b); } : undefined);
  return out.join("; ");
}
// one: the (smallest) lexical value of node's pred, or "".
function one(node, pred) { var a = outs(node, pred).map(lex); a.sort(); return a.length ? a[0] : ""; }
// localName: the last segment of an IRI.
function localName(node) { return lex(node).replace(/^.*[\/#]/, ""); }
// label: the name a row shows for node, as a token that Go replaces after
// the query: gr is the named graph of the report whose fact the row states
// (optional); the name comes from that report's graph in its language
// first, else by language (en, de, vi, then by tag), or in the language
// of Options.Lang (--lang) first. A node without a name shows its ID.
function label(node, gr) { return "\u0002" + lex(node) + "\u0001" + (gr ? lex(gr) : "") + "\u0003"; }
// labels: the names of several nodes as a list (distinct, sorted by name).
function labels(nodes, gr) { return list(nodes.map(function (n) { return label(n, gr); })); }
// GRAPHS: the named graph of every report (graph prov:hadPrimarySource report).
var PRIMARY = iri("prov", "hadPrimarySource");
var GRAPHS = g.V(iri("schema", "Report")).in(RDF_TYPE).in(PRIMARY).toArray();
GRAPHS.sort();
// candidateGraphs: the graphs of the reports whose paragraphs node cites
// (every entry of a data file cites), else every report graph. Found with
// point look-ups: a label context over several graphs at once would scan.
var GRAPH_OF_REPORT = {};
function candidateGraphs(node) {
  var out = [];
  outs(node, DERIVED).forEach(function (p) {
    outs(p, iri("schema", "isPartOf")).forEach(function (r) {
      if (GRAPH_OF_REPORT[r] === undefined) {
        GRAPH_OF_REPORT[r] = ins(r, PRIMARY).filter(function (gr) { return GRAPHS.indexOf(gr) >= 0; });
      }
      out = out.concat(GRAPH_OF_REPORT[r]);
    });
  });
  return out.length ? uniq(out) : GRAPHS;
}
// graphsOf: the report graphs that state node rdf:type cls, sorted: a row
// per graph is a row per report that states the fact.
function graphsOf(node, cls) {
  var out = candidateGraphs(node).filter(function (gr) { return hasTypeIn(node, cls, gr); });
  out.sort();
  return out;
}
// graphsOfAny: the report graphs that give node any rdf:type, sorted.
function graphsOfAny(node) {
  var out = candidateGraphs(node).filter(function (gr) { return outsIn(node, RDF_TYPE, gr).length > 0; });
  out.sort();
  return out;
}
// uniq: the distinct items of xs, in their first order.
function uniq(xs) { var seen = {}; return xs.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; }); }
// dateOf: the smallest value of pred (a date) over nodes, in gr.
function dateOf(nodes, pred, gr) {
  var ds = [];
  nodes.forEach(function (n) { ds = ds.concat(outsIn(n, pred, gr).map(lex)); });
  ds.sort();
  return ds.length ? ds[0] : "";
}
// outsIn, insIn, oneIn: outs, ins and one within the named graph gr.
function outsIn(node, pred, gr) { return g.V(node).labelContext(gr).out(pred).toArray(); }
function insIn(node, pred, gr) { return g.V(node).labelContext(gr).in(pred).toArray(); }
function oneIn(node, pred, gr) { var a = outsIn(node, pred, gr).map(lex); a.sort(); return a.length ? a[0] : ""; }
// hasTypeIn: whether graph gr states node rdf:type cls.
function hasTypeIn(node, cls, gr) { return outsIn(node, RDF_TYPE, gr).indexOf(cls) >= 0; }
// reportOf: the ID of the report whose graph is gr.
var REPORTS = {};
function reportOf(gr) {
  if (REPORTS[gr] === undefined) REPORTS[gr] = list(outs(gr, PRIMARY).map(localName));
  return REPORTS[gr];
}
// statusOf: a holding's status in gr as a word (current, former, elected,
// re-elected), with its qualifier (alternate, deputy, acting) if any.
function conceptWord(c) { return localName(c) === "ReElected" ? "re-elected" : localName(c).toLowerCase(); }
function statusOf(m, gr) { return list(outsIn(m, iri("cg", "status"), gr).map(conceptWord)); }
function qualifierOf(m, gr) { return list(outsIn(m, iri("cg", "qualifier"), gr).map(conceptWord)); }
// hasType: whether node has rdf:type cls.
function hasType(node, cls) { return outs(node, RDF_TYPE).indexOf(cls) >= 0; }
// paragraphs: the numbers of the paragraphs a fact node cites (in the
// report graph gr when given), as a list.
function paragraphs(node, gr) {
  var ns = [];
  (gr ? outsIn(node, DERIVED, gr) : outs(node, DERIVED)).forEach(function (p) { outs(p, POSITION).forEach(function (n) { ns.push(n); }); });
  return list(ns);
}
// kindOf: person, group, organisation or agent.
function kindOf(node) {
  var t = outs(node, RDF_TYPE);
  if (t.indexOf(iri("schema", "Person")) >= 0) return "person";
  if (t.indexOf(iri("cg", "Group")) >= 0) return "group";
  if (t.indexOf(iri("org", "Organization")) >= 0) return "organisation";
  return "agent";
}
