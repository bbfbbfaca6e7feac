// @name bridges
// @description Each bridge (connection point) of an event with its place, whether it is central, and its number of attendees.
// @param event entity:event "" Only this event (ID, IRI or name); all events when empty.
// @columns event bridge central place attendees paragraphs
//
// Starts from the event, else from the class cg:Bridge. "attendees" counts
// the attendances at the bridge: a group counts once.
var BRIDGE = iri("cg", "Bridge");
var bridges = params.event ? outs(params.event, iri("cg", "bridge")) : ins(BRIDGE, RDF_TYPE);
bridges.forEach(function (b) {
  if (!hasType(b, BRIDGE)) return;
  var events = outs(b, iri("cg", "bridgeOf"));
  if (params.event && events.indexOf(params.event) < 0) return;
  var n = 0;
  ins(b, iri("cg", "at")).forEach(function (a) {
    if (hasType(a, iri("cg", "Attendance"))) n++;
  });
  g.emit({
    event: labels(events),
    bridge: label(b),
    central: one(b, iri("cg", "central")) === "true" ? "yes" : "no",
    place: labels(outs(b, iri("schema", "containedInPlace"))),
    attendees: String(n),
    paragraphs: paragraphs(b)
  });
});
