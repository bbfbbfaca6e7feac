// confgraph's web page: one script draws every view from the address, so
// every page, query and parameter set is a permalink. No external request:
// everything comes from this server's /api/ and /static/.
"use strict";

const T = {
  en: { queries: "Queries", downloads: "Downloads", search: "Search a name", footer: "Every fact cites the paragraph of the report that states it.",
        reports: "Reports", results: "Results for", none: "Nothing found.", labels: "Names", types: "Kind", facts: "Facts", incoming: "Named in",
        sources: "Sources of this entry", graph: "Graph picture", run: "Run", rows: "rows", filter: "Filter rows", about: "Queries about this entity",
        para: "¶", report: "report", asof: "time", download: "Download", loading: "Loading…", truncated: "more rows than the limit: narrow the query",
        entity: "Entity", format: "Format", all: "whole store", attendance: "Who attended where", start: "Search for a person, a body, a place or a document — any spelling, with or without diacritics.",
        posts: "Posts held", heads: "Heads", members: "Members", holders: "Holders", body: "body", role: "role", asofdate: "as of", since: "from", until: "until", termtext: "term",
        current: "current", former: "former", elected: "elected", "re-elected": "re-elected", alternate: "alternate", deputy: "deputy", acting: "acting",
        headsflag: "heads the body", memberflag: "member of the body", statements: "Statements", at: "at", addressed: "to",
        said: "said", reported: "reported", appreciated: "appreciated", asked: "asked", proposed: "proposed", emphasised: "emphasised", criticised: "criticised",
        identity: "Identity", sameas: "Same as", possibly: "Possibly the same as", notmerged: "the curator is not sure: shown, not merged", derived: "read from the membership", named: "named", reportsof: "Reports", hint: "type a name for suggestions", more: "Show more",
        kind_person: "person", kind_group: "group", kind_organisation: "body", kind_post: "post", kind_role: "role", kind_event: "event", kind_bridge: "bridge", kind_place: "place", kind_document: "document", kind_directive: "directive", kind_target: "target" },
  de: { queries: "Abfragen", downloads: "Downloads", search: "Namen suchen", footer: "Jede Angabe nennt den Absatz des Berichts, der sie belegt.",
        reports: "Berichte", results: "Ergebnisse für", none: "Nichts gefunden.", labels: "Namen", types: "Art", facts: "Angaben", incoming: "Genannt in",
        sources: "Quellen dieses Eintrags", graph: "Netzbild", run: "Ausführen", rows: "Zeilen", filter: "Zeilen filtern", about: "Abfragen zu diesem Eintrag",
        para: "Abs.", report: "Bericht", asof: "Zeit", download: "Herunterladen", loading: "Lädt…", truncated: "mehr Zeilen als das Limit: Abfrage eingrenzen",
        entity: "Eintrag", format: "Format", all: "ganzer Bestand", attendance: "Wer war wo", start: "Suchen Sie eine Person, ein Gremium, einen Ort oder ein Dokument — in jeder Schreibweise, mit oder ohne diakritische Zeichen.",
        posts: "Ämter", heads: "Leitung", members: "Mitglieder", holders: "Inhaber", body: "Gremium", role: "Rolle", asofdate: "Stand", since: "ab", until: "bis", termtext: "Amtszeit",
        current: "amtierend", former: "ehemalig", elected: "gewählt", "re-elected": "wiedergewählt", alternate: "Kandidat", deputy: "stellvertretend", acting: "kommissarisch",
        headsflag: "leitet das Gremium", memberflag: "Mitglied des Gremiums", statements: "Äußerungen", at: "bei", addressed: "an",
        said: "sagte", reported: "berichtete", appreciated: "würdigte", asked: "forderte", proposed: "schlug vor", emphasised: "betonte", criticised: "kritisierte",
        identity: "Identität", sameas: "Dasselbe wie", possibly: "Möglicherweise dasselbe wie", notmerged: "nicht sicher: angezeigt, nicht zusammengeführt", derived: "aus der Mitgliedschaft gelesen", named: "genannt", reportsof: "Berichte", hint: "Namen tippen für Vorschläge", more: "Mehr zeigen",
        kind_person: "Person", kind_group: "Gruppe", kind_organisation: "Gremium", kind_post: "Amt", kind_role: "Rolle", kind_event: "Ereignis", kind_bridge: "Brücke", kind_place: "Ort", kind_document: "Dokument", kind_directive: "Weisung", kind_target: "Zielvorgabe" },
  vi: { queries: "Truy vấn", downloads: "Tải xuống", search: "Tìm tên", footer: "Mỗi dữ kiện đều dẫn đoạn văn của báo cáo nêu nó.",
        reports: "Báo cáo", results: "Kết quả cho", none: "Không tìm thấy.", labels: "Tên", types: "Loại", facts: "Dữ kiện", incoming: "Được nêu trong",
        sources: "Nguồn của mục này", graph: "Sơ đồ", run: "Chạy", rows: "dòng", filter: "Lọc dòng", about: "Truy vấn về mục này",
        para: "Đoạn", report: "báo cáo", asof: "thời gian", download: "Tải xuống", loading: "Đang tải…", truncated: "nhiều dòng hơn giới hạn: thu hẹp truy vấn",
        entity: "Mục", format: "Định dạng", all: "toàn bộ kho", attendance: "Ai dự ở đâu", start: "Tìm một người, một cơ quan, một địa điểm hay một văn bản — viết có dấu hay không dấu đều được.",
        posts: "Chức vụ", heads: "Người đứng đầu", members: "Thành viên", holders: "Người giữ chức", body: "cơ quan", role: "vai trò", asofdate: "tính đến", since: "từ", until: "đến", termtext: "nhiệm kỳ",
        current: "đương nhiệm", former: "nguyên", elected: "được bầu", "re-elected": "tái đắc cử", alternate: "dự khuyết", deputy: "phó", acting: "quyền",
        headsflag: "đứng đầu cơ quan", memberflag: "thành viên cơ quan", statements: "Phát biểu", at: "tại", addressed: "gửi tới",
        said: "nói", reported: "báo cáo", appreciated: "đánh giá cao", asked: "đề nghị", proposed: "đề xuất", emphasised: "nhấn mạnh", criticised: "phê bình",
        identity: "Danh tính", sameas: "Trùng với", possibly: "Có thể trùng với", notmerged: "chưa chắc chắn: chỉ hiển thị, không gộp", derived: "suy từ tư cách thành viên", named: "tên gọi", reportsof: "Báo cáo", hint: "gõ tên để xem gợi ý", more: "Xem thêm",
        kind_person: "người", kind_group: "nhóm", kind_organisation: "cơ quan", kind_post: "chức vụ", kind_role: "vai trò", kind_event: "sự kiện", kind_bridge: "điểm cầu", kind_place: "địa điểm", kind_document: "văn bản", kind_directive: "chỉ thị", kind_target: "chỉ tiêu" },
};

