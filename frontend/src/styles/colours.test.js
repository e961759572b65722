// Every colour of the app is a variable of theme.css (which holds its light and dark value), so
// each style sheet, today's and any added later, follows the Light / Dark / System choice.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.dirname(new URL(import.meta.url).pathname);
const SHEETS = readdirSync(DIR).filter((f) => f.endsWith('.css') && f !== 'theme.css');
const LITERAL = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|\b(white|black)\b(?![-\w])/gi;

/** The literal colours of a style sheet, with their line numbers (comments left out). */
function literals(file) {
  const text = readFileSync(path.join(DIR, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return text.split('\n').flatMap((line, i) => (line.replace(/white-space:[^;]*/g, '').match(LITERAL) || []).map((m) => `${file}:${i + 1} ${m}`));
}

describe('colours', () => {
  it.each(SHEETS)('%s uses only the theme variables', (file) => {
    expect(literals(file)).toEqual([]);
  });

  it('theme.css gives every token a light and a dark value, or one that suits both', () => {
    const theme = readFileSync(path.join(DIR, 'theme.css'), 'utf8');
    const tokens = [...theme.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)];
    expect(tokens.length).toBeGreaterThan(40);
    expect(theme).toMatch(/:root\[data-theme='dark'\]\s*{\s*color-scheme: dark;/);
    expect(theme).toMatch(/:root\[data-theme='light'\]\s*{\s*color-scheme: light;/);
    // every variable a sheet uses is defined
    const defined = new Set(tokens.map((t) => t[1]));
    const used = SHEETS.flatMap((f) => [...readFileSync(path.join(DIR, f), 'utf8').matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]));
    const local = new Set(SHEETS.flatMap((f) => [...readFileSync(path.join(DIR, f), 'utf8').matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1])));
    expect([...new Set(used)].filter((v) => !defined.has(v) && !local.has(v))).toEqual([]);
  });
});
