import { describe, expect, it } from 'vitest';
import { safeNext } from './nextPath.js';

describe('safeNext', () => {
  const origin = 'https://worldsmith.example';
  it('keeps a path of this site, with its query and hash', () => {
    expect(safeNext('/stories/s1?tab=x#top', origin)).toBe('/stories/s1?tab=x#top');
    expect(safeNext('/worlds/Th%E1%BA%BF-gi%E1%BB%9Bi', origin)).toBe('/worlds/Th%E1%BA%BF-gi%E1%BB%9Bi');
  });
  it('refuses other origins, protocol-relative and script URLs, and the login pages', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'stories', '', null, undefined, '/login', '/register/']) {
      expect(safeNext(bad, origin)).toBeNull();
    }
  });
});
