/**
 * Placeholder until the safe Markdown renderer lands (the other frontend workstream owns this file):
 * the text as plain paragraphs, never as HTML.
 */
export default function MarkdownView({ text }) {
  if (!text) return null;
  return <div className="markdown plain-text">{text}</div>;
}
