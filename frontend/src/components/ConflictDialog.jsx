import { useEffect, useRef, useState } from 'react';
import Modal from './Modal.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import { formatWhen } from '../utils/options.js';
import { splitDiff } from '../utils/conflict.js';

// a field may hold parts (an in-world date): compared whole
const norm = (v) => (v === null || v === undefined ? '' : typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : String(v));

function Value({ text, mid, prefix, suffix, long }) {
  const ref = useRef(null);
  // a long text opens scrolled to where it differs
  useEffect(() => {
    const box = ref.current;
    const mark = box && box.querySelector('mark');
    if (mark && box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 24);
  }, []);
  if (!text) return <div className="conflict-value conflict-empty">(empty)</div>;
  return (
    <div ref={ref} className={`conflict-value ${long ? 'conflict-long' : ''}`} tabIndex={long ? 0 : undefined}>
      {mid === undefined ? (
        text
      ) : (
        <>
          {prefix}
          {mid && <mark>{mid}</mark>}
          {suffix}
        </>
      )}
    </div>
  );
}

/**
 * "Changed elsewhere": the writer's version and the current one side by side (the fields that
 * differ; long texts readable, the changed part marked), with "Overwrite with mine" and "Reload
 * theirs" (after confirming; the form keeps the writer's version in its local draft).
 * `fields` are [{key, label, long, show(value)}], `base` the values the form opened with.
 */
export default function ConflictDialog({ noun, fields, mine, theirs, base, theirsSavedAt, onOverwrite, onReload, onClose, busy, error }) {
  const [confirming, setConfirming] = useState(false);
  const reloadRef = useRef(null);
  const backFromConfirm = useRef(false);
  useEffect(() => {
    if (!confirming && backFromConfirm.current) reloadRef.current?.focus();
    backFromConfirm.current = false;
  }, [confirming]);
  const differing = fields.filter((f) => norm(mine[f.key]) !== norm(theirs[f.key]));
  const same = fields.filter((f) => !differing.includes(f));
  const when = theirsSavedAt ? formatWhen(Date.parse(theirsSavedAt)) : '';

  return (
    <Modal
      wide
      title="Changed elsewhere"
      description={`This ${noun} was saved somewhere else${when ? ` at ${when}` : ''} after you opened it. Compare the two versions and choose which one to keep.`}
      onClose={busy ? undefined : onClose}
      className="conflict-dialog"
    >
      {differing.length === 0 ? (
        <p>Both versions hold the same text: saving yours changes nothing they wrote.</p>
      ) : (
        <div className="conflict-fields">
          {differing.map((f) => {
            const show = f.show || ((v) => norm(v));
            const a = show(mine[f.key]);
            const b = show(theirs[f.key]);
            const split = f.long && a && b ? splitDiff(a, b) : null;
            const byMe = base && norm(mine[f.key]) !== norm(base[f.key]);
            const byThem = base && norm(theirs[f.key]) !== norm(base[f.key]);
            const who = byMe && byThem ? 'Changed by you and elsewhere' : byMe ? 'Changed by you' : byThem ? 'Changed elsewhere' : '';
            return (
              <section key={f.key} className="conflict-field" aria-label={f.label}>
                <h3>
                  {f.label} {who && <span className="conflict-who">{who}</span>}
                </h3>
                <div className="conflict-sides">
                  <div className="conflict-side conflict-mine">
                    <h4>Yours</h4>
                    <Value text={a} long={f.long} {...(split ? { prefix: split.prefix, mid: split.mine, suffix: split.suffix } : {})} />
                  </div>
                  <div className="conflict-side conflict-theirs">
                    <h4>Theirs (saved)</h4>
                    <Value text={b} long={f.long} {...(split ? { prefix: split.prefix, mid: split.theirs, suffix: split.suffix } : {})} />
                  </div>
                </div>
              </section>
            );
          })}
        </div>
      )}
      {same.length > 0 && differing.length > 0 && <p className="muted small">The same in both: {same.map((f) => f.label).join(', ')}.</p>}
      <ErrorMessage error={error} />
      {confirming ? (
        <div className="conflict-confirm" role="group" aria-label="Reload theirs?">
          <p>
            <strong>Discard your changes and load theirs?</strong> Your version stays in a local draft on this device, which you can restore.
          </p>
          <div className="actions modal-actions">
            <button type="button" className="btn btn-danger" onClick={onReload} disabled={busy} autoFocus>
              Yes, reload theirs
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                backFromConfirm.current = true;
                setConfirming(false);
              }}
              disabled={busy}
            >
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="actions modal-actions">
          <button type="button" className="btn btn-primary" onClick={onOverwrite} disabled={busy} data-autofocus="">
            {busy ? 'Saving…' : 'Overwrite with mine'}
          </button>
          <button type="button" ref={reloadRef} className="btn" onClick={() => setConfirming(true)} disabled={busy}>
            Reload theirs
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            Keep editing
          </button>
        </div>
      )}
    </Modal>
  );
}
