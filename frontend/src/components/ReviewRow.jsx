import { useId, useState } from 'react';
import {
  CONFIDENCE_WORD,
  KINDS,
  choiceSummary,
  confidenceLevel,
  kindWord,
  outcomeSummary,
  proposalSummary,
  quoteParts,
} from '../utils/review.js';

/** The quote where a name was found, the name (and its other spellings) highlighted. */
export function Quote({ quote, names }) {
  const parts = quoteParts(quote, names);
  if (parts.length === 0) return null;
  return (
    <blockquote className="review-quote">
      {parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </blockquote>
  );
}

function Confidence({ proposal }) {
  const level = confidenceLevel(proposal);
  const pct = Math.round((proposal.confidence ?? 0) * 100);
  return (
    <span className={`confidence confidence-${level}`} title={`Confidence ${pct}%`}>
      <span className="confidence-bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>
        {CONFIDENCE_WORD[level]} <span className="sr-only">({pct}% confident)</span>
      </span>
    </span>
  );
}

/** Pick an existing entry (a character of any kind, or a place) to merge a found name into. */
function MergePicker({ proposal, targets, onMerge, onCancel }) {
  const id = useId();
  const [targetId, setTargetId] = useState('');
  const none = targets.people.length + targets.places.length === 0;
  return (
    <form
      className="review-inline"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        if (targetId) onMerge(targetId);
      }}
    >
      <label htmlFor={id}>Merge “{proposal.name}” into</label>
      <select id={id} value={targetId} onChange={(e) => setTargetId(e.target.value)} autoFocus disabled={none}>
        <option value="">{none ? 'This world has no entries yet' : 'Choose an entry…'}</option>
        {targets.people.length > 0 && (
          <optgroup label="Characters">
            {targets.people.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.kind !== 'character' ? ` (${kindWord(t.kind)})` : ''}
              </option>
            ))}
          </optgroup>
        )}
        {targets.places.length > 0 && (
          <optgroup label="Places">
            {targets.places.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <div className="review-buttons">
        <button type="submit" className="btn btn-small btn-primary" disabled={!targetId}>
          Merge
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RenameForm({ proposal, kind, onRename, onCancel }) {
  const id = useId();
  const [name, setName] = useState(proposal.name);
  const clean = name.trim();
  return (
    <form
      className="review-inline"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        if (clean) onRename(clean);
      }}
    >
      <label htmlFor={id}>New name for “{proposal.name}”</label>
      <input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      <div className="review-buttons">
        <button type="submit" className="btn btn-small btn-primary" disabled={!clean}>
          Keep as {kindWord(kind)}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One found name of a review: what is proposed, how sure, the quote, and the choices (keep,
 * rename, change kind, merge into an existing entry, add as alias, ignore). A choice is staged
 * (`onChoose`) until the review applies it; a decided proposal shows what it did.
 */
export default function ReviewRow({ proposal: p, choice, targets, onChoose, onClear, disabled = false }) {
  const [mode, setMode] = useState(null); // null | 'rename' | 'merge'
  // keyboard focus follows the row: to "Change" once a choice is made, back to the choices after it
  const [back, setBack] = useState(false);
  const [kind, setKind] = useState(p.kind);
  const kindId = useId();
  const headingId = useId();
  const decided = p.status !== 'pending';
  const allTargets = [...targets.people, ...targets.places];
  const targetName = (tid) => {
    const t = allTargets.find((x) => x.id === tid);
    return t ? t.name : undefined;
  };
  const kindLabel = p.action === 'create' ? kind : (p.target && p.target.kind) || p.kind;
  const state = decided ? p.status : choice ? 'chosen' : 'pending';

  const choose = (c) => {
    setMode(null);
    setBack(false);
    onChoose(c);
  };
  const cancel = () => {
    setMode(null);
    setBack(true);
  };

  return (
    <li className={`review-row is-${state}`} aria-labelledby={headingId} data-proposal-id={p.proposal_id}>
      <div className="review-main">
        <div className="review-head">
          <h3 id={headingId} className="review-name">
            {p.name}
          </h3>
          <span className={`badge badge-kind badge-${kindLabel}`}>{kindWord(kindLabel)}</span>
          <Confidence proposal={p} />
        </div>
        <p className="review-proposal">
          {proposalSummary(p, kind)}
          {p.count > 1 && <span className="muted"> · named {p.count} times</span>}
        </p>
        {(p.aliases || []).length > 0 && <p className="muted small">Also written: {p.aliases.join(', ')}</p>}
        <Quote quote={p.quote} names={[p.name, ...(p.aliases || [])]} />
      </div>
      <div className="review-side">
        {decided && (
          <p className={`review-outcome review-outcome-${p.status}`}>
            {outcomeSummary(p)}
          </p>
        )}
        {!decided && choice && (
          <div className="review-chosen">
            <p className="review-outcome">{choiceSummary(p, choice, targetName(choice.target_id))}</p>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              autoFocus
              aria-label={`Change the choice for ${p.name}`}
              onClick={() => {
                setBack(true);
                onClear();
              }}
              disabled={disabled}
            >
              Change
            </button>
          </div>
        )}
        {!decided && !choice && mode === 'rename' && (
          <RenameForm proposal={p} kind={kind} onCancel={cancel} onRename={(name) => choose({ action: 'accept', name, kind })} />
        )}
        {!decided && !choice && mode === 'merge' && (
          <MergePicker proposal={p} targets={targets} onCancel={cancel} onMerge={(target_id) => choose({ action: 'merge', target_id })} />
        )}
        {!decided && !choice && mode === null && (
          <div className="review-actions" role="group" aria-label={`Choices for ${p.name}`}>
            {p.action === 'create' && (
              <>
                <div className="review-kind">
                  <label htmlFor={kindId}>Kind</label>
                  <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)} disabled={disabled}>
                    {KINDS.map((k) => (
                      <option key={k.value} value={k.value}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" className="btn btn-small btn-primary" autoFocus={back} disabled={disabled} onClick={() => choose({ action: 'accept', kind })}>
                  Keep
                </button>
                <button type="button" className="btn btn-small" disabled={disabled} onClick={() => setMode('rename')}>
                  Rename
                </button>
              </>
            )}
            {p.action === 'link' && (
              <button type="button" className="btn btn-small btn-primary" autoFocus={back} disabled={disabled} onClick={() => choose({ action: 'accept' })}>
                Keep link
              </button>
            )}
            {p.action === 'alias' && (
              <button type="button" className="btn btn-small btn-primary" autoFocus={back} disabled={disabled} onClick={() => choose({ action: 'accept' })}>
                Add as alias
              </button>
            )}
            <button type="button" className="btn btn-small" disabled={disabled} onClick={() => setMode('merge')}>
              Merge into…
            </button>
            <button type="button" className="btn btn-small btn-ghost" disabled={disabled} onClick={() => choose({ action: 'ignore' })}>
              Ignore
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
