import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { aiSettings } from '../../services/api.js';
import { queries } from '../../services/queries.js';
import { describeError } from '../../utils/errorText.js';
import ErrorMessage from '../ErrorMessage.jsx';
import Loading from '../Loading.jsx';
import Badge from '../Badge.jsx';
import { formatDate } from '../../utils/options.js';
import { CAPABILITY_STATES, budgetText, capabilityList, formatCost, priceOf } from './aiFormat.js';
import '../../styles/consistency.css';

/**
 * The administrator's view of the AI: provider, server, model, the models worlds may choose,
 * the context budget, what the server supports and the prices; "Test connection" makes one tiny
 * real call and shows how long it took, or the error in plain words.
 */
export default function AdminAICard() {
  const id = useId();
  const { data: ai, error, isPending, refetch } = useQuery(queries.aiAdmin());
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState(null);
  const [testError, setTestError] = useState(null);

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    setTestError(null);
    try {
      setTest(await aiSettings.test());
    } catch (err) {
      setTestError(err);
    } finally {
      setTesting(false);
    }
  };

  const shown = (test && test.capabilities) || (ai && ai.capabilities);
  const caps = capabilityList(shown);
  const checkedAt = shown && shown.checked_at;
  const prices = Object.entries((ai && ai.prices) || {}).map(([model, p]) => [model, priceOf(p)]).filter(([, p]) => p);
  const allowed = (ai && ai.allowed_models) || [];

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>AI</h2>
      {isPending && <Loading label="Loading the AI settings…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {ai && (
        <dl className="dl">
          <dt>Provider</dt>
          <dd>
            <code>{ai.provider}</code>
            {ai.base_url_host && (
              <>
                {' '}
                at <code>{ai.base_url_host}</code>
              </>
            )}
          </dd>
          <dt>Model</dt>
          <dd>
            <code>{ai.model}</code>
            {ai.provider === 'offline' && <span className="muted small"> (used once an AI server is configured)</span>}
          </dd>
          <dt>Models worlds may choose</dt>
          <dd>{allowed.length ? allowed.map((m, i) => <span key={m}>{i > 0 && ', '}<code>{m}</code></span>) : 'Only the model above'}</dd>
          {budgetText(ai.context_budget) && (
            <>
              <dt>Canon per job</dt>
              <dd>{budgetText(ai.context_budget)}</dd>
            </>
          )}
          <dt>Server supports</dt>
          <dd>
            {ai.provider === 'offline' ? (
              'No AI server: the offline helper works (and streams its writing tools) without one'
            ) : caps.length ? (
              <ul className="ai-caps" aria-label="Capabilities">
                {caps.map((c) => (
                  <li key={c.key}>
                    <Badge tone={c.state === 'yes' ? 'public' : c.state === 'no' ? 'draft' : 'private'} title={CAPABILITY_STATES[c.state]}>
                      {c.label}: {c.state === 'yes' ? 'yes' : c.state === 'no' ? 'no' : 'not tested'}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              'Not tested yet'
            )}
            {checkedAt && <span className="muted small">Checked {formatDate(checkedAt)}</span>}
          </dd>
          <dt>Prices</dt>
          <dd>
            {prices.length ? (
              <ul className="plain-list">
                {prices.map(([model, [prompt, completion]]) => (
                  <li key={model}>
                    <code>{model}</code>: {formatCost(prompt, ai.currency)} in, {formatCost(completion, ai.currency)} out per million tokens
                  </li>
                ))}
              </ul>
            ) : (
              'No prices set: usage shows tokens only'
            )}
          </dd>
        </dl>
      )}
      <div className="ai-test">
        <button type="button" className="btn" onClick={runTest} disabled={testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {test && test.ok && (
          <p className="alert alert-success" role="status">
            Connected: <code>{test.model || (ai && ai.model)}</code> answered in {Math.round(test.latency_ms)} ms.
            {test.message && ` ${test.message}`}
          </p>
        )}
        {test && !test.ok && (
          <ErrorMessage error={`The connection failed: ${describeError({ message: test.error || 'no answer' })}`} />
        )}
        <ErrorMessage error={testError} />
      </div>
    </section>
  );
}
