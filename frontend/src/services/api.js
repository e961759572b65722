// The one HTTP client of the app. Everything talks to the backend through here.
import axios from 'axios';
import { ENDPOINTS } from './endpoints.js';
import { hasUnsavedInput } from './unsaved.js';
import { describeError, fieldSentences } from '../utils/errorText.js';

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
  // a list parameter repeats its key (?names=A&names=B), as the API reads it
  paramsSerializer: { indexes: null },
});

client.interceptors.request.use((config) => {
  const token = getToken();
  if (token) {
    config.headers = config.headers || {};
    config.headers.Authorization = `Bearer ${token}`;
  }
  return config;
});

/** Turn any axios error into a sentence a writer can read (utils/errorText.js words it). */
export function errorMessage(err) {
  if (!err) return 'Something went wrong.';
  if (err.isApiError) return err.message;
  const res = err.response;
  if (!res) {
    if (err.code === 'ECONNABORTED') return 'The server took too long to answer. Please try again.';
    if (err.message && !/^Network Error$/i.test(err.message) && !err.isAxiosError) return err.message;
    return describeError({ code: 'network_error' });
  }
  const data = res.data && typeof res.data === 'object' ? res.data : {};
  const retryAfter = res.headers && (res.headers['retry-after'] || res.headers['Retry-After']);
  return describeError({ status: res.status, code: data.code, message: data.error || data.message, details: data.details, retryAfter });
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
    // each field's problem as a sentence ("Write some story text first."), under the API's field names
    this.details = fieldSentences(data.details);
    // a 412 version_conflict carries the document as it stands now
    if (data.current && typeof data.current === 'object') this.current = data.current;
  }
}

// A session that ends mid-work (an expired token, a password changed elsewhere): a 401 on a request
// that carried a token. On a write, or while a form holds unsaved input, the app asks the writer to
// sign in again where they are (the handler AuthDialogProvider registers) and the request is sent
// again with the new token, so the caller (a mutation) simply resolves. Otherwise the token is
// dropped and AUTH_EXPIRED_EVENT sends the app to the login page.
let reauthenticate = null;
let pendingSignIn = null;
let declinedToken = null;
const MAX_SIGN_INS = 3;
export const SIGNED_OUT_MESSAGE = 'Your session ended. Sign in, then save again: what you typed is still here.';

/**
 * Register `handler() -> Promise`, resolving once the writer signed in again (the new token is
 * stored) and rejecting if they decline. Returns the function that unregisters it.
 */
export function setReauthHandler(handler) {
  reauthenticate = handler;
  declinedToken = null;
  pendingSignIn = null;
  return () => {
    if (reauthenticate === handler) reauthenticate = null;
  };
}

/** One sign-in for every request that failed meanwhile. */
function signInAgain() {
  if (!pendingSignIn) {
    pendingSignIn = Promise.resolve()
      .then(() => reauthenticate())
      .finally(() => {
        pendingSignIn = null;
      });
  }
  return pendingSignIn;
}

function sentToken(config) {
  const headers = (config && config.headers) || {};
  const value = typeof headers.get === 'function' ? headers.get('Authorization') : headers.Authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : null;
}

const WRITES = ['post', 'put', 'patch', 'delete'];

