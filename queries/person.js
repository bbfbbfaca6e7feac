// @name person
// @description One person's posts, memberships, attendances and statements (directives and targets they set), with paragraphs.
// @param name entity:person required The person: any label in any spelling ("Trương Thị Mai", "truong thi mai"), an ID or an IRI.
// @columns person relation object detail paragraphs
//
// Starts from the person and walks out with point look-ups. relation is one
// of: holds post (detail: the body), member of, head of (detail: the posts
// behind it; from the memberships whose role confers membership or heads
// the body), attended (detail: bridge or place), set directive, set target
// (detail: period).
var p = params.name;
var who = label(p);
function row(relation, object, detail, paras) {
  g.emit({person: who, relation: relation, object: object, detail: detail, paragraphs: paras});
}
var MEMBER = iri("org", "member");
var ORG = iri("org", "organization");
var POST = iri("cg", "post");
var memberships = ins(p, MEMBER).filter(function (m) { return hasType(m, iri("org", "Membership")); });
memberships.forEach(function (m) {
  row("holds post", labels(outs(m, POST)), labels(outs(m, ORG)), paragraphs(m));
});
var ROLE = iri("org", "role");
[["member of", iri("cg", "confersMembership")], ["head of", iri("cg", "heads")]].forEach(function (rel) {
  var bodies = [];
  memberships.forEach(function (m) {
    if (!outs(m, ROLE).some(function (r) { return outs(r, rel[1]).length > 0; })) return;
    outs(m, ORG).forEach(function (o) { if (bodies.indexOf(o) < 0) bodies.push(o); });
  });
  bodies.forEach(function (o) {
    var posts = [], paras = [];
    memberships.forEach(function (m) {
      if (outs(m, ORG).indexOf(o) < 0) return;
      posts = posts.concat(outs(m, POST).map(label));
      paras.push(paragraphs(m));
    });
    row(rel[0], label(o), list(posts), list(paras.join("; ").split("; ")));
  });
});
ins(p, iri("cg", "attendee")).forEach(function (a) {
  if (!hasType(a, iri("cg", "Attendance"))) return;
  row("attended", labels(outs(a, iri("cg", "event"))), labels(outs(a, iri("cg", "at"))), paragraphs(a));
});
ins(p, iri("cg", "setBy")).forEach(function (d) {
  var kind = hasType(d, iri("cg", "Target")) ? "set target" : "set directive";
  row(kind, label(d), one(d, iri("cg", "period")), paragraphs(d));
});
