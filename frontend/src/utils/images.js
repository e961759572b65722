// Image uploads: what the API takes and what its refusals mean to a writer.
import { formatBytes } from './entries.js';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** What went wrong with an upload, in words (the API's own sentence kept after ours). */
export function uploadErrorMessage(err, file) {
  const said = err && err.message ? ` ${err.message}` : '';
  const what = file ? `“${file.name}” (${formatBytes(file.size)})` : 'That file';
  if (err && err.status === 413) return `${what} is too large to upload.${said}`;
  if (err && err.status === 415) return `${what} is not a PNG, JPEG, WebP or GIF image.${said}`;
  if (err && err.status === 400) return `${what} could not be read as an image.${said}`;
  return (err && err.message) || 'The upload failed.';
}

