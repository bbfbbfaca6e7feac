// Usage: node sparql.js DATA.nq QUERY.rq [QUERY.rq ...]
// Loads an N-Quads file into an oxigraph Store, runs each SPARQL 1.1 SELECT
// query over the union of all graphs and prints its rows as a JSON array of
// objects, one line per query: IRIs as the IRI, literals as their lexical
// form, blank nodes as _:id; unbound variables are left out. Several
// queries share one load of the data.
const fs = require('fs');
const ox = require('oxigraph');
const [data, ...queryFiles] = process.argv.slice(2);
try {
  const store = new ox.Store();
  store.load(fs.readFileSync(data), { format: 'application/n-quads' });
  for (const queryFile of queryFiles) {
  const sparql = fs.readFileSync(queryFile, 'utf8');
  const rows = store.query(sparql, { use_default_graph_as_union: true });
  if (!Array.isArray(rows)) throw new Error('not a SELECT query');
  const out = rows.map((row) => {
    const o = {};
    for (const [k, v] of row) {
      if (v === undefined || v === null) continue;
      o[k] = v.termType === 'BlankNode' ? '_:' + v.value : v.value;
    }
    return o;
  });
  process.stdout.write(JSON.stringify(out) + '\n');
  }
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e) + '\n');
  process.exit(1);
}
