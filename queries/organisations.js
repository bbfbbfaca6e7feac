// @name organisations
// @description Bodies, their parent bodies, and who heads or belongs to them as the report states, with paragraphs.
// @columns organisation part_of relation person post paragraphs
//
// One row per stated membership (relation "heads" when the post heads the
// body, else "member"); a body with no stated member gets one row with the
// paragraphs that name it. Starts from the class org:Organization.
var ORGC = iri("org", "Organization");
ins(ORGC, RDF_TYPE).forEach(function (o) {
  var name = label(o);
  var parents = labels(outs(o, iri("org", "subOrganizationOf")));
  var ms = ins(o, iri("org", "organization")).filter(function (m) { return hasType(m, iri("org", "Membership")); });
  if (ms.length === 0) {
    g.emit({organisation: name, part_of: parents, relation: "", person: "", post: "", paragraphs: paragraphs(o)});
    return;
  }
  ms.forEach(function (m) {
    var people = outs(m, iri("org", "member"));
    // "heads" when one of the person's memberships in o has a role that heads it.
    var heads = people.some(function (p) {
      return ins(p, iri("org", "member")).some(function (m2) {
        return hasType(m2, iri("org", "Membership")) && outs(m2, iri("org", "organization")).indexOf(o) >= 0 &&
          outs(m2, iri("org", "role")).some(function (r) { return outs(r, iri("cg", "heads")).length > 0; });
      });
    });
    g.emit({
      organisation: name, part_of: parents,
      relation: heads ? "heads" : "member",
      person: labels(people),
      post: labels(outs(m, iri("cg", "post"))),
      paragraphs: paragraphs(m)
    });
  });
});
