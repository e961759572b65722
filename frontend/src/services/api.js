// The one HTTP client of the app. Everything talks to the backend through here.
import axios from 'axios';
import { ENDPOINTS } from './endpoints.js';

export const TOKEN_KEY = 'worldsmith_token';
export const AUTH_EXPIRED_EVENT = 'worldsmith:auth-expired';

export function getToken() {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token) {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage unavailable (private mode): keep going without persistence */
  }
}

export const client = axios.create({
  baseURL: '/api',
  timeout: 30000,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
});

client.interceptors.request.use((config) => {
  const token = getToken();
  if (token) {
    config.headers = config.headers || {};
    config.headers.Authorization = `Bearer ${token}`;
  }
  return config;
});

/** Turn any axios error into a sentence a writer can read. */
export function errorMessage(err) {
  if (!err) return 'Something went wrong.';
  if (err.isApiError) return err.message;
  const res = err.response;
  if (!res) {
    if (err.code === 'ECONNABORTED') return 'The server took too long to answer. Please try again.';
    if (err.message && !/^Network Error$/i.test(err.message) && !err.isAxiosError) return err.message;
    return 'Cannot reach the server. Check your connection and try again.';
  }
  const data = res.data && typeof res.data === 'object' ? res.data : {};
  let msg = data.error || data.message;
  if (typeof msg !== 'string' || !msg) {
    msg = {
      400: 'The request was not valid.',
      401: 'Please log in to continue.',
      403: 'You are not allowed to do that.',
      404: 'Not found.',
      409: 'That already exists.',
      413: 'That is too large.',
      429: 'Too many requests. Please wait a moment.',
      503: 'The AI service is unavailable right now.',
    }[res.status] || `Unexpected server error (${res.status}).`;
  }
  if (res.status === 429) {
    const retry = res.headers && (res.headers['retry-after'] || res.headers['Retry-After']);
    if (retry && !/retry/i.test(msg)) msg += ` Try again in ${retry} s.`;
  }
  return msg;
}

/** An Error carrying status, code and field details of a failed API call. */
export class ApiError extends Error {
  constructor(err) {
    super(errorMessage(err));
    this.name = 'ApiError';
    this.isApiError = true;
    const res = err && err.response;
    const data = res && res.data && typeof res.data === 'object' ? res.data : {};
    this.status = res ? res.status : 0;
    this.code = data.code || (res ? undefined : 'network_error');
    this.details = data.details && typeof data.details === 'object' ? data.details : {};
  }
}

client.interceptors.response.use(
  (res) => res,
  (err) => {
    const apiErr = new ApiError(err);
    const url = (err.config && err.config.url) || '';
    if (apiErr.status === 401 && getToken() && !url.startsWith('/auth/login') && !url.startsWith('/auth/register')) {
      setToken(null);
      if (typeof window !== 'undefined') window.dispatchEvent(new Event(AUTH_EXPIRED_EVENT));
    }
    return Promise.reject(apiErr);
  },
);

/**
 * Send the request of the client function `name` (its row in ENDPOINTS), the path's {placeholders}
 * filled from `ids` in order. Empty query values are dropped; any parameter the row does not name
 * is refused, so the client sends only what the spec declares (endpoints.test.js).
 */
function send(name, ids = [], { params = {}, body } = {}) {
  const [method, path, allowed = []] = ENDPOINTS[name];
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const unknown = Object.keys(query).filter((key) => !allowed.includes(key));
  if (unknown.length) return Promise.reject(new Error(`${name} does not send ${unknown.join(', ')}: add it to ENDPOINTS if the API takes it.`));
  let i = 0;
  const url = path.replace(/\{\w+\}/g, () => encodeURIComponent(ids[i++]));
  return client.request({ method, url, params: query, data: body });
}

const call = (...args) => send(...args).then((r) => r.data);

/** A list: {items, total}, the total from the X-Total-Count header. */
async function list(...args) {
  const res = await send(...args);
  const items = Array.isArray(res.data) ? res.data : [];
  const header = res.headers && (res.headers['x-total-count'] ?? res.headers['X-Total-Count']);
  const total = header !== undefined && header !== null && header !== '' ? Number(header) : items.length;
  return { items, total: Number.isFinite(total) ? total : items.length };
}

export const auth = {
  register: (body) => call('auth.register', [], { body }),
  login: (body) => call('auth.login', [], { body }),
  me: () => call('auth.me'),
  changePassword: (body) => call('auth.changePassword', [], { body }),
};

export const worlds = {
  list: (params) => list('worlds.list', [], { params }),
  get: (id) => call('worlds.get', [id]),
  create: (body) => call('worlds.create', [], { body }),
  update: (id, body) => call('worlds.update', [id], { body }),
  remove: (id) => call('worlds.remove', [id]),
  stories: (id, params) => list('worlds.stories', [id], { params }),
  characters: (id, params) => list('worlds.characters', [id], { params }),
  createEntity: (id, body) => call('worlds.createEntity', [id], { body }),
  updateEntity: (id, eid, body) => call('worlds.updateEntity', [id, eid], { body }),
  deleteEntity: (id, eid) => call('worlds.deleteEntity', [id, eid]),
  locations: (id, params) => list('worlds.locations', [id], { params }),
  createLocation: (id, body) => call('worlds.createLocation', [id], { body }),
  updateLocation: (id, lid, body) => call('worlds.updateLocation', [id, lid], { body }),
  deleteLocation: (id, lid) => call('worlds.deleteLocation', [id, lid]),
  share: (id, userIds) => call('worlds.share', [id], { body: { user_ids: userIds } }),
  unshare: (id, userIds) => call('worlds.unshare', [id], { body: { user_ids: userIds } }),
  autoLink: (id) => call('worlds.autoLink', [id], { body: {} }),
  relationships: (id) => call('worlds.relationships', [id]),
  events: (id) => call('worlds.events', [id]),
  extractEvents: (id, force = false) => call('worlds.extractEvents', [id], { params: force ? { force: 'true' } : {}, body: {} }),
};

export const stories = {
  list: (params) => list('stories.list', [], { params }),
  get: (id) => call('stories.get', [id]),
  create: (body) => call('stories.create', [], { body }),
  update: (id, body) => call('stories.update', [id], { body }),
  remove: (id) => call('stories.remove', [id]),
  linkEntities: (id, body) => call('stories.linkEntities', [id], { body }),
  clearLinks: (id) => call('stories.clearLinks', [id], { body: {} }),
  extractEvents: (id) => call('stories.extractEvents', [id], { body: {} }),
  clearEventsCache: (id) => call('stories.clearEventsCache', [id]),
};

export const events = {
  update: (id, body) => call('events.update', [id], { body }),
  remove: (id) => call('events.remove', [id]),
  connect: (id, body) => call('events.connect', [id], { body }),
};

export const gpt = {
  generateDescription: (body) => call('gpt.generateDescription', [], { body }),
  analyze: (body) => call('gpt.analyze', [], { body }),
  batchAnalyze: (body) => call('gpt.batchAnalyze', [], { body }),
  result: (taskId) => call('gpt.result', [taskId]),
  tasks: (params) => list('gpt.tasks', [], { params }),
  cancel: (taskId) => call('gpt.cancel', [taskId]),
};

export const admin = {
  users: (params) => call('admin.users', [], { params }),
  setRole: (id, role) => call('admin.setRole', [id], { body: { role } }),
  ban: (id, banned, reason) => call('admin.ban', [id], { body: { banned, reason } }),
  roles: () => call('admin.roles'),
  stats: () => call('admin.stats'),
};

export const getStats = () => call('getStats');
