// Usage: node n3parse.js FILE FORMAT
// Parses FILE with N3.js (FORMAT: text/turtle, application/trig, ...) and
// prints the number of quads read, or the error and exit status 1.
const fs = require('fs');
const N3 = require('n3');
const [file, format] = process.argv.slice(2);
try {
  const quads = new N3.Parser({ format }).parse(fs.readFileSync(file, 'utf8'));
  process.stdout.write(String(quads.length) + '\n');
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e) + '\n');
  process.exit(1);
}
