// Plain-language error sentences: the one mapping from what the API answers (its `code`, the
// `details` it gives per field, the HTTP status) to what a writer reads. api.js builds every
// ApiError's `message` and per-field `details` with it, so ErrorMessage, toasts and form fields
// all show these sentences instead of "Invalid body" or "String should have at least 1 character".

/** What the API's field names are called in the app. */
const FIELD_LABELS = {
  content: 'story text',
  description: 'description',
  title: 'title',
  name: 'name',
  username: 'username',
  email: 'email address',
  new_email: 'new email address',
  password: 'password',
  new_password: 'new password',
  old_password: 'current password',
  world_id: 'world',
  user_ids: 'user IDs',
  tags: 'tags',
  genre: 'genre',
  visibility: 'visibility',
  world_type: 'world type',
  entity_type: 'kind',
  location_type: 'type',
  parent_id: 'parent location',
  target_id: 'other entry',
  source_id: 'entry',
  time_index: 'place in time',
  start_date: 'start date',
  end_date: 'end date',
  label: 'field name',
  field_type: 'field type',
  invitee: 'username or email',
  role: 'role',
  bio: 'bio',
  display_name: 'display name',
  file: 'file',
};

/** What to say when a field is empty but must not be. */
const REQUIRED = {
  content: 'Write some story text first.',
  title: 'Give it a title.',
  name: 'Give it a name.',
  username: 'Choose a username.',
  email: 'Enter your email address.',
  password: 'Enter a password.',
  old_password: 'Enter your current password.',
  new_password: 'Choose a new password.',
  world_id: 'Choose a world first.',
  file: 'Choose a file first.',
  invitee: 'Enter a username or an email address.',
};

/** Sentences per error code, where the server's own words are technical or vague. */
const CODE_SENTENCES = {
  network_error: 'Cannot reach the server. Check your connection and try again.',
  token_missing: 'Please log in to continue.',
  invalid_token: 'Your session is not valid any more. Please log in again.',
  token_expired: 'Your session has ended. Please log in again.',
  password_changed: 'Your password was changed on another device. Please log in again.',
  invalid_credentials: 'That username or password is not right.',
  wrong_password: 'Your current password is not right.',
  username_taken: 'That username is taken. Try another one.',
  username_confusable: 'That username looks too much like an existing one. Try another one.',
  email_taken: 'An account with that email address exists already. Log in instead, or use another address.',
  forbidden: 'You are not allowed to do that.',
  permission_denied: 'Your account is not allowed to do that.',
  not_found: 'We could not find that. It may have been deleted, or you may not have access to it.',
  user_not_found: 'There is no one with that username. Check the spelling.',
  version_conflict: 'Someone changed this while you were editing. Compare the two versions before saving again.',
  rate_limited: 'That was a lot of requests in a short time.',
  payload_too_large: 'That is too large to upload or save.',
  unsupported_media_type: 'The app sent something the server cannot read. Reload the page and try again.',
  malformed_json: 'The app sent something the server cannot read. Reload the page and try again.',
  too_deep: 'That is nested too deeply to save.',
  nul_character: 'The text contains an invisible control character (NUL) that cannot be saved. Remove it and try again.',
  file_missing: 'Choose a file first.',
  storage_unavailable: 'The server cannot save right now. Nothing was saved; try again in a moment.',
  service_unavailable: 'The server is unavailable right now. Try again in a moment.',
  ai_unavailable: 'The AI helper is unavailable right now. Try again later.',
  internal_error: 'Something went wrong on the server. Try again; if it keeps happening, tell the site’s operator.',
  method_not_allowed: 'The server does not allow that here.',
  image_link_expired: 'This picture’s link has expired. Reload the page to see it again.',
  image_link_invalid: 'This picture’s link is not valid. Reload the page to see it again.',
  chapters_changed: 'The chapters changed meanwhile (one was added or removed elsewhere). Reload, then put them in order again.',
  worlds_unresolved: 'Choose for each of your worlds whether it is deleted or handed to a co-author first.',
};

/** A sentence per status, when the answer has neither a known code nor words of its own. */
const STATUS_SENTENCES = {
  400: 'Some of what you entered is not valid.',
  401: 'Please log in to continue.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'That clashes with something that exists already.',
  412: CODE_SENTENCES.version_conflict,
  413: CODE_SENTENCES.payload_too_large,
  429: 'Too many requests. Please wait a moment.',
  500: CODE_SENTENCES.internal_error,
  503: 'The AI service is unavailable right now.',
};

// Codes whose server words are specific and written for people ("World not found", "Only the
// world's owner can change it"): their sentence above is only the fallback.
const SERVER_WORDS_FIRST = new Set(['forbidden', 'not_found', 'ai_unavailable']);

