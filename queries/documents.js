// @name documents
// @description Resolutions and other documents: identifier, issuer, term, and what a report says is done under them, by whom, per report.
// @param document entity:document "" Only this document (ID, IRI or name); all documents when empty.
// @columns document identifier issuer term implemented_by what report paragraphs
//
// One row per implementation fact and report that states it; a document
// that a report names without one gets a single row for that report.
// "what" is the curator's English summary; paragraphs cite the
// implementation (else the document). Everything is read in the report's
// named graph. Starts from the document and the implementations that name
// it, else from the classes schema:Legislation and cg:Implementation.
var DOC = iri("schema", "Legislation");
var IMPL = iri("cg", "Implementation");
var IMPLEMENTS = iri("cg", "implements");
function base(d, gr) {
  return {
    document: label(d, gr),
    identifier: list(outsIn(d, iri("schema", "identifier"), gr)),
    issuer: labels(outsIn(d, iri("schema", "legislationPassedBy"), gr), gr),
    term: list(outsIn(d, iri("cg", "term"), gr)),
    report: reportOf(gr)
  };
}
var d0 = params.document;
uniq(d0 ? ins(d0, IMPLEMENTS) : ins(IMPL, RDF_TYPE)).forEach(function (i) {
  graphsOf(i, IMPL).forEach(function (gr) {
    outsIn(i, IMPLEMENTS, gr).forEach(function (d) {
      if (d0 && d !== d0) return;
      var row = base(d, gr);
      row.implemented_by = labels(outsIn(i, iri("cg", "implementedBy"), gr), gr);
      row.what = list(outsIn(i, iri("schema", "description"), gr));
      row.paragraphs = paragraphs(i, gr);
      g.emit(row);
    });
  });
});
uniq(d0 ? [d0] : ins(DOC, RDF_TYPE)).forEach(function (d) {
  graphsOf(d, DOC).forEach(function (gr) {
    if (insIn(d, IMPLEMENTS, gr).some(function (i) { return hasTypeIn(i, IMPL, gr); })) return;
    var row = base(d, gr);
    row.implemented_by = ""; row.what = ""; row.paragraphs = paragraphs(d, gr);
    g.emit(row);
  });
});
