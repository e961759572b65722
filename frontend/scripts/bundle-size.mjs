// Prints the size of the JavaScript the browser loads up front (entry + modulepreloads), raw and gzip.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let raw = 0;
let gz = 0;
for (const file of initial) {
  const buf = readFileSync(path.join(dist, file.replace(/^\//, '')));
  const g = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += g;
  console.log(`${file.padEnd(44)} ${kb(buf.length).padStart(10)}  gzip ${kb(g).padStart(9)}`);
}
const all = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const lazy = all.filter((f) => !initial.some((i) => i.endsWith(f)));
const lazyGz = lazy.reduce((n, f) => n + gzipSync(readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length, 0);
console.log(`initial JS: ${kb(raw)} raw, ${kb(gz)} gzip (${initial.length} files); lazy route chunks: ${lazy.length} files, ${kb(lazyGz)} gzip`);
