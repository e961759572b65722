import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTH_EXPIRED_EVENT, client, errorMessage, getToken, setReauthHandler, setToken, SIGNED_OUT_MESSAGE, stories, trash, worlds, auth, gpt } from './api.js';
import { markUnsaved } from './unsaved.js';

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
    reply = () => [400, { error: 'Invalid body', code: 'validation_error', details: { name: 'Field required' } }];
    const err = await worlds.create({}).catch((e) => e);
    // the vague "Invalid body" gives way to what the field needs, in the message and under the field
    expect(err.message).toBe('Give it a name.');
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_error');
    expect(err.details).toEqual({ name: 'Give it a name.' });
  });

  it('uses `message` of auth routes when there is no `error`', async () => {
    reply = () => [401, { success: false, message: 'Invalid username or password' }];
    const err = await auth.login({ username: 'x', password: 'y' }).catch((e) => e);
    expect(err.message).toBe('Invalid username or password.');
  });

  it('mentions Retry-After on 429', async () => {
    reply = () => [429, { error: 'Daily AI quota reached', code: 'quota_exceeded' }, { 'retry-after': '30' }];
    const err = await gpt.analyze({}).catch((e) => e);
    expect(err.message).toBe('Daily AI quota reached. Try again in 30 seconds.');
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

  it('sends If-Match with the version a write is made over, and none without one', async () => {
    await stories.update('s1', { title: 'Hai' }, 3);
    await worlds.update('w1', { name: 'Eldoria' }, 7);
    await worlds.updateEntity('w1', 'e1', { name: 'Mira' }, 2);
    await worlds.updateLocation('w1', 'l1', { name: 'Hải cảng' }, 5);
    await stories.update('s1', { title: 'Ba' });
    expect(calls.map((c) => c.headers['If-Match'])).toEqual(['"3"', '"7"', '"2"', '"5"', undefined]);
  });

  it('keeps the current document of a 412 version conflict', async () => {
    const current = { story_id: 's1', title: 'Theirs', version: 4 };
    reply = () => [412, { error: 'The document changed', code: 'version_conflict', details: {}, current }, { etag: '"4"' }];
    const err = await stories.update('s1', { title: 'Mine' }, 3).catch((e) => e);
    expect(err.status).toBe(412);
    expect(err.code).toBe('version_conflict');
    expect(err.current).toEqual(current);
  });

  it('lists, restores and purges the trash', async () => {
    reply = () => [200, [{ trash_id: 't1' }], { 'x-total-count': '1' }];
    expect(await trash.list({ page: 2, per_page: 20 })).toEqual({ items: [{ trash_id: 't1' }], total: 1 });
    reply = () => [200, {}];
    await trash.restore('t1');
    await trash.purge('t1');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['get /trash', 'post /trash/t1/restore', 'delete /trash/t1']);
  });
});

describe('a session that ends: the 401 interceptor', () => {
  let unregister = () => {};
  afterEach(() => unregister());

  // the token "old" has expired; "new" is good
  beforeEach(() => {
    reply = (config) => (config.headers.Authorization === 'Bearer new' ? [200, { ok: true, data: config.data }] : [401, { error: 'Token expired' }]);
    setToken('old');
  });

  it('on a write, waits for the sign-in handler and sends the request again with the new token', async () => {
    const handler = vi.fn(async () => setToken('new'));
    unregister = setReauthHandler(handler);
    const res = await stories.update('s1', { content: 'Văn bản' });
    expect(res.ok).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(JSON.parse(calls[1].data)).toEqual({ content: 'Văn bản' });
  });

  it('asks once for writes that fail together', async () => {
    let signIn;
    const handler = vi.fn(() => new Promise((resolve) => (signIn = resolve)));
    unregister = setReauthHandler(handler);
    const both = Promise.all([stories.update('s1', { title: 'a' }), worlds.update('w1', { name: 'b' })]);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    setToken('new');
    signIn();
    await both;
    expect(handler).toHaveBeenCalledTimes(1);
    expect(calls.slice(2).map((c) => c.headers.Authorization)).toEqual(['Bearer new', 'Bearer new']);
  });

  it('a declined sign-in rejects with a message that says the text is kept, and keeps the token', async () => {
    unregister = setReauthHandler(() => Promise.reject(new Error('declined')));
    const err = await stories.update('s1', { title: 'a' }).catch((e) => e);
    expect(err.status).toBe(401);
    expect(err.message).toBe(SIGNED_OUT_MESSAGE);
    expect(getToken()).toBe('old');
  });

  it('a read asks only while a form is unsaved; otherwise the session ends', async () => {
    const handler = vi.fn(async () => setToken('new'));
    unregister = setReauthHandler(handler);
    markUnsaved('f1', true);
    expect((await worlds.get('w1')).ok).toBe(true);
    markUnsaved('f1', false);
    expect(handler).toHaveBeenCalledTimes(1);

    setToken('old');
    const listener = vi.fn();
    window.addEventListener(AUTH_EXPIRED_EVENT, listener);
    await worlds.get('w1').catch(() => {});
    window.removeEventListener(AUTH_EXPIRED_EVENT, listener);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getToken()).toBeNull();
  });

  it('a request answered after the writer signed in again is simply sent again', async () => {
    const handler = vi.fn();
    unregister = setReauthHandler(handler);
    let first = true;
    reply = (config) => {
      if (first) {
        first = false;
        setToken('new'); // signed in (another tab, the dialog) while this request was on its way
        return [401, { error: 'Token expired' }];
      }
      return [200, { ok: config.headers.Authorization === 'Bearer new' }];
    };
    expect((await worlds.get('w1')).ok).toBe(true);
    expect(handler).not.toHaveBeenCalled();
  });
});
