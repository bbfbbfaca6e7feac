// @name bridges
// @description Each bridge (connection point) of an event with its place, whether it is central, and its number of attendees, per report.
// @param event entity:event "" Only this event (ID, IRI or name); all events when empty.
// @columns event bridge central place attendees report paragraphs
//
// One row per bridge and report that states it, read in the report's named
// graph. Starts from the event, else from the class cg:Bridge. "attendees"
// counts the attendances the report states at the bridge: a group counts once.
var BRIDGE = iri("cg", "Bridge");
var bridges = params.event ? ins(params.event, iri("cg", "bridgeOf")) : ins(BRIDGE, RDF_TYPE);
uniq(bridges).forEach(function (b) {
  graphsOf(b, BRIDGE).forEach(function (gr) {
    var events = outsIn(b, iri("cg", "bridgeOf"), gr);
    if (params.event && events.indexOf(params.event) < 0) return;
    var n = 0;
    uniq(insIn(b, iri("cg", "at"), gr)).forEach(function (a) {
      if (hasTypeIn(a, iri("cg", "Attendance"), gr)) n++;
    });
    g.emit({
      event: labels(events, gr),
      bridge: label(b, gr),
      central: oneIn(b, iri("cg", "central"), gr) === "true" ? "yes" : "no",
      place: labels(outsIn(b, iri("schema", "containedInPlace"), gr), gr),
      attendees: String(n),
      report: reportOf(gr),
      paragraphs: paragraphs(b, gr)
    });
  });
});
