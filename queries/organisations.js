// @name organisations
// @description Bodies, their parent bodies, and who heads or belongs to them when, as each report states, with status, dates and paragraphs.
// @param organisation entity:organisation "" Only this body (ID, IRI or name); every body when empty.
// @columns organisation part_of relation person post status start end as_of report paragraphs
//
// One row per stated membership and report (relation "heads" when the
// membership's role heads the body, else "member"; status, start, end and
// as_of as in person); a body that a report names without a membership in
// it gets one row for that report, with the paragraphs that name it.
// Everything is read in the report's named graph. Starts from the body,
// else from the class org:Organization.
var ORGC = iri("org", "Organization");
var MS = iri("org", "Membership");
var ORG = iri("org", "organization");
uniq(params.organisation ? [params.organisation] : ins(ORGC, RDF_TYPE)).forEach(function (o) {
  uniq(ins(o, ORG)).forEach(function (m) {
    graphsOf(m, MS).forEach(function (gr) {
      if (outsIn(m, ORG, gr).indexOf(o) < 0) return;
      var heads = outsIn(m, iri("org", "role"), gr).some(function (r) { return one(r, iri("cg", "heads")) === "true"; });
      var st = statusOf(m, gr), q = qualifierOf(m, gr);
      g.emit({
        organisation: label(o, gr), part_of: labels(outsIn(o, iri("org", "subOrganizationOf"), gr), gr),
        relation: heads ? "heads" : "member",
        person: labels(outsIn(m, iri("org", "member"), gr), gr),
        post: labels(outsIn(m, iri("cg", "post"), gr), gr),
        status: q ? st + " (" + q + ")" : st,
        start: oneIn(m, iri("schema", "startDate"), gr), end: oneIn(m, iri("schema", "endDate"), gr),
        as_of: oneIn(m, iri("cg", "asOf"), gr),
        report: reportOf(gr), paragraphs: paragraphs(m, gr)
      });
    });
  });
  graphsOf(o, ORGC).forEach(function (gr) {
    if (insIn(o, ORG, gr).some(function (m) { return hasTypeIn(m, MS, gr); })) return;
    g.emit({organisation: label(o, gr), part_of: labels(outsIn(o, iri("org", "subOrganizationOf"), gr), gr),
      relation: "", person: "", post: "", status: "", start: "", end: "", as_of: "",
      report: reportOf(gr), paragraphs: paragraphs(o, gr)});
  });
});
