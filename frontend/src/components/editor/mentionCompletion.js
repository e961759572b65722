// `[[` / `@` completion of codex names inside the Markdown editor (@codemirror/autocomplete): the
// same token rules (utils/mentions.js: mentionToken) and the same insertion (`[[Name]]` and a
// space, a closing `]]` already typed reused) as the <textarea> completion of useMentionCompletion.
import { insertMention, mentionToken } from '../../utils/mentions.js';

/**
 * A completion source; `lookup(query)` resolves to the entries whose name starts so
 * ([{id, name, kind}], at most a few), or null when there is no world to look in.
 */
export function mentionSource(lookup) {
  return async (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const token = mentionToken(line.text, context.pos - line.from);
    if (!token) return null;
    const items = await lookup(token.query.trim());
    if (!items || context.aborted) return null;
    const from = line.from + token.start;
    return {
      from,
      to: context.pos,
      filter: false,
      options: items.map((e) => ({
        label: e.name,
        detail: e.kind,
        type: 'mention',
        apply: (view, completion, start, end) => applyMention(view, start, end, token.trigger, e.name),
      })),
    };
  };
}

/** Replace `start..end` (the typed `@que` / `[[que`) with `[[name]]`, as one undoable change. */
export function applyMention(view, start, end, trigger, name) {
  const { state } = view;
  const tail = state.sliceDoc(end, end + 3);
  const { text, caret } = insertMention(state.sliceDoc(start, end) + tail, { start: 0, end: end - start, trigger }, name);
  const consumed = trigger === '[[' && tail.startsWith(']]') ? 2 : 0;
  const insert = text.slice(0, caret);
  view.dispatch({
    changes: { from: start, to: end + consumed, insert },
    selection: { anchor: start + insert.length },
    userEvent: 'input.complete',
    scrollIntoView: true,
  });
}
