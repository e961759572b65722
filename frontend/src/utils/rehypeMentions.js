import { splitMentions } from './mentions.js';

// Where a mention is not made a link: code shows text as typed, and a link cannot hold a link.
const SKIP = new Set(['code', 'pre', 'a']);

function mentionNode({ name, shown }) {
  return { type: 'element', tagName: 'span', properties: { dataMention: name, dataShown: shown }, children: [{ type: 'text', value: shown }] };
}

function walk(node) {
  if (!node.children || (node.type === 'element' && SKIP.has(node.tagName))) return;
  node.children = node.children.flatMap((child) => {
    if (child.type !== 'text' || !child.value.includes('[[')) {
      walk(child);
      return [child];
    }
    return splitMentions(child.value).map((part) => (typeof part === 'string' ? { type: 'text', value: part } : mentionNode(part)));
  });
}

/**
 * A rehype plugin: `[[Name]]` and `[[Name|shown]]` in the text become `<span data-mention="Name">shown</span>`,
 * which MarkdownView draws as a link to the entry. It runs after the sanitizer, so a writer's text can
 * never make such an element itself (raw HTML is dropped before).
 */
export default function rehypeMentions() {
  return (tree) => walk(tree);
}
