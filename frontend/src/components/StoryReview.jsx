import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reviews } from '../services/api.js';
import { queries, queryKeys, worldChanged } from '../services/queries.js';
import { useElementWidth } from '../hooks/useElementWidth.js';
import { appliedSummary, decisionOf, mergeTargets } from '../utils/review.js';
import { plural } from '../utils/options.js';
import ErrorMessage from './ErrorMessage.jsx';
import IgnoredNames from './IgnoredNames.jsx';
import ReviewRow from './ReviewRow.jsx';

// Below this width (a phone, or a narrow column) a row stacks: the quote, then the choices.
const NARROW = 640;

/**
 * The story's review of found names (GET /stories/{id}/review), shown when one exists. Nothing is
 * added to the world until the writer applies their choices; "Undo" puts the world back.
 */
export default function StoryReview({ story }) {
  const { data: review, error, refetch } = useQuery(queries.review(story.story_id));
  if (error) return <ErrorMessage error={error} onRetry={() => refetch()} title="The review of found names did not load." />;
  if (!review) return null;
  return <ReviewPanel key={review.review_id} review={review} story={story} />;
}

function ReviewPanel({ review, story }) {
  const queryClient = useQueryClient();
  const worldId = story.world_id;
  const reviewKey = queryKeys.stories.review(story.story_id);
  const [boxRef, width] = useElementWidth(800);
  const [open, setOpen] = useState(review.status === 'open' && !review.undone);
  const [choices, setChoices] = useState({}); // proposal_id -> {action, name?, kind?, target_id?}
  const chars = useQuery(queries.characters(worldId)).data;
  const locs = useQuery(queries.locations(worldId)).data;
  const targets = mergeTargets(chars && chars.items, locs && locs.items);

  const settled = (answer) => {
    queryClient.setQueryData(reviewKey, answer);
    setChoices({});
    // the review created, linked or aliased characters and places: every view of the world refetches
    return worldChanged(queryClient, worldId);
  };
  const decide = useMutation({
    mutationFn: (body) => reviews.decide(review.review_id, body),
    onSuccess: settled,
    onError: (err) => {
      if (err && err.status === 409) queryClient.invalidateQueries({ queryKey: reviewKey });
    },
  });
  const undo = useMutation({
    mutationFn: () => reviews.undo(review.review_id),
    onSuccess: (answer) => {
      decide.reset();
      return settled(answer);
    },
  });
  const busy = decide.isPending || undo.isPending;

  const proposals = review.proposals || [];
  const pending = proposals.filter((p) => p.status === 'pending');
  const staged = pending.filter((p) => choices[p.proposal_id]);
  const confident = pending.filter((p) => p.confident && !choices[p.proposal_id]);
  const counts = review.counts || {};
  const decidedCount = (counts.accepted || 0) + (counts.ignored || 0);
  const decisions = staged.map((p) => decisionOf(p, choices[p.proposal_id]));

  const apply = (acceptConfident) => decide.mutate({ decisions, accept_confident: acceptConfident });
  const choose = (id, choice) => setChoices((c) => ({ ...c, [id]: choice }));
  const clear = (id) =>
    setChoices((c) => {
      const next = { ...c };
      delete next[id];
      return next;
    });

  const applied = decide.data && decide.data.applied;
  // once applied or undone, keyboard focus goes to what happened (the buttons it was on are gone)
  const doneRef = useRef(null);
  useEffect(() => {
    if ((applied || undo.isSuccess) && doneRef.current) doneRef.current.focus();
  }, [applied, undo.isSuccess]);
  const summary = [
    counts.pending ? `${counts.pending} to decide` : null,
    counts.accepted ? `${counts.accepted} kept` : null,
    counts.ignored ? `${counts.ignored} ignored` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <section
      ref={boxRef}
      id="story-review"
      className={`card review ${width < NARROW ? 'review-narrow' : ''}`}
      aria-labelledby="review-heading"
      lang={review.language || undefined}
    >
      <div className="review-top">
        <div>
          <h2 id="review-heading" lang="en">
            Names found in this story
          </h2>
          <p className="muted small" lang="en">
            {review.undone
              ? 'This review was undone: the world is as it was before it.'
              : proposals.length === 0
                ? 'No new names: everything this story names is already in the world or was decided before.'
                : `${plural(proposals.length, 'name')}${summary ? ` · ${summary}` : ''}.${pending.length ? ' Nothing is added to the world until you apply your choices.' : ''}`}
          </p>
        </div>
        {!open && proposals.length > 0 && !review.undone && (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)} aria-expanded="false" lang="en">
            Show the names
          </button>
        )}
      </div>

      {applied && !review.undone && (
        <p className="alert alert-success" role="status" lang="en" tabIndex={-1} ref={doneRef}>
          {appliedSummary(applied)}
        </p>
      )}
      {undo.isSuccess && review.undone && (
        <p className="alert alert-success" role="status" lang="en" tabIndex={-1} ref={doneRef}>
          Undone: entries this review created are in the trash, its links and aliases are removed, and the names it ignored may be proposed again.
        </p>
      )}
      <ErrorMessage error={decide.error} />
      <ErrorMessage error={undo.error} />

      {open && !review.undone && proposals.length > 0 && (
        <>
          {pending.length > 0 && (
            <div className="toolbar review-toolbar" lang="en">
              <button type="button" className="btn btn-primary" onClick={() => apply(false)} disabled={busy || staged.length === 0}>
                {decide.isPending ? 'Applying…' : `Apply ${plural(staged.length, 'choice')}`}
              </button>
              <button type="button" className="btn" onClick={() => apply(true)} disabled={busy || confident.length === 0}>
                Accept all confident ({confident.length})
              </button>
              {staged.length > 0 && confident.length > 0 && <p className="muted small">Also applies your {plural(staged.length, 'choice')}.</p>}
            </div>
          )}
          <ol className="review-list">
            {proposals.map((p) => (
              <ReviewRow
                key={p.proposal_id}
                proposal={p}
                choice={choices[p.proposal_id]}
                targets={targets}
                disabled={busy}
                onChoose={(c) => choose(p.proposal_id, c)}
                onClear={() => clear(p.proposal_id)}
              />
            ))}
          </ol>
        </>
      )}

      {!review.undone && decidedCount > 0 && (
        <div className="review-undo" lang="en">
          <p className="muted small">Changed your mind? Undo removes what this review added, unlinks what it linked and forgets what it ignored.</p>
          <button type="button" className="btn btn-small" onClick={() => undo.mutate()} disabled={busy}>
            {undo.isPending ? 'Undoing…' : 'Undo this review'}
          </button>
        </div>
      )}
      <IgnoredNames worldId={worldId} />
    </section>
  );
}
