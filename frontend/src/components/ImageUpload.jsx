import { useId, useRef, useState } from 'react';
import { images } from '../services/api.js';
import { formatBytes } from '../utils/entries.js';
import { IMAGE_TYPES as TYPES, uploadErrorMessage } from '../utils/images.js';

/**
 * Choose an image file (PNG, JPEG, WebP or GIF; its size shown) and upload it to the world; the
 * API answers ImageOut, handed to `onUploaded(image)` (which sets it on the world or entry).
 */
export default function ImageUpload({ worldId, onUploaded, label = 'Upload an image' }) {
  const id = useId();
  const input = useRef(null);
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const choose = (e) => {
    const next = e.target.files && e.target.files[0];
    setError('');
    setFile(next || null);
    if (next && next.type && !TYPES.includes(next.type)) setError(`“${next.name}” is not a PNG, JPEG, WebP or GIF image.`);
  };
  const upload = async () => {
    setBusy(true);
    setError('');
    try {
      const image = await images.upload(worldId, file);
      await onUploaded(image);
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(uploadErrorMessage(err, file));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="image-upload">
      <label htmlFor={id} className="small">
        {label}
      </label>
      <input ref={input} id={id} type="file" accept={TYPES.join(',')} onChange={choose} disabled={busy} aria-describedby={`${id}-info`} />
      <p id={`${id}-info`} className="small muted" aria-live="polite">
        {file ? `${file.name} · ${formatBytes(file.size)}` : 'PNG, JPEG, WebP or GIF.'}
      </p>
      {file && !error && (
        <button type="button" className="btn btn-small btn-primary" onClick={upload} disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
