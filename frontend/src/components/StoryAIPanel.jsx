import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { stories } from '../services/api.js';
import { queries, queryKeys, storyChanged } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import ErrorMessage from './ErrorMessage.jsx';
import TaskProgress from './TaskProgress.jsx';
import ConfirmButton from './ConfirmButton.jsx';
import { plural } from '../utils/options.js';
import Icon from './Icon.jsx';

/**
 * Owner tools of a story: analyse (find the names in it, for the review below the story), clear
 * links, extract events.
 */
export default function StoryAIPanel({ story }) {
  const queryClient = useQueryClient();
  const analyze = useTask();
  const extract = useTask({ timeoutMs: 300000 });
  const [analysed, setAnalysed] = useState(null);
  const [linkInfo, setLinkInfo] = useState(null);
  const [extractInfo, setExtractInfo] = useState(null);
  const [error, setError] = useState(null);
  const review = useQuery(queries.review(story.story_id)).data;
  // "N names to review" while the review it started is still open; once decided, the review says what happened
  const stale = analysed && analysed.proposals > 0 && review && analysed.review_id && (review.review_id !== analysed.review_id || review.status !== 'open');

  // Finds names only: nothing is created or linked until the writer decides in the review.
  const analyse = async () => {
    setError(null);
    setAnalysed(null);
    setLinkInfo(null);
    try {
      const result = await analyze.run(() => stories.startAnalysis(story.story_id));
      setAnalysed(result || {});
    } catch {
      return; // shown in TaskProgress
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.stories.review(story.story_id) });
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
        <button type="button" className="btn btn-primary" onClick={analyse} disabled={analyze.running}>
          <Icon name="sparkle" /> Analyse
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
      <TaskProgress task={analyze} label="Finding names" />
      {analysed && !stale && (
        <p className="alert alert-success" role="status">
          {analysed.message || `Found ${plural(analysed.proposals ?? 0, 'name')}.`}{' '}
          {analysed.proposals > 0 && <a href="#story-review">Review them</a>}
        </p>
      )}
      {linkInfo && (
        <p className="alert alert-success" role="status">
          {linkInfo.message}
        </p>
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