client.interceptors.response.use(
  (res) => res,
  async (err) => {
    const config = err.config || {};
    const url = config.url || '';
    const status = err.response && err.response.status;
    const token = sentToken(config);
    // a wrong password typed to confirm a change (email, deleting the account) is not a session that ended
    const wrongPassword = err.response && err.response.data && err.response.data.code === 'wrong_password';
    if (status === 401 && token && !wrongPassword && !url.startsWith('/auth/login') && !url.startsWith('/auth/register')) {
      const tries = config.signIns || 0;
      const now = getToken();
      // signed in again while this request was on its way: send it again with the new token
      if (now && now !== token && tries < MAX_SIGN_INS) return client.request({ ...config, signIns: tries + 1 });
      const write = WRITES.includes(String(config.method).toLowerCase());
      const unsaved = hasUnsavedInput();
      if (reauthenticate && tries < MAX_SIGN_INS && (write || (unsaved && declinedToken !== token))) {
        try {
          await signInAgain();
        } catch {
          declinedToken = token; // "Not now": ask again on the next save, not on every background read
          const declined = new ApiError(err);
          declined.message = SIGNED_OUT_MESSAGE;
          return Promise.reject(declined);
        }
        return client.request({ ...config, signIns: tries + 1 });
      }
      // a form still holds unsaved input: stay on the page (the next save asks to sign in)
      if (reauthenticate && unsaved) return Promise.reject(new ApiError(err));
      if (now === token) {
        setToken(null);
        if (typeof window !== 'undefined') window.dispatchEvent(new Event(AUTH_EXPIRED_EVENT));
      }
    }
    return Promise.reject(new ApiError(err));
  },
);

/**
 * Send the request of the client function `name` (its row in ENDPOINTS), the path's {placeholders}
 * filled from `ids` in order. Empty query values are dropped; any parameter the row does not name
 * is refused, so the client sends only what the spec declares (endpoints.test.js).
 */
function send(name, ids = [], { params = {}, body, headers, responseType } = {}) {
  const [method, path, allowed = []] = ENDPOINTS[name];
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const unknown = Object.keys(query).filter((key) => !allowed.includes(key));
  if (unknown.length) return Promise.reject(new Error(`${name} does not send ${unknown.join(', ')}: add it to ENDPOINTS if the API takes it.`));
  let i = 0;
  const url = path.replace(/\{\w+\}/g, () => encodeURIComponent(ids[i++]));
  return client.request({ method, url, params: query, data: body, headers, ...(responseType ? { responseType } : {}) });
}

/**
 * `If-Match` for a write over `version` (a document's `version`, as its ETag names it): the API
 * answers 412 version_conflict, with the current document, when it changed meanwhile. No version,
 * no header: the write goes through as before.
 */
