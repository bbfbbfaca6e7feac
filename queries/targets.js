// @name targets
// @description Directives and numeric targets: who set them, at which event, for which period, with value, unit and paragraphs.
// @columns kind name set_by event period value unit under paragraphs
//
// kind is "directive" or "target"; value is a number or a range "min–max";
// under names the directive a target belongs to. Starts from the classes
// cg:Directive and cg:Target.
[["directive", iri("cg", "Directive")], ["target", iri("cg", "Target")]].forEach(function (k) {
  ins(k[1], RDF_TYPE).forEach(function (t) {
    var value = one(t, iri("schema", "value"));
    var lo = one(t, iri("schema", "minValue")), hi = one(t, iri("schema", "maxValue"));
    if (value === "" && (lo !== "" || hi !== "")) value = lo + "–" + hi;
    g.emit({
      kind: k[0],
      name: label(t),
      set_by: labels(outs(t, iri("cg", "setBy"))),
      event: labels(outs(t, iri("cg", "statedAt"))),
      period: list(outs(t, iri("cg", "period"))),
      value: value,
      unit: list(outs(t, iri("schema", "unitText"))),
      under: labels(outs(t, iri("cg", "underDirective"))),
      paragraphs: paragraphs(t)
    });
  });
});
