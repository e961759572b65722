// The one HTTP client of the app. Everything talks to the backend through here.
import axios from 'axios';

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

const data = (p) => p.then((r) => r.data);

/** GET a list: returns {items, total} using the X-Total-Count header. */
export async function getList(url, params = {}) {
  const clean = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  const res = await client.get(url, { params: clean });
  const items = Array.isArray(res.data) ? res.data : [];
  const header = res.headers && (res.headers['x-total-count'] ?? res.headers['X-Total-Count']);
  const total = header !== undefined && header !== null && header !== '' ? Number(header) : items.length;
  return { items, total: Number.isFinite(total) ? total : items.length };
}

export const auth = {
  register: (body) => data(client.post('/auth/register', body)),
  login: (body) => data(client.post('/auth/login', body)),
  me: () => data(client.get('/auth/me')),
  changePassword: (body) => data(client.post('/auth/change-password', body)),
};

export const worlds = {
  list: (params) => getList('/worlds', params),
  get: (id) => data(client.get(`/worlds/${id}`)),
  create: (body) => data(client.post('/worlds', body)),
  update: (id, body) => data(client.patch(`/worlds/${id}`, body)),
  remove: (id) => data(client.delete(`/worlds/${id}`)),
  stories: (id, params) => getList(`/worlds/${id}/stories`, params),
  characters: (id, params) => getList(`/worlds/${id}/characters`, params),
  createEntity: (id, body) => data(client.post(`/worlds/${id}/entities`, body)),
  updateEntity: (id, eid, body) => data(client.put(`/worlds/${id}/entities/${eid}`, body)),
  deleteEntity: (id, eid) => data(client.delete(`/worlds/${id}/entities/${eid}`)),
  locations: (id, params) => getList(`/worlds/${id}/locations`, params),
  createLocation: (id, body) => data(client.post(`/worlds/${id}/locations`, body)),
  updateLocation: (id, lid, body) => data(client.put(`/worlds/${id}/locations/${lid}`, body)),
  deleteLocation: (id, lid) => data(client.delete(`/worlds/${id}/locations/${lid}`)),
  share: (id, userIds) => data(client.post(`/worlds/${id}/share`, { user_ids: userIds })),
  unshare: (id, userIds) => data(client.post(`/worlds/${id}/unshare`, { user_ids: userIds })),
  autoLink: (id) => data(client.post(`/worlds/${id}/auto-link-stories`, {})),
  relationships: (id) => data(client.get(`/worlds/${id}/relationships`)),
  events: (id) => data(client.get(`/worlds/${id}/events`)),
  extractEvents: (id, force = false) =>
    data(client.post(`/worlds/${id}/events/extract`, {}, { params: force ? { force: 'true' } : {} })),
};

export const stories = {
  list: (params) => getList('/stories', params),
  get: (id) => data(client.get(`/stories/${id}`)),
  create: (body) => data(client.post('/stories', body)),
  update: (id, body) => data(client.patch(`/stories/${id}`, body)),
  remove: (id) => data(client.delete(`/stories/${id}`)),
  linkEntities: (id, body) => data(client.post(`/stories/${id}/link-entities`, body)),
  clearLinks: (id) => data(client.post(`/stories/${id}/clear-links`, {})),
  extractEvents: (id) => data(client.post(`/stories/${id}/events/extract`, {})),
  clearEventsCache: (id) => data(client.delete(`/stories/${id}/events/cache`)),
};

export const events = {
  update: (id, body) => data(client.patch(`/events/${id}`, body)),
  remove: (id) => data(client.delete(`/events/${id}`)),
  connect: (id, body) => data(client.post(`/events/${id}/connections`, body)),
};

export const gpt = {
  generateDescription: (body) => data(client.post('/gpt/generate-description', body)),
  analyze: (body) => data(client.post('/gpt/analyze', body)),
  batchAnalyze: (body) => data(client.post('/gpt/batch-analyze-stories', body)),
  result: (taskId) => data(client.get(`/gpt/results/${taskId}`)),
  tasks: (params) => getList('/gpt/tasks', params),
  cancel: (taskId) => data(client.delete(`/gpt/tasks/${taskId}`)),
};

export const admin = {
  users: (params) => data(client.get('/admin/users', { params })),
  user: (id) => data(client.get(`/admin/users/${id}`)),
  setRole: (id, role) => data(client.put(`/admin/users/${id}/role`, { role })),
  ban: (id, banned, reason) => data(client.post(`/admin/users/${id}/ban`, { banned, reason })),
  roles: () => data(client.get('/admin/roles')),
  stats: () => data(client.get('/admin/stats')),
};

export const getStats = () => data(client.get('/stats'));
export const getHealth = () => data(client.get('/health'));
