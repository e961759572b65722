import { useId } from 'react';

/**
 * A labelled form control. `as` = input | textarea | select; a select's `options` are
 * `[{value, label}]` (or pass <option>s as children).
 * `error` is shown under the control and wired with aria-describedby.
 */
/** A control's hint and error under it, with the ids its aria-describedby names (`${id}-hint`, `${id}-err`). */
export function FieldNotes({ id, hint, error }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

export default function Field({ label, as = 'input', error, hint, options, children, className = '', ...props }) {
  const id = useId();
  const Tag = as;
  const describedBy = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <Tag id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} {...props}>
        {options
          ? options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          : children}
      </Tag>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
