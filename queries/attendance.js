// @name attendance
// @description Every attendee (person or group) of each event: at which bridge or place, in which post(s), with the paragraph(s) that say so.
// @param event entity:event "" Only this event (ID, IRI or name); all events when empty.
// @param bridge entity:at "" Only this bridge or place (ID, IRI or name); every bridge and place when empty.
// @columns event at attendee kind posts paragraphs
//
// Starts from the most selective node: the bridge, else the event, else the
// class cg:Attendance; each attendance is then read with point look-ups.
var ATTENDANCE = iri("cg", "Attendance");
var EVENT = iri("cg", "event");
var AT = iri("cg", "at");
var start;
if (params.bridge) {
  start = ins(params.bridge, AT);
} else if (params.event) {
  start = ins(params.event, EVENT);
} else {
  start = ins(ATTENDANCE, RDF_TYPE);
}
start.forEach(function (a) {
  if (!hasType(a, ATTENDANCE)) return;
  var events = outs(a, EVENT);
  if (params.event && events.indexOf(params.event) < 0) return;
  var who = outs(a, iri("cg", "attendee"));
  g.emit({
    event: labels(events),
    at: labels(outs(a, AT)),
    attendee: labels(who),
    kind: list(who.map(kindOf)),
    posts: labels(outs(a, iri("cg", "inRole"))),
    paragraphs: paragraphs(a)
  });
});
