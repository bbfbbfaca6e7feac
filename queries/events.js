// @name events
// @description Every event with its start and end dates, place, bridges and number of attendees, per report (events without attendees too).
// @param event entity:event "" Only this event (ID, IRI or name); all events when empty.
// @columns event start end place bridges attendees report paragraphs
//
// One row per event and report that states it, read in the report's named
// graph. "attendees" counts the attendances the report states at the event
// (a group counts once). Starts from the event, else from the class
// schema:Event.
var EV = iri("schema", "Event");
uniq(params.event ? [params.event] : ins(EV, RDF_TYPE)).forEach(function (e) {
  graphsOf(e, EV).forEach(function (gr) {
    var n = 0;
    uniq(insIn(e, iri("cg", "event"), gr)).forEach(function (a) {
      if (hasTypeIn(a, iri("cg", "Attendance"), gr)) n++;
    });
    g.emit({
      event: label(e, gr),
      start: oneIn(e, iri("schema", "startDate"), gr), end: oneIn(e, iri("schema", "endDate"), gr),
      place: labels(outsIn(e, iri("schema", "location"), gr), gr),
      bridges: labels(outsIn(e, iri("cg", "bridge"), gr), gr),
      attendees: String(n),
      report: reportOf(gr), paragraphs: paragraphs(e, gr)
    });
  });
});
