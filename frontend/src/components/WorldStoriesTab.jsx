import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { gpt, reviews, worlds } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import StoryList from './StoryList.jsx';
import TagFilter from './TagFilter.jsx';
import TaskProgress from './TaskProgress.jsx';
import Icon from './Icon.jsx';
import { plural } from '../utils/options.js';

export default function WorldStoriesTab({ world, editable }) {
  const id = world.world_id;
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tag = params.get('tag') || '';
  const { data, error, isPending, refetch } = useQuery(tag ? queries.taggedStories(id, tag) : queries.worldStories(id));
  const batch = useTask({ timeoutMs: 600000 });
  const [batchResult, setBatchResult] = useState(null);
  const autoLink = useMutation({
    mutationFn: () => worlds.autoLink(id),
    onSuccess: () => worldChanged(queryClient, id),
  });
  // the batch still creates and links; its answer names a review that undoes it in one step
  const undoBatch = useMutation({
    mutationFn: (reviewId) => reviews.undo(reviewId),
    onSuccess: () => worldChanged(queryClient, id),
  });
  const linkResult = autoLink.data;
  const items = (data && data.items) || [];

  const analyzeAll = async () => {
    setBatchResult(null);
    undoBatch.reset();
    try {
      const result = await batch.run(() => gpt.batchAnalyze({ world_id: id, story_ids: [] }));
      setBatchResult(result);
      // the job linked characters and places to stories, and may have created some
      await worldChanged(queryClient, id);
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
          <button type="button" className="btn" onClick={() => autoLink.mutate()} disabled={autoLink.isPending}>
            <Icon name="link" /> {autoLink.isPending ? 'Linking…' : 'Auto-link stories'}
          </button>
        )}
        {editable && items.length > 0 && (
          <button type="button" className="btn" onClick={analyzeAll} disabled={batch.running}>
            <Icon name="sparkle" /> Analyse unlinked stories
          </button>
        )}
      </div>
      <ErrorMessage error={autoLink.error} />
      <TaskProgress task={batch} label="Batch analysis" />
      {batchResult && <BatchResult result={batchResult} undo={undoBatch} />}
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
      {tag && (
        <TagFilter
          tag={tag}
          onClear={() => {
            const next = new URLSearchParams(params);
            next.delete('tag');
            setParams(next, { replace: true });
          }}
        />
      )}
      {isPending && <Loading label="Loading stories…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && (
        <EmptyState title={tag ? `No story here is tagged “${tag}”.` : 'No stories in this world yet.'}>{editable && !tag ? 'Write the first one.' : null}</EmptyState>
      )}
      <StoryList items={items} tagPath={(t) => `/worlds/${id}?tab=stories&tag=${encodeURIComponent(t)}`} />
    </section>
  );
}

/** What the batch analysis found and created, with an undo of what it created and linked. */
function BatchResult({ result, undo }) {
  const analysed = result.analyzed_stories || [];
  const created = [...new Set(analysed.flatMap((s) => s.created_entities || []))];
  const places = [...new Set(analysed.flatMap((s) => s.created_locations || []))];
  return (
    <div className="alert alert-success" role="status">
      <p>
        {result.message || 'Analysis finished.'}. Found {plural(result.total_characters_found ?? 0, 'character')} and{' '}
        {plural(result.total_locations_found ?? 0, 'place')}.
      </p>
      <p className="small">
        {created.length + places.length === 0
          ? 'Nothing new was created: every name found is already in the world.'
          : `Created ${[created.length ? `${plural(created.length, 'character')} (${created.join(', ')})` : '', places.length ? `${plural(places.length, 'place')} (${places.join(', ')})` : '']
              .filter(Boolean)
              .join(' and ')}.`}
      </p>
      {result.review_id && !undo.isSuccess && (created.length + places.length > 0 || analysed.length > 0) && (
        <button type="button" className="btn btn-small" onClick={() => undo.mutate(result.review_id)} disabled={undo.isPending}>
          {undo.isPending ? 'Undoing…' : 'Undo this analysis'}
        </button>
      )}
      {undo.isSuccess && <p className="small">Undone: what it created is in the trash and its links are removed.</p>}
      <ErrorMessage error={undo.error} />
    </div>
  );
}
