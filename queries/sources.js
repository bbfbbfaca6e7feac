// @name sources
// @description For an entity or a fact: the report and paragraph(s) that support it and every fact that mentions it, with the quoted evidence.
// @param entity entity:any required The entity (any label, an ID or an IRI) or a fact's IRI (an attendance, membership or implementation).
// @columns fact via report paragraphs evidence
//
// via is "itself" for the entity's own citations, else the kind of fact
// that mentions it (attendance, membership, implementation, directive,
// target). Starts from the entity: its citations, then the facts that point
// at it through one of the predicates below, each read with point look-ups.
var e = params.entity;
var LINKS = [
  iri("cg", "attendee"), iri("cg", "at"), iri("cg", "event"), iri("cg", "inRole"),
  iri("org", "member"), iri("org", "organization"), iri("cg", "post"),
  iri("cg", "implements"), iri("cg", "implementedBy"),
  iri("cg", "setBy"), iri("cg", "statedAt"), iri("cg", "addressedTo"), iri("cg", "underDirective")
];
var KINDS = [
  ["attendance", iri("cg", "Attendance")], ["membership", iri("org", "Membership")],
  ["implementation", iri("cg", "Implementation")], ["target", iri("cg", "Target")],
  ["directive", iri("cg", "Directive")]
];
function fact(f, via) {
  var reports = [];
  var ns = [];
  outs(f, DERIVED).forEach(function (p) {
    var pos = outs(p, POSITION);
    if (pos.length === 0) return;
    ns = ns.concat(pos);
    reports = reports.concat(outs(p, iri("schema", "isPartOf")).map(localName));
  });
  g.emit({fact: label(f), via: via, report: list(reports), paragraphs: list(ns), evidence: list(outs(f, iri("cg", "evidence")))});
}
fact(e, "itself");
var seen = {};
LINKS.forEach(function (pred) {
  ins(e, pred).forEach(function (f) {
    if (seen[f]) return;
    var types = outs(f, RDF_TYPE);
    var via = "";
    KINDS.forEach(function (k) { if (via === "" && types.indexOf(k[1]) >= 0) via = k[0]; });
    if (via === "") return;
    seen[f] = true;
    fact(f, via);
  });
});
