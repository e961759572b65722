import { formatWhen } from '../utils/options.js';

/** A short line of what a draft holds: its first non-empty text, cut at a word. */
function preview(values, fields) {
  const text = fields.map((f) => values[f]).find((v) => typeof v === 'string' && v.trim());
  if (!text) return '';
  const flat = text.trim().replace(/\s+/g, ' ');
  if (flat.length <= 90) return flat;
  const cut = flat.slice(0, 90);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

/**
 * "Restore your unsaved draft from <time>?" with Restore and Discard, at the top of a form.
 * `draft` is useDraft's; `previewFields` name the values that show what the draft holds.
 */
export default function DraftOffer({ draft, previewFields = [] }) {
  const { offer } = draft;
  if (!offer) return null;
  const line = preview(offer.values, previewFields);
  return (
    <div className="alert alert-info draft-offer" role="status">
      <div className="draft-offer-text">
        <strong>Restore your unsaved draft from {formatWhen(offer.savedAt)}?</strong>
        {!offer.newer && <span className="small"> It is older than the saved version, which changed since.</span>}
        {line && <span className="draft-preview">“{line}”</span>}
      </div>
      <div className="actions nowrap">
        <button type="button" className="btn btn-small btn-primary" onClick={draft.restore}>
          Restore
        </button>
        <button type="button" className="btn btn-small" onClick={draft.discard}>
          Discard
        </button>
      </div>
    </div>
  );
}
