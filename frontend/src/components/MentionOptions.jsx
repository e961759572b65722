/** The popup of the `@` completion: a listbox under the caret (a tap chooses without leaving the text). */
export default function MentionOptions({ completion }) {
  const { open, options, active, setActive, choose, position, listId, optionId } = completion;
  if (!open) return null;
  const keep = (e) => e.preventDefault(); // the text keeps the focus and the keyboard stays up
  return (
    <ul
      id={listId}
      className="mention-options"
      role="listbox"
      aria-label="Codex entries"
      style={{ top: position ? position.top + 4 : '100%', left: position ? `min(${position.left}px, max(0px, calc(100% - 17rem)))` : 0 }}
    >
      {options.map((o, i) => (
        <li
          key={o.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={`mention-option ${i === active ? 'is-active' : ''}`}
          onPointerDown={keep}
          onMouseDown={keep}
          onMouseEnter={() => setActive(i)}
          onClick={() => choose(o)}
        >
          <span className="mention-option-name">{o.name}</span>
          {o.kind && <span className={`badge badge-${o.kind}`}>{o.kind}</span>}
        </li>
      ))}
    </ul>
  );
}
