import { describe, expect, it } from 'vitest';
import { draftPreview } from './conflict.js';

describe('draftPreview', () => {
  it('shows where the draft differs from the form, cut at words', () => {
    const saved = 'Mira rời ngọn hải đăng lúc bình minh, mang theo chiếc đèn lồng cuối cùng. Ở bến cảng, thuyền trưởng chờ cô.';
    const draft = 'Mira rời ngọn hải đăng lúc bình minh, mang theo chiếc đèn lồng cuối cùng. Ở bến cảng, cậu bé giữ đèn chờ cô.';
    expect(draftPreview({ content: draft }, { content: saved }, ['content'])).toBe('…cuối cùng. Ở bến cảng, cậu bé giữ đèn chờ cô.');
    expect(draftPreview({ title: 'Ngọn hải đăng', content: saved }, { title: '', content: saved }, ['content', 'title'])).toBe('Ngọn hải đăng');
    expect(draftPreview({ content: 'word '.repeat(40) }, {}, ['content'])).toMatch(/^(word ){11,}word…$/);
    expect(draftPreview({ content: '  ' }, {}, ['content'])).toBe('');
  });
});
