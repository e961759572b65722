import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_MAX_AGE_MS, clearDraft, createDraftWriter, draftKey, isDraftNewer, pruneDrafts, readDraft, sameValues, writeDraft } from './drafts.js';

const DAY = 24 * 60 * 60 * 1000;

describe('draft keys', () => {
  it('are per user, form and document ("new" for a form that creates one)', () => {
    const keys = [
      draftKey('u1', 'story', 's1'),
      draftKey('u2', 'story', 's1'),
      draftKey('u1', 'world', 's1'),
      draftKey('u1', 'story', 's2'),
      draftKey('u1', 'story'),
      draftKey('u1', 'character@w1'),
      draftKey('u1', 'character@w2'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(draftKey('u1', 'story')).toBe(draftKey('u1', 'story', 'new'));
    expect(draftKey(null, 'story')).toContain('anonymous');
  });
});

describe('the draft store', () => {
  const key = draftKey('u1', 'story', 's1');

  it('reads back what it wrote, Vietnamese text included', () => {
    writeDraft(key, { title: 'Ngọn hải đăng', content: 'Mira rời đảo lúc bình minh.' }, { baseVersion: 3 }, 1000);
    expect(readDraft(key, 2000)).toEqual({ values: { title: 'Ngọn hải đăng', content: 'Mira rời đảo lúc bình minh.' }, savedAt: 1000, baseVersion: 3 });
  });

  it('drops a draft past its age, and one it cannot read', () => {
    writeDraft(key, { title: 'old' }, {}, 0);
    expect(readDraft(key, DRAFT_MAX_AGE_MS - 1)).not.toBeNull();
    expect(readDraft(key, DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(localStorage.getItem(key)).toBeNull();
    localStorage.setItem(key, '{not json');
    expect(readDraft(key)).toBeNull();
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('clears one draft; pruning removes only expired drafts and nothing else of the app', () => {
    const now = 40 * DAY;
    writeDraft(key, { title: 'fresh' }, {}, now - DAY);
    writeDraft(draftKey('u1', 'world'), { name: 'stale' }, {}, now - 31 * DAY);
    localStorage.setItem('worldsmith_token', 'abc');
    expect(pruneDrafts(now)).toBe(1);
    expect(readDraft(key, now).values.title).toBe('fresh');
    expect(localStorage.getItem('worldsmith_token')).toBe('abc');
    clearDraft(key);
    expect(readDraft(key, now)).toBeNull();
  });

  it('compares values field by field of the saved ones ("50" is 50)', () => {
    expect(sameValues({ title: 'A', time_index: '50', extra: 1 }, { title: 'A', time_index: 50 })).toBe(true);
    expect(sameValues({ title: 'A ' }, { title: 'A' })).toBe(false);
    expect(sameValues({}, { role: '' })).toBe(true);
  });

  it('knows a draft newer than the saved document, by time and by version', () => {
    const doc = { updated_at: new Date(5000).toISOString(), version: 4 };
    expect(isDraftNewer({ savedAt: 6000, baseVersion: 4 }, doc)).toBe(true);
    expect(isDraftNewer({ savedAt: 4000, baseVersion: 4 }, doc)).toBe(false);
    expect(isDraftNewer({ savedAt: 6000, baseVersion: 3 }, doc)).toBe(false); // typed over an older version
    expect(isDraftNewer({ savedAt: 1, baseVersion: null }, null)).toBe(true);
  });
});

describe('the debounced writer', () => {
  const key = draftKey('u1', 'story', 'new');
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes 500 ms after the last change, not on every keystroke', () => {
    const writer = createDraftWriter(key);
    writer.schedule({ content: 'M' }, {});
    vi.advanceTimersByTime(300);
    writer.schedule({ content: 'Mi' }, {});
    vi.advanceTimersByTime(300);
    expect(readDraft(key)).toBeNull();
    writer.schedule({ content: 'Mir' }, { baseVersion: 2 });
    vi.advanceTimersByTime(499);
    expect(readDraft(key)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(readDraft(key)).toMatchObject({ values: { content: 'Mir' }, baseVersion: 2 });
  });

  it('still writes every 2 s while the typing goes on', () => {
    const writer = createDraftWriter(key);
    for (let i = 1; i <= 10; i++) {
      writer.schedule({ content: 'x'.repeat(i) }, {});
      vi.advanceTimersByTime(250);
    }
    expect(readDraft(key).values.content.length).toBeGreaterThanOrEqual(7);
  });

  it('flushes at once (a closed tab) and forgets on cancel (a save)', () => {
    const writer = createDraftWriter(key);
    writer.schedule({ content: 'closing now' }, {});
    writer.flush();
    expect(readDraft(key).values.content).toBe('closing now');
    clearDraft(key);
    writer.schedule({ content: 'saved' }, {});
    writer.cancel();
    vi.advanceTimersByTime(5000);
    expect(readDraft(key)).toBeNull();
  });
});
