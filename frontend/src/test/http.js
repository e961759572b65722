// A fake backend at the HTTP level for unit tests: the app's real client (api.js, its interceptors and
// error mapping) sends every request; the adapter answers it from `routes` and records it.
import { AxiosError } from 'axios';
import { client } from '../services/api.js';

/**
 * Answer requests from `routes`: {'GET /worlds/w1/members': answer | (request) => answer}; an answer
 * is the JSON body (status 200) or `{status, body}` via `reply(status, body)`. A request nobody
 * routed answers 404. Returns the list of requests sent: [{method, url, params, body, headers}].
 */
export function serve(routes) {
  const sent = [];
  client.defaults.adapter = async (config) => {
    const method = config.method.toUpperCase();
    let body = config.data;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        /* not JSON */
      }
    }
    const request = { method, url: config.url, params: config.params || {}, body, headers: config.headers };
    sent.push(request);
    const route = routes[`${method} ${config.url}`];
    let answer = typeof route === 'function' ? await route(request) : route;
    if (answer === undefined) answer = reply(404, { success: false, error: 'Not found', code: 'not_found' });
    const { status, data } = answer && answer[REPLY] ? answer : { status: 200, data: answer };
    const response = { data, status, statusText: String(status), headers: {}, config };
    if (status >= 400) throw new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_REQUEST', config, null, response);
    return response;
  };
  return sent;
}

const REPLY = Symbol('reply');

/** An answer with a status: `reply(409, {success: false, error: 'Already a member', code: 'conflict'})`. */
export function reply(status, data) {
  return { [REPLY]: true, status, data };
}
