import { formatWhen } from '../utils/options.js';
import { draftPreview } from '../utils/conflict.js';

/**
 * "Restore your unsaved draft from <time>?" with Restore and Discard, at the top of a form.
 * `draft` is useDraft's; `previewFields` name the values that show what the draft holds, where it
 * differs from the form's `current` values.
 */
export default function DraftOffer({ draft, current, previewFields = [] }) {
  const { offer } = draft;
  if (!offer) return null;
  const line = draftPreview(offer.values, current, previewFields);
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
