import { Link } from 'react-router-dom';
import Badge from '../Badge.jsx';
import { CITE_WORDS, KIND_LABELS, citePath } from './findingLabels.js';

/**
 * One finding: the quoted words (a button that selects them in the editor), what is wrong, what it
 * conflicts with (links), the suggestion, and Fix / Dismiss / Reopen. `busy` disables the actions
 * while one of them is on its way.
 */
export default function FindingItem({ finding, worldId, onSelect, onFix, onDismiss, onReopen, busy = false }) {
  const { finding_id: id, kind, severity, message, quote, cites = [], suggestion, source, status } = finding;
  const headId = `finding-${id}`;
  const open = status === 'open';
  return (
    <li className={`finding finding-${severity}`} aria-labelledby={headId}>
      <div className="finding-head" id={headId}>
        <Badge tone={`finding-${severity}`}>{KIND_LABELS[kind] || kind}</Badge>
        {source === 'llm' && <span className="muted small">found by the AI</span>}
        {status === 'dismissed' && <span className="muted small">dismissed</span>}
      </div>
      {quote && (
        <button type="button" className="finding-quote" onClick={() => onSelect(finding)} title="Select these words in the story text">
          <span className="sr-only">Select in the text: </span>“{quote}”
        </button>
      )}
      <p className="finding-message" id={`${headId}-msg`}>
        {message}
      </p>
      {cites.length > 0 && (
        <p className="small finding-cites">
          Conflicts with{' '}
          {cites.map((c, i) => {
            const to = citePath(worldId, c);
            const name = c.name || CITE_WORDS[c.kind] || 'the canon';
            return (
              <span key={`${c.kind}-${c.id || i}`}>
                {i > 0 && ', '}
                <span className="muted">{CITE_WORDS[c.kind] || 'entry'} </span>
                {to ? <Link to={to}>{name}</Link> : name}
              </span>
            );
          })}
        </p>
      )}
      {suggestion && open && (
        <p className="small finding-suggestion">
          Suggested: <q>{suggestion}</q>
        </p>
      )}
      <div className="actions wrap">
        {suggestion && open && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => onFix(finding)} disabled={busy} aria-describedby={`${headId}-msg`}>
            Fix
          </button>
        )}
        {open ? (
          <button type="button" className="btn btn-small" onClick={() => onDismiss(finding)} disabled={busy} aria-describedby={`${headId}-msg`}>
            Dismiss
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => onReopen(finding)} disabled={busy} aria-describedby={`${headId}-msg`}>
            Reopen
          </button>
        )}
      </div>
    </li>
  );
}
