import { describe, expect, it } from 'vitest';
import { activitySentence, appPath, displayName, initials, timeAgo } from './people.js';

describe('people words', () => {
  it('names a person by display name, else username', () => {
    expect(displayName({ username: 'minh', display_name: '  ' })).toBe('minh');
    expect(displayName({ username: 'minh', display_name: 'Nguyễn Minh' })).toBe('Nguyễn Minh');
    expect(displayName(null)).toBe('Someone');
  });

  it('takes initials from any script', () => {
    expect(initials({ display_name: 'Nguyễn Văn Ánh' })).toBe('NÁ');
    expect(initials({ username: 'élodie_marchand' })).toBe('ÉM');
    expect(initials({ username: 'ayla' })).toBe('A');
  });

  it('writes what happened', () => {
    const item = { action: 'edited', kind: 'entry', title: 'Mara', actor: { username: 'minh', display_name: 'Minh' } };
    expect(activitySentence(item, { short: true })).toBe('Minh edited Mara');
    expect(activitySentence(item)).toBe('Minh edited entry “Mara”');
    expect(activitySentence({ ...item, kind: 'world', title: 'Eldoria' })).toBe('Minh edited the world “Eldoria”');
    expect(activitySentence({ ...item, actor: null, title: '' }, { short: true })).toBe('Someone edited entry');
  });

  it('links only to addresses inside the app', () => {
    expect(appPath('/worlds/w1/entries/e1')).toBe('/worlds/w1/entries/e1');
    expect(appPath('//evil.example/x')).toBeNull();
    expect(appPath('/\\evil.example')).toBeNull();
    expect(appPath('javascript:alert(1)')).toBeNull();
    expect(appPath('https://evil.example')).toBeNull();
    expect(appPath(null)).toBeNull();
  });

  it('says how long ago', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    expect(timeAgo('2030-01-01T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2030-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(timeAgo('2030-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(timeAgo('nonsense', now)).toBe('');
  });
});
