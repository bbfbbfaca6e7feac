// @name documents
// @description Resolutions and other documents: identifier, issuer, term, and what the report says is done under them, by whom.
// @columns document identifier issuer term implemented_by what paragraphs
//
// One row per implementation fact (a document without one gets a single
// row); "what" is the curator's English summary, paragraphs cite the
// implementation. Starts from the class schema:Legislation.
var DOC = iri("schema", "Legislation");
ins(DOC, RDF_TYPE).forEach(function (d) {
  var base = {
    document: label(d),
    identifier: list(outs(d, iri("schema", "identifier"))),
    issuer: labels(outs(d, iri("schema", "legislationPassedBy"))),
    term: list(outs(d, iri("cg", "term")))
  };
  var ims = ins(d, iri("cg", "implements")).filter(function (i) { return hasType(i, iri("cg", "Implementation")); });
  if (ims.length === 0) {
    base.implemented_by = ""; base.what = ""; base.paragraphs = paragraphs(d);
    g.emit(base);
    return;
  }
  ims.forEach(function (i) {
    g.emit({
      document: base.document, identifier: base.identifier, issuer: base.issuer, term: base.term,
      implemented_by: labels(outs(i, iri("cg", "implementedBy"))),
      what: list(outs(i, iri("schema", "description"))),
      paragraphs: paragraphs(i)
    });
  });
});
