import { REASON, WHY } from './editorAI.js';

const KIND = { entry: 'entry', relation: 'relation', event: 'event' };

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** Items left out shown by name; past this, a count (a big codex leaves many out for rank). */
export const SKIPPED_SHOWN = 15;

/**
 * "What the AI saw": the context report of a job ({budget_tokens, used_tokens, tokenizer,
 * included: [{kind, name, tokens, why}], skipped: [{kind, name, tokens, reason} | {kind, reason:
 * 'visibility', count}]}), as a disclosure. What the writer may not see is only counted.
 */
export default function ContextReport({ report }) {
  if (!report || typeof report !== 'object') return null;
  const included = Array.isArray(report.included) ? report.included : [];
  const skipped = Array.isArray(report.skipped) ? report.skipped : [];
  const hidden = skipped.filter((s) => s.reason === 'visibility').reduce((n, s) => n + (Number(s.count) || 1), 0);
  const named = skipped.filter((s) => s.reason !== 'visibility');
  const budget = Number(report.budget_tokens) || 0;
  const used = Number(report.used_tokens) || 0;
  return (
    <details className="ai-context">
      <summary>
        What the AI saw <span className="muted small">({plural(included.length, 'item')} of the canon{named.length + hidden ? `, ${named.length + hidden} left out` : ''})</span>
      </summary>
      {budget > 0 && (
        <p className="muted small">
          {used.toLocaleString('en')} of {budget.toLocaleString('en')} tokens used{report.tokenizer && report.tokenizer !== 'none' ? ` (counted by ${report.tokenizer})` : ''}.
        </p>
      )}
      {included.length ? (
        <>
          <h4 className="ai-context-head">Included</h4>
          <ul className="ai-context-list">
            {included.map((item, i) => (
              <li key={`${item.kind}-${item.id || i}`}>
                <strong>{item.name || 'Untitled'}</strong> <span className="muted small">{KIND[item.kind] || item.kind}</span> — {WHY[item.why] || item.why}
                {item.tokens ? <span className="muted small"> · {plural(item.tokens, 'token')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">Nothing from the canon: no entry, relation or event matched the text.</p>
      )}
      {(named.length > 0 || hidden > 0) && (
        <>
          <h4 className="ai-context-head">Left out</h4>
          <ul className="ai-context-list">
            {named.slice(0, SKIPPED_SHOWN).map((item, i) => (
              <li key={`${item.kind}-${item.id || i}`}>
                <strong>{item.name || 'Untitled'}</strong> <span className="muted small">{KIND[item.kind] || item.kind}</span> — {REASON[item.reason] || item.reason}
              </li>
            ))}
            {named.length > SKIPPED_SHOWN && <li>{plural(named.length - SKIPPED_SHOWN, 'more item')} left out for the same reasons</li>}
            {hidden > 0 && <li>{plural(hidden, 'item')} you cannot see — {REASON.visibility}</li>}
          </ul>
        </>
      )}
    </details>
  );
}
