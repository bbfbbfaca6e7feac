// @name co-attendees
// @description Who attended the same bridge (or place) of the same event as a given person, with the paragraphs that say so.
// @param person entity:person required The person: any label in any spelling, an ID or an IRI.
// @columns person event at co_attendee kind paragraphs
//
// Starts from the person: their attendances, the bridge or place of each,
// then the other attendances there at the same event.
var p = params.person;
var ATT = iri("cg", "Attendance");
var AT = iri("cg", "at");
var EVENT = iri("cg", "event");
var ATTENDEE = iri("cg", "attendee");
ins(p, ATTENDEE).forEach(function (a) {
  if (!hasType(a, ATT)) return;
  var events = outs(a, EVENT);
  outs(a, AT).forEach(function (place) {
    ins(place, AT).forEach(function (b) {
      if (b === a || !hasType(b, ATT)) return;
      var same = outs(b, EVENT).filter(function (ev) { return events.indexOf(ev) >= 0; });
      if (same.length === 0) return;
      outs(b, ATTENDEE).forEach(function (who) {
        if (who === p) return;
        g.emit({person: label(p), event: labels(same), at: label(place), co_attendee: label(who), kind: kindOf(who), paragraphs: paragraphs(b)});
      });
    });
  });
});
