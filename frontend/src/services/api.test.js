import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTH_EXPIRED_EVENT, client, errorMessage, getToken, setToken, stories, worlds, auth, gpt } from './api.js';

let calls;
let reply;

function respond(config, status, data, headers = {}) {
  const response = { data, status, statusText: String(status), headers, config, request: {} };
  if (status >= 200 && status < 300) return Promise.resolve(response);
  const err = new Error(`Request failed with status code ${status}`);
  err.isAxiosError = true;
  err.config = config;
  err.response = response;
  return Promise.reject(err);
}

beforeEach(() => {
  calls = [];
  reply = () => [200, {}];
  client.defaults.adapter = (config) => {
    calls.push(config);
    const [status, data, headers] = reply(config);
    return respond(config, status, data, headers);
  };
});

afterEach(() => {
  setToken(null);
});

describe('api client', () => {
  it('uses the relative /api base URL', async () => {
    await worlds.get('w1');
    expect(calls[0].baseURL).toBe('/api');
    expect(calls[0].url).toBe('/worlds/w1');
  });

  it('attaches the bearer token from localStorage', async () => {
    setToken('abc.def');
    await worlds.get('w1');
    expect(calls[0].headers.Authorization).toBe('Bearer abc.def');
  });

  it('sends no Authorization header without a token', async () => {
    await worlds.get('w1');
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it('reads lists and X-Total-Count, dropping empty params', async () => {
    reply = () => [200, [{ world_id: 'a' }, { world_id: 'b' }], { 'x-total-count': '57' }];
    const res = await worlds.list({ page: 2, per_page: 2, q: '', mine: undefined });
    expect(res).toEqual({ items: [{ world_id: 'a' }, { world_id: 'b' }], total: 57 });
    expect(calls[0].params).toEqual({ page: 2, per_page: 2 });
  });

  it('refuses a query parameter its endpoint does not declare, before any request', async () => {
    const err = await worlds.list({ sort: 'name' }).catch((e) => e);
    expect(err.message).toMatch(/worlds.list does not send sort/);
    expect(calls).toHaveLength(0);
  });

  it('fills the path from the ids, encoded', async () => {
    await worlds.updateEntity('w 1', 'e/2', { name: 'Ayla' });
    expect(calls[0].method).toBe('put');
    expect(calls[0].url).toBe('/worlds/w%201/entities/e%2F2');
    expect(JSON.parse(calls[0].data)).toEqual({ name: 'Ayla' });
  });

  it('falls back to the array length without X-Total-Count', async () => {
    reply = () => [200, [{ id: 1 }]];
    expect((await stories.list()).total).toBe(1);
  });

  it('turns {error, code, details} into an ApiError', async () => {
    reply = () => [400, { error: 'Validation failed', code: 'validation_error', details: { name: 'Required' } }];
    const err = await worlds.create({}).catch((e) => e);
    expect(err.message).toBe('Validation failed');
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_error');
    expect(err.details).toEqual({ name: 'Required' });
  });

  it('uses `message` of auth routes when there is no `error`', async () => {
    reply = () => [401, { success: false, message: 'Invalid username or password' }];
    const err = await auth.login({ username: 'x', password: 'y' }).catch((e) => e);
    expect(err.message).toBe('Invalid username or password');
  });

  it('mentions Retry-After on 429', async () => {
    reply = () => [429, { error: 'Daily AI quota reached', code: 'quota_exceeded' }, { 'retry-after': '30' }];
    const err = await gpt.analyze({}).catch((e) => e);
    expect(err.message).toBe('Daily AI quota reached Try again in 30 s.');
  });

  it('has a readable message when the server is unreachable', async () => {
    client.defaults.adapter = (config) => {
      const err = new Error('Network Error');
      err.isAxiosError = true;
      err.config = config;
      return Promise.reject(err);
    };
    const err = await worlds.get('x').catch((e) => e);
    expect(err.message).toMatch(/Cannot reach the server/);
    expect(err.status).toBe(0);
  });

  it('falls back to a status text when the body has no message', async () => {
    reply = () => [404, '<html>nope</html>'];
    const err = await worlds.get('x').catch((e) => e);
    expect(err.message).toBe('Not found.');
  });

  it('drops an expired token on 401 and tells the app', async () => {
    setToken('old');
    const listener = vi.fn();
    window.addEventListener(AUTH_EXPIRED_EVENT, listener);
    reply = () => [401, { error: 'Token expired', code: 'unauthorized' }];
    await worlds.list().catch(() => {});
    window.removeEventListener(AUTH_EXPIRED_EVENT, listener);
    expect(getToken()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps the token on a failed login attempt', async () => {
    setToken('still-valid');
    reply = () => [401, { success: false, message: 'Bad credentials' }];
    await auth.login({ username: 'a', password: 'b' }).catch(() => {});
    expect(getToken()).toBe('still-valid');
  });

  it('sends force=true to event extraction and user_ids to share', async () => {
    reply = () => [202, { task_id: 't1', status: 'pending' }];
    await worlds.extractEvents('w1', true);
    expect(calls[0].params).toEqual({ force: 'true' });
    reply = () => [200, {}];
    await worlds.share('w1', ['u1', 'u2']);
    expect(JSON.parse(calls[1].data)).toEqual({ user_ids: ['u1', 'u2'] });
    expect(calls[1].method).toBe('post');
    expect(calls[1].url).toBe('/worlds/w1/share');
  });

  it('errorMessage handles plain values', () => {
    expect(errorMessage(null)).toBe('Something went wrong.');
    expect(errorMessage({ response: { status: 503, data: {} } })).toBe('The AI service is unavailable right now.');
  });
});
