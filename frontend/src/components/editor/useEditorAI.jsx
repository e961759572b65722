import { useCallback, useEffect, useRef } from 'react';
import AIMenu from './AIMenu.jsx';
import AIPreview from './AIPreview.jsx';
import { AI_TOOLS, acceptSpec, markAITarget, toolBlocked, toolOf, writingRequest } from './editorAI.js';
import { useWriting } from './useWriting.js';

const PHONE = '(max-width: 600px)';
const ACCEPT_HINT = { replace: 'Accept replaces the selected text (one undo takes it back).', insert: 'Accept inserts it at the cursor (one undo takes it back).' };

/**
 * The AI of a MarkdownEditor on `view`: `{menu, panel}`, its menu (open when `menuOpen`;
 * `setMenuOpen`) to show under the toolbar and the preview of the running job to show under the
 * text. `ai`: {worldId, storyId?, onTitle?(title)} (null: no AI, both null) — Suggest titles is
 * offered when `onTitle` is. `targetRef` (a ref the editor keeps mapped through edits) holds where
 * the answer goes.
 */
export function useEditorAI({ view, ai, menuOpen, setMenuOpen, menuId, buttonId, targetRef }) {
  const w = useWriting();
  const panel = useRef(null);
  const tools = AI_TOOLS.filter((t) => t.accept !== 'title' || (ai && ai.onTitle));
  const items = view && menuOpen ? tools.map((t) => ({ ...t, blocked: toolBlocked(view.state, t) })) : [];
  const open = w.phase !== 'idle';

  const close = useCallback(
    (refocus) => {
      setMenuOpen(false);
      if (refocus && view) view.focus();
    },
    [setMenuOpen, view],
  );

  const pick = (id) => {
    const tool = toolOf(id);
    setMenuOpen(false);
    if (!view || !ai || !tool || toolBlocked(view.state, tool)) return;
    const { body, target: where } = writingRequest(view.state, tool, { storyId: ai.storyId });
    targetRef.current = { ...where, tool: tool.id };
    view.dispatch({ effects: markAITarget.of(where) });
    w.start(ai.worldId, body);
  };

  // the preview in view as it opens; on a phone it is a bottom sheet (up to half the screen as the
  // text arrives): the text it works on is brought above that
  useEffect(() => {
    if (!open || !view || !targetRef.current) return;
    const frame = requestAnimationFrame(() => {
      const box = panel.current;
      const phone = typeof window.matchMedia === 'function' && window.matchMedia(PHONE).matches;
      if (!phone) {
        if (box && typeof box.scrollIntoView === 'function') box.scrollIntoView({ block: 'nearest' });
        return;
      }
      const { from, to } = targetRef.current;
      const start = view.coordsAtPos(Math.min(from, view.state.doc.length));
      const end = view.coordsAtPos(Math.min(to, view.state.doc.length), -1) || start;
      if (start && end && (start.top < 56 || end.bottom > window.innerHeight * 0.52 - 8)) window.scrollBy({ top: start.top - 72 });
    });
    return () => cancelAnimationFrame(frame);
  }, [open, view, targetRef]);

  const finish = () => {
    w.discard();
    targetRef.current = null;
    if (view) view.dispatch({ effects: markAITarget.of(null) });
    if (view) view.focus();
  };
  const accept = (text) => {
    if (view && targetRef.current && text) view.dispatch(acceptSpec(view.state, targetRef.current, text));
    finish();
  };
  const chooseTitle = (title) => {
    if (ai && ai.onTitle) ai.onTitle(title);
    finish();
  };

  const tool = toolOf(w.tool);
  if (!ai) return { menu: null, panel: null };
  return {
    menu: <div className="ai-menu-anchor">{menuOpen && view && <AIMenu id={menuId} labelledBy={buttonId} items={items} onPick={pick} onClose={close} />}</div>,
    panel: open ? (
      <AIPreview
        ref={panel}
        writing={w}
        title={tool ? `AI: ${tool.label}` : 'AI'}
        acceptHint={tool && ACCEPT_HINT[tool.accept]}
        onAccept={accept}
        onTitle={chooseTitle}
        onStop={w.stop}
        onDiscard={finish}
      />
    ) : null,
  };
}
