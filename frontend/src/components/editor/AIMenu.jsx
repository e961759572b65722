import { useEffect, useRef } from 'react';

/**
 * The editor's AI menu (a WAI-ARIA menu): `items` [{id, label, hint, blocked}] where `blocked` is
 * the sentence saying why an item cannot run now (it stays in the list, aria-disabled, so the
 * writer learns what it needs). Up/Down/Home/End move, Enter or a click picks (`onPick(id)`),
 * Escape and Tab close it (`onClose(refocus)`). Focus goes to the first item that can run.
 */
export default function AIMenu({ id, labelledBy, items, onPick, onClose }) {
  const ref = useRef(null);
  useEffect(() => {
    const buttons = [...ref.current.querySelectorAll('[role="menuitem"]')];
    (buttons.find((b) => b.getAttribute('aria-disabled') !== 'true') || buttons[0]).focus();
    const away = (e) => {
      if (ref.current && !ref.current.contains(e.target) && !e.target.closest('.md-tool-ai')) onClose(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [onClose]);

  const onKeyDown = (e) => {
    const buttons = [...ref.current.querySelectorAll('[role="menuitem"]')];
    const i = buttons.indexOf(document.activeElement);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      buttons[(to + buttons.length) % buttons.length].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'Tab') onClose(false);
  };

  return (
    <div ref={ref} id={id} className="ai-menu" role="menu" aria-labelledby={labelledBy} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="ai-menu-item"
          aria-disabled={item.blocked ? 'true' : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => !item.blocked && onPick(item.id)}
        >
          <span className="ai-menu-label">{item.label}</span>
          <span className="ai-menu-hint">{item.blocked || item.hint}</span>
        </button>
      ))}
    </div>
  );
}
