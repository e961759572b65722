import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { gpt, stories } from '../services/api.js';
import { queryKeys, storyChanged } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import ErrorMessage from './ErrorMessage.jsx';
import TaskProgress from './TaskProgress.jsx';
import ConfirmButton from './ConfirmButton.jsx';
import { plural } from '../utils/options.js';
import Icon from './Icon.jsx';

const names = (list) => (list || []).map((x) => (typeof x === 'string' ? x : x && x.name)).filter(Boolean);

/** Owner tools of a story: analyse & link, clear links, extract events. */
export default function StoryAIPanel({ story }) {
  const queryClient = useQueryClient();
  const analyze = useTask();
  const extract = useTask({ timeoutMs: 300000 });
  const [linkInfo, setLinkInfo] = useState(null);
  const [extractInfo, setExtractInfo] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const analyzeAndLink = async () => {
    setError(null);
    setLinkInfo(null);
    let result;
    try {
      result = await analyze.run(() =>
        gpt.analyze({
          story_description: story.content || story.description || '',
          story_title: story.title,
          story_genre: story.genre || '',
        }),
      );
    } catch {
      return; // shown in TaskProgress
    }
    setBusy(true);
    try {
      const res = await stories.linkEntities(story.story_id, {
        characters: (result && result.characters) || [],
        locations: (result && result.locations) || [],
        auto_create: true,
      });
      setLinkInfo({ ...res, found: result });
      // linking may have created characters and places in the world
      if (res && res.story) await storyChanged(queryClient, res.story);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const clearLinks = async () => {
    setError(null);
    setLinkInfo(null);
    try {
      const res = await stories.clearLinks(story.story_id);
      if (res && res.story) await storyChanged(queryClient, res.story);
      setLinkInfo({ message: (res && res.message) || 'Links cleared.' });
    } catch (err) {
      setError(err);
    }
  };

  const extractEvents = async () => {
    setError(null);
    setExtractInfo(null);
    try {
      const result = await extract.run(() => stories.extractEvents(story.story_id));
      setExtractInfo(result || {});
      await queryClient.invalidateQueries({ queryKey: queryKeys.worlds.events(story.world_id) });
    } catch {
      /* shown in TaskProgress */
    }
  };

  const dropCache = async () => {
    setError(null);
    try {
      await stories.clearEventsCache(story.story_id);
      setExtractInfo({ message: 'Cached analysis dropped; the next extraction starts fresh.' });
    } catch (err) {
      setError(err);
    }
  };

  const eventCount =
    extractInfo && (extractInfo.event_count ?? (Array.isArray(extractInfo.events) ? extractInfo.events.length : undefined));

  return (
    <section className="card ai-panel" aria-label="AI tools">
      <h2>AI tools</h2>
      <div className="actions wrap">
        <button type="button" className="btn btn-primary" onClick={analyzeAndLink} disabled={analyze.running || busy}>
          <Icon name="sparkle" /> Analyse and link
        </button>
        <button type="button" className="btn" onClick={extractEvents} disabled={extract.running}>
          <Icon name="clock" /> Extract events
        </button>
        <ConfirmButton className="btn btn-ghost" confirmLabel="Yes, clear links" onConfirm={clearLinks}>
          Clear links
        </ConfirmButton>
        <button type="button" className="btn btn-ghost" onClick={dropCache}>
          Drop cached analysis
        </button>
      </div>
      <TaskProgress task={analyze} label="Analysing story" />
      {busy && <p className="muted small" role="status">Linking characters and places…</p>}
      {linkInfo && (
        <div className="alert alert-success" role="status">
          <p>{linkInfo.message || 'Linked.'}</p>
          {linkInfo.found && (
            <p className="small">
              Found characters: {names(linkInfo.found.characters).join(', ') || 'none'} · places:{' '}
              {names(linkInfo.found.locations).join(', ') || 'none'}
              {(linkInfo.created_entities || []).length + (linkInfo.created_locations || []).length > 0 &&
                ` · created ${(linkInfo.created_entities || []).length} characters and ${(linkInfo.created_locations || []).length} places`}
            </p>
          )}
        </div>
      )}
      <TaskProgress task={extract} label="Extracting events" />
      {extractInfo && (
        <p className="alert alert-success" role="status">
          {extractInfo.message ||
            (eventCount !== undefined ? `Extracted ${plural(eventCount, 'event')}${extractInfo.cached ? ' (from the cached analysis)' : ''}.` : 'Events extracted.')}{' '}
          <Link to={`/worlds/${story.world_id}?tab=timeline`}>View the timeline</Link>
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
