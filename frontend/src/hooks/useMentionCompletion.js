import { useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { insertMention, mentionToken } from '../utils/mentions.js';
import { caretCoordinates } from '../utils/caret.js';
import { useDebouncedValue } from './useDebouncedValue.js';

const LIMIT = 8;

/** Replace `from..to` of the focused `el` with `text` as if typed, so the browser's undo takes it back; false where it cannot. */
function typeOver(el, from, to, text) {
  if (typeof document.execCommand !== 'function') return false;
  el.focus();
  el.setSelectionRange(from, to);
  try {
    return document.execCommand('insertText', false, text) && el.value.slice(from, from + text.length) === text;
  } catch {
    return false;
  }
}

/**
 * Completion of codex names while typing: `@Ay` or `[[Ay` before the caret lists the entries of
 * world `worldId` whose name or alias starts so (GET /worlds/{wid}/entries?q=), and Enter, Tab or a
 * tap writes `[[Name]]`. Arrow keys move, Escape closes. It is text in, text out (`value`,
 * `setValue(text)`) plus the element `inputRef` for the caret, so any editor that can report its
 * caret and replace a range can use it; MentionTextarea puts it on a <textarea>.
 *
 * Returns `inputProps` for the element (keys, caret tracking and the combobox ARIA attributes),
 * `open`, `options` ([{id, name, kind}]), `active`, `setActive(i)`, `choose(option)`, `position`
 * ({top, left} of the caret line's foot, for the popup), `listId` and `optionId(i)`.
 */
export function useMentionCompletion({ worldId, value, setValue, inputRef }) {
  const listId = useId();
  const [typing, setTyping] = useState(null); // {token, position}
  const [dismissed, setDismissed] = useState(null); // the start of a token Escape closed
  const [activeFor, setActiveFor] = useState({ query: null, index: 0 });
  const token = worldId && typing ? typing.token : null;
  const q = useDebouncedValue(token ? token.query.trim() : null);
  const { data } = useQuery({
    ...queries.entries(worldId, { q: q || undefined, sort: 'name', per_page: LIMIT }),
    enabled: !!token && q !== null,
    placeholderData: keepPreviousData,
  });
  const options = token && data ? data.items.map((e) => ({ id: e.id, name: e.name, kind: e.kind })).filter((e) => e.name) : [];
  const open = !!token && token.start !== dismissed && options.length > 0;
  const active = open && activeFor.query === token.query ? Math.min(activeFor.index, options.length - 1) : 0;
  const setActive = (index) => setActiveFor({ query: token ? token.query : null, index });
  const optionId = (i) => `${listId}-${i}`;

  const track = (el) => {
    if (!worldId || !el) return;
    const next = el.selectionStart === el.selectionEnd ? mentionToken(el.value, el.selectionStart) : null;
    if (!next) {
      setDismissed(null);
      if (typing) setTyping(null);
      return;
    }
    if (typing && typing.token.start === next.start && typing.token.query === next.query) return;
    const caret = caretCoordinates(el, next.start);
    setTyping({ token: next, position: { top: caret.top + caret.height, left: Math.max(0, caret.left) } });
  };

  const choose = (option) => {
    if (!token || !option) return;
    const el = inputRef.current;
    const { text, caret } = insertMention(value, token, option.name);
    const end = token.trigger === '[[' && value.slice(token.end).startsWith(']]') ? token.end + 2 : token.end;
    if (!(el && typeOver(el, token.start, end, text.slice(token.start, caret)))) {
      // Committed at once, caret placed at once: keys typed right after the choice land after the mention.
      flushSync(() => setValue(text));
      if (el) {
        el.focus();
        el.setSelectionRange(caret, caret);
      }
    }
    setTyping(null);
  };

  const onKeyDown = (e) => {
    if (!open || e.nativeEvent.isComposing) return;
    const moves = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: options.length - 1, PageUp: 0 };
    if (e.key in moves) {
      e.preventDefault();
      setActive((moves[e.key] + options.length) % options.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // a dialog around the field stays open
      setDismissed(token.start);
    }
  };

  const inputProps = worldId
    ? {
        onKeyDown,
        onInput: (e) => track(e.currentTarget),
        onSelect: (e) => track(e.currentTarget),
        onBlur: () => setTyping(null),
        'aria-autocomplete': 'list',
        'aria-controls': open ? listId : undefined,
        'aria-activedescendant': open ? optionId(active) : undefined,
      }
    : {};

  return { inputProps, open, options, active, setActive, choose, position: typing && typing.position, listId, optionId };
}