export function ifMatch(version) {
  return version === undefined || version === null || version === '' ? undefined : { 'If-Match': `"${version}"` };
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

// multipart: the browser writes the Content-Type with its boundary (axios drops this placeholder)
const MULTIPART = { 'Content-Type': 'multipart/form-data' };

export const auth = {
  register: (body) => call('auth.register', [], { body }),
  login: (body) => call('auth.login', [], { body }),
  me: () => call('auth.me'),
  changePassword: (body) => call('auth.changePassword', [], { body }),
  /** `{display_name?, bio?}` -> {success, user}. */
  updateMe: (body) => call('auth.updateMe', [], { body }),
  /** Upload my avatar (stored as a square thumbnail) -> {success, user}. */
  setAvatar: (file) => {
    const form = new FormData();
    if (file) form.append('file', file);
    return call('auth.setAvatar', [], { body: form, headers: MULTIPART });
  },
  removeAvatar: () => call('auth.removeAvatar'),
  /** `{password, new_email}` -> {success, user}. */
  changeEmail: (body) => call('auth.changeEmail', [], { body }),
  /** The worlds I own that deleting my account must decide about: {worlds: [{world_id, name, co_authors}]}. */
  deletionPlan: () => call('auth.deletionPlan'),
  /** `{password, worlds: [{world_id, action: 'delete'|'transfer', to_user_id?}]}`. */
  deleteAccount: (body) => call('auth.deleteAccount', [], { body }),
};

export const worlds = {
  list: (params) => list('worlds.list', [], { params }),
  get: (id) => call('worlds.get', [id]),
  create: (body) => call('worlds.create', [], { body }),
  update: (id, body, version) => call('worlds.update', [id], { body, headers: ifMatch(version) }),
  remove: (id) => call('worlds.remove', [id]),
  stories: (id, params) => list('worlds.stories', [id], { params }),
  characters: (id, params) => list('worlds.characters', [id], { params }),
  createEntity: (id, body) => call('worlds.createEntity', [id], { body }),
  updateEntity: (id, eid, body, version) => call('worlds.updateEntity', [id, eid], { body, headers: ifMatch(version) }),
  deleteEntity: (id, eid) => call('worlds.deleteEntity', [id, eid]),
  locations: (id, params) => list('worlds.locations', [id], { params }),
  createLocation: (id, body) => call('worlds.createLocation', [id], { body }),
  updateLocation: (id, lid, body, version) => call('worlds.updateLocation', [id, lid], { body, headers: ifMatch(version) }),
  deleteLocation: (id, lid) => call('worlds.deleteLocation', [id, lid]),
  share: (id, userIds) => call('worlds.share', [id], { body: { user_ids: userIds } }),
  unshare: (id, userIds) => call('worlds.unshare', [id], { body: { user_ids: userIds } }),
  autoLink: (id) => call('worlds.autoLink', [id], { body: {} }),
  relationships: (id) => call('worlds.relationships', [id]),
  /** The timeline; `filters` narrow it to events of one entity, location or story. */
  events: (id, filters) => call('worlds.events', [id], { params: filters }),
  extractEvents: (id, force = false) => call('worlds.extractEvents', [id], { params: force ? { force: 'true' } : {}, body: {} }),
  eventsPlan: (id) => call('worlds.eventsPlan', [id]),
  /** The names the owner told the review to ignore: [{name, key, created_at}]. */
  ignoredNames: (id) => call('worlds.ignoredNames', [id]),
  unignoreName: (id, key) => call('worlds.unignoreName', [id, key]),
  /** Typed relations (`mode: 'relations'`) or co-occurrence: {nodes, edges}; `kinds`, `types` are comma lists. */
  graph: (id, params) => call('worlds.graph', [id], { params }),
  /** The world's locations as a tree: [{id, name, location_type, parent_id, children}]. */
  locationTree: (id) => call('worlds.locationTree', [id]),
};

/** The codex: every entry of a world, whatever its kind. */
export const entries = {
  list: (worldId, params) => list('entries.list', [worldId], { params }),
  /** The entry page: {entry, breadcrumb, children, stories, events}. */
  get: (worldId, id) => call('entries.get', [worldId, id]),
  /** Where the entry is mentioned with [[...]]: {items: [{source_kind, source_id, title, snippet, count}], total}. */
  mentions: (worldId, id, params) => list('entries.mentions', [worldId, id], { params }),
  /** {root, people, parents: [[parent, child]], spouses: [[a, b]]} from parent/spouse relations. */
  familyTree: (worldId, id, depth) => call('entries.familyTree', [worldId, id], { params: { depth } }),
};

/** A world's custom field templates, per kind of entry. */
export const fieldTemplates = {
  /** Every template (of `kind`, when given), in the world's order: read whole (the API's largest page). */
  list: (worldId, kind) => call('fieldTemplates.list', [worldId], { params: { kind, per_page: 200 } }),
  create: (worldId, body) => call('fieldTemplates.create', [worldId], { body }),
  update: (worldId, id, body) => call('fieldTemplates.update', [worldId, id], { body }),
  remove: (worldId, id) => call('fieldTemplates.remove', [worldId, id]),
};

/** Typed relations between entries, and the world's vocabulary of relation types. */
export const relations = {
  types: (worldId) => call('relations.types', [worldId]),
  setTypes: (worldId, types) => call('relations.setTypes', [worldId], { body: { types } }),
  list: (worldId, params) => list('relations.list', [worldId], { params }),
  create: (worldId, body) => call('relations.create', [worldId], { body }),
  update: (worldId, id, body, version) => call('relations.update', [worldId, id], { body, headers: ifMatch(version) }),
  remove: (worldId, id) => call('relations.remove', [worldId, id]),
};


/** Images of a world and its entries: upload answers ImageOut {image_id, url, thumbnail_url, bytes, …}. */
export const images = {
  upload: (worldId, file) => {
    const form = new FormData();
    if (file) form.append('file', file);
    return call('images.upload', [worldId], { body: form, headers: MULTIPART });
  },
  remove: (worldId, id) => call('images.remove', [worldId, id]),
  /** The image (or its thumbnail) as a Blob, read with the session's token (a private world's image is not public). */
  file: (id) => call('images.file', [id], { responseType: 'blob' }),
  thumbnail: (id) => call('images.thumbnail', [id], { responseType: 'blob' }),
};

/** The people of a world (any member reads; the owner changes): [{user_id, username, display_name, avatar_url, role}]. */
export const members = {
  list: (worldId) => call('members.list', [worldId]),
  setRole: (worldId, userId, role) => call('members.setRole', [worldId, userId], { body: { role } }),
  /** The owner removes a member; a member removes themself (leaves). */
  remove: (worldId, userId) => call('members.remove', [worldId, userId]),
  /** `{invitee: username or email, role}` -> 201 {invitation}. */
  invite: (worldId, body) => call('members.invite', [worldId], { body }),
  /** The world's pending invitations (owner). */
  invitations: (worldId) => call('members.invitations', [worldId]),
  revoke: (worldId, invitationId) => call('members.revoke', [worldId, invitationId]),
};

/** Invitations addressed to me. */
export const invitations = {
  mine: () => call('invitations.mine'),
  /** -> {world_id, role}. */
  accept: (id) => call('invitations.accept', [id], { body: {} }),
  decline: (id) => call('invitations.decline', [id], { body: {} }),
};

export const users = {
  /** Exact username -> {user: member card} (404 when nobody has it). */
  lookup: (username) => call('users.lookup', [], { params: { username } }),
  /** A public profile: {profile: {user_id, username, display_name, bio, avatar_url, worlds}}. */
  profile: (username) => call('users.profile', [username]),
  /** The avatar as a Blob, read with the session's token (avatars are for signed-in users). */
  avatar: (userId) => call('users.avatar', [userId], { responseType: 'blob' }),
};

/** What members did in a world (newest first) or across my worlds: {activity: [...], next_before}. */
export const activity = {
  /** `{limit, before, after}`: `after` (a seq) is the polling fallback of the live stream. */
  world: (worldId, params) => call('activity.world', [worldId], { params }),
  recent: (params) => call('activity.recent', [], { params }),
};

export const live = {
  /** A short-lived ticket for the world's event stream (EventSource cannot send the token). */
  ticket: (worldId) => call('live.ticket', [worldId], { body: {} }),
};

/** `[[Name]]` mentions in prose. */
export const mentions = {
  /** What each name points at: {name: {kind, id, name} | null}. */
  resolve: (worldId, names) => call('mentions.resolve', [worldId], { params: { names } }),
};

/** Books: a world's chapters in order (each chapter a story), answered with their word counts. */
export const books = {
  list: (worldId, params) => list('books.list', [worldId], { params }),
  create: (worldId, body) => call('books.create', [worldId], { body }),
  get: (id) => call('books.get', [id]),
  update: (id, body, version) => call('books.update', [id], { body, headers: ifMatch(version) }),
  remove: (id, version) => call('books.remove', [id], { headers: ifMatch(version) }),
  /** The same chapters in a new order, over the book's `version` (409 chapters_changed if they are not the same). */
  reorder: (id, chapterIds, version) => call('books.reorder', [id], { body: { chapter_ids: chapterIds }, headers: ifMatch(version) }),
  /** `{story_id}` (an existing story) or `{title, content?}` (a new one) as the last chapter: `{book, story}`. */
  addChapter: (id, body) => call('books.addChapter', [id], { body }),
  removeChapter: (id, storyId) => call('books.removeChapter', [id, storyId]),
  /** Where I am in the book: `{story_id, progress}` (null when I never read it). */
  position: (id) => call('books.position', [id]),
  setPosition: (id, storyId, progress) => call('books.setPosition', [id], { body: { story_id: storyId, progress } }),
};

export const stories = {
  list: (params) => list('stories.list', [], { params }),
  get: (id) => call('stories.get', [id]),
  create: (body) => call('stories.create', [], { body }),
  update: (id, body, version) => call('stories.update', [id], { body, headers: ifMatch(version) }),
  remove: (id) => call('stories.remove', [id]),
  linkEntities: (id, body) => call('stories.linkEntities', [id], { body }),
  clearLinks: (id) => call('stories.clearLinks', [id], { body: {} }),
  extractEvents: (id) => call('stories.extractEvents', [id], { body: {} }),
  clearEventsCache: (id) => call('stories.clearEventsCache', [id]),
  /** Start finding names in the story (a task whose result names the review). */
  startAnalysis: (id) => call('stories.startAnalysis', [id], { body: {} }),
  /** The story's latest review of found names (404 if it has none). */
  review: (id) => call('stories.review', [id]),
};

export const reviews = {
  /** `{decisions: [{proposal_id, action, name?, kind?, target_id?}], accept_confident}` -> the review + `applied`. */
  decide: (id, body = { decisions: [], accept_confident: false }) => call('reviews.decide', [id], { body }),
  undo: (id) => call('reviews.undo', [id], { body: {} }),
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

/** Canon-aware writing tools (continue, expand, rephrase, summarise, titles, describe_entry): a task whose text streams. */
export const writing = {
  /** `{tool, story_id?, entry_id?, selection?, before?, after?, instructions?}` -> 202 {task_id, status}. */
  start: (worldId, body) => call('writing.start', [worldId], { body }),
};

export const admin = {
  users: (params) => call('admin.users', [], { params }),
  setRole: (id, role) => call('admin.setRole', [id], { body: { role } }),
  ban: (id, banned, reason) => call('admin.ban', [id], { body: { banned, reason } }),
  roles: () => call('admin.roles'),
  stats: () => call('admin.stats'),
  /** How the server runs: {storage, gpt_provider, gpt_enabled, version} (public liveness answer). */
  health: () => call('admin.health'),
};

export const trash = {
  list: (params) => list('trash.list', [], { params }),
  restore: (trashId) => call('trash.restore', [trashId], { body: {} }),
  purge: (trashId) => call('trash.purge', [trashId]),
};

export const search = {
  /** Ranked hits over stories, entries, events and worlds the caller may see: {items, total}. */
  find: (params) => list('search.find', [], { params }),
};

export const getStats = () => call('getStats');

/** Consistency checks: a task that compares a story (or a span of it) with its world's canon. */
export const checks = {
  /** `{start?, end?, use_ai?}` (offsets in the story text) -> 202 {task_id, status}. */
  start: (storyId, body = {}) => call('checks.start', [storyId], { body }),
};

/** What consistency checks found in a story: {finding_id, kind, severity, message, quote, start, end, cites, suggestion, status, …}. */
export const findings = {
  /** `status`: open (default), dismissed, fixed or all -> {findings: [...]}. */
  list: (storyId, status) => call('findings.list', [storyId], { params: { status } }),
  /** Dismiss, reopen or mark fixed -> the finding. */
  setStatus: (id, status) => call('findings.setStatus', [id], { body: { status } }),
};

/** The AI's configuration. */
export const aiSettings = {
  /** Admin: {provider, base_url_host, model, allowed_models, context_budget, prices, currency, capabilities}. */
  admin: () => call('aiSettings.admin'),
  /** Admin: a tiny real call -> {ok, latency_ms, model, capabilities, error?}. */
  test: () => call('aiSettings.test', [], { body: {} }),
  /** The models a world may use: {default, models: [{id, label?, price?}]}. */
  models: () => call('aiSettings.models'),
};

/** What my AI jobs used: {currency, totals: {jobs, prompt_tokens, completion_tokens, cost}, by_world, by_day}. */
export const usage = {
  mine: (days) => call('usage.mine', [], { params: { days } }),
};
