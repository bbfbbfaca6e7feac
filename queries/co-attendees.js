// @name co-attendees
// @description Who attended the same bridge (or place) of the same event as a given person, as one report states both, with the paragraphs that say so.
// @param person entity:person required The person: any label in any spelling, an ID or an IRI.
// @columns person event at co_attendee kind report paragraphs
//
// Starts from the person: their attendances, the bridge or place of each,
// then the other attendances there at the same event that the same report
// states (each read in the report's named graph).
var p = params.person;
var ATT = iri("cg", "Attendance");
var AT = iri("cg", "at");
var EVENT = iri("cg", "event");
var ATTENDEE = iri("cg", "attendee");
uniq(ins(p, ATTENDEE)).forEach(function (a) {
  graphsOf(a, ATT).forEach(function (gr) {
    var events = outsIn(a, EVENT, gr);
    outsIn(a, AT, gr).forEach(function (place) {
      uniq(insIn(place, AT, gr)).forEach(function (b) {
        if (b === a || !hasTypeIn(b, ATT, gr)) return;
        var same = outsIn(b, EVENT, gr).filter(function (ev) { return events.indexOf(ev) >= 0; });
        if (same.length === 0) return;
        outsIn(b, ATTENDEE, gr).forEach(function (who) {
          if (who === p) return;
          g.emit({person: label(p, gr), event: labels(same, gr), at: label(place, gr), co_attendee: label(who, gr),
            kind: kindOf(who), report: reportOf(gr), paragraphs: paragraphs(b, gr)});
        });
      });
    });
  });
});
