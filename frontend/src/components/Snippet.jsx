import { snippetParts } from '../utils/search.js';

/** A search snippet: its text, with the words found in <mark> (the only markup read from it). */
export default function Snippet({ html }) {
  const parts = snippetParts(html);
  if (!parts.length) return null;
  return (
    <p className="search-snippet">
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}
