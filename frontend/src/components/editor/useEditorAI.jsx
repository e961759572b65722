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

  // on a phone the preview is a bottom sheet: bring the selection above it
  useEffect(() => {
    if (!open || !view || !targetRef.current || typeof window.matchMedia !== 'function' || !window.matchMedia(PHONE).matches) return;
    const frame = requestAnimationFrame(() => {
      const at = view.coordsAtPos(Math.min(targetRef.current.from, view.state.doc.length));
      const sheet = panel.current && panel.current.getBoundingClientRect();
      // the sheet grows as the text arrives, up to about half the screen: keep the text above that
      if (at && sheet && (at.top < 56 || at.bottom > Math.min(sheet.top, window.innerHeight * 0.5) - 8)) window.scrollBy({ top: at.top - 72 });
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
