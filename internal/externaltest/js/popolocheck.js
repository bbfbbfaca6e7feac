// popolocheck.js SCHEMADIR FILE: validates a Popolo JSON document with the
// npm package jsonschema against the Popolo project's draft-03 JSON
// Schemas in SCHEMADIR. Every $ref (http://www.popoloproject.com/schemas/
// NAME.json#) is mapped to SCHEMADIR/NAME.json, added to the validator
// beforehand: nothing is fetched, and a $ref left unresolved is an error.
// Each object of persons, organizations, posts, memberships and events must
// be valid against its schema and carry sources; ids are unique; every
// person_id, organization_id, post_id, parent_id and attendee id names an
// object of the document. Prints "ok" and the counts, or the errors (exit 1).
"use strict";
const fs = require("fs");
const path = require("path");
const { Validator } = require("jsonschema");

const [dir, file] = process.argv.slice(2);
const v = new Validator();
const base = "http://www.popoloproject.com/schemas/";
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const s = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  if (s.id !== base + f + "#") throw new Error(`${f}: id ${s.id}, want ${base + f}#`);
  v.addSchema(s, s.id);
}
const schema = (name) => v.schemas[base + name + ".json#"];

const doc = JSON.parse(fs.readFileSync(file, "utf8"));
const errors = [];
const arrays = { persons: "person", organizations: "organization", posts: "post", memberships: "membership", events: "event" };
const keys = Object.keys(doc).sort().join(",");
if (keys !== Object.keys(arrays).sort().join(",")) errors.push(`top-level keys ${keys}`);

const ids = {};
for (const [key, name] of Object.entries(arrays)) {
  ids[key] = new Set();
  if (!Array.isArray(doc[key])) {
    errors.push(`${key} is not an array`);
    continue;
  }
  doc[key].forEach((o, i) => {
    const where = `${key}[${i}] ${o && o.id}`;
    const r = v.validate(o, schema(name), { nestedErrors: true });
    for (const e of r.errors) errors.push(`${where}: ${e.property} ${e.message}`);
    if (typeof o.id !== "string" || o.id === "") errors.push(`${where}: no id`);
    else if (ids[key].has(o.id)) errors.push(`${where}: id repeats`);
    ids[key].add(o.id);
    if (!Array.isArray(o.sources) || o.sources.length === 0) errors.push(`${where}: no sources`);
  });
}
if (v.unresolvedRefs.length) errors.push(`unresolved $refs: ${v.unresolvedRefs.join(" ")}`);

function ref(where, what, id, set) {
  if (id !== undefined && id !== null && !ids[set].has(id)) errors.push(`${where}: ${what} ${id} is not in ${set}`);
}
for (const o of doc.organizations || []) ref(`organization ${o.id}`, "parent_id", o.parent_id, "organizations");
for (const o of doc.posts || []) ref(`post ${o.id}`, "organization_id", o.organization_id, "organizations");
for (const o of doc.memberships || []) {
  const w = `membership ${o.id}`;
  if (!o.person_id) errors.push(`${w}: no person_id`);
  ref(w, "person_id", o.person_id, "persons");
  ref(w, "organization_id", o.organization_id, "organizations");
  ref(w, "post_id", o.post_id, "posts");
}
for (const o of doc.events || []) {
  const w = `event ${o.id}`;
  ref(w, "parent_id", o.parent_id, "events");
  if (o.parent_id === o.id) errors.push(`${w}: its own parent`);
  ref(w, "organization_id", o.organization_id, "organizations");
  for (const a of o.attendees || []) ref(w, "attendee", a.id, "persons");
}

if (errors.length) {
  console.log(errors.slice(0, 50).join("\n"));
  if (errors.length > 50) console.log(`… ${errors.length - 50} more`);
  process.exit(1);
}
console.log("ok");
for (const k of Object.keys(arrays)) console.log(`${k} ${doc[k].length}`);
