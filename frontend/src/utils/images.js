// Image uploads: what the API takes and what its refusals mean to a writer.
import { formatBytes } from './entries.js';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/**
 * What went wrong with an upload, in words: the file, then the API's own sentence (it names the
 * limit, or what is wrong with the image); ours when it gave none.
 */
export function uploadErrorMessage(err, file) {
  const what = file ? `“${file.name}” (${formatBytes(file.size)})` : 'That file';
  const fallback = {
    413: 'is too large to upload.',
    415: 'is not a PNG, JPEG, WebP or GIF image.',
    400: 'could not be read as an image.',
  }[err && err.status];
  if (err && err.isApiError && err.message && err.status >= 400 && err.status < 500) return `${what}: ${err.message}`;
  if (fallback) return `${what} ${fallback}`;
  return (err && err.message) || 'The upload failed.';
}
