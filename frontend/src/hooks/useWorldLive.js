import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { activity as activityApi, live } from '../services/api.js';
import { queryKeys, trashed, worldChanged } from '../services/queries.js';
import { activitySentence, appPath } from '../utils/people.js';
import { useToast } from './toastContext.js';
import { useAuth } from './useAuth.js';

/** How often the fallback asks `activity?after=` when there is no live stream. */
export const POLL_MS = 10000;
/** Failed stream attempts in a row before falling back to polling; the waits between them. */
export const RETRY_MS = [1000, 3000, 8000];
const POLL_PAGE = 50;
const FINAL_TASK_STATUSES = ['completed', 'error', 'cancelled'];
// one notice per person and thing while they keep editing it (autosave sends many changes)
const TOAST_MS = 6000;

/** The query families a change of `kind` makes stale (prefixes under the world's key). */
const STALE = {
  entry: ['entries', 'characters', 'locations', 'graph', 'relationships'],
  image: ['entries', 'characters', 'locations'],
  story: ['stories', 'entries', 'events', 'relationships', 'graph'],
  book: ['books', 'stories'],
  relation: ['relations', 'entries', 'graph', 'relationships'],
  event: ['events', 'entries'],
  member: ['members', 'invitations'],
};

/** Refresh what the change `item` of world `worldId` made stale (and the activity lists). */
export function invalidateFor(queryClient, worldId, item) {
  const under = (key) => queryClient.invalidateQueries({ queryKey: [...queryKeys.worlds.detail(worldId), key] });
  const work = [under('activity'), queryClient.invalidateQueries({ queryKey: queryKeys.activity.all() })];
  if (item.action === 'deleted' || item.action === 'restored' || !STALE[item.kind]) {
    work.push(worldChanged(queryClient, worldId));
    if (item.action !== 'edited') work.push(trashed(queryClient));
    return Promise.all(work);
  }
  work.push(...STALE[item.kind].map(under));
  if (item.kind === 'story') {
    work.push(queryClient.invalidateQueries({ queryKey: queryKeys.stories.all() }));
  }
  if (item.kind === 'book') work.push(queryClient.invalidateQueries({ queryKey: ['books'] }));
  if (item.kind === 'member' || item.kind === 'image') {
    work.push(queryClient.invalidateQueries({ queryKey: queryKeys.worlds.detail(worldId), exact: true }));
  }
  return Promise.all(work);
}

/**
 * Live updates of a world while its page is open: a ticket, then an EventSource on
 * /api/worlds/{id}/live; each change made by someone else refreshes the queries it touches and
 * shows "Minh edited Mara". A lost stream reconnects (resuming after the last seq); when the server
 * has no live stream (or it keeps failing) the hook polls `activity?after=` every POLL_MS.
 * Returns the mode: 'off' | 'connecting' | 'live' | 'polling'.
 */
