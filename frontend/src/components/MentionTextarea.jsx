import { useId, useRef } from 'react';
import { useMentionCompletion } from '../hooks/useMentionCompletion.js';
import MentionOptions from './MentionOptions.jsx';
import { FieldNotes } from './Field.jsx';

export const MENTION_HINT = 'Type @ (or [[) and a name to link an entry of the codex: [[Name]], or [[Name|other words]].';

/**
 * A labelled <textarea> (like Field) whose `@` completion writes `[[Name]]` links to entries of world
 * `worldId` (without a world it is a plain textarea). `onChange` gets the change event, or
 * `{target: {value}}` when a completion is inserted, so a Field's handler fits.
 */
export default function MentionTextarea({ label, value, onChange, worldId, error, hint = MENTION_HINT, className = '', ...props }) {
  const id = useId();
  const ref = useRef(null);
  const completion = useMentionCompletion({ worldId, value, setValue: (text) => onChange({ target: { value: text } }), inputRef: ref });
  const describedBy = [error ? `${id}-err` : null, hint && worldId ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <div className="mention-input">
        <textarea ref={ref} id={id} value={value} onChange={onChange} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} {...props} {...completion.inputProps} />
        <MentionOptions completion={completion} />
      </div>
      <FieldNotes id={id} hint={worldId ? hint : null} error={error} />
    </div>
  );
}
