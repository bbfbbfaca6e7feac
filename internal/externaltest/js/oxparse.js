// Usage: node oxparse.js FILE MEDIA-TYPE
// Parses FILE strictly with oxigraph (from its bytes, so invalid UTF-8 is
// caught) and prints every quad as one canonical N-Quads line, sorted.
const fs = require('fs');
const ox = require('oxigraph');
const [file, format] = process.argv.slice(2);
try {
  const quads = ox.parse(fs.readFileSync(file), { format });
  const lines = quads.map((q) => q.toString() + ' .');
  lines.sort();
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e) + '\n');
  process.exit(1);
}
