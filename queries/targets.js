// @name targets
// @description Directives and numeric targets: who set them, at which event, for which period, with value, unit, report and paragraphs.
// @param event entity:event "" Only the directives and targets set at this event (ID, IRI or name); all when empty.
// @columns kind name set_by event period value unit under report paragraphs
//
// One row per directive or target and report that states it, read in the
// report's named graph. kind is "directive" or "target"; value is a number
// or a range "min–max"; under names the directive a target belongs to.
// Starts from the event (what was stated at it), else from the classes
// cg:Directive and cg:Target.
var STATED = iri("cg", "statedAt");
[["directive", iri("cg", "Directive")], ["target", iri("cg", "Target")]].forEach(function (k) {
  uniq(params.event ? ins(params.event, STATED) : ins(k[1], RDF_TYPE)).forEach(function (t) {
    graphsOf(t, k[1]).forEach(function (gr) {
      if (k[0] === "directive" && hasTypeIn(t, iri("cg", "Target"), gr)) return;
      if (params.event && outsIn(t, STATED, gr).indexOf(params.event) < 0) return;
      var value = oneIn(t, iri("schema", "value"), gr);
      var lo = oneIn(t, iri("schema", "minValue"), gr), hi = oneIn(t, iri("schema", "maxValue"), gr);
      if (value === "" && (lo !== "" || hi !== "")) value = lo + "–" + hi;
      g.emit({
        kind: k[0],
        name: label(t, gr),
        set_by: labels(outsIn(t, iri("cg", "setBy"), gr), gr),
        event: labels(outsIn(t, STATED, gr), gr),
        period: list(outsIn(t, iri("cg", "period"), gr)),
        value: value,
        unit: list(outsIn(t, iri("schema", "unitText"), gr)),
        under: labels(outsIn(t, iri("cg", "underDirective"), gr), gr),
        report: reportOf(gr),
        paragraphs: paragraphs(t, gr)
      });
    });
  });
});