// Messages that name the request, not the problem: replaced by the details or the status sentence.
const VAGUE = /^(invalid (body|query|path|input|request)|validation (failed|error)|bad request|request body must be a json object|unknown query parameters)$/i;

/** Retry-After seconds as people say them: "30 seconds", "5 minutes", "2 hours". */
export function waitText(seconds) {
  const s = Math.max(1, Math.round(Number(seconds)));
  if (!Number.isFinite(s)) return `${seconds} s`;
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  if (s < 5400) return `${Math.round(s / 60)} minutes`;
  const h = Math.round(s / 3600);
  return `${h} hour${h === 1 ? '' : 's'}`;
}

function sentence(text) {
  const t = String(text).trim();
  if (!t) return t;
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** "metadata.calendar.current_year" -> "current year"; known names by FIELD_LABELS. */
export function fieldLabel(field) {
  const last = String(field).split('.').filter((part) => !/^\d+$/.test(part)).pop() || String(field);
  return FIELD_LABELS[last] || last.replace(/_/g, ' ');
}

/**
 * One field's problem as the API words it (pydantic's or a service's) -> a sentence about that
 * field. Unknown wordings keep their words, as a sentence.
 */
export function fieldSentence(field, raw) {
  if (typeof raw !== 'string') return raw;
  const key = String(field).split('.').pop();
  const label = fieldLabel(field);
  const text = raw.replace(/^value error,\s*/i, '').trim();
  let m;
  if (/^field required$|^required$|^missing$|is required$|should have at least 1 (character|item)/i.test(text)) {
    return REQUIRED[key] || sentence(`Fill in the ${label}`);
  }
  if ((m = text.match(/should have at least (\d+) characters?/i))) return sentence(`The ${label} needs at least ${m[1]} characters`);
  if ((m = text.match(/should have at most (\d+) characters?/i))) return sentence(`The ${label} can be at most ${m[1]} characters long`);
  if ((m = text.match(/should have at least (\d+) items?/i))) return sentence(`Give at least ${m[1]} ${label}`);
  if ((m = text.match(/should have at most (\d+) items?/i))) return sentence(`Give at most ${m[1]} ${label}`);
  if (/valid email|email address/i.test(text)) return 'That does not look like an email address.';
  if ((m = text.match(/^input should be ((?:'[^']*'(?:, | or )?)+)$/i))) {
    const choices = m[1].match(/'[^']*'/g).map((c) => c.slice(1, -1));
    return sentence(`Choose a ${label}: ${choices.join(', ')}`);
  }
  if (/valid (integer|number)/i.test(text)) return sentence(`The ${label} must be a number`);
  if ((m = text.match(/greater than or equal to (-?[\d.]+)/i))) return sentence(`The ${label} must be at least ${m[1]}`);
  if ((m = text.match(/less than or equal to (-?[\d.]+)/i))) return sentence(`The ${label} can be at most ${m[1]}`);
  if (/extra inputs are not permitted/i.test(text)) return sentence(`The ${label} cannot be set here`);
  if (/valid string/i.test(text)) return sentence(`The ${label} must be text`);
  if (/valid (list|array)/i.test(text)) return sentence(`The ${label} must be a list`);
  if (/valid (date|datetime)/i.test(text)) return sentence(`The ${label} is not a valid date`);
  return sentence(text);
}

/** Every field's problem as a sentence, under the same keys (values that are not text stay as they are). */
export function fieldSentences(details) {
  if (!details || typeof details !== 'object') return {};
  return Object.fromEntries(Object.entries(details).map(([field, raw]) => [field, fieldSentence(field, raw)]));
}

/**
 * The sentence for a failed call: `{status, code, message (the server's), details, retryAfter}`.
 * A known code wins; a validation error without words of its own says what each field needs;
 * otherwise the server's words (services write them for people), else a sentence for the status.
 */
export function describeError({ status = 0, code, message, details, retryAfter } = {}) {
  const server = typeof message === 'string' ? message.trim() : '';
  const human = server && !VAGUE.test(server) && !/^unexpected server error/i.test(server);
  let text;
  if (code && CODE_SENTENCES[code] && !(human && SERVER_WORDS_FIRST.has(code))) text = CODE_SENTENCES[code];
  else if (human) text = sentence(server);
  else {
    const fields = Object.entries(fieldSentences(details)).filter(([, v]) => typeof v === 'string');
    if (fields.length) text = fields.slice(0, 3).map(([, v]) => v).join(' ');
    else text = STATUS_SENTENCES[status] || (status ? `Unexpected server error (${status}).` : 'Something went wrong.');
  }
  if (status === 429 && retryAfter && !/retry|try again in/i.test(text)) text += ` Try again in ${waitText(retryAfter)}.`;
  else if (status === 429 && !/try again|wait/i.test(text)) text += ' Wait a moment, then try again.';
  return text;
}
