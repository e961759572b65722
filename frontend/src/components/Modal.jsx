import { useEffect, useId, useLayoutEffect, useRef } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog (the browser's <dialog>, opened with showModal: the page behind is inert). Mounted
 * means open. Labelled by its title, described by `description`; Tab and Shift+Tab stay inside;
 * Escape calls `onClose` (leave it out to make the dialog wait for a choice); focus goes to the
 * element marked `data-autofocus` (else the first control) and back to where it was on close.
 */
export default function Modal({ title, description, onClose, children, className = '', wide = false }) {
  const ref = useRef(null);
  const titleId = useId();
  const descriptionId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', ''); // jsdom and old browsers
    }
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      if (opener && typeof opener.focus === 'function' && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    const wanted = dialog.querySelector('[data-autofocus]');
    if (wanted) wanted.focus();
    else if (!dialog.contains(document.activeElement) || document.activeElement === dialog) (dialog.querySelector(FOCUSABLE) || dialog).focus();
  }, []);

  const onKeyDown = (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (onClose) onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...ref.current.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`modal ${wide ? 'modal-wide' : ''} ${className}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      // Escape is handled above; the browser's own close would leave React's state open
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {description && (
        <p id={descriptionId} className="modal-description">
          {description}
        </p>
      )}
      {children}
    </dialog>
  );
}
