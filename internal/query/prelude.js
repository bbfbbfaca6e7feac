// confgraph prelude: prepended (after `var params = {...};`) to every Gizmo
// query that confgraph runs. Helpers for walking from a known node with
// point look-ups, which every store answers fast.
// Guard: some Gizmo path methods panic the whole process (in Cayley's own
// goroutine, beyond recovery) on an argument that is not a string, path or
// list of them, e.g. g.V().out(1, 2), and others answer in Go's terms
// ("not a quad.Value: map[string]interface {}"). g and graph, and the value
// and comparison functions (str, lt, regex, ...), are replaced by versions
// that check each argument against what the step takes and throw a
// JavaScript error in plain words instead.
// LOOK: the look-ups behind outs, ins, outsIn and insIn, on Cayley's own
// graph object (captured before the guard below replaces g): called with
// strings they skip the guard's checks, which strings pass anyway, and
// each answer is kept for the rest of the query (a query asks for the
// same node's values many times, e.g. an event's date on every row), a
// copy handed out each time. Any other argument goes through the guard.
// Where confgraph provides CONFGRAPH_LOOKUP (lookup.go: one index scan per
// look-up), strings are looked up there instead of by a Gizmo path.
var LOOK = (function (raw, native) {
  // Answers kept by predicate, then graph (outsIn, insIn), then node: no
  // key is built per look-up, and no function is made for one kept.
  var OUT = Object.create(null), IN = Object.create(null), OUT_IN = Object.create(null), IN_IN = Object.create(null);
  function table(t, k) {
    var r = t[k];
    if (r === undefined) r = t[k] = Object.create(null);
    return r;
  }
  function strs(a, b, c) { return typeof a === "string" && typeof b === "string" && (c === undefined || typeof c === "string"); }
  // kept: t's answer for node (dir "out" or "in", in graph gr unless gr
  // is undefined), looked up the first time, a copy each time.
  function kept(t, node, dir, pred, gr) {
    var r = t[node];
    if (r === undefined) {
      if (native) r = gr === undefined ? native(dir, node, pred) : native(dir, node, pred, gr);
      else {
        var p = gr === undefined ? raw.V(node) : raw.V(node).labelContext(gr);
        r = (dir === "out" ? p.out(pred) : p.in(pred)).toArray();
      }
      t[node] = r;
    }
    return r.slice();
  }
  return {
    outs: function (node, pred) {
      if (!strs(node, pred)) return g.V(node).out(pred).toArray();
      return kept(table(OUT, pred), node, "out", pred);
    },
    ins: function (node, pred) {
      if (!strs(node, pred)) return g.V(node).in(pred).toArray();
      return kept(table(IN, pred), node, "in", pred);
    },
    outsIn: function (node, pred, gr) {
      if (!strs(node, pred, gr) || gr === undefined) return g.V(node).labelContext(gr).out(pred).toArray();
      return kept(table(table(OUT_IN, pred), gr), node, "out", pred, gr);
    },
    insIn: function (node, pred, gr) {
      if (!strs(node, pred, gr) || gr === undefined) return g.V(node).labelContext(gr).in(pred).toArray();
      return kept(table(table(IN_IN, pred), gr), node, "in", pred, gr);
    }
  };
})(graph, typeof CONFGRAPH_LOOKUP === "function" ? CONFGRAPH_LOOKUP : null);
try { delete this.CONFGRAPH_LOOKUP; } catch (e) {}
var g = graph = (function (graph, env) {
  // The Go path object behind each proxy wrap made: only these are paths
  // (a property on the proxy could be forged by any object).
  var PATHS = new WeakMap();
  var isArray = Array.isArray, objToString = Object.prototype.toString;
  // What each step takes, for the message; node steps give IRIs.
  var NODES = "give IRIs as \"<...>\" strings, paths, or lists of them";
  var pathStep = {follow: 1, followR: 1, and: 1, intersect: 1, union: 1, or: 1, except: 1, difference: 1};
  var tagStep = {tag: 1, as: 1, back: 1, saveInPredicates: 1, saveOutPredicates: 1};
  var noArgs = {all: 1, count: 1, unique: 1, order: 1, labels: 1, inPredicates: 1, outPredicates: 1, toValue: 1, tagValue: 1};
  var oneNumber = {limit: 1, skip: 1, getLimit: 1};
  var callback = {forEach: 1, map: 1};
  // Steps whose first argument is a predicate and the rest tag names.
  var saveStep = {out: 1, in: 1, both: 1, labelContext: 1};
  // Steps whose predicate is one IRI (Cayley takes no path there).
  var saveOne = {save: 1, saveR: 1, saveOpt: 1, saveOptR: 1}, hasStep = {has: 1, hasR: 1};
  // Values made by str(), lang(), ... and comparisons made by lt(), regex(), ...
  var VALUES = new WeakSet(), FILTERS = new WeakSet();
  function where() {
    // The line of the query text that made the call.
    var m, re = /<eval>:(\d+):(\d+)/g, stack = String(new Error().stack);
    while ((m = re.exec(stack)) !== null) {
      if (Number(m[1]) > PRELUDE_LINES) return " at line " + (Number(m[1]) - PRELUDE_LINES) + ":" + m[2];
    }
    return "";
  }
  function fail(text, takes) { throw new Error(text + where() + " (" + takes + ")"); }
  function bad(method, i, why, takes) { fail("argument " + (i + 1) + " of " + method + "() " + why, takes || NODES); }
  function kind(a) {
    if (a === null) return "null";
    if (isArray(a)) return "list";
    if (typeof a === "object" && PATHS.has(a)) return "path";
    if (typeof a === "object" && VALUES.has(a)) return "value";
    if (typeof a === "object" && FILTERS.has(a)) return "comparison";
    return typeof a;
  }
  function an(k) { return (/^[aeiou]/.test(k) ? "an " : "a ") + k; }
  function why(a) { var k = kind(a); return k === "null" || k === "undefined" ? "is " + k : "is " + an(k); }
  function check(method, i, a) {
    if (a === undefined || a === null) return a;
    if (typeof a === "string") return a;
    if (typeof a === "object" && PATHS.has(a)) return PATHS.get(a);
    if (typeof a === "object" && VALUES.has(a)) return a;
    if (isArray(a)) return a.map(function (x) { return check(method, i, x) === undefined ? bad(method, i, "has an empty item") : check(method, i, x); });
    // A number, boolean or function is no node or predicate: Cayley
    // panics on some (followRecursive(function(){}): "unsupported type").
    bad(method, i, why(a));
  }
  // stepKind classifies step name (lower-case first) once per name.
  var kinds = Object.create(null);
  function stepKind(name) {
    var k = kinds[name];
    if (k !== undefined) return k;
    k = saveOne[name] ? "saveOne" : hasStep[name] ? "has" : name === "is" ? "is" : saveStep[name] ? "save" : name === "followRecursive" ? "recursive" : noArgs[name] ? "none" : pathStep[name] ? "path" : tagStep[name] ? "tags" : oneNumber[name] ? "number" :
      callback[name] ? "callback" : (name === "toArray" || name === "tagArray") ? "array" : name === "filter" ? "filter" : "nodes";
    kinds[name] = k;
    return k;
  }
  var takesFilter = "filter() takes comparisons made with lt, lte, gt, gte, regex or like, e.g. filter(gt(5))";
  // stepArgs checks the arguments of path step name (lower-case first).
  function stepArgs(name, args) {
    var k = stepKind(name), n = args.length, i, a;
    if (k === "nodes") {
      // The common case, kept short: IRIs as strings.
      for (i = 0; i < n; i++) {
        a = args[i];
        if (typeof a === "string") continue;
        if (a === null || a === undefined) bad(name, i, "is " + a);
        args[i] = check(name, i, a);
      }
      return args;
    }
    if (k === "is") return vertexArgs(name, args);
    if (k === "saveOne" || k === "has") {
      var takesOne = k === "has" ? name + "() takes a predicate IRI as a \"<...>\" string, then values or comparisons such as gt(5)" :
        name + "() takes a predicate IRI as a \"<...>\" string and a tag name";
      if (n === 0) fail(name + "() got no arguments", takesOne);
      if (k === "saveOne" && n > 2) fail(name + "() got " + n + " arguments", takesOne);
      // An empty predicate panics in Cayley ("empty has").
      if (args[0] === "") bad(name, 0, "is an empty string", takesOne);
      for (i = 0; i < n; i++) {
        var ak = kind(args[i]);
        if (i === 0 ? (ak !== "string" && ak !== "value") :
          k === "saveOne" ? ak !== "string" :
          (ak !== "string" && ak !== "number" && ak !== "boolean" && ak !== "value" && ak !== "comparison")) bad(name, i, why(args[i]), takesOne);
      }
      // Cayley takes values or comparisons after the predicate, not both.
      var cmps = 0;
      for (i = 1; i < n; i++) if (kind(args[i]) === "comparison") cmps++;
      if (cmps > 0 && cmps < n - 1) fail(name + "() got both values and comparisons", takesOne + "; all values or all comparisons");
      return args;
    }
    if (k === "save" || k === "recursive") {
      var takes = name + "() takes " + (k === "save" ? "a predicate (or list or path of them) and tag names as strings" : "a predicate (or path), a number (the most steps) and tag names as strings");
      if (k === "recursive") {
        // Cayley follows one predicate or path; "" panics it.
        var p0 = isArray(args[0]) && args[0].length === 1 ? args[0][0] : args[0];
        if (n === 0) fail(name + "() got no arguments", takes);
        if (isArray(p0)) bad(name, 0, "is a list of " + p0.length + " items", takes + "; one predicate");
        if (p0 === "") bad(name, 0, "is an empty string", takes);
      }
      for (i = 0; i < n; i++) {
        a = args[i];
        if (i === 0) {
          if (typeof a !== "string") {
            if (a === null || a === undefined) bad(name, i, "is " + a);
            args[i] = check(name, i, a);
          }
        } else if (!(typeof a === "string" || (k === "recursive" && i === 1 && typeof a === "number"))) {
          bad(name, i, why(a), takes);
        }
      }
      return args;
    }
    var takesPath = name + "() takes a path, e.g. g.M().out(\"<p>\")";
    var takesCallback = name + "() takes a function, optionally after a number";
    if (n === 0 && (k === "path" || k === "callback" || k === "filter")) {
      fail(name + "() got no arguments", k === "path" ? takesPath : k === "filter" ? takesFilter : takesCallback);
    }
    for (i = 0; i < n; i++) {
      a = args[i];
      switch (k) {
      case "none":
        fail(name + "() got " + n + " argument" + (n === 1 ? "" : "s"), name + "() takes no arguments");
      case "path":
        if (i > 0) fail(name + "() got " + n + " arguments", takesPath);
        if (kind(a) !== "path") bad(name, i, why(a), takesPath);
        args[i] = PATHS.get(a);
        break;
      case "tags":
        if (typeof a !== "string") bad(name, i, why(a), name + "() takes tag names as strings");
        break;
      case "number":
        if (typeof a !== "number" || a !== a) bad(name, i, a !== a ? "is not a number" : why(a), name + "() takes a number");
        // Cayley takes the number as a Go int: 1e308 or 1.5 would become
        // something else without a word (Skip(1e308) skipped nothing).
        if (a !== Math.floor(a) || a > 9007199254740991 || a < -9007199254740991) bad(name, i, "is not a whole number up to 2^53", name + "() takes a whole number");
        break;
      case "callback":
        if (i === n - 1 ? typeof a !== "function" : (i > 0 || typeof a !== "number")) bad(name, i, why(a), takesCallback);
        break;
      case "array":
        if (typeof a !== "number") bad(name, i, why(a), name + "() takes an optional number: the most results");
        break;
      case "filter":
        if (kind(a) !== "comparison") bad(name, i, why(a), takesFilter);
        break;
      }
    }
    return args;
  }
  // vertexArgs checks the arguments of g.V(): node values or lists of them.
  function vertexOK(x) { var k = kind(x); return k === "string" || k === "number" || k === "boolean" || k === "value"; }
  function vertexArgs(name, args) {
    var i, out = [], flat = true;
    for (i = 0; i < args.length; i++) if (typeof args[i] !== "string") flat = false;
    if (flat) return args;
    for (i = 0; i < args.length; i++) {
      var a = args[i], ok = vertexOK;
      var takes = name + "() takes node IRIs as \"<...>\" strings (or values), or lists of them";
      if (isArray(a)) {
        // Cayley takes no list here: its items become arguments.
        for (var j = 0; j < a.length; j++) {
          if (!ok(a[j])) bad(name, i, "has an item that " + why(a[j]), takes);
          out.push(a[j]);
        }
        continue;
      }
      if (!ok(a)) bad(name, i, why(a), takes);
      out.push(a);
    }
    return out;
  }
  var lows = Object.create(null);
  function wrap(target, isGraph) {
    // The proxy's own target is an empty object: the Go object's read-only
    // properties would make a proxy over it violate the Proxy invariants.
    var p = new Proxy({}, {
      get: function (unused, name) {
        var v = target[name];
        if (typeof v !== "function") return v;
        var low = lows[name];
        if (low === undefined) low = lows[name] = typeof name === "string" ? name.charAt(0).toLowerCase() + name.slice(1) : name;
        return function () {
          var args = [];
          for (var i = 0; i < arguments.length; i++) args.push(arguments[i]);
          if (isGraph) {
            if (low === "v" || low === "vertex") args = vertexArgs(low === "v" ? "V" : "Vertex", args);
            else if (low === "m" || low === "morphism") { if (args.length) fail(name + "() got " + args.length + " argument" + (args.length === 1 ? "" : "s"), name + "() takes no arguments"); }
            else args = args.map(function (a) { return a && typeof a === "object" && PATHS.has(a) ? PATHS.get(a) : a; });
          } else {
            args = stepArgs(low, args);
          }
          var r = v.apply(target, args);
          if (r !== null && typeof r === "object" && typeof r.all === "function" && typeof r.out === "function") return wrap(r, false);
          return r;
        };
      }
    });
    PATHS.set(p, target);
    return p;
  }
  // The value and comparison functions, checked the same way.
  function strings(name, n, takes, set) {
    var f = env[name];
    if (typeof f !== "function") return;
    env[name] = function () {
      if (arguments.length !== n) fail(name + "() got " + arguments.length + " argument" + (arguments.length === 1 ? "" : "s"), takes);
      for (var i = 0; i < n; i++) if (typeof arguments[i] !== "string") bad(name, i, why(arguments[i]), takes);
      var r = f.apply(null, arguments);
      if (r !== null && typeof r === "object") set.add(r);
      return r;
    };
  }
  strings("str", 1, "str() takes one string", VALUES);
  strings("raw", 1, "raw() takes one string", VALUES);
  strings("bnode", 1, "bnode() takes one string: the blank node's label", VALUES);
  strings("lang", 2, "lang() takes two strings: the text and its language tag", VALUES);
  strings("typed", 2, "typed() takes two strings: the text and its datatype IRI", VALUES);
  strings("like", 1, "like() takes one pattern string, with % and _ as wildcards", FILTERS);
  ["lt", "lte", "gt", "gte"].forEach(function (name) {
    var f = env[name], takes = name + "() takes one value: a string (\"<...>\" for an IRI), a number or a boolean";
    if (typeof f !== "function") return;
    env[name] = function (a) {
      if (arguments.length !== 1) fail(name + "() got " + arguments.length + " arguments", takes);
      var k = kind(a);
      if (k !== "string" && k !== "number" && k !== "boolean" && k !== "value") bad(name, 0, why(a), takes);
      var r = f(a);
      if (r !== null && typeof r === "object") FILTERS.add(r);
      return r;
    };
  });
  (function () {
    var f = env.regex, takes = "regex() takes a pattern string, and true as a second argument to match IRIs too";
    if (typeof f !== "function") return;
    env.regex = function (re, refs) {
      if (arguments.length !== 1 && arguments.length !== 2) fail("regex() got " + arguments.length + " arguments", takes);
      if (typeof re !== "string") bad("regex", 0, why(re), takes);
      if (arguments.length === 2 && typeof refs !== "boolean") bad("regex", 1, why(refs), takes);
      var r = arguments.length === 2 ? f(re, refs) : f(re);
      if (r !== null && typeof r === "object") FILTERS.add(r);
      return r;
    };
  })();
  return wrap(graph, true);
})(graph, this);
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
// Each IRI is made once (queries call iri in their loops), kept by
// namespace IRI and local name. The prelude's own state is kept on LOOK,
// not in globals of its own, which a query's names could replace.
LOOK.iris = Object.create(null);
function iri(ns, local) {
  var base = NS[ns];
  if (typeof base !== "string" || typeof local !== "string") return "<" + base + local + ">";
  var t = LOOK.iris[base];
  if (t === undefined) t = LOOK.iris[base] = Object.create(null);
  var r = t[local];
  if (r === undefined) r = t[local] = "<" + base + local + ">";
  return r;
}
var RDF_TYPE = iri("rdf", "type");
var LABEL = iri("rdfs", "label");
var DERIVED = iri("prov", "wasDerivedFrom");
var POSITION = iri("schema", "position");
// outs: the objects of node's pred quads; ins: the subjects of quads pred node.
function outs(node, pred) { return LOOK.outs(node, pred); }
function ins(node, pred) { return LOOK.ins(node, pred); }
// lex: lexical form of a value from toArray: IRIs without brackets, typed
// literals without their datatype, numbers and booleans as text.
var TYPED_RE = /^"([\s\S]*)"\^\^<[^>]*>$/;
function lex(v) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") return String(v);
  var m = v.charAt(0) === "\"" ? TYPED_RE.exec(v) : null;
  if (m) return m[1];
  if (v.length > 1 && v.charAt(0) === "<" && v.charAt(v.length - 1) === ">") return v.slice(1, -1);
  return v;
}
var NUMBER_RE = /^-?[0-9]+(\.[0-9]+)?$/;
// The helpers below loop with for over the arrays the look-ups return (a
// forEach or map callback is a call from Go into JavaScript, and a new
// function, per use); an argument that is no array goes the forEach way,
// as before, and a hole in an array is skipped as forEach skips it.
LOOK.byNumber = function (a, b) { return Number(a) - Number(b); };
// list: distinct items, sorted, joined with "; " (numerically when all are numbers).
function list(items) {
  var seen = {}, out = [], allNumbers = true, s, i, n;
  function add(x) {
    s = lex(x);
    if (s === "" || seen[s]) return;
    seen[s] = true;
    out.push(s);
    if (allNumbers && !NUMBER_RE.test(s)) allNumbers = false;
  }
  if (Array.isArray(items)) {
    for (i = 0, n = items.length; i < n; i++) if (i in items) add(items[i]);
  } else {
    items.forEach(add);
  }
  out.sort(allNumbers ? LOOK.byNumber : undefined);
  return out.join("; ");
}
// LOOK.each(a, f): a new array of f of each item of a, as a.map(f) makes
// it (holes kept), with a loop where a is an array.
LOOK.each = function (a, f) {
  if (!Array.isArray(a)) return a.map(f);
  var n = a.length, out = new Array(n);
  for (var i = 0; i < n; i++) if (i in a) out[i] = f(a[i]);
  return out;
};
// LOOK.keep(a, f): the items of a for which f is true, as a.filter(f)
// gives them (holes skipped), with a loop where a is an array.
LOOK.keep = function (a, f) {
  if (!Array.isArray(a)) return a.filter(f);
  var out = [];
  for (var i = 0, n = a.length; i < n; i++) if (i in a && f(a[i])) out.push(a[i]);
  return out;
};
// LOOK.smallest: the smallest lexical form of the values a look-up
// returned, or "".
LOOK.smallest = function (a) {
  var l = LOOK.each(a, lex);
  l.sort();
  return l.length ? l[0] : "";
};
// one: the (smallest) lexical value of node's pred, or "".
function one(node, pred) { return LOOK.smallest(outs(node, pred)); }
// localName: the last segment of an IRI.
// (The part after the last "/" or "#" of its first line, as
// replace(/^.*[\/#]/, "") gives it, without a regular expression.)
LOOK.lineEnd = /[\n\r\u2028\u2029]/;
function localName(node) {
  var s = lex(node), line = LOOK.lineEnd.test(s) ? s.slice(0, s.search(LOOK.lineEnd)) : s;
  return s.slice(Math.max(line.lastIndexOf("/"), line.lastIndexOf("#")) + 1);
}
// label: the name a row shows for node, as a token that Go replaces after
// the query: gr is the named graph of the report whose fact the row states
// (optional); the name comes from that report's graph in its language
// first, else by language (en, de, vi, then by tag), or in the language
// of Options.Lang (--lang) first. A node without a name shows its ID.
function label(node, gr) { return "\u0002" + lex(node) + "\u0001" + (gr ? lex(gr) : "") + "\u0003"; }
// labels: the names of several nodes as a list (distinct, sorted by name).
function labels(nodes, gr) { return list(LOOK.each(nodes, function (n) { return label(n, gr); })); }
// GRAPHS: the named graph of every report (graph prov:hadPrimarySource report).
var PRIMARY = iri("prov", "hadPrimarySource");
// Where confgraph provides CONFGRAPH_GRAPHS (lookup.go: the same list,
// read with index scans and kept until the store is next written), the
// list comes from there.
var GRAPHS = typeof CONFGRAPH_GRAPHS === "function" ? CONFGRAPH_GRAPHS() : g.V(iri("schema", "Report")).in(RDF_TYPE).in(PRIMARY).toArray();
try { delete this.CONFGRAPH_GRAPHS; } catch (e) {}
GRAPHS.sort();
// candidateGraphs: the graphs of the reports whose paragraphs node cites
// (every entry of a data file cites), else every report graph. Found with
// point look-ups: a label context over several graphs at once would scan.
var GRAPH_OF_REPORT = {};
function candidateGraphs(node) {
  var out = [], ps = outs(node, DERIVED);
  for (var i = 0; i < ps.length; i++) {
    if (!(i in ps)) continue;
    var rs = outs(ps[i], iri("schema", "isPartOf"));
    for (var j = 0; j < rs.length; j++) {
      if (!(j in rs)) continue;
      var r = rs[j];
      if (GRAPH_OF_REPORT[r] === undefined) {
        GRAPH_OF_REPORT[r] = ins(r, PRIMARY).filter(function (gr) { return GRAPHS.indexOf(gr) >= 0; });
      }
      out = out.concat(GRAPH_OF_REPORT[r]);
    }
  }
  return out.length ? uniq(out) : GRAPHS;
}
// graphsOf: the report graphs that state node rdf:type cls, sorted: a row
// per graph is a row per report that states the fact.
function graphsOf(node, cls) {
  var out = LOOK.keep(candidateGraphs(node), function (gr) { return hasTypeIn(node, cls, gr); });
  out.sort();
  return out;
}
// graphsOfAny: the report graphs that give node any rdf:type, sorted.
function graphsOfAny(node) {
  var out = LOOK.keep(candidateGraphs(node), function (gr) { return outsIn(node, RDF_TYPE, gr).length > 0; });
  out.sort();
  return out;
}
// uniq: the distinct items of xs, in their first order.
function uniq(xs) { var seen = {}; return LOOK.keep(xs, function (x) { if (seen[x]) return false; seen[x] = true; return true; }); }
// dateOf: the smallest value of pred (a date) over nodes, in gr.
function dateOf(nodes, pred, gr) {
  var ds = [];
  nodes.forEach(function (n) { ds = ds.concat(outsIn(n, pred, gr).map(lex)); });
  ds.sort();
  return ds.length ? ds[0] : "";
}
// outsIn, insIn, oneIn: outs, ins and one within the named graph gr.
function outsIn(node, pred, gr) { return LOOK.outsIn(node, pred, gr); }
function insIn(node, pred, gr) { return LOOK.insIn(node, pred, gr); }
function oneIn(node, pred, gr) { return LOOK.smallest(outsIn(node, pred, gr)); }
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
function statusOf(m, gr) { return list(LOOK.each(outsIn(m, iri("cg", "status"), gr), conceptWord)); }
function qualifierOf(m, gr) { return list(LOOK.each(outsIn(m, iri("cg", "qualifier"), gr), conceptWord)); }
// hasType: whether node has rdf:type cls.
function hasType(node, cls) { return outs(node, RDF_TYPE).indexOf(cls) >= 0; }
// paragraphs: the numbers of the paragraphs a fact node cites (in the
// report graph gr when given), as a list.
function paragraphs(node, gr) {
  var ns = [], ps = gr ? outsIn(node, DERIVED, gr) : outs(node, DERIVED);
  for (var i = 0; i < ps.length; i++) {
    if (!(i in ps)) continue;
    var pos = outs(ps[i], POSITION);
    for (var j = 0; j < pos.length; j++) if (j in pos) ns.push(pos[j]);
  }
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
// thrownText: the text of a value the query threw, computed while the
// query still runs: a thrown object's toString or getters would otherwise
// run in Go after the query has stopped (and panic, or loop), so the query
// text runs inside a try whose catch throws this string instead. A
// position the value carries (an Error's first stack frame) is kept.
var thrownText = (function (S, slice, indexOf) {
  var CANNOT = "the query threw an object that cannot be shown as text";
  return function (e) {
    if (e === null || (typeof e !== "object" && typeof e !== "function")) return e;
    var text, at = "";
    try {
      text = S(e);
      if (typeof text !== "string") text = CANNOT;
    } catch (x) {
      // What the failing toString threw, when it is plain text.
      var why = typeof x === "string" ? x : typeof x === "number" ? S(x) : "";
      text = CANNOT + (why ? " (its toString threw " + slice.call(why, 0, 200) + ")" : "");
    }
    // An error thrown in a callback (forEach, map) comes back through Go
    // with its whole stack in its text: keep the first frame.
    var k = indexOf.call(text, "\n\tat ");
    if (k >= 0) {
      var l = indexOf.call(text, "\n", k + 1);
      at = " at " + slice.call(text, k + 5, l < 0 ? text.length : l);
      text = slice.call(text, 0, k);
    }
    if (!at) try {
      var st = e.stack;
      if (typeof st === "string") {
        var i = indexOf.call(st, "\n\tat ");
        if (i >= 0) {
          var j = indexOf.call(st, "\n", i + 1);
          at = " at " + slice.call(st, i + 5, j < 0 ? st.length : j);
        }
      }
    } catch (x) {}
    if (text.length > 2000) text = slice.call(text, 0, 2000) + "…";
    return text + at + "\u0000";
  };
})(String, String.prototype.slice, String.prototype.indexOf);
