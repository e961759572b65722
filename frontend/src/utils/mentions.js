// Mentions of codex entries in prose: `[[Name]]` or `[[Name|shown text]]` (the API resolves the
// name over entries' names and aliases and keeps links when an entry is renamed). Pure functions:
// the renderer (MarkdownView), the completion while typing (useMentionCompletion) and any later
// editor share them.

/**
 * One mention, as the API parses it (api/core/mentions.py): `[[` name, optionally `|` shown text,
 * `]]`; no brackets, bars or line breaks inside; `\[[` is no mention.
 */
export const MENTION_RE = /(?<!\\)\[\[([^[\]|\r\n]{1,200})(?:\|([^[\]|\r\n]{1,200}))?\]\]/g;

const clean = (part) => part.trim().replace(/\s+/g, ' ');

/** How many distinct names one text resolves at once (the rest show as plain text). */
export const MAX_MENTION_NAMES = 100;

/** The text split into strings and mentions `{name, shown}` (spaces folded; shown defaults to the name). */
export function splitMentions(text) {
  const parts = [];
  let last = 0;
  for (const m of String(text || '').matchAll(MENTION_RE)) {
    const name = clean(m[1]);
    const shown = m[2] === undefined ? name : clean(m[2]);
    if (!name || !shown) continue;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ name, shown });
    last = m.index + m[0].length;
  }
  if (last < String(text || '').length) parts.push(text.slice(last));
  return parts;
}

/** The distinct names mentioned in `text`, sorted (so the same text asks the same question). */
export function mentionNames(text) {
  const names = new Set();
  for (const part of splitMentions(text)) if (typeof part !== 'string') names.add(part.name);
  return [...names].sort().slice(0, MAX_MENTION_NAMES);
}

/** The text as a reader sees it, mention brackets dropped (for one-line previews and card excerpts). */
export function plainMentions(text) {
  return splitMentions(text)
    .map((part) => (typeof part === 'string' ? part : part.shown))
    .join('');
}

// What is being typed before the caret: `@query` (after a space, a bracket or the start) or `[[query`.
const TOKEN_RE = /(?:^|[\s([{"'“‘])(@|\[\[)([^\n@[\]|]{0,60})$/u;

/**
 * The mention being typed at `caret` in `text`: `{start, end, query, trigger}` (start is where the
 * `@` or `[[` begins, end the caret), or null when the caret is not in one.
 */
export function mentionToken(text, caret) {
  const before = String(text || '').slice(0, caret);
  const m = TOKEN_RE.exec(before);
  if (!m) return null;
  const query = m[2];
  // a long phrase after "@" with no end is prose (an e-mail address, "@ the inn"), not a name being typed
  if (/^\s/.test(query) || query.split(/\s+/).length > 5) return null;
  return { start: caret - query.length - m[1].length, end: caret, query, trigger: m[1] };
}

/**
 * `text` with the token replaced by `[[name]]` and a space (none before a space or punctuation; a
 * closing `]]` already after the caret is reused), and where the caret goes: after them.
 */
export function insertMention(text, token, name) {
  const source = String(text || '');
  let after = source.slice(token.end);
  if (token.trigger === '[[' && after.startsWith(']]')) after = after.slice(2);
  const mention = `[[${name}]]`;
  const spacer = /^[\s.,;:!?)\]}'"”’]/u.test(after) ? '' : ' ';
  const next = `${source.slice(0, token.start)}${mention}${spacer}${after}`;
  return { text: next, caret: token.start + mention.length + spacer.length };
}