let lang = new URLSearchParams(location.search).get("lang") || localStorage.getItem("confgraph-lang") || "de";
if (!T[lang]) lang = "en";
const t = (k) => (T[lang] && T[lang][k]) || T.en[k] || k;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids.flat(Infinity)) {
    if (k === undefined || k === null || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

// url builds a page address that keeps the language.
function url(path, params) {
  const u = new URLSearchParams(params || {});
  if (lang) u.set("lang", lang);
  return path + "?" + u.toString();
}

function link(path, params, ...kids) {
  return el("a", { href: url(path, params), "data-nav": "" }, ...kids);
}

// pageRequests is aborted when the page changes, so a slow page the user
// left never draws over the one they went to.
let pageRequests = new AbortController();

async function api(path, params) {
  const u = new URLSearchParams(params || {});
  u.set("lang", lang);
  const r = await fetch(path + "?" + u.toString(), { headers: { Accept: "application/json" }, signal: pageRequests.signal });
  const body = await r.json().catch((err) => { if (err.name === "AbortError") throw err; return { error: r.statusText }; });
  if (!r.ok) throw new Error((body.error || r.statusText) + (body.problems ? "\n" + body.problems.join("\n") : ""));
  return body;
}

const main = () => document.getElementById("main");
function show(...nodes) { main().replaceChildren(...nodes); window.scrollTo(0, 0); }
function fail(err) { show(el("div", { class: "error", role: "alert" }, String(err.message || err))); }

function entityLink(v) {
  if (!v.iri) return el("span", {}, v.value + (v.lang ? " " : ""), v.lang ? el("span", { class: "chip" }, v.lang) : null);
  // An IRI the store says nothing about (a report's address, a Wikidata
  // entity) is a link out, opened only when clicked.
  if (!v.label && !(v.types || []).length && /^https?:/.test(v.iri)) return el("a", { href: v.iri, rel: "noopener noreferrer external", class: "ext" }, v.iri.replace(/^https?:\/\//, ""));
  return link("/entity", { iri: v.iri }, v.label || v.iri.replace(/.*[\/#]/, ""));
}

const graphName = (g) => (g || "").replace(/.*\//, "");

function reportLink(graph) {
  // A named graph BASE/graph/ID holds the report BASE/report/ID.
  return graph ? link("/entity", { iri: graph.replace(/\/graph\/([^\/]+)$/, "/report/$1") }, graphName(graph)) : null;
}

// holdingLine says what a membership states beyond the fact's value: the
// post, body and role (but the page's entity and the fact's value),
// status, qualifier, dates, term and the report's date.
function holdingLine(h, skip) {
  const bits = [];
  const add = (label, node) => { if (bits.length) bits.push(" · "); bits.push(label ? el("span", { class: "muted" }, label + " ") : null, node); };
  if (h.post && !skip.includes(h.post.iri)) add(null, el("span", { class: "val" }, entityLink(h.post)));
  if (h.body && !skip.includes(h.body.iri)) add(t("body"), entityLink(h.body));
  if (h.role && !skip.includes(h.role.iri)) add(t("role"), entityLink(h.role));
  const chips = [];
  if (h.status) chips.push(el("span", { class: "chip status status-" + h.status }, t(h.status)));
  if (h.qualifier) chips.push(el("span", { class: "chip" }, t(h.qualifier)));
  if (h.start || h.end) chips.push(el("span", { class: "chip when" }, (h.start ? t("since") + " " + h.start : "") + (h.start && h.end ? " " : "") + (h.end ? t("until") + " " + h.end : "")));
  if (h.term) chips.push(el("span", { class: "chip" }, t("termtext") + " " + h.term));
  if (h.asOf) chips.push(el("span", { class: "chip when" }, t("asofdate") + " " + h.asOf));
  return el("span", { class: "holding" }, bits, bits.length ? " " : null, chips);
}

// reportTag names the report a fact comes from: its ID, its title and
// date on hover, a link to the report's page.
function reportTag(rep) {
  if (!rep) return null;
  const title = [rep.label, rep.date].filter(Boolean).join(" · ");
  return el("span", { class: "rep" }, el("span", { class: "muted" }, t("report") + " "),
    el("a", { href: url("/entity", { iri: rep.iri || rep.graph }), "data-nav": "", title: title || null, class: "repid" }, rep.id));
}

// provenance shows paragraphs, quotes and (unless noTime) dates; the
// reports of the paragraphs are named unless they are the fact's own
// report (rep), which its entry names already.
function provenance(p, noTime, rep) {
  if (!p) return null;
  const box = el("div", { class: "prov" });
  const paras = (p.paragraphs || []).filter((x) => x.number);
  if (paras.length) {
    box.append(...paras.map((x) => el("span", { class: "para", title: x.iri }, t("para") + " " + x.number)));
    const reps = [...new Set(paras.map((x) => x.report).filter(Boolean))].filter((r) => !rep || r !== rep.iri);
    for (const r of reps) box.append(" ", el("span", { class: "muted" }, t("report") + " "), link("/entity", { iri: r }, r.replace(/.*\//, "")));
  }
  if (!noTime) for (const tv of p.time || []) box.append(" ", el("span", { class: "chip" }, tv.property + ": " + tv.value));
  for (const q of p.quotes || []) box.append(el("blockquote", { lang: q.lang || null }, "„" + q.value + "“"));
  return box;
}

// relTitle names a relation group; the relations read from memberships
// are named for what the list shows: posts held, heads, members, holders.
function relTitle(f, incoming) {
  if (f.derived) {
    const rel = f.property.replace(/.*[\/#]/, "");
    if (!incoming) return t("posts");
    return t(rel === "headOf" ? "heads" : rel === "memberOf" ? "members" : "holders");
  }
  return f.propertyLabel || f.property.replace(/.*[\/#]/, "");
}

const valueKey = (v) => v.iri || (v.value || "") + "@" + (v.lang || "");
const relKey = (property, derived) => property + (derived ? "\u0000derived" : "");

// factList shows facts grouped by relation (in the API's order), the
// relations of one title (two properties both labelled "attendee") in one
// block (relationBlock).
function factList(facts, about, incoming, rels) {
  const side = incoming ? "in" : "out";
  const byRel = new Map();
  // The API's relations first (a relation of which ?facts=0 gave no fact
  // still gets its block and its button), then any the list lacks.
  for (const r of rels || []) if (r.side === side) byRel.set(relKey(r.property, r.derived), { rel: r, facts: [] });
  for (const f of facts) {
    const k = relKey(f.property, f.derived);
    if (!byRel.has(k)) byRel.set(k, { rel: { side, property: f.property, derived: !!f.derived, total: 0 }, facts: [], loose: true });
    const part = byRel.get(k);
    part.facts.push(f);
    if (part.loose) part.rel.total = part.facts.length;
  }
  const byTitle = new Map();
  for (const part of byRel.values()) {
    const title = relTitle(part.facts[0] || { property: part.rel.property, derived: part.rel.derived }, incoming);
    if (!byTitle.has(title)) byTitle.set(title, []);
    byTitle.get(title).push(part);
  }
  return [...byTitle].map(([title, parts]) => relationBlock(title, parts, about));
}

// relationBlock shows the facts of one or more relations of one title
// grouped by value: one item per post, body, event ..., and in it one
// entry per report that states the fact, in time order (the API's
// order), each with its report, time, status, paragraphs and quote. An
// entry whose report names the value otherwise than the item's heading
// says so. Where the API gave the first facts of a relation only, a
// button reads its next page (/api/entity/facts) and draws the block
// again with them.
function relationBlock(title, parts, about) {
  const box = el("div", { class: "relation" });
  const more = (part) => async (ev) => {
    ev.target.disabled = true;
    try {
      const { rel, facts } = part;
      const page = await api("/api/entity/facts", { iri: about, side: rel.side, property: rel.property, derived: rel.derived ? "true" : "false", offset: facts.length, limit: 100 });
      facts.push(...page.facts);
      // The store may have been written since: its count now, and no
      // button for a page that brought nothing.
      rel.total = page.facts.length ? Math.max(page.relation.total, facts.length) : facts.length;
      draw();
    } catch (err) {
      if (err.name === "AbortError") return;
      ev.target.disabled = false;
      box.append(el("div", { class: "error", role: "alert" }, String(err.message || err)));
    }
  };
  const draw = () => {
    const shown = parts.reduce((n, p) => n + p.facts.length, 0), total = parts.reduce((n, p) => n + p.rel.total, 0);
    const rest = parts.filter((p) => p.rel.total > p.facts.length);
    box.replaceChildren(el("h3", {}, title, total > shown ? el("span", { class: "muted count" }, " " + shown + " / " + total) : null),
      valueList(parts.flatMap((p) => p.facts), about),
      ...rest.map((p) => el("button", { type: "button", class: "more", onclick: more(p) },
        t("more") + (rest.length > 1 ? " " + p.rel.property.replace(/.*[\/#]/, "") : "") + " (" + (p.rel.total - p.facts.length) + ")")));
  };
  draw();
  return box;
}

function valueList(fs, about) {
  const byVal = new Map();
  for (const f of fs) {
    const k = valueKey(f.value) + (f.value.iri ? "" : "\u0000" + (f.graph || ""));
    if (!byVal.has(k)) byVal.set(k, []);
    byVal.get(k).push(f);
  }
  return el("ul", { class: "plain" }, [...byVal.values()].map((vs) => {
    const head = vs[0].value;
    return el("li", { class: "fact" + (vs[0].holding ? " held" : "") },
      el("span", { class: "val" }, entityLink(head)),
      el("ul", { class: "plain entries" }, vs.map((f) => el("li", { class: "entry" },
        el("div", { class: "entry-head" },
          f.value.iri && f.value.label && f.value.label !== head.label ? [el("span", { class: "muted" }, t("named") + " "), el("span", { class: "alt" }, f.value.label), " · "] : null,
          f.holding ? holdingLine(f.holding, [about, f.value.iri]) : null, " ", reportTag(f.report)),
        f.details && f.details.length ? el("div", { class: "details" }, f.details.map((d) => el("div", {}, el("span", { class: "muted" }, d.property + ": "), entityLink(d.value)))) : null,
        provenance(f.provenance, !!f.holding, f.report)))));
  }));
}

// reportList names the reports that state something about the entity.
function reportList(reps) {
  return shortList(el("ul", { class: "plain", id: "entity-reports" }), reps.map((r) => el("li", { class: "report-line" },
    el("a", { href: url("/entity", { iri: r.iri || r.graph }), "data-nav": "", class: "repid" }, r.id),
    r.date ? [" ", el("span", { class: "chip when" }, r.date)] : null, r.lang ? [" ", el("span", { class: "chip" }, r.lang)] : null,
    r.label ? el("div", { class: "muted", lang: r.lang || null }, r.label) : null)));
}

// shortList puts the first items into list and, when there are many, a
// button after it that shows the rest (an entity named in every report
// has hundreds of reports and sources).
function shortList(list, items, first = 10) {
  if (items.length <= first + 2) {
    list.append(...items);
    return list;
  }
  list.append(...items.slice(0, first));
  const rest = items.slice(first);
  const btn = el("button", { type: "button", class: "more", onclick: () => { list.append(...rest); btn.remove(); } }, t("more") + " (" + rest.length + ")");
  return el("div", { class: "relation" }, list, btn);
}

// statementList shows what was said: speaker, act, summary, event,
// addressees, and what it rests on.
function statementList(sts, about) {
  return el("ul", { class: "plain", id: "statements" }, sts.map((s) => el("li", { class: "fact statement" },
    el("div", {}, s.speakers.map((v, i) => [i ? ", " : "", el("span", { class: "val" }, entityLink(v))]), " ", el("span", { class: "chip act" }, t(s.act)),
      s.event && s.event.iri !== about ? [" ", el("span", { class: "muted" }, t("at") + " "), entityLink(s.event)] : null,
      s.date ? [" ", el("span", { class: "chip when" }, s.date)] : null,
      (s.addressedTo || []).length ? [" ", el("span", { class: "muted" }, t("addressed") + " "), s.addressedTo.map((v, i) => [i ? ", " : "", entityLink(v)])] : null),
    (s.summary || []).map((x) => el("p", { class: "summary", lang: x.lang || null }, x.value)),
    s.report ? el("div", { class: "prov" }, reportTag(s.report)) : el("div", { class: "prov" }, el("span", { class: "muted" }, t("report") + " "), reportLink(s.graph)),
    provenance(s.provenance, false, s.report))));
}

function identityList(e) {
  const out = [];
  if (e.sameAs.length) out.push(el("h3", {}, t("sameas")), el("ul", { class: "plain", id: "same-as" }, e.sameAs.map((l) => el("li", { class: "fact" }, entityLink(l)))));
  if (e.possiblySameAs.length) out.push(el("h3", {}, t("possibly")), el("p", { class: "muted" }, t("notmerged")),
    el("ul", { class: "plain", id: "possibly-same-as" }, e.possiblySameAs.map((l) => el("li", { class: "fact" }, entityLink(l), " ", el("span", { class: "muted" }, t("report") + " "), reportLink(l.graph)))));
  return out;
}

async function home() {
  const [reports, queries] = await Promise.all([api("/api/reports"), api("/api/queries")]);
  show(el("h1", {}, "confgraph"), el("p", {}, t("start")),
    el("h2", {}, t("reports")), el("ul", {}, reports.map((r) => el("li", {}, r.report ? link("/entity", { iri: r.report }, r.label || r.id) : (r.label || r.id),
      r.date ? [" ", el("span", { class: "chip when" }, r.date)] : null, r.lang ? [" ", el("span", { class: "chip" }, r.lang)] : null, " ", el("span", { class: "iri" }, r.id)))),
    el("h2", {}, t("queries")), queryCards(queries));
}

function queryCards(queries) {
  return el("div", { class: "cards" }, queries.map((q) => el("div", { class: "card" }, el("strong", {}, link("/queries/" + q.name, {}, q.name)), el("div", { class: "muted" }, q.description))));
}

async function search(text) {
  document.getElementById("q").value = text;
  show(el("p", {}, t("loading")));
  const res = await api("/api/search", { q: text });
  show(el("h1", {}, t("results") + " „" + text + "“"),
    res.hits.length ? el("ul", { class: "plain", id: "hits" }, res.hits.map((h) => el("li", { class: "fact" },
      el("span", { class: "val" }, entityLink(h)), " ", h.kind ? el("span", { class: "chip kind" }, t("kind_" + h.kind)) : (h.types || []).map((x) => el("span", { class: "chip" }, x)),
      h.matched !== h.label ? el("div", { class: "muted" }, h.matched) : null,
      (h.reports || []).length ? el("div", { class: "hit-reports" }, h.reports.map((r) => [reportTag(r), " "])) : null))) : el("p", {}, t("none")));
}

async function entity(iri, id) {
  show(el("p", {}, t("loading")));
  // ?facts=N: the first N facts of each relation (the API's default
  // unless given); a button under a relation reads the next ones.
  const per = new URLSearchParams(location.search).get("facts");
  const e = await api("/api/entity", Object.assign(iri ? { iri } : { id: id || "" }, per ? { facts: per } : {}));
  iri = e.iri;
  document.title = e.label + " · confgraph";
  const types = (e.types || []).map((x) => el("span", { class: "chip" }, x.label || x.iri.replace(/.*[\/#]/, "")));
  const labels = el("table", { class: "labels" }, (e.labels || []).map((l) => el("tr", {}, el("td", {}, el("span", { class: "chip" }, l.lang || "–")), el("td", { lang: l.lang || null }, l.value), el("td", { class: "muted" }, l.property))));
  const parts = [el("h1", {}, e.label), el("div", { class: "iri" }, e.iri), el("div", {}, types),
    el("p", {}, link("/graph", { iri: e.iri }, t("graph")), " · ", el("a", { href: "/api/entity?iri=" + encodeURIComponent(e.iri) }, "JSON")),
    el("h2", {}, t("labels")), labels];
  if ((e.reports || []).length) parts.push(el("h2", {}, t("reportsof")), reportList(e.reports));
  if ((e.sources || []).length) parts.push(el("h2", {}, t("sources")), shortList(el("ul", { class: "plain entries", id: "sources" }),
    e.sources.map((x) => el("li", { class: "entry" }, reportTag(x.report), provenance(x.provenance, false, x.report)))));
  const isEvent = (e.types || []).some((x) => /Event$/.test(x.iri));
  if (e.queries.length) {
    parts.push(el("h2", {}, t("about")), el("ul", {}, e.queries.map((q) => el("li", {}, link("/queries/" + q.query, { [q.param]: e.iri }, q.query)))));
  }
  const eventBox = el("div", { id: "event-attendance" });
  if (isEvent) parts.push(el("h2", {}, t("attendance")), eventBox);
  const has = (side) => (e.relations || []).some((r) => r.side === side) || e[side].length;
  if (has("out")) parts.push(el("h2", {}, t("facts")), ...factList(e.out, e.iri, false, e.relations));
  if (e.statements.length) parts.push(el("h2", {}, t("statements")), statementList(e.statements, e.iri));
  if (e.sameAs.length || e.possiblySameAs.length) parts.push(el("h2", {}, t("identity")), ...identityList(e));
  if (has("in")) parts.push(el("h2", {}, t("incoming")), ...factList(e.in, e.iri, true, e.relations));
  show(...parts);
  if (isEvent) {
    // An event page shows the bundled queries that take an event, run for it.
    const qs = await api("/api/queries");
    for (const q of qs) {
      const p = q.params.find((p) => p.kind === "event");
      if (!p || !e.queries.some((l) => l.query === q.name)) continue;
      const r = await runQuery(q, { [p.name]: e.iri });
      eventBox.append(el("h3", {}, q.name), r);
    }
  }
}

async function fetchRows(q, params) {
  const u = new URLSearchParams(params);
  u.set("format", "json");
  if (!q.params.some((p) => p.name === "lang")) u.set("lang", lang); // names in the page's language (query.Options.Lang)
  const r = await fetch("/api/queries/" + q.name + "?" + u.toString(), { signal: pageRequests.signal });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error);
  return { rows: body, truncated: r.headers.get("X-Confgraph-Truncated") === "true" };
}

async function runQuery(q, params) {
  try {
    const { rows, truncated } = await fetchRows(q, params);
    return resultTable(q, rows, truncated, params);
  } catch (err) {
    return el("div", { class: "error", role: "alert" }, err.message);
  }
}

function resultTable(q, rows, truncated, params) {
  const cols = q.columns;
  let sortCol = -1, asc = true, filter = "";
  const tbody = el("tbody");
  const count = el("span", { class: "muted" });
  const draw = () => {
    let rs = rows.filter((r) => !filter || cols.some((c) => (r[c] || "").toLowerCase().includes(filter)));
    if (sortCol >= 0) {
      const c = cols[sortCol];
      rs = rs.slice().sort((a, b) => (a[c] || "").localeCompare(b[c] || "", undefined, { numeric: true }) * (asc ? 1 : -1));
    }
    tbody.replaceChildren(...rs.map((r) => el("tr", {}, cols.map((c) => el("td", { class: c === "report" ? "col-report" : null },
      c === "report" && r[c] ? el("a", { href: url("/entity", { id: "report/" + r[c] }), "data-nav": "" }, r[c]) : (r[c] || ""))))));
    count.textContent = rs.length + " / " + rows.length + " " + t("rows") + (truncated ? " — " + t("truncated") : "");
  };
  const head = el("tr", {}, cols.map((c, i) => el("th", { scope: "col", onclick: () => { asc = sortCol === i ? !asc : true; sortCol = i; draw(); } }, c)));
  const dl = new URLSearchParams(params);
  if (!q.params.some((p) => p.name === "lang")) dl.set("lang", lang);
  const csv = new URLSearchParams(dl); csv.set("format", "csv");
  const json = new URLSearchParams(dl); json.set("format", "json");
  const box = el("div", { class: "result" },
    el("div", { class: "qform-bar" },
      el("input", { type: "text", placeholder: t("filter"), "aria-label": t("filter"), oninput: (ev) => { filter = ev.target.value.toLowerCase(); draw(); } }), " ",
      count, " ", el("a", { href: "/api/queries/" + q.name + "?" + csv, download: q.name + ".csv" }, "CSV"), " · ",
      el("a", { href: "/api/queries/" + q.name + "?" + json, download: q.name + ".json" }, "JSON")),
    el("div", { class: "tablewrap" }, el("table", { class: "results" }, el("thead", {}, head), tbody)));
  draw();
  return box;
}

async function queries() {
  const qs = await api("/api/queries");
  show(el("h1", {}, t("queries")), queryCards(qs));
}

async function queryPage(name, params) {
  const qs = await api("/api/queries");
  const q = qs.find((x) => x.name === name);
  if (!q) throw new Error("no bundled query " + name);
  const out = el("div", { id: "results" });
  const inputs = {};
  const form = el("form", { class: "qform", id: "qform", onsubmit: (ev) => {
    ev.preventDefault();
    const p = {};
    for (const [k, i] of Object.entries(inputs)) if (i.value.trim() !== "") p[k] = i.value.trim();
    history.pushState(null, "", url("/queries/" + q.name, p));
    run(p);
  } });
  for (const p of q.params) {
    const i = el("input", { type: "text", id: "p-" + p.name, name: p.name, placeholder: p.default || (p.noun ? p.noun : ""), required: p.required || null, autocomplete: "off" });
    if (params[p.name] !== undefined) i.value = params[p.name];
    inputs[p.name] = i;
    const hints = p.kind ? suggest(i, p.kind) : null;
    form.append(el("label", { for: "p-" + p.name }, p.name + (p.required ? " *" : "")), el("div", { class: "pinput" }, i, hints),
      el("div", { class: "doc" }, p.doc, p.kind ? el("span", { class: "muted" }, " (" + (p.noun || p.kind) + ": " + t("hint") + ")") : null));
  }
  form.append(el("div", { class: "actions" }, el("button", { type: "submit" }, t("run"))));
  // Only the latest run shows its table: the page's own first run may
  // answer after a run the user started.
  let latest = 0;
  const run = async (p) => {
    const n = ++latest;
    out.replaceChildren(el("p", {}, t("loading")));
    const table = await runQuery(q, p);
    if (n === latest) out.replaceChildren(table);
  };
  show(el("h1", {}, q.name), el("p", {}, q.description), form, out);
  const given = {};
  for (const p of q.params) if (params[p.name]) given[p.name] = params[p.name];
  if (Object.keys(given).length || q.params.every((p) => !p.required)) run(given);
}

// suggest fills a datalist for an entity parameter's input from the
// search API, restricted to the parameter's kind (person, post, at ...):
// a name, or the ID where two entities share it.
function suggest(input, kind) {
  const id = input.id + "-hints";
  const list = el("datalist", { id });
  input.setAttribute("list", id);
  let timer = 0, seq = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(async () => {
      const my = ++seq;
      try {
        const res = await api("/api/search", { q: text, kind, limit: "10" });
        if (my !== seq) return;
        const count = {};
        for (const h of res.hits) count[h.label] = (count[h.label] || 0) + 1;
        list.replaceChildren(...res.hits.map((h) => el("option", { value: count[h.label] > 1 || !h.label ? h.iri.replace(/.*\//, "") : h.label },
          [h.kind ? t("kind_" + h.kind) : "", (h.reports || []).map((r) => r.id).join(", ")].filter(Boolean).join(" · "))));
      } catch (err) { /* hints only */ }
    }, 150);
  });
  return list;
}

async function graphPage(iri) {
  const data = await api("/api/graph", { iri });
  const e = await api("/api/entity", { iri });
  const box = el("div", { id: "cy", role: "img", "aria-label": t("graph") });
  show(el("h1", {}, t("graph") + ": ", link("/entity", { iri }, e.label)), box,
    el("p", { class: "muted", id: "graph-count" }, data.nodes.length + " nodes, " + data.edges.length + " edges"));
  if (typeof cytoscape !== "function") { box.textContent = "cytoscape did not load"; return; }
  const colour = { Person: "#0b5cad", Event: "#b3261e", Bridge: "#8a5a00", Organization: "#2e7d32", Post: "#6a1b9a", Attendance: "#9e9e9e", Membership: "#9e9e9e", Place: "#00838f" };
  const cy = cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: /^(Attendance|Membership)$/.test(n.type) ? "" : (n.label.length > 40 ? n.label.slice(0, 38) + "…" : n.label), type: n.type, focus: n.focus ? 1 : 0 } })),
      ...data.edges.map((x, i) => ({ data: { id: "e" + i, source: x.source, target: x.target, label: x.label } })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 110, width: 14, height: 14,
        "background-color": (n) => colour[n.data("type")] || "#607d8b", color: "#1d2330" } },
      { selector: "node[focus = 1]", style: { width: 26, height: 26, "font-weight": "bold", "font-size": 12 } },
      { selector: "edge", style: { width: 1, "line-color": "#b0b8c4", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#b0b8c4", label: "data(label)", "font-size": 7, color: "#5b6473" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 110, nodeOverlap: 20, padding: 30 },
  });
  cy.on("tap", "node", (ev) => nav(url("/entity", { iri: ev.target.id() })));
  window.confgraphCy = cy; // for the browser tests
}

async function downloads() {
  const [fmts, reports] = await Promise.all([api("/api/formats"), api("/api/reports")]);
  const row = (label, graph) => el("tr", {}, el("td", {}, label), el("td", {}, fmts.map((f) => [el("a", { href: "/export?" + new URLSearchParams(graph ? { graph, format: f.name } : { format: f.name }) }, f.name), " "])));
  show(el("h1", {}, t("downloads")),
    el("div", { class: "tablewrap" }, el("table", { class: "results" }, el("tbody", {}, row(t("all"), ""), reports.map((r) => row(r.label || r.id, r.id))))),
    el("ul", { class: "muted" }, fmts.map((f) => el("li", {}, el("strong", {}, f.name), " — " + f.doc))));
}

async function route() {
  pageRequests.abort();
  pageRequests = new AbortController();
  const p = new URLSearchParams(location.search);
  const path = location.pathname;
  document.documentElement.lang = lang;
  try {
    if (path === "/entity") return await entity(p.get("iri"), p.get("id"));
    if (path === "/search") return await search(p.get("q") || "");
    if (path === "/graph") return await graphPage(p.get("iri"));
    if (path === "/queries") return await queries();
    if (path.startsWith("/queries/")) {
      const params = {};
      for (const [k, v] of p) if (k !== "lang") params[k] = v;
      return await queryPage(decodeURIComponent(path.slice(9)), params);
    }
    if (path === "/downloads") return await downloads();
    return await home();
  } catch (err) {
    if (err.name !== "AbortError") fail(err);
  }
}

function nav(href) {
  history.pushState(null, "", href);
  route();
}

function translate() {
  for (const n of document.querySelectorAll("[data-t]")) n.textContent = t(n.dataset.t);
  document.getElementById("q").placeholder = t("search");
  document.getElementById("lang").value = lang;
}

document.addEventListener("click", (ev) => {
  const a = ev.target.closest("a[data-nav]");
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || a.target) return;
  const u = new URL(a.href);
  if (u.origin !== location.origin) return;
  ev.preventDefault();
  if (!u.searchParams.get("lang")) u.searchParams.set("lang", lang);
  nav(u.pathname + u.search);
});

window.addEventListener("popstate", route);

document.addEventListener("DOMContentLoaded", () => {
  translate();
  document.getElementById("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("q").value.trim();
    if (q) nav(url("/search", { q }));
  });
  document.getElementById("lang").addEventListener("change", (ev) => {
    lang = ev.target.value;
    localStorage.setItem("confgraph-lang", lang);
    const u = new URL(location.href);
    u.searchParams.set("lang", lang);
    history.replaceState(null, "", u.pathname + u.search);
    translate();
    route();
  });
  route();
});