export function useWorldLive(worldId, { enabled = true } = {}) {
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const { show, update } = useToast();
  const navigate = useNavigate();
  const [mode, setMode] = useState('off');
  const userId = user && user.user_id;
  // the latest callbacks, so that a new toast function does not restart the stream
  const ui = useRef({ show, update, navigate });
  useEffect(() => {
    ui.current = { show, update, navigate };
  });

  useEffect(() => {
    if (!enabled || !worldId || !userId) return undefined;
    let stopped = false;
    let source = null;
    let timer = null;
    let failures = 0;
    let lastSeq = null;
    const notices = new Map();

    const notify = (item) => {
      const key = `${item.actor && item.actor.user_id}:${item.kind}:${item.target_id}:${item.action}`;
      const message = activitySentence(item, { short: true });
      const to = item.action === 'deleted' ? null : appPath(item.link);
      const here = to && typeof window !== 'undefined' && window.location.pathname === to;
      const action = to && !here ? { label: 'Open', run: () => ui.current.navigate(to), closes: true } : undefined;
      const seen = notices.get(key);
      const now = Date.now();
      if (seen && now - seen.at < TOAST_MS) {
        ui.current.update(seen.id, { message });
        notices.set(key, { id: seen.id, at: now });
      } else {
        notices.set(key, { id: ui.current.show({ message, action, duration: TOAST_MS }), at: now });
      }
    };

    const handle = (item) => {
      if (!item || typeof item !== 'object') return;
      if (Number.isFinite(item.seq)) lastSeq = Math.max(lastSeq || 0, item.seq);
      // my own changes were refreshed by the request that made them
      if (item.actor && item.actor.user_id === userId) return;
      invalidateFor(queryClient, worldId, item);
      notify(item);
    };

    const poll = async () => {
      setMode('polling');
      try {
        if (lastSeq === null) {
          const answer = await activityApi.world(worldId, { limit: 1 });
          const first = (answer.activity || [])[0];
          if (Number.isFinite(answer.latest_seq)) lastSeq = answer.latest_seq;
          else lastSeq = first && Number.isFinite(first.seq) ? first.seq : 0;
        } else {
          const answer = await activityApi.world(worldId, { after: lastSeq, limit: POLL_PAGE });
          const items = [...(answer.activity || [])].sort((a, b) => a.seq - b.seq);
          if (items.length >= POLL_PAGE) {
            // more changed than a page shows: refresh everything once, go on from the newest
            lastSeq = items[items.length - 1].seq;
            worldChanged(queryClient, worldId);
          } else items.forEach(handle);
        }
      } catch (err) {
        if (err && (err.status === 404 || err.status === 403)) {
          setMode('off');
          return;
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };

    const retry = () => {
      failures += 1;
      if (failures > RETRY_MS.length) return poll();
      setMode('connecting');
      timer = setTimeout(connect, RETRY_MS[failures - 1]);
      return undefined;
    };

    async function connect() {
      if (stopped) return;
      if (typeof EventSource === 'undefined') {
        poll();
        return;
      }
      setMode('connecting');
      let answer;
      try {
        answer = await live.ticket(worldId);
      } catch (err) {
        if (stopped) return;
        if (err && err.status === 501) poll();
        else if (err && err.status >= 400 && err.status < 500 && err.status !== 429) setMode('off');
        else retry();
        return;
      }
      if (stopped) return;
      if (!answer || answer.live === false || !answer.ticket) {
        poll();
        return;
      }
      const params = new URLSearchParams({ ticket: answer.ticket });
      const resumed = lastSeq !== null;
      if (resumed) params.set('last_event_id', String(lastSeq));
      const stream = new EventSource(`/api/worlds/${encodeURIComponent(worldId)}/live?${params}`);
      source = stream;
      let opened = false;
      stream.onopen = () => {
        // a stream reopened without a known position may have missed changes: refresh once
        if (opened === false && failures > 0 && !resumed) worldChanged(queryClient, worldId);
        opened = true;
        failures = 0;
        setMode('live');
      };
      stream.addEventListener('change', (e) => {
        let item;
        try {
          item = JSON.parse(e.data);
        } catch {
          return;
        }
        if (!Number.isFinite(item.seq) && e.lastEventId) item = { ...item, seq: Number(e.lastEventId) };
        handle(item);
      });
      stream.addEventListener('task', (e) => {
        // progress ticks are many; the job lists change when a job ends
        let task;
        try {
          task = JSON.parse(e.data);
        } catch {
          return;
        }
        if (FINAL_TASK_STATUSES.includes(task && task.status)) queryClient.invalidateQueries({ queryKey: ['gpt'] });
      });
      stream.onerror = () => {
        // the browser would retry with the same (short-lived) ticket: reconnect with a new one
        stream.close();
        if (source === stream) source = null;
        if (!stopped) retry();
      };
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (source) source.close();
    };
  }, [enabled, worldId, userId, queryClient]);

  return enabled && worldId && userId ? mode : 'off';
}
