import { useState } from 'react';
import StoredImage from './StoredImage.jsx';
import ImageUpload from './ImageUpload.jsx';
import ErrorMessage from './ErrorMessage.jsx';

/**
 * The image of a world or an entry, and for editors an upload (which sets it) and "Remove image"
 * (unsets it; the stored file stays); without an image, only "Add an image" (for editors) shows.
 * `onSet(imageId)` saves the choice.
 */
export default function EntryImage({ worldId, imageId, name, editable, onSet }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!imageId && !editable) return null;
  const unset = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSet('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={imageId ? 'entry-image' : 'entry-image no-image'}>
      {imageId && <StoredImage imageId={imageId} alt={`Image of ${name}`} className="entry-picture" />}
      {editable && (
        <details className="image-tools">
          <summary>{imageId ? 'Change image' : 'Add an image'}</summary>
          <ImageUpload worldId={worldId} onUploaded={(image) => onSet(image.image_id)} label={`Image of ${name}`} />
          {imageId && (
            <button type="button" className="btn btn-small btn-ghost" onClick={unset} disabled={busy}>
              Remove image
            </button>
          )}
          <ErrorMessage error={error} />
        </details>
      )}
    </div>
  );
}
