// @name post-holders
// @description Who held a post when, as each report states: holder, body, status, start, end and as-of date, per report.
// @param post entity:post "" Only this post (ID, IRI or name); every post when empty.
// @columns date post organisation holder status start end as_of report paragraphs
//
// One row per holding (org:Membership) and report that states it, read in
// the report's named graph: two holders of one post at two dates are two
// rows with their dates. date is the holding's start, else its as_of (the
// report's date), so a post's holders sort chronologically; status and the
// qualifier are as in person. Starts from the post, else from the class
// org:Membership.
var MS = iri("org", "Membership");
var POST = iri("cg", "post");
var ms = params.post ? ins(params.post, POST) : ins(MS, RDF_TYPE);
uniq(ms).forEach(function (m) {
  graphsOf(m, MS).forEach(function (gr) {
    outsIn(m, POST, gr).forEach(function (p) {
      if (params.post && p !== params.post) return;
      var st = statusOf(m, gr), q = qualifierOf(m, gr);
      var start = oneIn(m, iri("schema", "startDate"), gr), asOf = oneIn(m, iri("cg", "asOf"), gr);
      g.emit({
        post: label(p, gr), organisation: labels(outsIn(m, iri("org", "organization"), gr), gr),
        date: start || asOf, holder: labels(outsIn(m, iri("org", "member"), gr), gr),
        status: q ? st + " (" + q + ")" : st, start: start, end: oneIn(m, iri("schema", "endDate"), gr), as_of: asOf,
        report: reportOf(gr), paragraphs: paragraphs(m, gr)
      });
    });
  });
});
