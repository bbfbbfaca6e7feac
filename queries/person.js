// @name person
// @description One person's posts (in time order, with status), attendances, statements, directives and targets, each with its report, dates and paragraphs.
// @param name entity:person required The person: any label in any spelling ("Trương Thị Mai", "truong thi mai"), an ID or an IRI.
// @columns date person relation object detail status start end as_of report paragraphs
//
// One row per fact and report that states it. Starts from the person and
// walks out with point look-ups; each fact is read in the named graph of
// its report. relation is one of: holds post (object: the post, detail: its
// body; status current, former, elected or re-elected, a qualifier such as
// alternate in parentheses; start, end and as_of the holding's dates),
// attended (object: the event, detail: the bridge or place; start and end
// the event's), set directive, set target (detail: the period), or the
// speech act of a statement: said, reported, appreciated, asked, proposed,
// emphasised, criticised (object: the curator's summary, detail: the
// addressees). date is the fact's date (a holding's start, else its as_of;
// the event's start), so rows sort chronologically.
var p = params.name;
function row(gr, r) {
  g.emit({person: label(p, gr), date: r.date || "", relation: r.relation, object: r.object, detail: r.detail || "",
    status: r.status || "", start: r.start || "", end: r.end || "", as_of: r.as_of || "",
    report: reportOf(gr), paragraphs: r.paragraphs});
}
var START = iri("schema", "startDate"), END = iri("schema", "endDate");
var MEMBERSHIP = iri("org", "Membership");
uniq(ins(p, iri("org", "member"))).forEach(function (m) {
  graphsOf(m, MEMBERSHIP).forEach(function (gr) {
    var st = statusOf(m, gr), q = qualifierOf(m, gr);
    var start = oneIn(m, START, gr), asOf = oneIn(m, iri("cg", "asOf"), gr);
    row(gr, {date: start || asOf, relation: "holds post", object: labels(outsIn(m, iri("cg", "post"), gr), gr),
      detail: labels(outsIn(m, iri("org", "organization"), gr), gr), status: q ? st + " (" + q + ")" : st,
      start: start, end: oneIn(m, END, gr), as_of: asOf, paragraphs: paragraphs(m, gr)});
  });
});
uniq(ins(p, iri("cg", "attendee"))).forEach(function (a) {
  graphsOf(a, iri("cg", "Attendance")).forEach(function (gr) {
    var evs = outsIn(a, iri("cg", "event"), gr);
    var start = dateOf(evs, START, gr);
    row(gr, {date: start, relation: "attended", object: labels(evs, gr), detail: labels(outsIn(a, iri("cg", "at"), gr), gr),
      start: start, end: dateOf(evs, END, gr), paragraphs: paragraphs(a, gr)});
  });
});
uniq(ins(p, iri("cg", "setBy"))).forEach(function (d) {
  [["set target", iri("cg", "Target")], ["set directive", iri("cg", "Directive")]].forEach(function (k) {
    graphsOf(d, k[1]).forEach(function (gr) {
      if (k[0] === "set directive" && hasTypeIn(d, iri("cg", "Target"), gr)) return;
      row(gr, {date: dateOf(outsIn(d, iri("cg", "statedAt"), gr), START, gr), relation: k[0], object: label(d, gr),
        detail: list(outsIn(d, iri("cg", "period"), gr)), paragraphs: paragraphs(d, gr)});
    });
  });
});
uniq(ins(p, iri("cg", "statedBy"))).forEach(function (s) {
  graphsOf(s, iri("cg", "Statement")).forEach(function (gr) {
    row(gr, {date: dateOf(outsIn(s, iri("cg", "statedAt"), gr), START, gr),
      relation: list(outsIn(s, iri("cg", "speechAct"), gr).map(conceptWord)),
      object: list(outsIn(s, iri("schema", "description"), gr)),
      detail: labels(outsIn(s, iri("cg", "addressedTo"), gr), gr), paragraphs: paragraphs(s, gr)});
  });
});
