import { describe, expect, it } from 'vitest';
import { insertMention, mentionNames, mentionToken, plainMentions, splitMentions } from './mentions.js';

describe('mentions', () => {
  it('splits text into words and [[Name]] / [[Name|shown]] mentions, tone marks kept', () => {
    expect(splitMentions('Gặp [[ Trần Hưng Đạo ]] ở [[Hà Nội|kinh đô]].')).toEqual([
      'Gặp ',
      { name: 'Trần Hưng Đạo', shown: 'Trần Hưng Đạo' },
      ' ở ',
      { name: 'Hà Nội', shown: 'kinh đô' },
      '.',
    ]);
    // as the API reads them: no empty part, no second bar, no line break, an escaped [[ stays text
    expect(splitMentions('[[]] [[a\nb]] [[x|]] [[a|b|c]] \\[[Esc]] [not] [[Bà   Triệu| bà ]]')).toEqual([
      '[[]] [[a\nb]] [[x|]] [[a|b|c]] \\[[Esc]] [not] ',
      { name: 'Bà Triệu', shown: 'bà' },
    ]);
  });

  it('lists each name once, sorted, and reads mentions as plain text', () => {
    expect(mentionNames('[[Mira]] and [[Ayla|her]] and [[Mira|Mi]]')).toEqual(['Ayla', 'Mira']);
    expect(plainMentions('[[Mira]] met [[Ayla|her]].')).toBe('Mira met her.');
  });

  it('finds the mention being typed before the caret: @ after a space or the start, or [[', () => {
    expect(mentionToken('Hi @Ay', 6)).toEqual({ start: 3, end: 6, query: 'Ay', trigger: '@' });
    expect(mentionToken('@', 1)).toEqual({ start: 0, end: 1, query: '', trigger: '@' });
    expect(mentionToken('x [[Trần Hư', 11)).toEqual({ start: 2, end: 11, query: 'Trần Hư', trigger: '[[' });
    expect(mentionToken('mail a@b.vn', 11)).toBeNull();
    expect(mentionToken('@ the inn', 9)).toBeNull();
    expect(mentionToken('@one two three four five six', 28)).toBeNull();
    expect(mentionToken('@Ay\nla', 6)).toBeNull();
  });

  it('writes [[Name]] over the token, with a space unless punctuation follows', () => {
    expect(insertMention('Hi @Ay', { start: 3, end: 6, trigger: '@' }, 'Ayla')).toEqual({ text: 'Hi [[Ayla]] ', caret: 12 });
    expect(insertMention('Hi @Ay.', { start: 3, end: 6, trigger: '@' }, 'Ayla')).toEqual({ text: 'Hi [[Ayla]].', caret: 11 });
    expect(insertMention('Hi [[Ay]] x', { start: 3, end: 7, trigger: '[[' }, 'Ayla')).toEqual({ text: 'Hi [[Ayla]] x', caret: 11 });
  });
});
