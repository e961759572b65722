// Word and character counts of a writer's text, the way the API counts them (plan D, core/scenes.py):
// a word is a run of letters, marks and digits (Vietnamese syllables split on spaces count one
// each), and each Chinese or Japanese character is a word of its own. Markdown syntax, link
// addresses and the brackets of [[mentions]] are not words.

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const WORD_RE = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+(?:['’](?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+)*`, 'gu');

/** The text without what a reader never sees as words: link addresses (`](…)`) and the `|` of mentions. */
const readable = (text) => String(text || '').replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']');

/** How many words `text` holds. */
export function countWords(text) {
  const m = readable(text).match(WORD_RE);
  return m ? m.length : 0;
}

/** How many characters `text` holds (code points, so an emoji or a rare CJK character is one). */
export function countChars(text) {
  let n = 0;
  // eslint-disable-next-line no-unused-vars
  for (const _ of String(text || '')) n++;
  return n;
}

/** "1 word" / "1,234 words". */
export function wordsLabel(n) {
  return `${n.toLocaleString('en')} ${n === 1 ? 'word' : 'words'}`;
}
