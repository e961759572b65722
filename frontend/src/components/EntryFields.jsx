import { Fragment } from 'react';
import { formatFieldValue } from '../utils/entries.js';
import { unlistedFields as unlisted } from '../utils/fieldValues.js';
import EntryLink from './EntryLink.jsx';

function Value({ value, type, world, worldId }) {
  if (type === 'entry' && typeof value === 'string' && value) return <EntryLink worldId={worldId} id={value} />;
  if (type === 'list' && Array.isArray(value))
    return (
      <ul className="field-list">
        {value.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    );
  return formatFieldValue(value, type, { world });
}

/**
 * An entry's custom fields under their templates' labels (in the world's order), then "Unlisted
 * fields": values whose template was deleted, kept and shown under their keys.
 */
export default function EntryFields({ fields = {}, templates, world, worldId }) {
  const filled = templates.filter((t) => fields[t.key] !== undefined && fields[t.key] !== null && fields[t.key] !== '');
  const others = unlisted(fields, templates);
  if (!filled.length && !others.length) return null;
  return (
    <section className="entry-section" aria-labelledby="entry-fields-h">
      <h2 id="entry-fields-h">Details</h2>
      {filled.length > 0 && (
        <dl className="dl entry-fields">
          {filled.map((t) => (
            <Fragment key={t.key}>
              <dt>{t.label}</dt>
              <dd>
                <Value value={fields[t.key]} type={t.field_type} world={world} worldId={worldId} />
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      {others.length > 0 && (
        <>
          <h3 className="small muted">Unlisted fields</h3>
          <p className="muted small">Their template was deleted; the values are kept.</p>
          <dl className="dl entry-fields">
            {others.map(([key, value]) => (
              <Fragment key={key}>
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>{formatFieldValue(value, Array.isArray(value) ? 'list' : typeof value === 'object' ? 'date' : 'text', { world })}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
