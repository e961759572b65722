import { describe, expect, it } from 'vitest';
import { codePointIndex, locateQuote, utf16Index } from './editorSpan.js';

describe('offsets between the API (code points) and the editor (UTF-16)', () => {
  it('agree on plain and Vietnamese text, and differ past an emoji', () => {
    expect(utf16Index('Mara rời đảo', 5)).toBe(5);
    const text = '🌙 Mara wakes';
    expect(utf16Index(text, 2)).toBe(3); // the moon is two UTF-16 units
    expect(codePointIndex(text, 3)).toBe(2);
    expect(codePointIndex(text, text.length)).toBe([...text].length);
  });
});

describe('locateQuote', () => {
  const doc = 'Mara died in winter. In spring Mara walked to the well. Mara walked home.';

  it('takes the span at the finding’s offsets when the words are there', () => {
    const start = doc.indexOf('Mara walked to');
    expect(locateQuote(doc, { quote: 'Mara walked', start, end: start + 11 })).toEqual({ from: start, to: start + 11 });
  });

  it('converts code point offsets past an astral character', () => {
    const text = `🌙 ${doc}`;
    const cp = [...text].join('').indexOf('Mara walked') - 1; // one code point fewer than UTF-16 units before it
    const found = locateQuote(text, { quote: 'Mara walked', start: cp, end: cp + 11 });
    expect(text.slice(found.from, found.to)).toBe('Mara walked');
    expect(found.from).toBe(text.indexOf('Mara walked'));
  });

  it('finds the quote nearest to where the check saw it when the text moved', () => {
    const moved = `New. ${doc}`;
    const start = doc.lastIndexOf('Mara walked');
    const found = locateQuote(moved, { quote: 'Mara walked', start, end: start + 11 });
    expect(found.from).toBe(moved.lastIndexOf('Mara walked'));
  });

  it('matches Vietnamese in either Unicode form (NFC quote, NFD text)', () => {
    const nfd = 'Sau khi chết, Nguyễn Văn An vẫn đi chợ.'.normalize('NFD');
    const found = locateQuote(nfd, { quote: 'Nguyễn Văn An vẫn đi chợ'.normalize('NFC'), start: 14, end: 38 });
    expect(found).not.toBeNull();
    expect(nfd.slice(found.from, found.to).normalize('NFC')).toBe('Nguyễn Văn An vẫn đi chợ');
  });

  it('answers null when the quoted words are gone', () => {
    expect(locateQuote(doc, { quote: 'Orin laughed', start: 3, end: 15 })).toBeNull();
    expect(locateQuote(doc, { quote: '', start: -1, end: -1 })).toBeNull();
  });
});
