import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../../services/api.js';
import { queries, queryKeys, worldChanged } from '../../services/queries.js';
import ErrorMessage from '../ErrorMessage.jsx';
import Loading from '../Loading.jsx';
import { formatCost, priceOf } from './aiFormat.js';

/** "gpt-4o-mini (USD 0.15 in / 0.60 out per million tokens)". */
function modelLabel(model, currency) {
  const name = model.label || model.id;
  const p = priceOf(model.price);
  return p ? `${name} (${formatCost(p[0], currency)} in / ${formatCost(p[1], currency)} out per million tokens)` : name;
}

/**
 * The owner chooses which of the operator's models the world's AI jobs use (`ai_model`, saved with
 * the world over its version; "" is the server's default model).
 */
export default function WorldAIModel({ world }) {
  const id = useId();
  const queryClient = useQueryClient();
  const models = useQuery(queries.aiModels());
  const [choice, setChoice] = useState(world.ai_model || '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const list = (models.data && models.data.models) || [];
  const fallback = models.data && models.data.default;
  const changed = choice !== (world.ai_model || '');

  const save = async (e) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await worlds.update(world.world_id, { ai_model: choice }, world.version);
      if (updated && updated.world_id) queryClient.setQueryData(queryKeys.worlds.detail(world.world_id), updated);
      await worldChanged(queryClient, world.world_id);
      setSaved(true);
    } catch (err) {
      setError(err);
      if (err && err.status === 412) queryClient.invalidateQueries({ queryKey: queryKeys.worlds.detail(world.world_id) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>AI model</h2>
      <p className="muted small">Which model writes and checks for this world. Only the models the site’s operator allows are offered.</p>
      {models.data && models.data.provider === 'offline' && (
        <p className="muted small">No AI server is configured on this site yet: the offline helper answers for now, and the model chosen here is used once there is one.</p>
      )}
      {models.isPending && <Loading label="Loading the models…" />}
      <ErrorMessage error={models.error} onRetry={() => models.refetch()} />
      {models.data && (
        <form onSubmit={save} aria-label="AI model of the world">
          <div className="field">
            <label htmlFor={`${id}-model`}>Model</label>
            <select
              id={`${id}-model`}
              value={choice}
              onChange={(e) => {
                setChoice(e.target.value);
                setSaved(false);
              }}
            >
              <option value="">{fallback ? `The server’s default (${fallback})` : 'The server’s default'}</option>
              {list
                .filter((m) => m.id !== '')
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {modelLabel(m, models.data.currency)}
                  </option>
                ))}
              {choice && !list.some((m) => m.id === choice) && <option value={choice}>{`${choice} (no longer allowed)`}</option>}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={saving || !changed}>
              {saving ? 'Saving…' : 'Save model'}
            </button>
          </div>
          {saved && !changed && (
            <p className="alert alert-success" role="status">
              Saved. New AI jobs of this world use {choice || 'the server’s default'}.
            </p>
          )}
          <ErrorMessage error={error} />
        </form>
      )}
    </section>
  );
}
