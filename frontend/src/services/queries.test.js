import { describe, expect, it } from 'vitest';
import { createQueryClient, queryKeys, worldChanged } from './queries.js';

describe('createQueryClient', () => {
  it('retries a lost connection or a server error, never a 4xx answer', () => {
    const { retry } = createQueryClient().getDefaultOptions().queries;
    expect(retry(0, { status: 0 })).toBe(true);
    expect(retry(1, { status: 503 })).toBe(true);
    expect(retry(2, { status: 0 })).toBe(false);
    expect(retry(0, { status: 404 })).toBe(false);
    expect(retry(0, { status: 429 })).toBe(false);
  });
});

describe('worldChanged', () => {
  it('invalidates the world, everything in it and the lists that show it, not other worlds', async () => {
    const queryClient = createQueryClient();
    const keys = {
      world: queryKeys.worlds.detail('w1'),
      cast: queryKeys.worlds.characters('w1'),
      list: queryKeys.worlds.list({ page: 1 }),
      story: queryKeys.stories.detail('s1'),
      stats: queryKeys.stats(),
      mentions: queryKeys.worlds.resolvedMentions('w1', ['Ayla']),
      search: queryKeys.search.results({ q: 'ha noi' }),
      other: queryKeys.worlds.characters('w2'),
      admin: queryKeys.admin.stats(),
    };
    Object.values(keys).forEach((key) => queryClient.setQueryData(key, {}));
    await worldChanged(queryClient, 'w1');
    const invalidated = Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key).isInvalidated)
      .map(([name]) => name);
    expect(invalidated).toEqual(['world', 'cast', 'list', 'story', 'stats', 'mentions', 'search']);
  });
});
