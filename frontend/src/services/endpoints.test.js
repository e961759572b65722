import { beforeEach, describe, expect, it } from 'vitest';
import * as api from './api.js';
import { ENDPOINTS } from './endpoints.js';
import spec from './openapi.json';

/** One sentence per row of `table` that `spec` contradicts. */
function problems(table, spec) {
  return Object.entries(table).flatMap(([name, [method, path, query = []]]) => {
    const operation = (spec.paths[`/api${path}`] || {})[method.toLowerCase()];
    if (!operation) return [`${name}: ${method} /api${path} is not in the spec`];
    const params = (operation.parameters || []).filter((p) => p.in === 'query');
    const declared = params.map((p) => p.name);
    return [
      ...query.filter((q) => !declared.includes(q)).map((q) => `${name}: ${method} /api${path} declares no query parameter ${q}`),
      ...params.filter((p) => p.required && !query.includes(p.name)).map((p) => `${name}: ${method} /api${path} requires query parameter ${p.name}`),
    ];
  });
}

describe('the API client and the OpenAPI spec (src/services/openapi.json)', () => {
  it('every request of the client is an operation of the spec, with declared query parameters', () => {
    expect(problems(ENDPOINTS, spec)).toEqual([]);
  });

  it('reports a path, a method or a query parameter the spec does not have', () => {
    const wrong = {
      'worlds.archive': ['POST', '/worlds/{world_id}/archive'],
      'worlds.get': ['PATCH', '/stats'],
      'worlds.list': ['GET', '/worlds', ['q', 'sort']],
      'worlds.get2': ['GET', '/worlds/{id}'],
    };
    expect(problems(wrong, spec)).toEqual([
      'worlds.archive: POST /api/worlds/{world_id}/archive is not in the spec',
      'worlds.get: PATCH /api/stats is not in the spec',
      'worlds.list: GET /api/worlds declares no query parameter sort',
      'worlds.get2: GET /api/worlds/{id} is not in the spec',
    ]);
    const strict = { paths: { '/api/x': { get: { parameters: [{ in: 'query', name: 'q', required: true }] } } } };
    expect(problems({ x: ['GET', '/x'] }, strict)).toEqual(['x: GET /api/x requires query parameter q']);
  });
});

describe('each client function sends the request of its ENDPOINTS row', () => {
  let sent;
  beforeEach(() => {
    sent = [];
    api.client.defaults.adapter = (config) => {
      sent.push(config);
      return Promise.resolve({ data: { task_id: 't1' }, status: 200, statusText: 'OK', headers: {}, config });
    };
  });

  const functions = Object.entries(api).flatMap(([key, value]) =>
    typeof value === 'object' && value !== api.client ? Object.keys(value).map((fn) => `${key}.${fn}`) : [],
  );

  it('has a row for every function of the client and no other', () => {
    expect([...functions, 'getStats'].sort()).toEqual(Object.keys(ENDPOINTS).sort());
  });

  it.each(Object.entries(ENDPOINTS))('%s', async (name, [method, path]) => {
    const ids = (path.match(/\{\w+\}/g) || []).map((_, i) => `id${i}`);
    const fn = name.split('.').reduce((namespace, key) => namespace[key], api);
    await fn(...ids);
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe(method.toLowerCase());
    expect(sent[0].url).toBe(ids.reduce((url, id) => url.replace(/\{\w+\}/, id), path));
  });
});
