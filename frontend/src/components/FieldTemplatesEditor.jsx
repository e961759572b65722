import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldTemplates as api } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { ENTRY_KINDS, FIELD_TYPES, slugify, splitList } from '../utils/entries.js';
import { sortTemplates } from '../utils/fieldValues.js';
import { labelOf } from '../utils/options.js';
import Field from './Field.jsx';
import ConfirmButton from './ConfirmButton.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import Loading from './Loading.jsx';

function TemplateRow({ template, first, last, onMove, onRename, onDelete }) {
  const [label, setLabel] = useState(template.label);
  const changed = label.trim() && label.trim() !== template.label;
  return (
    <li className="template-row" data-testid="field-template">
      <div className="template-main">
        <label className="sr-only" htmlFor={`tpl-${template.template_id}`}>
          Label of {template.label}
        </label>
        <input id={`tpl-${template.template_id}`} className="input-small" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
        <span className="muted small">
          {labelOf(FIELD_TYPES, template.field_type)} · <code>{template.key}</code>
        </span>
      </div>
      <div className="actions nowrap">
        {changed && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => onRename(label.trim())}>
            Rename
          </button>
        )}
        <button type="button" className="btn btn-small" disabled={first} onClick={() => onMove(-1)} aria-label={`Move ${template.label} up`}>
          ↑
        </button>
        <button type="button" className="btn btn-small" disabled={last} onClick={() => onMove(1)} aria-label={`Move ${template.label} down`}>
          ↓
        </button>
        <ConfirmButton label={`Delete the field ${template.label}`} confirmLabel="Yes, delete (values are kept)" onConfirm={onDelete}>
          Delete
        </ConfirmButton>
      </div>
    </li>
  );
}

/**
 * The world's custom fields, per kind of entry (owners only): add one (label, type; its key made
 * from the label), rename, reorder, delete (entries keep their values, shown as unlisted fields).
 */
export default function FieldTemplatesEditor({ world }) {
  const worldId = world.world_id;
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('character');
  const [draft, setDraft] = useState({ label: '', field_type: 'text', key: '', choices: '', links: '' });
  const { data, error, isPending, refetch } = useQuery(queries.fieldTemplates(worldId, kind));
  const templates = sortTemplates(data);
  const onSuccess = () => worldChanged(queryClient, worldId);
  const create = useMutation({ mutationFn: (body) => api.create(worldId, body), onSuccess });
  const update = useMutation({ mutationFn: ({ id, body }) => api.update(worldId, id, body), onSuccess });
  const remove = useMutation({ mutationFn: (id) => api.remove(worldId, id), onSuccess });
  const key = draft.key || slugify(draft.label);

  const add = async (e) => {
    e.preventDefault();
    if (!draft.label.trim()) return;
    try {
      const body = { kind, label: draft.label.trim(), field_type: draft.field_type, order: templates.length };
      if (draft.key) body.key = draft.key; // else the API makes it from the label
      const choices = ['text', 'list'].includes(draft.field_type) ? splitList(draft.choices) : [];
      if (choices.length) body.options = { choices };
      if (draft.field_type === 'entry' && draft.links) body.options = { kinds: [draft.links] };
      await create.mutateAsync(body);
      setDraft({ label: '', field_type: draft.field_type, key: '', choices: '', links: '' });
    } catch {
      /* shown below */
    }
  };
  // a move renumbers the kind's templates 0..n-1 and saves those whose place changed
  const move = async (index, step) => {
    const next = [...templates];
    [next[index], next[index + step]] = [next[index + step], next[index]];
    for (const [i, t] of next.entries()) if (t.order !== i) await update.mutateAsync({ id: t.template_id, body: { order: i } });
  };

  const details = (create.error && create.error.details) || {};
  return (
    <section className="card" aria-labelledby="templates-h">
      <h2 id="templates-h">Custom fields</h2>
      <p className="muted small">Fields every entry of a kind offers, typed: text, a number, a date in this world’s calendar, a link to another entry, or a list.</p>
      <div className="segmented" role="group" aria-label="Kind of entry">
        {ENTRY_KINDS.map((k) => (
          <button key={k.value} type="button" className={`btn btn-small ${kind === k.value ? 'is-on' : ''}`} aria-pressed={kind === k.value} onClick={() => setKind(k.value)}>
            {k.plural}
          </button>
        ))}
      </div>
      {isPending && <Loading label="Loading fields…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      <ErrorMessage error={update.error || remove.error} />
      {data && templates.length === 0 && <p className="muted">No custom fields for {ENTRY_KINDS.find((k) => k.value === kind).plural.toLowerCase()} yet.</p>}
      <ul className="template-list" aria-label={`Fields of ${kind}`}>
        {templates.map((t, i) => (
          <TemplateRow
            key={`${t.template_id}-${t.label}`}
            template={t}
            first={i === 0}
            last={i === templates.length - 1}
            onMove={(step) => move(i, step).catch(() => {})}
            onRename={(label) => update.mutateAsync({ id: t.template_id, body: { label } }).catch(() => {})}
            onDelete={() => remove.mutateAsync(t.template_id)}
          />
        ))}
      </ul>
      <form className="form template-add" onSubmit={add} aria-label="New field">
        <div className="form-row">
          <Field label="New field" value={draft.label} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} placeholder="e.g. Birthday, Sigil, Allegiance" maxLength={100} error={details.label} />
          <Field label="Type" as="select" value={draft.field_type} onChange={(e) => setDraft((d) => ({ ...d, field_type: e.target.value }))} options={FIELD_TYPES} error={details.field_type} />
          <Field label="Key" value={key} maxLength={40} onChange={(e) => setDraft((d) => ({ ...d, key: e.target.value.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40) }))} hint="Made from the label; stays when you rename it." error={details.key} />
        </div>
        {['text', 'list'].includes(draft.field_type) && (
          <Field label="Choices (optional)" value={draft.choices} onChange={(e) => setDraft((d) => ({ ...d, choices: e.target.value }))} hint="Separated by commas: the only values allowed. Leave empty for any." error={details.options} />
        )}
        {draft.field_type === 'entry' && (
          <Field label="Links to" as="select" value={draft.links} onChange={(e) => setDraft((d) => ({ ...d, links: e.target.value }))} error={details.options}>
            <option value="">An entry of any kind</option>
            {ENTRY_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Field>
        )}
        <ErrorMessage error={create.error} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !draft.label.trim()}>
          {create.isPending ? 'Adding…' : 'Add field'}
        </button>
      </form>
    </section>
  );
}
