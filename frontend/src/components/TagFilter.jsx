/** The tag a list is filtered by, with a way back to the whole list. */
export default function TagFilter({ tag, onClear }) {
  return (
    <p className="tag-filter" role="status">
      <span>
        Tagged <span className="chip chip-tag">#{tag}</span>
      </span>
      <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
        Show all
      </button>
    </p>
  );
}
