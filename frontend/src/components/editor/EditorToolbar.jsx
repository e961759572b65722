import { useRef } from 'react';
import { FORMATS, applyFormat, shortcutLabel } from './commands.js';
import Icon from '../Icon.jsx';

/**
 * The format buttons of a MarkdownEditor (one tab stop: arrow keys move along it) and its focus
 * mode switch. A button keeps the text's focus and selection (it acts on pointer down's default
 * being prevented) and runs its format on `view`. `ai` ({open, onToggle, menuId, buttonId}) adds
 * the AI button that opens the editor's AI menu (Ctrl/Cmd+J from the text).
 */
export default function EditorToolbar({ label, view, disabled, focusMode, onFocusMode, ai }) {
  const bar = useRef(null);
  const move = (e) => {
    const buttons = [...bar.current.querySelectorAll('button:not([disabled])')];
    const i = buttons.indexOf(document.activeElement);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to === undefined || i < 0) return;
    e.preventDefault();
    buttons[(to + buttons.length) % buttons.length].focus();
  };
  return (
    <div ref={bar} className="md-toolbar" role="toolbar" aria-label={`${label} formatting`} onKeyDown={move}>
      {FORMATS.map((f, i) => (
        <button
          key={f.id}
          type="button"
          className={`md-tool md-tool-${f.id}`}
          aria-label={f.label}
          title={`${f.label} (${shortcutLabel(f.key)})`}
          tabIndex={i === 0 ? 0 : -1}
          disabled={disabled || !view}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => view && applyFormat(view, f.run)}
        >
          <span aria-hidden="true">{f.glyph.startsWith('icon:') ? <Icon name={f.glyph.slice(5)} /> : f.glyph}</span>
        </button>
      ))}
      <span className="md-toolbar-gap" />
      {ai && (
        <button
          type="button"
          id={ai.buttonId}
          className={`md-tool md-tool-ai ${ai.open ? 'is-on' : ''}`}
          aria-haspopup="menu"
          aria-expanded={ai.open}
          aria-controls={ai.open ? ai.menuId : undefined}
          title={`AI writing tools (${shortcutLabel('Mod-j')})`}
          tabIndex={-1}
          disabled={disabled || !view}
          onMouseDown={(e) => e.preventDefault()}
          onClick={ai.onToggle}
        >
          <Icon name="sparkle" /> AI
        </button>
      )}
      <button type="button" className={`md-tool md-tool-focus ${focusMode ? 'is-on' : ''}`} aria-pressed={focusMode} aria-label="Focus mode" tabIndex={disabled ? 0 : -1} onClick={onFocusMode} title="Focus mode (Escape leaves it)">
        Focus<span className="md-wide-only"> mode</span>
      </button>
    </div>
  );
}
