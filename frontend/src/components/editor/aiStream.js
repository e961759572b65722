// Reading a writing job's text as it arrives: the API's server-sent events
// (GET /api/gpt/results/{task_id}/stream) through fetch, so the request carries the
// Authorization header (EventSource cannot), parsed by eventsource-parser.
//
//   event: delta   data {"offset": n, "text": "..."}   n = characters before this piece
//   event: status  data {"status", "progress"}
//   event: done    data {"status", "result"}           then the server closes
//
// A piece is appended only when its offset equals the length of the text so far: a piece sent
// again (the stored `partial` first, then the same words live) is skipped, and a gap (a piece
// lost) is reported, so the caller falls back to polling the task instead of showing holes.
import { createParser } from 'eventsource-parser';
import { getToken } from '../../services/api.js';
import { describeError } from '../../utils/errorText.js';

/** The SSE route of a task (not an axios call: the client reads the body as it arrives). */
export const streamUrl = (taskId) => `/api/gpt/results/${encodeURIComponent(taskId)}/stream`;

/** Why reading the stream stopped early; `fallback` says polling may still get the answer. */
export class StreamError extends Error {
  constructor(message, { fallback = true, status = 0 } = {}) {
    super(message);
    this.name = 'StreamError';
    this.fallback = fallback;
    this.status = status;
  }
}

/**
 * `text` with the piece `delta` ({offset, text}) added: the same text when the piece is one
 * already had (offset + length <= text length), the text up to offset plus the piece when it
 * starts exactly at the end, and null when it starts past the end (a piece was lost).
 * A piece that starts inside the text and goes past its end adds only its new part.
 */
export function applyDelta(text, delta) {
  const piece = delta && typeof delta.text === 'string' ? delta.text : '';
  const offset = delta && Number.isInteger(delta.offset) ? delta.offset : -1;
  if (offset < 0) return null;
  if (offset === text.length) return text + piece;
  if (offset > text.length) return null;
  const end = offset + piece.length;
  if (end <= text.length) return text;
  return text + piece.slice(text.length - offset);
}

/**
 * Reads the stream of task `taskId` until its `done` event. `onText(text)` hears the whole text
 * each time it grows, `onStatus({status, progress})` each status event. Resolves with the done
 * event's `{status, result, text}`; rejects with a StreamError (the HTTP answer was not a stream,
 * the connection dropped before `done`, a piece was lost) or an AbortError when `signal` aborts.
 */
export async function readTaskStream(taskId, { onText = () => {}, onStatus = () => {}, signal, fetchImpl = globalThis.fetch, token = getToken() } = {}) {
  if (typeof fetchImpl !== 'function') throw new StreamError('This browser cannot stream.');
  const res = await fetchImpl(streamUrl(taskId), {
    method: 'GET',
    headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    signal,
    cache: 'no-store',
  });
  const type = (res.headers && res.headers.get && res.headers.get('content-type')) || '';
  if (!res.ok || !type.includes('text/event-stream') || !res.body) {
    let data = {};
    try {
      data = await res.json();
    } catch {
      /* not JSON */
    }
    // a job that is not the caller's, or gone, will not poll any better
    const final = res.status === 401 || res.status === 403 || res.status === 404;
    throw new StreamError(describeError({ status: res.status, code: data.code, message: data.error || data.message }), { fallback: !final, status: res.status });
  }

  let text = '';
  let done = null;
  let broken = null;
  const parser = createParser({
    onEvent(event) {
      if (done || broken) return;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return; // not ours to read
      }
      if (event.event === 'delta') {
        const next = applyDelta(text, data);
        if (next === null) broken = new StreamError('Part of the text was lost on the way.');
        else if (next !== text) {
          text = next;
          onText(text);
        }
      } else if (event.event === 'status') onStatus(data);
      else if (event.event === 'done') done = data || {};
    },
  });

  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  try {
    while (!done && !broken) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (broken) throw broken;
  if (!done) throw new StreamError('The connection closed before the text was finished.');
  const result = done.result === undefined ? null : done.result;
  // the finished text is the result's; what streamed is what was seen meanwhile
  return { status: done.status, result, text: result && typeof result.text === 'string' ? result.text : text };
}
