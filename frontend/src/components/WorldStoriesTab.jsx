import { useState } from 'react';
import { Link } from 'react-router-dom';
import { gpt, worlds } from '../services/api.js';
import { useAsync } from '../hooks/useAsync.js';
import { useTask } from '../hooks/useTask.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import StoryList from './StoryList.jsx';
import TaskProgress from './TaskProgress.jsx';
import Icon from './Icon.jsx';

export default function WorldStoriesTab({ world, editable, onChange }) {
  const id = world.world_id;
  const { data, error, loading, reload } = useAsync(() => worlds.stories(id, { per_page: 200 }), [id]);
  const batch = useTask({ timeoutMs: 600000 });
  const [linkResult, setLinkResult] = useState(null);
  const [batchResult, setBatchResult] = useState(null);
  const [actionError, setActionError] = useState(null);
  const [linking, setLinking] = useState(false);
  const items = (data && data.items) || [];

  const autoLink = async () => {
    setLinking(true);
    setActionError(null);
    setLinkResult(null);
    try {
      setLinkResult(await worlds.autoLink(id));
      await reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setLinking(false);
    }
  };

  const analyzeAll = async () => {
    setActionError(null);
    setBatchResult(null);
    try {
      const result = await batch.run(() => gpt.batchAnalyze({ world_id: id, story_ids: [] }));
      setBatchResult(result);
      await reload();
      if (onChange) onChange();
    } catch {
      /* shown in TaskProgress */
    }
  };

  return (
    <section aria-label="Stories">
      <div className="toolbar">
        {editable && (
          <Link to={`/stories/new?world_id=${id}`} className="btn btn-primary">
            + New story
          </Link>
        )}
        {editable && items.length > 1 && (
          <button type="button" className="btn" onClick={autoLink} disabled={linking}>
            <Icon name="link" /> {linking ? 'Linking…' : 'Auto-link stories'}
          </button>
        )}
        {editable && items.length > 0 && (
          <button type="button" className="btn" onClick={analyzeAll} disabled={batch.running}>
            <Icon name="sparkle" /> Analyse unlinked stories
          </button>
        )}
      </div>
      <ErrorMessage error={actionError} />
      <TaskProgress task={batch} label="Batch analysis" />
      {batchResult && (
        <p className="alert alert-success" role="status">
          {batchResult.message || 'Analysis finished.'} Found {batchResult.total_characters_found ?? 0} characters and{' '}
          {batchResult.total_locations_found ?? 0} places.
        </p>
      )}
      {linkResult && (
        <div className="alert alert-success" role="status">
          <p>{linkResult.message || `Linked ${linkResult.linked_count} stories.`}</p>
          {(linkResult.links || []).length > 0 && (
            <ul>
              {linkResult.links.map((l, i) => (
                <li key={i}>
                  {l.from_title} → {l.to_title}
                </li>
              ))}
            </ul>
          )}
          {(linkResult.unlinked_stories || []).length > 0 && (
            <p className="small">Not linked: {linkResult.unlinked_stories.map((s) => s.title).join(', ')}</p>
          )}
        </div>
      )}
      {loading && !data && <Loading label="Loading stories…" />}
      <ErrorMessage error={error} onRetry={reload} />
      {data && items.length === 0 && (
        <EmptyState title="No stories in this world yet.">{editable ? 'Write the first one.' : null}</EmptyState>
      )}
      <StoryList items={items} />
    </section>
  );
}
