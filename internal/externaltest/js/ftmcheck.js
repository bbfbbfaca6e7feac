// ftmcheck.js FILE: validates FollowTheMoney JSON Lines against the model
// shipped by @alephdata/followthemoney (its Model, Schema and Property
// classes over dist/defaultModel.json). Each line must be one entity
// {id, schema, properties} whose schema exists and is not abstract, whose
// id matches FtM's ID pattern (at most 200 characters) and is unique, whose
// properties exist on the schema or a schema it extends (stubs, the
// reverse side of a reference, are not written), whose values are lists of
// strings that fit the property's type (dates as ISO-8601 prefixes,
// entity references resolving to an entity of the stream whose schema is
// the range or extends it, never the entity itself; countries, genders and
// languages from the model's lists; URLs; the type's maximum length), and
// which has the required properties of its schema and of the schemata it
// extends. Prints "ok N" and the count per schema, or the errors (exit 1).
"use strict";
const fs = require("fs");
const { Model, defaultModel } = require("@alephdata/followthemoney");

const model = new Model(defaultModel);
const lines = fs.readFileSync(process.argv[2], "utf8").split("\n");
if (lines[lines.length - 1] === "") lines.pop();

const errors = [];
const err = (n, msg) => errors.push(`line ${n}: ${msg}`);
const idRe = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;
const dateRe = /^(\d{4})(-(\d{2})(-(\d{2})(T(\d{2})(:(\d{2})(:(\d{2}))?)?)?)?)?$/;

const entities = [];
const ids = new Map();
lines.forEach((line, i) => {
  const n = i + 1;
  let e;
  try {
    e = JSON.parse(line);
  } catch (x) {
    return err(n, "not JSON: " + x.message);
  }
  const keys = Object.keys(e).sort().join(",");
  if (keys !== "id,properties,schema") return err(n, `keys ${keys}, want id, properties, schema`);
  if (typeof e.id !== "string" || !idRe.test(e.id) || e.id.length > 200) err(n, `bad id ${JSON.stringify(e.id)}`);
  if (ids.has(e.id)) err(n, `id ${e.id} repeats`);
  ids.set(e.id, e.schema);
  entities.push([n, e]);
});

function required(schema) {
  const out = new Set(schema.required);
  for (const p of schema.getParents()) for (const r of p.required) out.add(r);
  return out;
}

function checkDate(s) {
  const m = dateRe.exec(s);
  if (!m) return false;
  if (m[3] && (+m[3] < 1 || +m[3] > 12)) return false;
  if (m[5]) {
    const days = new Date(Date.UTC(+m[1], +m[3], 0)).getUTCDate();
    if (+m[5] < 1 || +m[5] > days) return false;
  }
  return true;
}

const counts = {};
for (const [n, e] of entities) {
  let schema;
  try {
    schema = model.getSchema(e.schema);
  } catch (x) {
    err(n, `unknown schema ${e.schema}`);
    continue;
  }
  if (schema.abstract) err(n, `schema ${e.schema} is abstract`);
  counts[schema.name] = (counts[schema.name] || 0) + 1;
  if (typeof e.properties !== "object" || e.properties === null || Array.isArray(e.properties)) {
    err(n, "properties is not an object");
    continue;
  }
  for (const r of required(schema)) {
    if (!Array.isArray(e.properties[r]) || e.properties[r].length === 0) err(n, `${e.id} (${e.schema}) lacks required ${r}`);
  }
  for (const [name, values] of Object.entries(e.properties)) {
    if (!schema.hasProperty(name)) {
      err(n, `${e.schema} has no property ${name}`);
      continue;
    }
    const prop = schema.getProperty(name);
    if (prop.stub) err(n, `${e.schema}:${name} is a stub (reverse) property`);
    if (!Array.isArray(values) || values.length === 0) {
      err(n, `${name} is not a non-empty list`);
      continue;
    }
    const type = prop.type;
    for (const val of values) {
      if (typeof val !== "string" || val.trim() === "") {
        err(n, `${name}: value ${JSON.stringify(val)} is not a non-empty string`);
        continue;
      }
      if (type.maxLength && val.length > type.maxLength) err(n, `${name}: value longer than ${type.maxLength}`);
      switch (type.name) {
        case "date":
          if (!checkDate(val)) err(n, `${name}: ${JSON.stringify(val)} is not an ISO-8601 date prefix`);
          break;
        case "entity": {
          if (val === e.id) {
            err(n, `${name}: ${e.id} refers to itself`);
            break;
          }
          const target = ids.get(val);
          if (target === undefined) {
            err(n, `${name}: ${val} is not an entity of the stream`);
            break;
          }
          let ts;
          try {
            ts = model.getSchema(target);
          } catch (x) {
            break;
          }
          if (prop.range && !ts.isA(prop.range)) err(n, `${name}: ${val} is a ${target}, not a ${prop.range}`);
          break;
        }
        case "country":
        case "gender":
        case "language":
          if (!type.values.has(val)) err(n, `${name}: ${JSON.stringify(val)} is not a ${type.name} of the model`);
          break;
        case "url":
          try {
            const u = new URL(val);
            if (u.protocol !== "http:" && u.protocol !== "https:") err(n, `${name}: ${val} is not an http(s) URL`);
          } catch (x) {
            err(n, `${name}: ${val} is not a URL`);
          }
          break;
      }
    }
  }
}

if (errors.length) {
  console.log(errors.slice(0, 50).join("\n"));
  if (errors.length > 50) console.log(`… ${errors.length - 50} more`);
  process.exit(1);
}
console.log(`ok ${entities.length}`);
for (const k of Object.keys(counts).sort()) console.log(`${k} ${counts[k]}`);
