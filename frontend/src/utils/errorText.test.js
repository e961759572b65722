import { describe, expect, it } from 'vitest';
import { describeError, fieldLabel, fieldSentence, fieldSentences, waitText } from './errorText.js';

describe('fieldSentence: what the API says about a field, as a sentence', () => {
  it.each([
    ['content', 'String should have at least 1 character', 'Write some story text first.'],
    ['content', 'Field required', 'Write some story text first.'],
    ['title', 'Field required', 'Give it a title.'],
    ['name', 'String should have at least 1 character', 'Give it a name.'],
    ['description', 'Field required', 'Fill in the description.'],
    ['username', 'String should have at least 3 characters', 'The username needs at least 3 characters.'],
    ['title', 'String should have at most 200 characters', 'The title can be at most 200 characters long.'],
    ['tags', 'List should have at most 30 items', 'Give at most 30 tags.'],
    ['email', 'value is not a valid email address: An email address must have an @-sign.', 'That does not look like an email address.'],
    ['visibility', "Input should be 'private', 'public' or 'draft'", 'Choose a visibility: private, public, draft.'],
    ['time_index', 'Input should be a valid integer, unable to parse string as an integer', 'The place in time must be a number.'],
    ['metadata.calendar.current_year', 'Input should be greater than or equal to 0', 'The current year must be at least 0.'],
    ['colour', 'Extra inputs are not permitted', 'The colour cannot be set here.'],
    ['name', 'Value error, names may not start with a space', 'Names may not start with a space.'],
    ['file', 'a file is required', 'Choose a file first.'],
    ['parent_id', 'unknown location', 'Unknown location.'],
  ])('%s: %s', (field, raw, expected) => {
    expect(fieldSentence(field, raw)).toBe(expected);
  });

  it('keeps values that are not text, and the keys', () => {
    expect(fieldSentences({ missing: ['w1', 'w2'], title: 'Field required' })).toEqual({ missing: ['w1', 'w2'], title: 'Give it a title.' });
    expect(fieldSentences(undefined)).toEqual({});
  });

  it('names nested and list fields by their last name', () => {
    expect(fieldLabel('metadata.calendar.weekdays')).toBe('weekdays');
    expect(fieldLabel('tags.3')).toBe('tags');
    expect(fieldLabel('old_password')).toBe('current password');
  });
});

describe('describeError: one sentence for a failed call', () => {
  it('replaces "Invalid body" by what each field needs', () => {
    expect(
      describeError({ status: 400, code: 'validation_error', message: 'Invalid body', details: { content: 'String should have at least 1 character' } }),
    ).toBe('Write some story text first.');
    expect(
      describeError({ status: 400, code: 'validation_error', message: 'Invalid body', details: { title: 'Field required', world_id: 'Field required' } }),
    ).toBe('Give it a title. Choose a world first.');
  });

  it('says a known code in plain words, whatever the server wrote', () => {
    expect(describeError({ status: 401, code: 'invalid_credentials', message: 'Invalid username or password' })).toBe('That username or password is not right.');
    expect(describeError({ status: 409, code: 'email_taken', message: 'Email already registered' })).toMatch(/^An account with that email address exists already/);
    expect(describeError({ status: 400, code: 'nul_character', message: 'Text may not contain NUL (\\u0000) characters' })).toMatch(/invisible control character/);
    expect(describeError({ status: 429, code: 'rate_limited', message: 'Too many requests: 5 per 1 minute', retryAfter: '12' })).toBe(
      'That was a lot of requests in a short time. Try again in 12 seconds.',
    );
  });

  it("keeps the server's own specific words for not found and forbidden", () => {
    expect(describeError({ status: 404, code: 'not_found', message: 'World not found' })).toBe('World not found.');
    expect(describeError({ status: 403, code: 'forbidden', message: "Only the world's owner can change it" })).toBe("Only the world's owner can change it.");
    expect(describeError({ status: 404, code: 'not_found' })).toMatch(/^We could not find that/);
  });

  it('falls back to the status, then to a generic sentence', () => {
    expect(describeError({ status: 400, message: 'Invalid query' })).toBe('Some of what you entered is not valid.');
    expect(describeError({ status: 418 })).toBe('Unexpected server error (418).');
    expect(describeError({})).toBe('Something went wrong.');
    expect(describeError({ code: 'network_error' })).toMatch(/Cannot reach the server/);
  });
});

describe('describeError: rate limits', () => {
  it('says when to try again, or to wait when the server does not say', () => {
    expect(describeError({ status: 429, code: 'rate_limited', message: 'Too many requests: 5 per 1 minute' })).toBe(
      'That was a lot of requests in a short time. Wait a moment, then try again.',
    );
    expect(describeError({ status: 429, code: 'quota_exceeded', message: 'Your role allows 5 public worlds', retryAfter: 3600 })).toBe(
      'Your role allows 5 public worlds. Try again in 60 minutes.',
    );
  });
});

describe('waitText', () => {
  it.each([[1, '1 second'], [45, '45 seconds'], [300, '5 minutes'], [3600, '60 minutes'], [7200, '2 hours'], [86400, '24 hours']])('%s s', (s, text) => {
    expect(waitText(s)).toBe(text);
  });
});
