import { forwardRef, useEffect, useId, useRef } from 'react';
import { countWords, wordsLabel } from '../../utils/wordCount.js';
import ContextReport from './ContextReport.jsx';

/** What the live region says in each phase of a writing job. */
function statusText(w) {
  const words = wordsLabel(countWords(w.text));
  switch (w.phase) {
    case 'starting':
      return 'Starting…';
    case 'streaming':
      return w.text ? `Writing… ${words} so far.` : 'Writing…';
    case 'polling':
      return w.text ? `Writing (checking every moment)… ${words} so far.` : 'Writing (checking every moment)…';
    case 'done':
      return w.result && Array.isArray(w.result.titles) && w.result.titles.length ? `${w.result.titles.length} titles to choose from.` : w.text ? `Finished: ${words}.` : 'Finished, without text.';
    case 'stopped':
      return w.text ? `Stopped: ${words} arrived.` : 'Stopped.';
    case 'error':
      return 'It did not work.';
    default:
      return '';
  }
}

/**
 * The preview of a writing job (state `writing` from useWriting): the text as it arrives, the
 * offline notice, titles to choose from (`onTitle(title)`), Stop (`onStop`), Accept
 * (`onAccept(text)`), Discard (`onDiscard`), and "What the AI saw". A region labelled
 * by its heading; status changes are announced (a polite live region), the text itself is not
 * read out piece by piece. Escape discards; Ctrl/Cmd+Enter accepts. Focus comes to it on open.
 * On a phone it is a bottom sheet (writing.css).
 */
const AIPreview = forwardRef(function AIPreview({ writing: w, title, acceptHint, onAccept, onTitle, onStop, onDiscard }, ref) {
  const headId = useId();
  const head = useRef(null);
  useEffect(() => {
    if (head.current) head.current.focus({ preventScroll: true });
  }, []);
  const titles = w.result && Array.isArray(w.result.titles) ? w.result.titles.filter(Boolean) : [];
  const notice = w.result && w.result.notice;
  const canAccept = !w.running && !!w.text && titles.length === 0 && (w.phase === 'done' || w.phase === 'stopped');

  const onKeyDown = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onDiscard();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canAccept) {
      e.preventDefault();
      onAccept(w.text);
    }
  };

  return (
    <section ref={ref} className="ai-preview" role="region" aria-labelledby={headId} onKeyDown={onKeyDown}>
      <div className="ai-preview-head">
        <h3 id={headId} ref={head} tabIndex={-1}>
          {title}
        </h3>
        <p className="ai-preview-status" role="status" aria-live="polite">
          {statusText(w)}
        </p>
      </div>
      {notice && <p className="ai-notice">{notice}</p>}
      {w.error && (
        <p className="alert alert-error" role="alert">
          {w.error}
        </p>
      )}
      {titles.length > 0 ? (
        <ul className="ai-titles" aria-label="Suggested titles">
          {titles.map((t) => (
            <li key={t}>
              <button type="button" className="btn ai-title" onClick={() => onTitle(t)}>
                {t}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        (w.text || w.running) && (
          <div className={`ai-text ${w.running ? 'is-running' : ''}`} aria-label="Suggested text" aria-busy={w.running} role="document" tabIndex={0}>
            {w.text}
            {w.running && <span className="ai-caret" aria-hidden="true" />}
          </div>
        )
      )}
      {canAccept && acceptHint && (
        <p className="muted small">
          {w.phase === 'stopped' ? 'Only part of it arrived. ' : ''}
          {acceptHint}
        </p>
      )}
      <div className="actions ai-actions">
        {w.running && (
          <button type="button" className="btn" onClick={onStop}>
            Stop
          </button>
        )}
        {titles.length === 0 && (
          <button type="button" className="btn btn-primary" disabled={!canAccept} onClick={() => onAccept(w.text)}>
            Accept
          </button>
        )}
        {w.phase === 'error' && w.retry && (
          <button type="button" className="btn" onClick={w.retry}>
            Try again
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => onDiscard()}>
          Discard
        </button>
      </div>
      <ContextReport report={w.context} />
    </section>
  );
});

export default AIPreview;
