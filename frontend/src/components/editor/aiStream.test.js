import { describe, expect, it, vi } from 'vitest';
import { StreamError, applyDelta, readTaskStream, streamUrl } from './aiStream.js';

const enc = new TextEncoder();

/** A fetch answering an SSE body sent as `chunks` (strings, split anywhere). */
function sseFetch(chunks, { status = 200, type = 'text/event-stream' } = {}) {
  return vi.fn(async () => {
    const body = new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(enc.encode(c));
        controller.close();
      },
    });
    return new Response(body, { status, headers: { 'content-type': type } });
  });
}

const delta = (offset, text) => `event: delta\ndata: ${JSON.stringify({ offset, text })}\n\n`;
const done = (result, status = 'completed') => `event: done\ndata: ${JSON.stringify({ status, result })}\n\n`;

describe('applyDelta', () => {
  it('appends a piece that starts at the end of the text', () => {
    expect(applyDelta('', { offset: 0, text: 'Mira ' })).toBe('Mira ');
    expect(applyDelta('Mira ', { offset: 5, text: 'rời đảo' })).toBe('Mira rời đảo');
  });
  it('skips a piece it already has (the stored partial, then the same words live)', () => {
    expect(applyDelta('Mira rời đảo', { offset: 5, text: 'rời' })).toBe('Mira rời đảo');
    expect(applyDelta('Mira', { offset: 0, text: 'Mira' })).toBe('Mira');
  });
  it('adds only the new end of a piece that overlaps the text', () => {
    expect(applyDelta('Mira rời', { offset: 5, text: 'rời đảo' })).toBe('Mira rời đảo');
  });
  it('reports a gap (a piece past the end) and a piece without an offset as null', () => {
    expect(applyDelta('Mira', { offset: 9, text: 'x' })).toBeNull();
    expect(applyDelta('Mira', { text: 'x' })).toBeNull();
    expect(applyDelta('Mira', { offset: 1.5, text: 'x' })).toBeNull();
  });
});

describe('readTaskStream', () => {
  it('sends the token, grows the text piece by piece through split chunks, and ends at done', async () => {
    const all = `: heartbeat\n\n${delta(0, 'The ')}${delta(0, 'The ')}${delta(4, 'lamp ')}event: status\ndata: {"status":"processing","progress":null}\n\n${delta(9, 'burned.')}${done({ text: 'The lamp burned.', tool: 'rephrase' })}`;
    const chunks = [all.slice(0, 17), all.slice(17, 40), all.slice(40, 41), all.slice(41)];
    const fetchImpl = sseFetch(chunks);
    const seen = [];
    const statuses = [];
    const out = await readTaskStream('t 1', { fetchImpl, token: 'tok', onText: (t) => seen.push(t), onStatus: (s) => statuses.push(s.status) });
    expect(fetchImpl).toHaveBeenCalledWith(streamUrl('t 1'), expect.objectContaining({ headers: expect.objectContaining({ Authorization: 'Bearer tok', Accept: 'text/event-stream' }) }));
    expect(streamUrl('t 1')).toBe('/api/gpt/results/t%201/stream');
    expect(seen).toEqual(['The ', 'The lamp ', 'The lamp burned.']);
    expect(statuses).toEqual(['processing']);
    expect(out).toEqual({ status: 'completed', result: { text: 'The lamp burned.', tool: 'rephrase' }, text: 'The lamp burned.' });
  });

  it('fails with a stream error when a piece is lost, so the caller polls instead', async () => {
    const err = await readTaskStream('t', { fetchImpl: sseFetch([delta(0, 'Một '), delta(10, 'hai')]) }).catch((e) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err.fallback).toBe(true);
  });

  it('fails with a stream error when the connection closes before done', async () => {
    const err = await readTaskStream('t', { fetchImpl: sseFetch([delta(0, 'half')]) }).catch((e) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect(err.message).toMatch(/closed before/);
  });

  it('falls back when the answer is not a stream, but not when the task is not the caller’s', async () => {
    const plain = await readTaskStream('t', { fetchImpl: sseFetch(['{"error":"Server error"}'], { status: 500, type: 'application/json' }) }).catch((e) => e);
    expect(plain).toBeInstanceOf(StreamError);
    expect(plain.fallback).toBe(true);
    const missing = await readTaskStream('t', { fetchImpl: sseFetch(['{"error":"Task not found","code":"not_found"}'], { status: 404, type: 'application/json' }) }).catch((e) => e);
    expect(missing.fallback).toBe(false);
    expect(missing.message).toBe('Task not found.');
  });

  it('reports a failed job through done', async () => {
    const out = await readTaskStream('t', { fetchImpl: sseFetch([delta(0, 'x'), done('The model stopped mid-way', 'error')]) });
    expect(out).toEqual({ status: 'error', result: 'The model stopped mid-way', text: 'x' });
  });
});

describe('the routes the writing tools use', () => {
  it('are operations of the API spec (the stream is read with fetch, outside ENDPOINTS)', async () => {
    const spec = (await import('../../services/openapi.json')).default;
    expect(spec.paths['/api/gpt/results/{task_id}/stream'].get).toBeTruthy();
    expect(spec.paths['/api/worlds/{world_id}/writing'].post).toBeTruthy();
    expect(streamUrl('t1')).toBe('/api/gpt/results/t1/stream');
  });
});
