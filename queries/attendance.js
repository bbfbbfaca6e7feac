// @name attendance
// @description Every attendee (person or group) of each event: when, at which bridge or place, in which post(s), with the report and paragraph(s) that say so.
// @param event entity:event "" Only this event (ID, IRI or name); all events when empty.
// @param bridge entity:at "" Only this bridge or place (ID, IRI or name); every bridge and place when empty.
// @columns event date at attendee kind posts report paragraphs
//
// One row per attendance and report that states it, read in the report's
// named graph; date is the event's start. Starts from the most selective
// node: the bridge, else the event, else the class cg:Attendance.
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
uniq(start).forEach(function (a) {
  graphsOf(a, ATTENDANCE).forEach(function (gr) {
    var events = outsIn(a, EVENT, gr);
    if (params.event && events.indexOf(params.event) < 0) return;
    var at = outsIn(a, AT, gr);
    if (params.bridge && at.indexOf(params.bridge) < 0) return;
    var who = outsIn(a, iri("cg", "attendee"), gr);
    g.emit({
      event: labels(events, gr),
      date: dateOf(events, iri("schema", "startDate"), gr),
      at: labels(at, gr),
      attendee: labels(who, gr),
      kind: list(who.map(kindOf)),
      posts: labels(outsIn(a, iri("cg", "inRole"), gr), gr),
      report: reportOf(gr),
      paragraphs: paragraphs(a, gr)
    });
  });
});
