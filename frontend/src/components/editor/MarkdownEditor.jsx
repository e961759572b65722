import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';
import { countChars, countWords, wordsLabel } from '../../utils/wordCount.js';
import MarkdownView from '../MarkdownView.jsx';
import { MENTION_HINT } from '../MentionTextarea.jsx';
import { Compartment, EditorView, External, createEditorState } from './codemirror.js';
import EditorToolbar from './EditorToolbar.jsx';
import { useEditorAI } from './useEditorAI.jsx';
import { mapTarget } from './editorAI.js';
import { FieldNotes } from '../Field.jsx';

const LOOKUP_LIMIT = 8;

/**
 * A Markdown editor for prose (CodeMirror 6): a toolbar and keys for bold, italic, heading, link,
 * list, quote and scene break; Write/Read to see the text as readers will (MarkdownView); word and
 * character counts; a focus mode that gives the page to the text (Escape leaves it); and `[[` or
 * `@` completion of the codex names of world `worldId`. `value` in, `onChange(text)` out; `status`
 * (an autosave's) shows in its footer. `ai` ({worldId, storyId?, onTitle?}) adds the AI writing
 * tools (EditorAI): a toolbar button and Ctrl/Cmd+J open their menu.
 */
export default function MarkdownEditor({ label, value, onChange, worldId, error, hint = MENTION_HINT, placeholder, status, className = '', ai = null }) {
  const id = useId();
  const labelId = `${id}-label`;
  const host = useRef(null);
  const viewRef = useRef(null);
  const [view, setView] = useState(null);
  const [reading, setReading] = useState(false);
  const [focusMode, setFocusMode] = useState(false);
  const [aiMenu, setAiMenu] = useState(false);
  const aiTarget = useRef(null); // where a running AI job's answer goes, followed through edits
  const queryClient = useQueryClient();
  const live = useRef({ onChange, worldId, queryClient, ai });
  useEffect(() => {
    live.current = { onChange, worldId, queryClient, ai };
  });
  const describedBy = [error ? `${id}-err` : null, hint && worldId ? `${id}-hint` : null].filter(Boolean).join(' ');
  const attrValue = { 'aria-labelledby': labelId, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : 'false', spellcheck: 'true', autocapitalize: 'sentences' };
  const attrs = useRef(null);

  // one CodeMirror view for the component's life; what it needs later it reads from `live`
  useEffect(() => {
    attrs.current = new Compartment();
    const lookup = async (q) => {
      const { worldId: wid, queryClient: qc } = live.current;
      if (!wid) return null;
      const data = await qc.fetchQuery({ ...queries.entries(wid, { q: q || undefined, sort: 'name', per_page: LOOKUP_LIMIT }), staleTime: 30_000 });
      return data.items.map((e) => ({ id: e.id, name: e.name, kind: e.kind })).filter((e) => e.name);
    };
    const created = new EditorView({
      parent: host.current,
      state: createEditorState({
        doc: value,
        onText: (text) => live.current.onChange(text),
        onUpdate: (update) => {
          if (update.docChanged && aiTarget.current) aiTarget.current = mapTarget(aiTarget.current, update.changes);
        },
        onAIKey: () => {
          if (!live.current.ai) return false;
          setAiMenu(true);
          return true;
        },
        lookup,
        attrs: attrs.current,
        attrValue,
        placeholder,
      }),
    });
    viewRef.current = created;
    setView(created);
    return () => {
      created.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; value and attributes follow below
  }, []);

  // a value set from outside (a restored draft, "Reload theirs") replaces the text
  useEffect(() => {
    const v = viewRef.current;
    if (v && value !== v.state.doc.toString()) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: External.of(true) });
  }, [value]);

  const attrJson = JSON.stringify(attrValue);
  useEffect(() => {
    const v = viewRef.current;
    if (v && attrs.current) v.dispatch({ effects: attrs.current.reconfigure(EditorView.contentAttributes.of(JSON.parse(attrJson))) });
  }, [attrJson]);

  const aiParts = useEditorAI({ view, ai, menuOpen: aiMenu && !reading, setMenuOpen: setAiMenu, menuId: `${id}-ai-menu`, buttonId: `${id}-ai`, targetRef: aiTarget });

  const counted = useDeferredValue(value);
  const words = countWords(counted);
  const chars = countChars(counted);

  const toggleReading = (next) => {
    setReading(next);
    if (!next) requestAnimationFrame(() => viewRef.current && viewRef.current.focus());
  };

  const onKeyDown = (e) => {
    if (e.key === 'Escape' && focusMode && !e.defaultPrevented) {
      e.preventDefault();
      setFocusMode(false);
    }
  };

  return (
    <div className={`field md-editor ${focusMode ? 'is-focus' : ''} ${aiParts.panel ? 'has-ai-preview' : ''} ${className}`} onKeyDown={onKeyDown}>
      <div className="md-editor-head">
        <span id={labelId} className="md-editor-label">
          {label}
        </span>
        <div className="md-editor-modes" role="group" aria-label={`${label}: write or read`}>
          <button type="button" className={`md-mode ${reading ? '' : 'is-on'}`} aria-pressed={!reading} onClick={() => toggleReading(false)}>
            Write
          </button>
          <button type="button" className={`md-mode ${reading ? 'is-on' : ''}`} aria-pressed={reading} onClick={() => toggleReading(true)}>
            Read
          </button>
        </div>
      </div>
      <EditorToolbar
        label={label}
        view={view}
        disabled={reading}
        focusMode={focusMode}
        onFocusMode={() => setFocusMode((f) => !f)}
        ai={ai ? { open: aiMenu, onToggle: () => setAiMenu((o) => !o), menuId: `${id}-ai-menu`, buttonId: `${id}-ai` } : null}
      />
      {!reading && aiParts.menu}
      <div ref={host} className="md-editor-host" hidden={reading} />
      {aiParts.panel}
      {reading && (
        <div className="md-editor-reading" aria-label={`${label}, as readers see it`} role="region">
          {value.trim() ? <MarkdownView text={value} worldId={worldId} /> : <p className="muted">Nothing to read yet.</p>}
        </div>
      )}
      <div className="md-editor-foot">
        <span className="md-editor-count" aria-label={`${words} words, ${chars} characters`}>
          {wordsLabel(words)} · {chars.toLocaleString('en')} characters
        </span>
        {status}
      </div>
      <FieldNotes id={id} hint={worldId ? hint : null} error={error} />
    </div>
  );
}
