// @name sources
// @description For an entity or a fact: the report and paragraph(s) that support it and every fact that mentions it, with the quoted evidence.
// @param entity entity:any required The entity (any label, an ID or an IRI) or a fact's IRI (an attendance, membership, implementation or statement).
// @columns fact via report paragraphs evidence
//
// One row per report: via is "itself" for the entity's own citations in
// each report that states it, else the kind of fact that mentions it
// (attendance, membership, implementation, directive, target, statement),
// one row per fact and report that states the mention. Starts from the
// entity: its citations, then the facts that point at it through one of
// the predicates below, each read in its report's named graph.
var e = params.entity;
var LINKS = [
  iri("cg", "attendee"), iri("cg", "at"), iri("cg", "event"), iri("cg", "inRole"),
  iri("org", "member"), iri("org", "organization"), iri("cg", "post"),
  iri("cg", "implements"), iri("cg", "implementedBy"),
  iri("cg", "setBy"), iri("cg", "statedAt"), iri("cg", "addressedTo"), iri("cg", "underDirective"),
  iri("cg", "statedBy")
];
var KINDS = [
  ["attendance", iri("cg", "Attendance")], ["membership", iri("org", "Membership")],
  ["implementation", iri("cg", "Implementation")], ["target", iri("cg", "Target")],
  ["directive", iri("cg", "Directive")], ["statement", iri("cg", "Statement")]
];
function fact(f, via, gr) {
  g.emit({fact: label(f, gr), via: via, report: reportOf(gr), paragraphs: paragraphs(f, gr),
    evidence: list(outsIn(f, iri("cg", "evidence"), gr))});
}
graphsOfAny(e).forEach(function (gr) { fact(e, "itself", gr); });
var seen = {};
LINKS.forEach(function (pred) {
  ins(e, pred).forEach(function (f) {
    if (seen[f]) return;
    seen[f] = true;
    graphsOfAny(f).forEach(function (gr) {
      var types = outsIn(f, RDF_TYPE, gr);
      var via = "";
      KINDS.forEach(function (k) { if (via === "" && types.indexOf(k[1]) >= 0) via = k[0]; });
      if (via === "") return;
      if (!LINKS.some(function (l) { return outsIn(f, l, gr).indexOf(e) >= 0; })) return;
      fact(f, via, gr);
    });
  });
});
