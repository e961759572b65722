import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';
import ErrorMessage from '../ErrorMessage.jsx';
import Loading from '../Loading.jsx';
import { formatCost, formatTokens } from './aiFormat.js';
import '../../styles/consistency.css';

const DAYS = 30;

const tokensOf = (row) => (Number(row.prompt_tokens) || 0) + (Number(row.completion_tokens) || 0);

/**
 * The dashboard's "AI usage": what my AI jobs used over the last 30 days, in tokens and (when the
 * operator set prices) cost, in all and per world. Nothing used: one line, no table of zeros.
 */
export default function UsageCard() {
  const id = useId();
  const { data, error, isPending, refetch } = useQuery(queries.aiUsage(DAYS));
  const totals = (data && data.totals) || {};
  const currency = (data && data.currency) || 'USD';
  const worldsUsed = ((data && data.by_world) || []).filter((w) => (Number(w.jobs) || 0) > 0 || tokensOf(w) > 0);
  const used = (Number(totals.jobs) || 0) > 0 || tokensOf(totals) > 0;
  const priced = Number(totals.cost) > 0 || worldsUsed.some((w) => Number(w.cost) > 0);
  const tokened = tokensOf(totals) > 0 || worldsUsed.some((w) => tokensOf(w) > 0); // offline jobs use none

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>AI usage</h2>
      <p className="muted small">The last {DAYS} days.</p>
      {isPending && <Loading label="Loading AI usage…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && !used && <p>No AI use yet.</p>}
      {data && used && (
        <>
          <dl className="dl">
            <dt>Jobs</dt>
            <dd>{Number(totals.jobs) || 0}</dd>
            <dt>Tokens</dt>
            <dd>
              {tokened ? formatTokens(tokensOf(totals)) : 'None: the jobs ran on the offline helper'}
              {Number(totals.prompt_tokens) > 0 && Number(totals.completion_tokens) > 0 && (
                <span className="muted small">
                  {' '}
                  ({Number(totals.prompt_tokens).toLocaleString('en')} read, {Number(totals.completion_tokens).toLocaleString('en')} written)
                </span>
              )}
            </dd>
            {priced && (
              <>
                <dt>Cost</dt>
                <dd>{formatCost(totals.cost, currency)}</dd>
              </>
            )}
          </dl>
          {worldsUsed.length > 0 && (
            <div className="table-wrap">
              <table className="table compact usage-table">
                <caption className="sr-only">AI usage per world, last {DAYS} days</caption>
                <thead>
                  <tr>
                    <th scope="col">World</th>
                    <th scope="col" className="num">
                      Jobs
                    </th>
                    {tokened && (
                      <th scope="col" className="num">
                        Tokens
                      </th>
                    )}
                    {priced && (
                      <th scope="col" className="num">
                        Cost
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {worldsUsed.map((w, i) => (
                    <tr key={w.world_id || `none-${i}`}>
                      <th scope="row">
                        {w.world_id && w.name ? <Link to={`/worlds/${w.world_id}`}>{w.name}</Link> : w.world_id ? 'A deleted world' : 'Other (no world, or a world you only read)'}
                      </th>
                      <td className="num">{Number(w.jobs) || 0}</td>
                      {tokened && <td className="num">{tokensOf(w).toLocaleString('en')}</td>}
                      {priced && <td className="num">{Number(w.cost) > 0 ? formatCost(w.cost, currency) : '–'}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!priced && tokened && <p className="muted small">No prices are set on this server, so only tokens are counted.</p>}
        </>
      )}
    </section>
  );
}
